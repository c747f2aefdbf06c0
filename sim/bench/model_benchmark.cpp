#include "sim/bench/model_benchmark.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <ctime>

#include "sim/bench/child_process.hpp"
#include "sim/bench/montecarlo_benchmark.hpp"
#include "sim/model/replication.hpp"
#include "sim/model/synthetic_chain.hpp"

namespace c2msim::bench {
namespace {

// The generated networks' factories are sized to carry at most this share of their capacity.
constexpr double kNetworkUtilisation = 0.75;

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
  o.max_channels_per_market = 3;
  o.max_tiers = 4;
  o.target_utilisation = kNetworkUtilisation;
  // About five nodes a market (two channels of two or three tiers); more markets until it is big
  // enough. A fixed seed: the same size gives the same network.
  auto markets = static_cast<std::uint32_t>(std::max<std::size_t>(1, min_nodes / 6));
  for (;;) {
    o.min_markets = o.max_markets = markets;
    model::ChainSpec chain = model::synthetic_chain(o);
    if (chain.nodes.size() >= min_nodes) return chain;
    markets += static_cast<std::uint32_t>((min_nodes - chain.nodes.size()) / 5 + 1);
  }
}

nlohmann::json network_figures(std::size_t min_nodes, double horizon_days) {
  const model::ChainSpec chain = large_network(min_nodes, horizon_days);
  const auto factories = std::count_if(chain.nodes.begin(), chain.nodes.end(), [](const auto& n) {
    return n.kind == model::NodeKind::kFactory;
  });
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  const auto result = model::run_replication(chain, 1, 0);
  // On a machine shared with other work the wall time includes waits for a core: the CPU time
  // is the figure that compares.
  const double cpu_seconds = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double demanded = result.get("system", "units_demanded");
  return {{"min_nodes", min_nodes},
          {"nodes", chain.nodes.size()},
          {"markets", chain.markets.size()},
          {"factories", factories},
          {"horizon_days", chain.horizon_days},
          {"events", result.events_processed},
          {"seconds", seconds},
          {"cpu_seconds", cpu_seconds},
          {"events_per_second", static_cast<double>(result.events_processed) / seconds},
          {"events_per_cpu_second", static_cast<double>(result.events_processed) / cpu_seconds},
          {"peak_rss_kib", own_peak_rss_kib()},
          {"units_demanded", demanded},
          {"fill_rate", result.get("system", "fill_rate")},
          {"delivered_share", demanded > 0 ? result.get("system", "units_sold") / demanded : 0.0},
          {"lost_sales_rate", result.get("system", "lost_sales_rate")},
          {"turned_away_share", result.get("system", "turned_away_share")},
          {"utilisation", result.get("system", "utilisation")}};
}

nlohmann::json benchmark_networks(const std::string& executable,
                                  const std::vector<std::string>& child_arguments,
                                  const std::vector<std::size_t>& sizes, bool show_progress) {
  nlohmann::json runs = nlohmann::json::array();
  for (const std::size_t nodes : sizes) {
    if (show_progress)
      fmt::print(stderr, "model: a {}-node network in a child process...\n", nodes);
    std::vector<std::string> arguments = child_arguments;
    arguments.push_back(std::to_string(nodes));
    runs.push_back(nlohmann::json::parse(checked_child_output(
        executable, arguments, fmt::format("the {}-node network's child", nodes))));
  }
  return runs;
}

}  // namespace c2msim::bench
