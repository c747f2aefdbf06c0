// The coordinate pattern search on functions whose optimum is known, with evaluations that
// return the same value in every replication (so the search's comparisons are exact).

#include "sim/tuning/coordinate_search.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <optional>

namespace t = c2msim::tuning;

namespace {

// An evaluation returning f(x) (and each constraint g_j(x)) in every replication, counting runs.
struct Deterministic {
  std::function<double(const t::Point&)> f;
  std::vector<std::function<double(const t::Point&)>> g;
  std::function<bool(const t::Point&)> accepts = [](const t::Point&) { return true; };
  std::map<t::Point, int> runs;

  std::optional<t::Samples> operator()(const t::Point& x, std::uint64_t, std::uint64_t count) {
    ++runs[x];
    if (!accepts(x)) return std::nullopt;
    std::vector<double> row{f(x)};
    for (const auto& gj : g) row.push_back(gj(x));
    return t::Samples(count, row);
  }
};

t::Variable whole(double low, double high, double start) {
  return {"x", low, high, true, start};
}

}  // namespace

TEST_CASE("a coordinate search reaches the lattice optimum of a separable concave function",
          "[tuning]") {
  Deterministic d;
  d.f = [](const t::Point& x) { return -std::pow(x[0] - 37, 2) - 3 * std::pow(x[1] - 5, 2); };
  const std::vector<t::Variable> v{whole(0, 100, 0), whole(0, 20, 20)};
  t::SearchOptions o;
  o.replications = 2;
  o.budget = 10'000;
  const auto r = t::coordinate_search(v, {}, {}, o, std::ref(d));
  REQUIRE(r.converged);
  CHECK(r.evaluations[r.best].point == t::Point{37, 5});
  CHECK(r.evaluations.front().point == t::Point{0, 20});
  CHECK(r.evaluations.front().incumbent);
  // Every point ran once: the search remembers what it has evaluated.
  for (const auto& [x, n] : d.runs) CHECK(n == 1);
  CHECK(r.replications_used == 2 * d.runs.size());
}

TEST_CASE("a coordinate search minimises when the goal says so, and refines a real variable",
          "[tuning]") {
  Deterministic d;
  d.f = [](const t::Point& x) { return std::pow(x[0] - 0.3, 2); };
  const std::vector<t::Variable> v{{"y", 0.0, 1.0, false, 1.0}};
  t::Objective minimise;
  minimise.goal = t::Goal::kMinimise;
  t::SearchOptions o;
  o.budget = 100'000;
  const auto r = t::coordinate_search(v, minimise, {}, o, std::ref(d));
  REQUIRE(r.converged);
  CHECK(std::fabs(r.evaluations[r.best].point[0] - 0.3) <= o.real_resolution);
}

TEST_CASE("a coordinate search never runs past its budget", "[tuning]") {
  Deterministic d;
  d.f = [](const t::Point& x) { return -std::fabs(x[0] - 90); };
  t::SearchOptions o;
  o.replications = 10;
  o.budget = 55;
  const auto r = t::coordinate_search({whole(0, 100, 0)}, {}, {}, o, std::ref(d));
  CHECK_FALSE(r.converged);
  CHECK(r.evaluations.size() == 5);
  CHECK(r.replications_used == 50);
}

TEST_CASE("a point the model refuses is skipped, never moved to", "[tuning]") {
  Deterministic d;
  d.f = [](const t::Point& x) { return -std::pow(x[0] - 60, 2); };
  d.accepts = [](const t::Point& x) { return x[0] <= 40; };
  t::SearchOptions o;
  o.budget = 10'000;
  const auto r = t::coordinate_search({whole(0, 100, 10)}, {}, {}, o, std::ref(d));
  REQUIRE(r.converged);
  CHECK(r.evaluations[r.best].point == t::Point{40});
  bool refused = false;
  for (const auto& e : r.evaluations) {
    if (!e.accepted) {
      refused = true;
      CHECK_FALSE(e.incumbent);
    }
  }
  CHECK(refused);
}

TEST_CASE("a coordinate search prefers a feasible point to a better infeasible one", "[tuning]") {
  // Maximise x subject to g(x) = 50 - x >= 10: the optimum is the bound, x = 40.
  Deterministic d;
  d.f = [](const t::Point& x) { return x[0]; };
  d.g = {[](const t::Point& x) { return 50 - x[0]; }};
  const std::vector<t::Constraint> at_least_10{{"g", "system", true, 10.0}};
  t::SearchOptions o;
  o.budget = 10'000;
  const auto r = t::coordinate_search({whole(0, 100, 0)}, {}, at_least_10, o, std::ref(d));
  REQUIRE(r.converged);
  CHECK(r.evaluations[r.best].point == t::Point{40});
  CHECK(r.evaluations[r.best].assessment.feasible);
}

TEST_CASE("feasibility is judged by the confidence interval, not the point estimate", "[tuning]") {
  const std::vector<t::Constraint> at_least{{"service_level", "system", true, 0.95}};
  // Mean 0.96 above the bound, but the 95% interval reaches below it: not shown feasible.
  t::Samples noisy;
  for (double v : {0.90, 1.0, 0.93, 0.99, 0.98}) noisy.push_back({0.0, v});
  const auto a = t::assess(noisy, at_least);
  CHECK(a.constraints[0].mean == Approx(0.96));
  CHECK(a.constraints[0].ci95_low < 0.95);
  CHECK_FALSE(a.feasible);
  CHECK(a.violation == 0.0);  // its mean meets the bound
  // The same mean with little spread: shown.
  t::Samples tight;
  for (double v : {0.959, 0.961, 0.96, 0.96, 0.96}) tight.push_back({0.0, v});
  CHECK(t::assess(tight, at_least).feasible);
  // An upper bound is judged at the interval's upper end.
  const std::vector<t::Constraint> at_most{{"lost_sales_rate", "system", false, 0.965}};
  CHECK_FALSE(t::assess(noisy, at_most).feasible);
  CHECK(t::assess(tight, at_most).feasible);
  // One replication has no interval: never feasible.
  CHECK_FALSE(t::assess({{0.0, 1.0}}, at_least).feasible);
}

TEST_CASE("points rank feasible first, then by the objective in the goal's direction", "[tuning]") {
  t::Assessment feasible_low;
  feasible_low.objective.mean = 1.0;
  t::Assessment infeasible_high;
  infeasible_high.objective.mean = 5.0;
  infeasible_high.feasible = false;
  infeasible_high.violation = 0.1;
  t::Assessment infeasible_worse = infeasible_high;
  infeasible_worse.violation = 0.2;
  infeasible_worse.objective.mean = 9.0;
  const t::Objective maximise;
  t::Objective minimise;
  minimise.goal = t::Goal::kMinimise;
  CHECK(t::better(feasible_low, infeasible_high, maximise));
  CHECK_FALSE(t::better(infeasible_high, feasible_low, maximise));
  CHECK(t::better(infeasible_high, infeasible_worse, maximise));  // less violation wins
  t::Assessment feasible_high = feasible_low;
  feasible_high.objective.mean = 2.0;
  CHECK(t::better(feasible_high, feasible_low, maximise));
  CHECK(t::better(feasible_low, feasible_high, minimise));
  CHECK_FALSE(t::better(feasible_low, feasible_low, maximise));  // equal is not better
}
