#include "sim/model/run_size.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "sim/model/customers.hpp"
#include "sim/model/metric_catalogue.hpp"
#include "sim/stats/stream_quantiles.hpp"

namespace c2msim::model {
namespace {

// A customer's record while its order is open, and what it holds in the calendar and queues.
constexpr double kBytesPerOpenCustomer = sizeof(Customer) + 64.0;
// Per (node, variant): stock, backlog queue, demand totals and a forecast window.
constexpr double kBytesPerCell = 256.0;
// How long an order stays open when customers wait as long as it takes (a guess: a week).
constexpr double kOpenDaysWithoutPatience = 7.0;

}  // namespace

ReplicationSize estimate_replication(const ArmPlan& plan) {
  const ChainSpec& spec = plan.spec();
  ReplicationSize size;
  const double days = std::max(1.0, std::ceil(spec.horizon_days));
  double open_customers = 0;
  for (Index m = 0; m < plan.market_count(); ++m) {
    const MarketSpec& market = plan.market(m);
    const double factor = plan.market_rate_factor(m);
    const double total =
        std::accumulate(market.arrivals_per_day.begin(), market.arrivals_per_day.end(), 0.0);
    const double peak =
        market.arrivals_per_day.empty()
            ? 0.0
            : *std::max_element(market.arrivals_per_day.begin(), market.arrivals_per_day.end());
    size.customers += total * factor;
    // A customer arrives; one sent to a factory to be made to order is forwarded (by a platform)
    // and its job finishes: more events, in the share of the market's customers so served.
    double extra = 0, shares = 0;
    for (const Index l : plan.market_lanes(m)) {
      const Index node = plan.lane(l).from;
      const double share = plan.lane(l).share;
      shares += share;
      const bool forwards = plan.node_kind(node) == NodeKind::kPlatform && !plan.node(node).stock &&
                            plan.supplier_is_factory(node);
      const auto& f = plan.node(forwards ? plan.supplier(node) : node).factory;
      const bool to_order = f && f->mode != FactoryMode::kMakeToStock;
      extra += share * ((forwards ? 1.0 : 0.0) + (to_order ? 1.0 : 0.0));
    }
    size.events += total * factor * (1.0 + extra / shares);
    const double open_days =
        market.patience_days ? random::mean(*market.patience_days) : kOpenDaysWithoutPatience;
    open_customers += peak * factor * std::max(1.0, open_days);
    // Over-dispersed markets draw each day's customers with an event of their own.
    if (market.process == ArrivalProcess::kNegativeBinomial) size.events += days;
  }
  size.events += 2.0 * days;  // day ends and day closes
  double cells = 0;
  for (Index node = 0; node < plan.node_count(); ++node) {
    const auto& stock = plan.node(node).stock;
    for (Index sku = 0; sku < plan.sku_count(); ++sku) {
      if (!stock || !plan.stocks(node, sku)) continue;
      cells += 1;
      // Each review may place an order, which arrives at the supplier and ships.
      // Continuous review is taken as daily.
      const auto every = std::max<std::int64_t>(1, review_days(stock->policy));
      size.events += 2.0 * days / static_cast<double>(every);
    }
    if (const auto& f = plan.node(node).factory; f && f->batching_window_days > 0) {
      size.events += spec.horizon_days / f->batching_window_days;
    }
  }
  const double lead_times =
      std::min(size.customers, static_cast<double>(stats::StreamQuantiles::kDefaultExactCapacity));
  size.peak_bytes = kBytesPerCell * std::max(cells, static_cast<double>(plan.cell_count())) +
                    kBytesPerOpenCustomer * open_customers + 8.0 * lead_times;
  // The metrics of every node (at most: a consumer-facing node also reports its service, a
  // factory its production, and each node a markup step per product) and of the chain.
  std::uint64_t per_node = 0, system = 0;
  for (const MetricInfo& m : metric_catalogue()) {
    per_node += m.node ? 1 : 0;
    system += m.system ? 1 : 0;
  }
  size.metric_rows = system + plan.node_count() * (per_node + plan.product_count());
  return size;
}

}  // namespace c2msim::model
