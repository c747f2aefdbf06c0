#pragma once
// Demand and orders counted in buckets of days, for the bullwhip ratios: per node, the units it
// was asked for (by consumers or downstream nodes) and the units it ordered upstream or put into
// production; for the chain, consumer demand and the factories' production orders. Three
// bucketings: the node's review period with the known calendar divided out (the headline
// `bullwhip`), and raw daily and weekly buckets. A bucket counts only when every day of it lies in
// the measured window. Also the day's flows that the daily observer reports.

#include <cstdint>
#include <vector>

#include "sim/model/arm_plan.hpp"
#include "sim/stats/running_moments.hpp"

namespace c2msim::model {

// The variances of a demand and an order stream in one bucketing.
struct OrderVariances {
  stats::RunningMoments demand, orders;
};

struct FlowVariances {
  OrderVariances review;  // review-period buckets, calendar divided out
  OrderVariances daily;   // raw
  OrderVariances weekly;  // raw, days 1-7, 8-14, ... of the run
};

// The bucket of a node's review-period bullwhip: its review period, or a week for a node that
// reviews continuously or places no periodic orders (a make-to-order factory, a platform that
// forwards its orders).
std::int64_t review_bucket_days(const NodeSpec& node);

class FlowCounters {
 public:
  explicit FlowCounters(const ArmPlan& plan);

  void demand(Index node, double units) { nodes_[node].today.demand += units; }
  void order(Index node, double units) { nodes_[node].today.orders += units; }
  void received(Index node, double units) { received_today_[node] += units; }
  void consumer_demand(double units) { chain_.today.demand += units; }
  void factory_order(double units) { chain_.today.orders += units; }

  [[nodiscard]] double demand_today(Index node) const { return nodes_[node].today.demand; }
  [[nodiscard]] double orders_today(Index node) const { return nodes_[node].today.orders; }
  [[nodiscard]] double received_today(Index node) const { return received_today_[node]; }

  // The orders placed so far (by the opening review at time 0, which answers no demand) count in
  // the day's snapshot but in no bucket.
  void opening_review_done();
  // Closes day `day` of the run (the day [day - 1, day)); it is in the measured window when
  // `measured`.
  void end_day(std::int64_t day, bool measured);

  [[nodiscard]] const FlowVariances& node(Index n) const { return nodes_[n].variances; }
  // Consumer demand against the factories' production orders.
  [[nodiscard]] const FlowVariances& chain() const { return chain_.variances; }
  // The days of a node's (or the chain's) review-period buckets.
  [[nodiscard]] std::int64_t bucket_days(Index n) const { return nodes_[n].bucket_days; }
  [[nodiscard]] std::int64_t chain_bucket_days() const { return chain_.bucket_days; }

 private:
  struct Pair {
    double demand = 0, orders = 0;
  };
  // One stream's running buckets: each sum, the sum of its days' calendar factors, and whether
  // every day of it was measured.
  struct Buckets {
    Pair sum;
    double calendar = 0;
    bool measured = true;
  };
  struct Flow {
    std::int64_t bucket_days = 7;
    Pair today;
    double opening_orders = 0;  // of today's orders, the opening review's
    Buckets review, week;
    FlowVariances variances;
  };

  void close_day(Flow& f, std::int64_t day, bool measured, double calendar);

  const ArmPlan& plan_;
  std::vector<Flow> nodes_;
  Flow chain_;
  std::vector<double> received_today_;
};

}  // namespace c2msim::model
