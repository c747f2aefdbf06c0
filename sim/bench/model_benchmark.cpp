#include "sim/bench/model_benchmark.hpp"

#include <algorithm>
#include <chrono>

#include "sim/model/replication.hpp"
#include "sim/model/synthetic_chain.hpp"

namespace c2msim::bench {
namespace {

model::ChainSpec with_horizon(model::ChainSpec chain, double horizon_days) {
  const double old = chain.horizon_days;
  chain.horizon_days = horizon_days;
  // Demand continues as it was: the rate of each day of the old horizon, repeated.
  for (auto& m : chain.markets) {
    const std::size_t days = static_cast<std::size_t>(horizon_days);
    const std::vector<double> base = m.arrivals_per_day;
    m.arrivals_per_day.resize(days);
    for (std::size_t d = base.size(); d < days; ++d) m.arrivals_per_day[d] = base[d % base.size()];
  }
  for (auto& p : chain.products) {
    if (p.season_end_day && *p.season_end_day >= old) p.season_end_day.reset();
  }
  return chain;
}

}  // namespace

nlohmann::json benchmark_chain(const std::string& name, const model::ChainSpec& chain,
                               int repetitions) {
  double best_seconds = 1e300;
  std::uint64_t events = 0, calendar_operations = 0, customers = 0;
  for (int r = 0; r < repetitions; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const auto result = model::run_replication(chain, 1, 0);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    best_seconds = std::min(best_seconds, seconds);
    events = result.events_processed;
    calendar_operations = result.calendar_operations;
    customers = result.customers;
  }
  const model::ChainSpec longer = with_horizon(chain, 2 * chain.horizon_days);
  const std::uint64_t a0 = allocations_so_far();
  const auto short_run = model::run_replication(chain, 1, 0);
  const std::uint64_t a1 = allocations_so_far();
  const auto long_run = model::run_replication(longer, 1, 0);
  const std::uint64_t a2 = allocations_so_far();
  const double extra_events =
      static_cast<double>(long_run.events_processed - short_run.events_processed);
  const double extra_allocations = static_cast<double>(a2 - a1) - static_cast<double>(a1 - a0);
  std::size_t nodes = chain.nodes.size();
  return {
      {"name", name},
      {"nodes", nodes},
      {"markets", chain.markets.size()},
      {"horizon_days", chain.horizon_days},
      {"events", events},
      {"seconds", best_seconds},
      {"events_per_second", static_cast<double>(events) / best_seconds},
      {"customers", customers},
      {"customers_per_second", static_cast<double>(customers) / best_seconds},
      {"calendar_operations", calendar_operations},
      {"calendar_operations_per_customer",
       customers > 0 ? static_cast<double>(calendar_operations) / static_cast<double>(customers)
                     : 0.0},
      {"allocations_per_replication", a1 - a0},
      {"allocations_per_extra_event", extra_events > 0 ? extra_allocations / extra_events : 0.0}};
}

model::ChainSpec large_network(std::size_t min_nodes, double horizon_days) {
  model::SyntheticChainOptions o;
  o.min_horizon_days = o.max_horizon_days = horizon_days;
  o.max_factories = 20;
  o.max_channels_per_market = 3;
  o.max_tiers = 4;
  o.max_markets = static_cast<std::uint32_t>(min_nodes / 2);
  for (o.seed = 1;; ++o.seed) {
    model::ChainSpec chain = model::synthetic_chain(o);
    if (chain.nodes.size() >= min_nodes) return chain;
  }
}

}  // namespace c2msim::bench
