#include "sim/model/metric_catalogue.hpp"

#include <algorithm>
#include <array>

namespace c2msim::model {
namespace {

constexpr bool kSystem = true;
constexpr bool kNode = true;
constexpr bool kHeadline = true;
constexpr bool kShare = true;

// clang-format off
constexpr std::array kCatalogue{
  // ---- headline ----
  MetricInfo{"inventory_turnover", kSystem, kNode, "turns/year", "Inventory turnover",
             Better::kHigher, false, kHeadline,
             "cost of goods sold per year / average inventory value. Node: units sold x its unit "
             "cost / on hand (and a factory's work in process) at its unit cost; system: units "
             "sold to consumers x unit cost / everything the chain holds at unit cost: on hand, "
             "between nodes, in production and sold but on its way to the consumer; nan when "
             "nothing is held or nothing sold"},
  MetricInfo{"days_of_inventory", kSystem, kNode, "days", "Days of inventory", Better::kLower,
             false, kHeadline,
             "the same average inventory / cost of goods sold per day (0 when nothing is held)"},
  MetricInfo{"list_markup", kSystem, false, "x unit cost", "List markup", Better::kLower, false,
             kHeadline, "consumer list price / unit cost, weighted by units demanded"},
  MetricInfo{"realised_markup", kSystem, false, "x unit cost", "Realised markup",
             Better::kNeither, false, kHeadline,
             "consumer revenue / (units sold to consumers x unit cost); salvage is not a sale "
             "(see salvage_loss)"},
  MetricInfo{"service_level", kSystem, kNode, "share", "Service level", Better::kHigher, kShare,
             kHeadline,
             "units delivered within compare.service_target_days of the order / units demanded, "
             "lost units counting as late; over the customers arriving in the measured window at "
             "least the target before the horizon"},
  MetricInfo{"fill_rate", kSystem, kNode, "share", "Fill rate", Better::kHigher, kShare,
             kHeadline,
             "units shipped at once from a stock (the consumer-facing node's, or a factory's for "
             "a drop shipment) / all units demanded (0 for pure make-to-order)"},
  MetricInfo{"lost_sales_rate", kSystem, kNode, "share", "Lost sales", Better::kLower, kShare,
             kHeadline, "units lost / units demanded (node: at the consumer-facing node)"},
  MetricInfo{"lead_time_mean", kSystem, false, "days", "Customer lead time, mean", Better::kLower,
             false, kHeadline,
             "arrival to delivery of the last unit, over customers served in full (their share: "
             "lead_time_coverage)"},
  MetricInfo{"lead_time_p95", kSystem, false, "days", "Customer lead time, p95", Better::kLower,
             false, kHeadline,
             "95th nearest-rank percentile of the same (exact up to 131,072 customers a "
             "replication, then from logarithmic bins within 0.05%)"},
  MetricInfo{"bullwhip", kSystem, kNode, "variance ratio", "Bullwhip", Better::kLower, false,
             kHeadline,
             "variance of the orders placed / variance of the demand received, in buckets of the "
             "review period (a week without periodic review; the chain: the longest of its nodes'), "
             "each bucket's flows divided by the mean factor over its days of the known calendar "
             "(weekly pattern and dated events) of the demand it serves. Node: what it ordered upstream or put into production against "
             "what it was asked for; system: the factories' production orders against consumer "
             "demand. A make-to-order request is an order, taken or turned away"},
  MetricInfo{"match_rate", kSystem, false, "share", "Variant match rate", Better::kHigher, kShare,
             kHeadline,
             "customers served in full with their preferred variant / customers served in full"},
  MetricInfo{"utilisation", kSystem, kNode, "share", "Factory utilisation", Better::kNeither,
             kShare, kHeadline,
             "factories' busy time (changeovers included) / (lines x measured days)"},
  MetricInfo{"profit", kSystem, kNode, "money", "Profit", Better::kHigher, false, kHeadline,
             "revenue - cost of the goods sold - salvage_loss - holding - transport, stock valued "
             "at cost at both ends of the window. Node: at its unit cost; system: what consumers "
             "paid less what the units cost the chain to make (it differs from the sum of the "
             "nodes' by the markups inside the chain on the stock held at the window's ends)"},
  MetricInfo{"consumer_spending", kSystem, false, "money", "Consumer spending", Better::kNeither,
             false, kHeadline, "what consumers paid for the units they received"},
  // ---- service and lead times ----
  MetricInfo{"backorders_mean", kSystem, kNode, "units", "Backorders, mean", Better::kLower,
             false, false, "time-average units owed to waiting consumers"},
  MetricInfo{"lead_time_p05", kSystem, false, "days", "Customer lead time, p05", Better::kLower,
             false, false, "5th nearest-rank percentile of the customers' lead times"},
  MetricInfo{"lead_time_p25", kSystem, false, "days", "Customer lead time, p25", Better::kLower,
             false, false, "25th nearest-rank percentile of the customers' lead times"},
  MetricInfo{"lead_time_p50", kSystem, false, "days", "Customer lead time, median",
             Better::kLower, false, false, "median (nearest rank) of the customers' lead times"},
  MetricInfo{"lead_time_p75", kSystem, false, "days", "Customer lead time, p75", Better::kLower,
             false, false, "75th nearest-rank percentile of the customers' lead times"},
  MetricInfo{"lead_time_p99", kSystem, false, "days", "Customer lead time, p99", Better::kLower,
             false, false, "99th nearest-rank percentile of the customers' lead times"},
  MetricInfo{"lead_time_coverage", kSystem, false, "share", "Lead-time coverage",
             Better::kNeither, kShare, false,
             "customers served in full / customers: the share the lead-time statistics cover"},
  MetricInfo{"bullwhip_daily", kSystem, kNode, "variance ratio", "Bullwhip (raw, daily)",
             Better::kLower, false, false,
             "the bullwhip ratio of the raw flows in daily buckets (orders placed once a week "
             "make it large)"},
  MetricInfo{"bullwhip_weekly", kSystem, kNode, "variance ratio", "Bullwhip (raw, weekly)",
             Better::kLower, false, false,
             "the same in weekly buckets (days 1-7, 8-14, ... of the run), calendar included"},
  MetricInfo{"turned_away_share", kSystem, kNode, "share", "Turned away", Better::kLower, kShare,
             false,
             "factory: make-to-order units whose quote exceeded the customer's patience / "
             "make-to-order units that reached it"},
  // ---- volumes and money ----
  MetricInfo{"customers", kSystem, false, "customers", "Customers", Better::kNeither, false,
             false, "customers who arrived in the measured window"},
  MetricInfo{"units_demanded", kSystem, false, "units", "Units demanded", Better::kNeither, false,
             false, "units those customers asked for"},
  MetricInfo{"units_sold", kSystem, kNode, "units", "Units sold", Better::kNeither, false, false,
             "system: units delivered to consumers; node: units it sold, to consumers or nodes"},
  MetricInfo{"revenue", false, kNode, "money", "Revenue", Better::kNeither, false, false,
             "what the node's buyers (consumers or nodes) paid it"},
  MetricInfo{"holding_cost", false, kNode, "money", "Holding cost", Better::kLower, false, false,
             "rate_per_year x time-average on-hand value / 365 a day, or per_unit_day x units"},
  MetricInfo{"transport_cost", false, kNode, "money", "Transport cost", Better::kLower, false,
             false, "cost_per_unit of the lanes the node ships on x units shipped"},
  MetricInfo{"backorder_cost", kSystem, kNode, "money", "Backorder cost", Better::kLower, false,
             false,
             "stock's backorder_cost_per_unit_day x the unit-days its stock owed consumers in the "
             "measured window (the time-integral of backorders_mean); system: the nodes' sum"},
  MetricInfo{"lost_sales_cost", kSystem, kNode, "money", "Lost-sales cost", Better::kLower, false,
             false,
             "stock's lost_sale_cost_per_unit x the measured customers' units its stock lost (none "
             "at a make-to-order quote); system: the nodes' sum"},
  MetricInfo{"total_cost", kSystem, kNode, "money", "Total cost", Better::kLower, false, false,
             "holding + transport + backorder + lost-sales cost; system: the nodes' sum. Shortage "
             "costs are not cash: profit leaves them out"},
  MetricInfo{"salvage_loss", kSystem, kNode, "money", "Salvage loss", Better::kLower, false,
             false,
             "units salvaged x their cost (node: its unit cost; system: the chain's) - salvage "
             "revenue"},
  MetricInfo{"average_inventory_value", false, kNode, "money", "Average inventory value",
             Better::kNeither, false, false,
             "time-average on-hand units (and a factory's work in process) x the node's unit cost"},
  MetricInfo{"ending_inventory_value", kSystem, kNode, "money", "Ending inventory value",
             Better::kNeither, false, false,
             "stock at the horizon at cost: node, on hand at its unit cost; system, on hand and "
             "between nodes at the chain's cost"},
  MetricInfo{"cash_to_cash_days", kSystem, kNode, "days", "Cash-to-cash cycle", Better::kLower,
             false, false,
             "days_of_inventory + days from a sale to its payment - days from a purchase to "
             "paying for it, value-weighted (lanes' payment_terms_days; a platform's consumers pay "
             "when they order, so its make-to-order sales are paid before they happen)"},
  MetricInfo{"markup_step", false, kNode, "x unit cost", "Markup step", Better::kNeither, false,
             false,
             "(the node's price - its purchase cost) / unit cost; 1 + the steps along a chain = "
             "the list markup; markup_step_PRODUCT when the arm has several products"},
  MetricInfo{"unsold_units", kSystem, false, "units", "Unsold units", Better::kLower, false,
             false,
             "units salvaged in the measured window: at season ends (and what arrives after its "
             "season), and the stock on hand at the horizon with terminal_valuation: salvage"},
  MetricInfo{"unsold_value", kSystem, false, "money", "Unsold value", Better::kLower, false,
             false, "the same units at the chain's cost"},
  MetricInfo{"salvage_revenue", kSystem, false, "money", "Salvage revenue", Better::kNeither,
             false, false, "units salvaged x salvage_fraction x unit cost"},
  // ---- factories ----
  MetricInfo{"jobs_in_system_mean", false, kNode, "jobs", "Jobs in system, mean",
             Better::kNeither, false, false,
             "factory: time-average production jobs queued (or waiting for a batch release) or "
             "on a line; with make-to-order, one job per customer order"},
  MetricInfo{"job_wait_mean", false, kNode, "days", "Job wait, mean", Better::kLower, false, false,
             "factory: mean time from a job joining the queue (or the batch) to a line taking it, "
             "over jobs queued after the warm-up and started before the horizon"},
};
// clang-format on

}  // namespace

std::span<const MetricInfo> metric_catalogue() {
  return kCatalogue;
}

const MetricInfo* find_metric(std::string_view name) {
  constexpr std::string_view kPerProduct = "markup_step_";
  if (name.size() > kPerProduct.size() && name.starts_with(kPerProduct)) name = "markup_step";
  const auto it = std::find_if(kCatalogue.begin(), kCatalogue.end(),
                               [&](const MetricInfo& m) { return m.name == name; });
  return it == kCatalogue.end() ? nullptr : &*it;
}

std::vector<std::string> headline_metrics() {
  std::vector<std::string> names;
  for (const MetricInfo& m : kCatalogue) {
    if (m.headline) names.emplace_back(m.name);
  }
  return names;
}

std::vector<std::string_view> metric_names() {
  std::vector<std::string_view> names;
  for (const MetricInfo& m : kCatalogue) names.push_back(m.name);
  return names;
}

std::string unit_in(const MetricInfo& metric, std::string_view currency) {
  if (metric.unit == "money" && !currency.empty()) return std::string(currency);
  return std::string(metric.unit);
}

}  // namespace c2msim::model
