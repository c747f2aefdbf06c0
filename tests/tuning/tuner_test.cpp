// The whole tuner (search, selection, confirmation) on noisy functions whose optimum is known:
// it confirms a real improvement, never one that is not there, keeps its stages' replications
// apart and stays within its budget.

#include "sim/tuning/tuner.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <random>
#include <vector>

namespace t = c2msim::tuning;

namespace {

double normal(std::uint64_t key) {
  std::mt19937_64 g(key);
  return std::normal_distribution<double>(0.0, 1.0)(g);
}

// Replication r of point x: f(x) + a noise common to every point + one of the point's own.
struct Noisy {
  std::function<double(const t::Point&)> f;
  double common_sd = 5.0;
  double own_sd = 1.0;
  std::uint64_t seed = 1;
  std::uint64_t replications = 0;
  struct Call {
    t::Point x;
    std::uint64_t first;
    std::uint64_t count;
  };
  std::vector<Call> calls;

  std::optional<t::Samples> operator()(const t::Point& x, std::uint64_t first,
                                       std::uint64_t count) {
    calls.push_back({x, first, count});
    replications += count;
    t::Samples s;
    for (std::uint64_t r = first; r < first + count; ++r) {
      const auto own_key = static_cast<std::uint64_t>(std::llround(x[0] * 1000 + 17)) * 7919 + r;
      s.push_back(
          {f(x) + common_sd * normal(seed * 104'729 + r) + own_sd * normal(own_key + seed)});
    }
    return s;
  }
};

const std::vector<t::Variable> kOneWhole{{"level", 0, 100, true, 5}};

}  // namespace

TEST_CASE("the tuner finds a real optimum and confirms it beats the start", "[tuning]") {
  Noisy n;
  n.f = [](const t::Point& x) { return -0.05 * std::pow(x[0] - 60, 2); };
  t::TunerOptions o;
  o.budget = 2000;
  const auto r = t::tune(kOneWhole, {}, {}, o, std::ref(n));
  CHECK(r.status == t::TuningStatus::kImproved);
  CHECK(std::fabs(r.tuned[0] - 60) <= 3);
  CHECK(r.confirmation.difference.ci95_low > 0);
  CHECK(r.replications_used == n.replications);
  CHECK(r.replications_used <= o.budget);
}

TEST_CASE("the tuner never reports an improvement the paired interval does not support",
          "[tuning]") {
  // The objective does not depend on the point: every "improvement" the search sees is noise
  // (its own noise is large, so it sees some). The tuned values must stay the start's.
  int improved = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Noisy n;
    n.f = [](const t::Point&) { return 0.0; };
    n.own_sd = 3.0;
    n.seed = seed;
    t::TunerOptions o;
    o.budget = 1500;
    o.indifference = 0.5;
    const auto r = t::tune(kOneWhole, {}, {}, o, std::ref(n));
    if (r.status == t::TuningStatus::kImproved) {
      ++improved;
    } else {
      CHECK(r.tuned == r.search.evaluations.front().point);
    }
  }
  // A false confirmation needs the 95% interval of a zero difference to exclude 0 on the side
  // of the goal: 2.5% a time, so rarely more than 2 in 20.
  CHECK(improved <= 2);
}

TEST_CASE("the search, the selection and the confirmation run different replications", "[tuning]") {
  Noisy n;
  n.f = [](const t::Point& x) { return -std::fabs(x[0] - 30); };
  t::TunerOptions o;
  o.budget = 1500;
  o.search_replications = 12;
  const auto r = t::tune(kOneWhole, {}, {}, o, std::ref(n));
  std::uint64_t selection_end = r.selection_first_replication;
  for (const auto& c : n.calls) {
    if (c.first == 0) {
      CHECK(c.count == 12);  // the search: replications 0..11 of every point
    } else if (c.first < r.confirmation.first_replication) {
      CHECK(c.first >= 12);  // the selection, after the search's
      selection_end = std::max(selection_end, c.first + c.count);
    } else {
      CHECK(c.first == r.confirmation.first_replication);
      CHECK(c.count == o.confirmation_replications);
    }
  }
  CHECK(r.selection_first_replication == 12);
  CHECK(r.confirmation.first_replication == selection_end);
}

TEST_CASE("the tuner refuses a budget below what its stages need", "[tuning]") {
  Noisy n;
  n.f = [](const t::Point&) { return 0.0; };
  t::TunerOptions o;
  o.budget = t::minimum_budget(o) - 1;
  CHECK_THROWS_AS(t::tune(kOneWhole, {}, {}, o, std::ref(n)), std::invalid_argument);
  o.budget = t::minimum_budget(o);
  CHECK_NOTHROW(t::tune(kOneWhole, {}, {}, o, std::ref(n)));
  CHECK(t::minimum_budget(o) ==
        o.search_replications + o.first_stage * o.candidates + 2 * o.confirmation_replications);
}

TEST_CASE("a start that breaks a constraint is beaten by any point shown feasible", "[tuning]") {
  // Maximise -x subject to x >= 20 (as a metric): the start 5 is infeasible, the optimum 20.
  Noisy n;
  n.f = [](const t::Point& x) { return -x[0]; };
  n.common_sd = 0.5;
  n.own_sd = 0.1;
  const auto with_constraint = [&](const t::Point& x, std::uint64_t first, std::uint64_t count) {
    auto s = n(x, first, count);
    for (auto& row : *s) row.push_back(x[0]);  // the constraint's metric: x itself
    return s;
  };
  t::TunerOptions o;
  o.budget = 2000;
  const std::vector<t::Constraint> at_least_20{{"x", "system", true, 20.0}};
  const auto r = t::tune(kOneWhole, {}, at_least_20, o, with_constraint);
  CHECK_FALSE(r.confirmation.start.feasible);
  CHECK(r.status == t::TuningStatus::kImproved);
  CHECK(r.tuned == t::Point{20});
}
