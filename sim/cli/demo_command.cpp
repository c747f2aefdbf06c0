// `c2msim demo`: a small M/M/c queue on the engine, printed next to its analytic answer
// (Erlang C). It shows the kernel working end to end before any supply-chain model is involved.

#include <fmt/core.h>

#include <cmath>
#include <cstdint>
#include <deque>
#include <memory>

#include "sim/cli/commands.hpp"
#include "sim/cli/option_checks.hpp"
#include "sim/engine/simulation.hpp"
#include "sim/random/distributions.hpp"
#include "sim/random/random_stream.hpp"

namespace c2msim::cli {
namespace {

struct DemoOptions {
  double arrival_rate_per_day = 0.9;
  double service_rate_per_day = 1.0;
  unsigned servers = 1;
  double horizon_days = 200000.0;
  std::uint64_t seed = 1;
};

constexpr double kMaxRate = 1000;  // per day
constexpr double kMaxHorizonDays = 1e6;

enum class QueueEvent : std::uint8_t { kArrival, kDeparture };

// Erlang C: probability that an arriving customer waits in an M/M/c queue.
double erlang_c(double offered_load, unsigned servers) {
  double term = 1.0;
  double sum = 1.0;
  for (unsigned k = 1; k < servers; ++k) {
    term *= offered_load / k;
    sum += term;
  }
  const double last = term * offered_load / servers;
  const double rho = offered_load / servers;
  const double waiting = last / (1.0 - rho);
  return waiting / (sum + waiting);
}

int run_demo(const DemoOptions& o) {
  const double rho = o.arrival_rate_per_day / (o.servers * o.service_rate_per_day);
  if (!(rho < 1.0)) {
    fmt::print(stderr, "c2msim demo: error: utilisation {:.3f} must be < 1 for a steady state\n",
               rho);
    return 2;
  }
  random::RandomStream arrivals({o.seed, 0, 1, 0});
  random::RandomStream services({o.seed, 0, 2, 0});
  const random::Exponential interarrival{o.arrival_rate_per_day};
  const random::Exponential service{o.service_rate_per_day};

  engine::Simulation<QueueEvent> sim;
  std::deque<double> waiting_since;
  unsigned busy = 0;
  double total_wait = 0.0;
  std::uint64_t served = 0;
  double busy_area = 0.0;
  double last_change = 0.0;
  auto account_busy = [&] {
    busy_area += busy * (sim.now() - last_change);
    last_change = sim.now();
  };

  sim.schedule_at(interarrival(arrivals), QueueEvent::kArrival);
  sim.run_until(o.horizon_days, [&](const auto& event) {
    account_busy();
    if (event.payload == QueueEvent::kArrival) {
      sim.schedule_in(interarrival(arrivals), QueueEvent::kArrival);
      if (busy < o.servers) {
        ++busy;
        ++served;
        sim.schedule_in(service(services), QueueEvent::kDeparture);
      } else {
        waiting_since.push_back(sim.now());
      }
    } else if (waiting_since.empty()) {
      --busy;
    } else {
      total_wait += sim.now() - waiting_since.front();
      waiting_since.pop_front();
      ++served;
      sim.schedule_in(service(services), QueueEvent::kDeparture);
    }
  });
  account_busy();

  const double offered = o.arrival_rate_per_day / o.service_rate_per_day;
  const double theory_wait =
      erlang_c(offered, o.servers) / (o.servers * o.service_rate_per_day - o.arrival_rate_per_day);
  fmt::print("M/M/{} queue on the c2msim engine: arrival rate {} /day, service rate {} /day\n",
             o.servers, o.arrival_rate_per_day, o.service_rate_per_day);
  fmt::print("{:<28}{:>14}{:>14}\n", "metric", "simulated", "theory");
  fmt::print("{:<28}{:>14.4f}{:>14.4f}\n", "mean wait in queue (days)",
             total_wait / static_cast<double>(served), theory_wait);
  fmt::print("{:<28}{:>14.4f}{:>14.4f}\n", "utilisation", busy_area / (o.servers * sim.now()), rho);
  fmt::print("{:<28}{:>14}\n", "customers served", served);
  fmt::print("{:<28}{:>14}\n", "events processed", sim.events_processed());
  return 0;
}

}  // namespace

void add_demo_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<DemoOptions>();
  CLI::App* demo = app.add_subcommand(
      "demo", "Run an M/M/c queue on the engine and compare it with the Erlang C formula");
  // Bounded so that a run stays within about 2e9 events.
  demo->add_option("--arrival-rate", options->arrival_rate_per_day, "Customers per day")
      ->check(finite_number(0, kMaxRate, true))
      ->capture_default_str();
  demo->add_option("--service-rate", options->service_rate_per_day, "Services per day per server")
      ->check(finite_number(0, kMaxRate, true))
      ->capture_default_str();
  demo->add_option("--servers", options->servers, "Parallel servers")
      ->check(whole_number(1, 1000))
      ->capture_default_str();
  demo->add_option("--horizon-days", options->horizon_days, "Simulated days")
      ->check(finite_number(0, kMaxHorizonDays, true))
      ->capture_default_str();
  demo->add_option("--seed", options->seed, "Random seed")
      ->check(whole_number(0, kMaxSeed))
      ->capture_default_str();
  demo->callback([options, &exit_code] { exit_code = run_demo(*options); });
}

}  // namespace c2msim::cli
