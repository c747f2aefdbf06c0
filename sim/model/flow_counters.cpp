#include "sim/model/flow_counters.hpp"

#include <algorithm>
#include <cmath>
#include <variant>

namespace c2msim::model {
namespace {

void add(OrderVariances& v, double demand, double orders) {
  v.demand.add(demand);
  v.orders.add(orders);
}

}  // namespace

FlowCounters::FlowCounters(const ArmPlan& plan)
    : plan_(plan), nodes_(plan.node_count()), received_today_(plan.node_count(), 0.0) {
  chain_.bucket_days = 1;
  for (Index n = 0; n < plan.node_count(); ++n) {
    nodes_[n].bucket_days = review_bucket_days(plan.node(n));
    // The chain's orders are the factories', but a tier that orders once a week makes every
    // order upstream of it weekly: the chain's bucket is the longest of every node's.
    chain_.bucket_days = std::max(chain_.bucket_days, nodes_[n].bucket_days);
  }
  if (plan.spec().system_bucket_days > 0) chain_.bucket_days = plan.spec().system_bucket_days;
}

std::int64_t review_bucket_days(const NodeSpec& node) {
  const std::int64_t days = node.stock ? review_days(node.stock->policy) : 0;
  return days > 0 ? days : 7;
}

void FlowCounters::opening_review_done() {
  for (Flow& f : nodes_) f.opening_orders = f.today.orders;
  chain_.opening_orders = chain_.today.orders;
}

void FlowCounters::close_day(Flow& f, std::int64_t day, bool measured, double calendar) {
  // The opening review's orders (at time 0) answer no demand: they are in no bucket.
  f.today.orders -= f.opening_orders;
  f.opening_orders = 0;
  if (measured) add(f.variances.daily, f.today.demand, f.today.orders);
  f.review.sum.demand += f.today.demand;
  f.review.sum.orders += f.today.orders;
  f.review.calendar += calendar;
  f.review.measured = f.review.measured && measured;
  f.week.sum.demand += f.today.demand;
  f.week.sum.orders += f.today.orders;
  f.week.measured = f.week.measured && measured;
  if (day % f.bucket_days == 0) {
    // The calendar is divided out of the bucket as a whole (its mean factor over the bucket's
    // days), not day by day: an order placed on the bucket's last day answers the whole bucket's
    // demand, and dividing it by that one day's factor would count a festival's edge as
    // amplification.
    // A bucket with no expected demand (closed days only) is not divided.
    if (f.review.measured) {
      const double mean = f.review.calendar / static_cast<double>(f.bucket_days);
      const double factor = mean > 0 ? mean : 1.0;
      add(f.variances.review, f.review.sum.demand / factor, f.review.sum.orders / factor);
    }
    f.review = Buckets{};
  }
  if (day % 7 == 0) {
    if (f.week.measured) add(f.variances.weekly, f.week.sum.demand, f.week.sum.orders);
    f.week = Buckets{};
  }
  f.today = Pair{};
}

void FlowCounters::end_day(std::int64_t day, bool measured) {
  const auto index = static_cast<std::size_t>(day - 1);  // the day that ended
  for (Index n = 0; n < nodes_.size(); ++n) {
    close_day(nodes_[n], day, measured, plan_.calendar_factor(n, index));
    received_today_[n] = 0;
  }
  close_day(chain_, day, measured, plan_.chain_calendar_factor(index));
}

}  // namespace c2msim::model
