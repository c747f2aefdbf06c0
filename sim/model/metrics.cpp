#include "sim/model/metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

namespace c2msim::model {
namespace {

constexpr double kDaysPerYear = 365.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Turnover with goods sold but no stock held (make to order) is infinite: zero days of inventory.
// With nothing sold it is undefined.
double turnover_of(double cogs_per_year, double average_value) {
  if (average_value > 0) return cogs_per_year / average_value;
  return cogs_per_year > 0 ? std::numeric_limits<double>::infinity() : kNaN;
}
double days_of(double turnover) {
  return turnover > 0 ? kDaysPerYear / turnover : kNaN;
}
double ratio(double a, double b) {
  return b > 0 ? a / b : kNaN;
}
double bullwhip(const stats::RunningMoments& orders, const stats::RunningMoments& demand) {
  return ratio(orders.variance(), demand.variance());
}

}  // namespace

ReplicationResult measure(const MeasuredRun& run) {
  const ArmPlan& plan = run.plan;
  const ChainSpec& spec = plan.spec();
  ReplicationResult result;
  result.events_processed = run.events_processed;
  result.peak_customer_records = run.customers.peak_records();
  auto& out = result.metrics;
  const double end = spec.horizon_days;
  const double measured_days = std::max(1e-9, end - spec.warmup_days);
  const double years = measured_days / kDaysPerYear;
  auto emit = [&out](const std::string& scope, const std::string& metric, double value) {
    out.push_back({scope, metric, value});
  };

  double chain_profit = 0;
  double busy = 0, available = 0;
  for (Index node = 0; node < plan.node_count(); ++node) {
    const NodeSpec& ns = plan.node(node);
    const NodeAccount& acc = run.books.measured(node);
    const NodeInventory& inv = run.books.inventory(node);
    const NodeService& service = run.customers.node_service(node);
    const OrderVariances& flow = run.flows.node(node);
    const std::string& id = ns.id;
    const double average_value = inv.value.average(end);
    const double holding = ns.holding_cost_rate_per_year * inv.value.integral(end) / kDaysPerYear +
                           ns.holding_cost_per_unit_day * inv.units.integral(end);
    const double profit = acc.revenue + acc.salvage_revenue - acc.purchases - acc.production_cost -
                          holding - acc.transport_cost;
    chain_profit += profit;
    const double turnover = turnover_of(acc.cogs / years, average_value);
    emit(id, "inventory_turnover", turnover);
    emit(id, "days_of_inventory", days_of(turnover));
    emit(id, "average_inventory_value", average_value);
    emit(id, "units_sold", acc.units_sold);
    emit(id, "revenue", acc.revenue);
    emit(id, "holding_cost", holding);
    emit(id, "transport_cost", acc.transport_cost);
    emit(id, "profit", profit);
    emit(id, "bullwhip", bullwhip(flow.daily_orders, flow.daily_demand));
    emit(id, "bullwhip_weekly", bullwhip(flow.weekly_orders, flow.weekly_demand));
    if (service.units_demanded > 0) {
      emit(id, "fill_rate", ratio(service.units_from_stock, service.units_at_stock));
      emit(id, "lost_sales_rate", ratio(service.units_lost, service.units_demanded));
      emit(id, "backorders_mean", run.stock.consumer_backorders(node).average(end));
    }
    // The markup waterfall: what this tier adds to the price, in multiples of unit cost.
    for (Index p = 0; p < plan.product_count(); ++p) {
      if (!plan.handles(node, p)) continue;
      const double step =
          (plan.price(node, p) - plan.purchase_cost(node, p)) / plan.product(p).unit_cost;
      emit(id, plan.product_count() == 1 ? "markup_step" : "markup_step_" + plan.product(p).id,
           step);
    }
    if (const Index fi = plan.factory_of(node); fi != kNone) {
      const double capacity = static_cast<double>(run.production.lines(fi)) * measured_days;
      const double busy_days = run.production.busy_days(fi, end);
      emit(id, "utilisation", busy_days / capacity);
      emit(id, "jobs_in_system_mean", run.production.jobs_in_system(fi).average(end));
      emit(id, "job_wait_mean", run.production.job_waits(fi).mean());
      busy += busy_days;
      available += capacity;
    }
  }

  // p05, p25, p75 and p99 draw the distribution (a box plot); p50 and p95 are the headline.
  constexpr std::array<double, 6> kLeadQuantiles{0.05, 0.25, 0.50, 0.75, 0.95, 0.99};
  const std::vector<double> lead = run.customers.lead_times().quantiles(kLeadQuantiles);
  const ChainAccount& chain = run.books.measured_chain();
  const ChainService& s = run.customers.chain_service();
  const double system_value = run.books.chain_on_hand_value().average(end) +
                              run.books.chain_in_transit_value().average(end);
  const double system_turnover = turnover_of(chain.consumer_cost_value / years, system_value);
  double from_stock = 0, at_stock = 0;
  for (Index node = 0; node < plan.node_count(); ++node) {
    from_stock += run.customers.node_service(node).units_from_stock;
    at_stock += run.customers.node_service(node).units_at_stock;
  }
  const std::string sys = "system";
  emit(sys, "inventory_turnover", system_turnover);
  emit(sys, "days_of_inventory", days_of(system_turnover));
  emit(sys, "list_markup", ratio(s.list_value, s.list_cost));
  emit(sys, "realised_markup",
       ratio(chain.consumer_revenue + chain.salvage_revenue,
             chain.consumer_cost_value + chain.salvaged_cost_value));
  emit(sys, "fill_rate", ratio(from_stock, at_stock));
  emit(sys, "lost_sales_rate", ratio(s.units_lost, s.units_demanded));
  double backorders = 0;
  for (Index node = 0; node < plan.node_count(); ++node) {
    backorders += run.stock.consumer_backorders(node).average(end);
  }
  emit(sys, "backorders_mean", backorders);
  emit(sys, "lead_time_mean", run.customers.lead_times().mean());
  emit(sys, "lead_time_p05", lead[0]);
  emit(sys, "lead_time_p25", lead[1]);
  emit(sys, "lead_time_p50", lead[2]);
  emit(sys, "lead_time_p75", lead[3]);
  emit(sys, "lead_time_p95", lead[4]);
  emit(sys, "lead_time_p99", lead[5]);
  const OrderVariances& cf = run.flows.chain();
  emit(sys, "bullwhip", bullwhip(cf.daily_orders, cf.daily_demand));
  emit(sys, "bullwhip_weekly", bullwhip(cf.weekly_orders, cf.weekly_demand));
  emit(sys, "match_rate", ratio(s.customers_matched, s.customers_served));
  emit(sys, "utilisation", ratio(busy, available));
  emit(sys, "profit", chain_profit);
  emit(sys, "consumer_spending", chain.consumer_revenue);
  emit(sys, "units_demanded", s.units_demanded);
  emit(sys, "units_sold", chain.consumer_units);
  emit(sys, "unsold_units", chain.unsold_units_at_horizon);
  emit(sys, "unsold_value", chain.salvaged_value_at_node);
  emit(sys, "salvage_revenue", chain.salvage_revenue);
  emit(sys, "customers", s.customers);
  return result;
}

}  // namespace c2msim::model
