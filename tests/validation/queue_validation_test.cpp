// Validation: a make-to-order factory against M/M/1 and M/M/c (Erlang C), with Little's law
// checked on every replication. Assumptions and mapping: scenarios/make-to-order-queue.yaml.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "sim/analytic/mmc_queue.hpp"
#include "validation/validation_support.hpp"

namespace an = c2msim::analytic;
namespace v = c2msim::validation;

namespace {

// Mean and squared coefficient of variation of max(1, round(X)), X exponential with this mean:
// the units of a customer, as the model draws them.
struct RoundedMoments {
  double mean;
  double scv;
};

RoundedMoments rounded_exponential(double mean) {
  double m1 = 0, m2 = 0;
  const double last = 80.0 * mean;  // the tail beyond is below e^-80
  for (double k = 1; k <= last; ++k) {
    const double lo = k == 1 ? 0.0 : k - 0.5;
    const double p = std::exp(-lo / mean) - std::exp(-(k + 0.5) / mean);
    m1 += k * p;
    m2 += k * k * p;
  }
  return {m1, (m2 - m1 * m1) / (m1 * m1)};
}

}  // namespace

TEST_CASE("a make-to-order factory is M/M/1 and M/M/c; Little's law holds on every run",
          "[validation]") {
  const auto s = v::load("make-to-order-queue.yaml");
  for (const std::string arm : {"traditional", "c2m"}) {
    const auto chain = v::chain(s, arm);
    const auto& factory = v::node(chain, "factory");
    REQUIRE(factory.factory);
    REQUIRE(factory.factory->mode == c2msim::model::FactoryMode::kMakeToOrder);
    REQUIRE(factory.factory->changeover_days == 0.0);
    REQUIRE(factory.factory->batching_window_days == 0.0);
    REQUIRE_FALSE(chain.markets[0].patience_days);
    const auto* units = std::get_if<c2msim::random::Exponential>(&chain.markets[0].quantity);
    REQUIRE(units != nullptr);
    const RoundedMoments q = rounded_exponential(units->mean());
    const double lambda = v::arrival_rate(chain);
    const double mu = 1.0 / (q.mean * factory.factory->unit_production_days);
    const int c = static_cast<int>(factory.factory->lines);
    const an::MMc theory = an::mmc(lambda, mu, c);
    // The service time is exponential only up to the rounding of units: its squared coefficient
    // of variation is scv, not 1. For M/G/1 the mean wait is exactly (1 + scv)/2 times M/M/1's
    // (Pollaczek-Khinchine); for M/G/c that factor is the standard approximation (Lee and
    // Longton 1959). The allowance is the change it makes, |scv - 1|/2 Wq (here ~1e-7 Wq).
    const double bias = std::fabs(q.scv - 1.0) / 2.0 * theory.wait;
    const auto runs = v::run(s, {{arm, chain}})[0];
    const std::string name =
        fmt::format("make-to-order factory, M/M/{}, rho = {:.2f}", c, theory.utilisation);
    const double days = chain.horizon_days - chain.warmup_days;
    if (arm == "traditional") {
      v::compare("make-to-order factory", "arrivals per day (all arms)", lambda,
                 v::values(runs, [&](const c2msim::model::ReplicationResult& r) {
                   return r.get("system", "customers") / days;
                 }));
    }
    v::compare(name, "utilisation", theory.utilisation, v::values(runs, "factory", "utilisation"));
    v::compare(name, "mean wait Wq (Erlang C)", theory.wait,
               v::values(runs, "factory", "job_wait_mean"), bias);
    v::compare(name, "time in system W", theory.time_in_system,
               v::values(runs, "system", "lead_time_mean"), bias);
    v::compare(name, "jobs in system L", theory.in_system,
               v::values(runs, "factory", "jobs_in_system_mean"), lambda * bias);

    // Little's law on every replication, from the run's own measurements: time-average jobs in
    // the factory = measured arrival rate x measured mean time in system. Over a finite window
    // the two differ only by the jobs in the factory at its two ends: the time the n jobs present
    // at the warm-up's end still spend in it, and the time already spent by the n present at the
    // horizon. First come first served, the i-th of them is about i services of the whole
    // factory (1 / (c mu)) from its edge, so an edge holds about n (n + 1) / (2 c mu) job-days.
    // n exceeds n* with probability about rho^n* (the tail of the number in system); with
    // rho^n* = 1e-4 the allowance for the two edges, over T measured days, is
    // n* (n* + 1) / (c mu T) on L.
    const double n_star = std::ceil(std::log(1e-4) / std::log(theory.utilisation));
    const double allowed = n_star * (n_star + 1.0) / (c * mu * days);
    for (const auto& r : runs) {
      const double l = r.get("factory", "jobs_in_system_mean");
      const double little = r.get("system", "customers") / days * r.get("system", "lead_time_mean");
      INFO(name << ": L = " << l << ", lambda W = " << little << ", allowed " << allowed);
      CHECK(std::fabs(l - little) <= allowed);
    }
  }
}
