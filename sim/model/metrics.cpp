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

double ratio(double a, double b) {
  return b > 0 ? a / b : kNaN;
}
double bullwhip(const OrderVariances& v) {
  return ratio(v.orders.variance(), v.demand.variance());
}
// Inventory turnover: cost of goods sold per year over the average inventory value; undefined when
// nothing is held (or nothing sold). Days of inventory: the average inventory over the cost of
// goods sold per day, 0 when nothing is held, undefined when nothing is sold.
double turnover(double cogs_per_day, double average_value) {
  return average_value > 0 && cogs_per_day > 0 ? cogs_per_day * kDaysPerYear / average_value : kNaN;
}
double days_of_inventory(double cogs_per_day, double average_value) {
  return cogs_per_day > 0 ? average_value / cogs_per_day : kNaN;
}
// The value-weighted days a receivable or payable is outstanding (value x days over the value);
// 0 when nothing was sold or bought, so that the cash-to-cash cycle has no such term.
double days_outstanding(double value_days, double value) {
  return value > 0 ? value_days / value : 0.0;
}

}  // namespace

ReplicationResult measure(const MeasuredRun& run) {
  const ArmPlan& plan = run.plan;
  const ChainSpec& spec = plan.spec();
  ReplicationResult result;
  result.events_processed = run.events_processed;
  result.calendar_operations = run.calendar_operations;
  result.customers = run.customers_arrived;
  result.peak_customer_records = run.customers.peak_records();
  auto& out = result.metrics;
  const double end = spec.horizon_days;
  const double measured_days = std::max(1e-9, end - spec.warmup_days);
  auto emit = [&out](const std::string& scope, const std::string& metric, double value) {
    out.push_back({scope, metric, value});
  };

  double holding_total = 0, transport_total = 0, backorder_total = 0, lost_sales_total = 0;
  double busy = 0, available = 0, requested = 0, turned_away = 0;
  for (Index node = 0; node < plan.node_count(); ++node) {
    const NodeSpec& ns = plan.node(node);
    const NodeAccount& acc = run.books.measured(node);
    const NodeInventory& inv = run.books.inventory(node);
    const ServiceCounts& service = run.customers.node_service(node);
    const FlowVariances& flow = run.flows.node(node);
    const Index fi = plan.factory_of(node);
    const std::string& id = ns.id;
    const double wip_value_days = fi != kNone ? run.production.wip_value_days(fi) : 0.0;
    const double average_value = inv.average_value + wip_value_days / measured_days;
    const double holding = ns.holding_cost_rate_per_year * inv.value_days / kDaysPerYear +
                           ns.holding_cost_per_unit_day * inv.unit_days;
    const double salvage_loss = acc.salvaged_cost - acc.salvage_revenue;
    const double profit = acc.revenue - acc.cogs - salvage_loss - holding - acc.transport_cost;
    // Shortage costs, textbook style: p x unit-days owed to consumers by this stock, and a penalty
    // per unit it lost, both over the measured window. Not cash: profit leaves them out.
    const double backorder_cost = ns.stock ? ns.stock->backorder_cost_per_unit_day *
                                                 run.stock.consumer_backorders(node).integral(end)
                                           : 0.0;
    const double lost_sales_cost =
        ns.stock ? ns.stock->lost_sale_cost_per_unit * run.customers.units_lost_by_stock(node)
                 : 0.0;
    holding_total += holding;
    transport_total += acc.transport_cost;
    backorder_total += backorder_cost;
    lost_sales_total += lost_sales_cost;
    const double cogs_per_day = acc.cogs / measured_days;
    const double inventory_days = days_of_inventory(cogs_per_day, average_value);
    const double receivable_days = days_outstanding(acc.receivable_value_days, acc.revenue);
    const double payable_days = days_outstanding(acc.payable_value_days, acc.paid_to_suppliers);
    emit(id, "inventory_turnover", turnover(cogs_per_day, average_value));
    emit(id, "days_of_inventory", inventory_days);
    emit(id, "cash_to_cash_days", inventory_days + receivable_days - payable_days);
    emit(id, "average_inventory_value", average_value);
    emit(id, "ending_inventory_value", inv.ending_value);
    emit(id, "units_sold", acc.units_sold);
    emit(id, "revenue", acc.revenue);
    emit(id, "holding_cost", holding);
    emit(id, "transport_cost", acc.transport_cost);
    emit(id, "backorder_cost", backorder_cost);
    emit(id, "lost_sales_cost", lost_sales_cost);
    emit(id, "total_cost", holding + acc.transport_cost + backorder_cost + lost_sales_cost);
    emit(id, "salvage_loss", salvage_loss);
    emit(id, "profit", profit);
    emit(id, "bullwhip", bullwhip(flow.review));
    emit(id, "bullwhip_daily", bullwhip(flow.daily));
    emit(id, "bullwhip_weekly", bullwhip(flow.weekly));
    if (service.customers > 0) {
      emit(id, "service_level", ratio(service.units_on_time, service.units_demanded_for_service));
      emit(id, "fill_rate", ratio(service.units_from_stock, service.units_demanded));
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
    if (fi != kNone) {
      const double capacity = static_cast<double>(run.production.lines(fi)) * measured_days;
      const double busy_days = run.production.busy_days(fi, end);
      emit(id, "utilisation", busy_days / capacity);
      emit(id, "jobs_in_system_mean", run.production.jobs_in_system(fi).average(end));
      emit(id, "job_wait_mean", run.production.job_waits(fi).mean());
      emit(id, "turned_away_share",
           ratio(run.production.turned_away_units(fi), run.production.requested_units(fi)));
      busy += busy_days;
      available += capacity;
      requested += run.production.requested_units(fi);
      turned_away += run.production.turned_away_units(fi);
    }
  }

  // p05, p25, p75 and p99 draw the distribution (a box plot); p50 and p95 are the headline.
  constexpr std::array<double, 6> kLeadQuantiles{0.05, 0.25, 0.50, 0.75, 0.95, 0.99};
  const std::vector<double> lead = run.customers.lead_times().quantiles(kLeadQuantiles);
  const ChainAccount& chain = run.books.measured_chain();
  const ChainService& s = run.customers.chain_service();
  // Everything the chain holds, at unit cost: on hand, between nodes, on the lines, and sold but
  // on its way to the consumer.
  const double system_value =
      run.books.chain_on_hand_average_value() + run.books.chain_in_transit_value().average(end) +
      (run.production.wip_unit_cost_days() + run.books.to_consumers_value_days()) / measured_days;
  const double consumer_cost_per_day = chain.consumer_cost_value / measured_days;
  const double system_inventory_days = days_of_inventory(consumer_cost_per_day, system_value);
  const double salvage_loss = chain.salvaged_chain_cost - chain.salvage_revenue;
  // The chain's own profit: what consumers paid, less what the units cost the chain to make, what
  // was salvaged below cost, holding and transport. The tiers' profits add up to it but for the
  // markups inside the chain on the stock held at the window's ends, which the tiers book when
  // they sell to each other and the chain only when a consumer buys.
  const double chain_profit = chain.consumer_revenue - chain.consumer_chain_cost - salvage_loss -
                              holding_total - transport_total;
  double backorders = 0;
  for (Index node = 0; node < plan.node_count(); ++node) {
    backorders += run.stock.consumer_backorders(node).average(end);
  }
  const std::string sys = "system";
  emit(sys, "inventory_turnover", turnover(consumer_cost_per_day, system_value));
  emit(sys, "days_of_inventory", system_inventory_days);
  // The chain buys nothing from outside it: no payable term.
  emit(sys, "cash_to_cash_days",
       system_inventory_days +
           days_outstanding(chain.consumer_receivable_value_days, chain.consumer_revenue));
  emit(sys, "list_markup", ratio(s.list_value, s.list_cost));
  emit(sys, "realised_markup", ratio(chain.consumer_revenue, chain.consumer_cost_value));
  emit(sys, "service_level", ratio(s.units_on_time, s.units_demanded_for_service));
  emit(sys, "fill_rate", ratio(s.units_from_stock, s.units_demanded));
  emit(sys, "lost_sales_rate", ratio(s.units_lost, s.units_demanded));
  emit(sys, "backorders_mean", backorders);
  emit(sys, "lead_time_mean", run.customers.lead_times().mean());
  emit(sys, "lead_time_p05", lead[0]);
  emit(sys, "lead_time_p25", lead[1]);
  emit(sys, "lead_time_p50", lead[2]);
  emit(sys, "lead_time_p75", lead[3]);
  emit(sys, "lead_time_p95", lead[4]);
  emit(sys, "lead_time_p99", lead[5]);
  emit(sys, "lead_time_coverage", ratio(s.customers_served, s.customers));
  const FlowVariances& cf = run.flows.chain();
  emit(sys, "bullwhip", bullwhip(cf.review));
  emit(sys, "bullwhip_daily", bullwhip(cf.daily));
  emit(sys, "bullwhip_weekly", bullwhip(cf.weekly));
  emit(sys, "turned_away_share", ratio(turned_away, requested));
  emit(sys, "match_rate", ratio(s.customers_matched, s.customers_served));
  emit(sys, "utilisation", ratio(busy, available));
  emit(sys, "profit", chain_profit);
  emit(sys, "salvage_loss", salvage_loss);
  emit(sys, "backorder_cost", backorder_total);
  emit(sys, "lost_sales_cost", lost_sales_total);
  emit(sys, "total_cost", holding_total + transport_total + backorder_total + lost_sales_total);
  emit(sys, "ending_inventory_value",
       run.stock.value_at_chain_cost() + run.transport.value_at_chain_cost());
  emit(sys, "consumer_spending", chain.consumer_revenue);
  emit(sys, "units_demanded", s.units_demanded);
  emit(sys, "units_sold", chain.consumer_units);
  emit(sys, "unsold_units", chain.salvaged_units);
  emit(sys, "unsold_value", chain.salvaged_chain_cost);
  emit(sys, "salvage_revenue", chain.salvage_revenue);
  emit(sys, "customers", s.customers);
  return result;
}

}  // namespace c2msim::model
