// Every bounded number of the scenario format at its bounds: the minimal scenario
// (tests/scenario/fixtures/minimal.yaml) with the key set by `--set` to each bound is valid, and
// with the key set just past a bound (the next double, or the next whole number) is refused at
// that argument. A bound that moved, or an open end that closed (an (r, Q) batch of 0 was once
// accepted), fails here; scenarios/README.md ("Ranges") and sim/scenario/limits.hpp give them.

#include <fmt/core.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/scenario_test_support.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace {

namespace sc = c2msim::scenario;

struct KeyBounds {
  std::string_view key;  // a --set key path into the minimal scenario
  double low;
  bool low_open;  // the low end itself is refused
  double high;
  bool whole = false;                       // a whole number: just past is one past
  std::string_view form = "@";              // the value as written, '@' standing for the number
  std::vector<std::string_view> with = {};  // other --set arguments the value needs
};

constexpr double kInf = std::numeric_limits<double>::infinity();
// An end left to another key's case: a uniform's min cannot reach its max, which must exceed it.
constexpr double kUntested = std::numeric_limits<double>::quiet_NaN();
// Inside an open low end of 0. The smallest double would do for the bound, but not for the
// distributions built from it (a lognormal of mean 1e-308 has no finite parameters).
constexpr double kJustAboveZero = 1e-9;

// Every bounded key of the format, with the other values that let each bound stand alone (no
// busiest day past a million customers, no warm-up past the horizon, s <= S, ...).
const std::vector<KeyBounds> kKeys{
    // The calendar and the run.
    {"horizon_days", 0, true, 36'500, false, "@", {"warmup_days=0"}},
    // Up to the horizon, which is at most 36,500 days: "shorter than horizon_days" is the high end.
    {"warmup_days", 0, false, std::nextafter(36'500.0, 0.0), false, "@", {"horizon_days=36500"}},
    {"replications", 1, false, 1e8, true},
    // Products and markets.
    {"products[monitor].unit_cost",
     0,
     true,
     1e12,
     false,
     "@",
     {"markets[city].demand.price_elasticity=0"}},
    {"products[monitor].reference_price",
     0,
     true,
     1e12,
     false,
     "@",
     {"markets[city].demand.price_elasticity=0"}},
    {"products[monitor].variants", 1, false, 10'000, true},
    {"products[monitor].salvage_fraction", 0, false, 1},
    {"markets[city].demand.arrivals_per_day",
     0,
     false,
     1e6,
     false,
     "@",
     {"markets[city].demand.events=[]", "markets[city].demand.price_elasticity=0"}},
    {"markets[city].demand.dispersion",
     0.1,
     false,
     1e6,
     false,
     "@",
     {"markets[city].demand.process=negative_binomial"}},
    {"markets[city].demand.price_elasticity",
     0,
     false,
     20,
     false,
     "@",
     {"markets[city].demand.arrivals_per_day=1"}},
    {"markets[city].demand.weekly_pattern[2]", 0, false, 1'000},
    {"markets[city].demand.events[0].days", 1, false, 36'500, true},
    {"markets[city].demand.events[0].multiplier", 0, false, 1'000},
    {"markets[city].demand.events[0].pre_event", 1, false, 36'500, true,
     "{days: @, multiplier: 2}"},
    {"markets[city].demand.events[0].post_event", 0, false, 1'000, false,
     "{days: 3, multiplier: @}"},
    {"markets[city].demand.variant_preference", 0, false, 100, false, "{zipf: @}"},
    {"markets[city].demand.variant_preference", 0, false, 1e9, false, "{weights: [@, 1, 1, 1]}"},
    {"markets[city].demand.quantity", 0, false, 1e6},
    {"markets[city].demand.patience_days", 0, true, 36'500, false, "{exponential: {mean: @}}"},
    // Distributions, on a lane's lead time.
    {"arms.traditional.lanes[plant->dc].lead_time_days", 0, false, 36'500},
    {"arms.traditional.lanes[plant->dc].lead_time_days", 0, false, kUntested, false,
     "{uniform: {min: @, max: 36500}}"},
    {"arms.traditional.lanes[plant->dc].lead_time_days", kUntested, false, 36'500, false,
     "{uniform: {min: 0, max: @}}"},
    {"arms.traditional.lanes[plant->dc].lead_time_days", 0, false, kUntested, false,
     "{triangular: {min: @, mode: 36500, max: 36500}}"},
    {"arms.traditional.lanes[plant->dc].lead_time_days", kUntested, false, 36'500, false,
     "{triangular: {min: 0, mode: 0, max: @}}"},
    {"arms.traditional.lanes[plant->dc].lead_time_days", 0, true, 36'500, false,
     "{lognormal: {mean: @, sd: 1}}"},
    {"arms.traditional.lanes[plant->dc].lead_time_days", 0, false, 36'500, false,
     "{lognormal: {mean: 3, sd: @}}"},
    {"arms.traditional.lanes[plant->dc].lead_time_days", 0, true, 36'500, false,
     "{gamma: {mean: 3, sd: @}}"},
    {"arms.traditional.lanes[plant->dc].lead_time_days", 0, false, 36'500, false,
     "{normal: {mean: @, sd: 1}}"},
    {"arms.traditional.lanes[plant->dc].lead_time_days", 0, false, 36'500, false,
     "{empirical: {values: [@, 2]}}"},
    {"arms.traditional.lanes[plant->dc].lead_time_days", 0, false, 1e9, false,
     "{empirical: {values: [1, 2], weights: [@, 1]}}"},
    // Lanes.
    {"arms.traditional.lanes[plant->dc].cost_per_unit", 0, false, 1e12},
    {"arms.traditional.lanes[plant->dc].information_delay_days", 0, false, 36'500},
    {"arms.traditional.lanes[plant->dc].capacity_per_day", 1e-4, false, 1e9},
    {"arms.traditional.lanes[shop->city].share", 0, true, 1e6},
    // Nodes and production.
    {"arms.traditional.nodes[plant].markup", 0, false, 100},
    {"arms.c2m.nodes[platform].commission", 0, false, 100},
    {"arms.c2m.nodes[plant].price",
     0,
     true,
     1e12,
     false,
     "@",
     {"markets[city].demand.price_elasticity=0"}},
    {"arms.c2m.nodes[plant].production.lines", 1, false, 1'000, true},
    {"arms.c2m.nodes[plant].production.unit_production_days", 0, true, 36'500},
    {"arms.traditional.nodes[plant].production.capacity_per_day", 1e-4, false, 1e9},
    {"arms.c2m.nodes[plant].production.changeover_days", 0, false, 36'500},
    // 0 releases jobs at once; a window, from a period that moves the clock.
    {"arms.c2m.nodes[plant].production.batching_window_days", 0.01, false, 36'500},
    {"arms.c2m.nodes[plant].production.unit_cost_multiplier", 1e-3, false, 1e3},
    {"arms.traditional.nodes[plant].production", 0, false, 1, false,
     "{mode: hybrid, to_order_share: @, capacity_per_day: 50}"},
    // Stock and policies.
    {"arms.traditional.nodes[plant].stock.policy.base_stock.level", 0, false, 1e9},
    {"arms.traditional.nodes[plant].stock.policy.base_stock.review_period_days", 1, false, 36'500,
     true},
    {"arms.traditional.nodes[dc].stock.policy.s_S.review_period_days", 1, false, 36'500, true},
    {"arms.traditional.nodes[dc].stock.policy.s_S.s",
     -1e9,
     false,
     1e9,
     false,
     "@",
     {"arms.traditional.nodes[dc].stock.policy.s_S.S=1e9"}},
    {"arms.traditional.nodes[dc].stock.policy.s_S.S",
     0,
     false,
     1e9,
     false,
     "@",
     {"arms.traditional.nodes[dc].stock.policy.s_S.s=0"}},
    {"arms.traditional.nodes[shop].stock.policy.r_Q.r", -1e9, false, 1e9},
    {"arms.traditional.nodes[shop].stock.policy.r_Q.Q", 0, true, 1e9},
    {"arms.traditional.nodes[shop].stock.policy", 1, false, 36'500, true,
     "{forecast_order_up_to: {review_period_days: @, forecast: {moving_average: {window_days: "
     "7}}}}"},
    {"arms.traditional.nodes[shop].stock.policy", 0, false, 10, false,
     "{forecast_order_up_to: {review_period_days: 1, forecast: {moving_average: {window_days: 7}}, "
     "safety_factor: @}}"},
    {"arms.traditional.nodes[shop].stock.policy", 1, false, 730, true,
     "{forecast_order_up_to: {review_period_days: 1, forecast: {moving_average: {window_days: "
     "@}}}}"},
    {"arms.traditional.nodes[shop].stock.policy", 0, true, 1, false,
     "{forecast_order_up_to: {review_period_days: 1, forecast: {exponential_smoothing: {alpha: "
     "@}}}}"},
    {"arms.traditional.nodes[shop].stock.min_order_qty", 0, false, 1e9},
    {"arms.traditional.nodes[shop].stock.case_pack", 1, false, 1e6, true},
    {"arms.traditional.nodes[shop].stock.initial_on_hand", 0, false, 1e9},
    {"arms.traditional.nodes[shop].stock.substitution_probability", 0, false, 1},
    {"arms.traditional.nodes[shop].stock.holding_cost_rate_per_year", 0, false, 100},
    {"arms.traditional.nodes[shop].stock.holding_cost_per_unit_day", 0, false, 1e12},
    {"arms.traditional.nodes[shop].stock.backorder_cost_per_unit_day", 0, false, 1e12},
    {"arms.traditional.nodes[shop].stock.lost_sale_cost_per_unit", 0, false, 1e12},
    // A number of top variants: from 1 to the product's variants (4).
    {"arms.traditional.nodes[shop].stock.stocked_variants", 1, false, 4, true},
};

std::string value_text(double x) {
  return fmt::format("{}", x);
}

std::string with_value(std::string_view form, double x) {
  std::string out(form);
  out.replace(out.find('@'), 1, value_text(x));
  return out;
}

struct Loaded {
  bool ok = false;
  bool refused_at_argument = false;  // a "must be ..." problem reported at the key's argument
  std::string problems;
};

Loaded load_with(const KeyBounds& k, double x) {
  sc::ScenarioOverrides overrides;
  for (std::string_view w : k.with) overrides.sets.push_back({"--set", std::string(w)});
  const std::string argument = fmt::format("{}={}", k.key, with_value(k.form, x));
  overrides.sets.push_back({"--set", argument});
  const auto p =
      sc::load_scenario_points_text(c2msim::test::minimal_scenario(), "minimal.yaml", overrides);
  Loaded out;
  out.ok = p.ok();
  for (const auto& d : p.diagnostics) {
    out.problems += to_string(d) + "\n";
    if (d.argument == "--set " + argument && d.message.starts_with("must be")) {
      out.refused_at_argument = true;
    }
  }
  return out;
}

// The nearest value outside the range past `bound`, in the direction `towards`.
double just_past(const KeyBounds& k, double bound, double towards) {
  if (k.whole) return bound + (towards > bound ? 1.0 : -1.0);
  if (bound == 0.0) return towards > 0 ? kJustAboveZero : -kJustAboveZero;
  return std::nextafter(bound, towards);
}

}  // namespace

TEST_CASE("every bounded key accepts its bounds and refuses the values just past them",
          "[scenario][bounds]") {
  for (const KeyBounds& k : kKeys) {
    INFO("key " << k.key << " written " << k.form);
    // The low end: accepted, or refused when open, with the next value in accepted.
    const double low_in = k.low_open ? just_past(k, k.low, kInf) : k.low;
    const double low_out = k.low_open ? k.low : just_past(k, k.low, -kInf);
    std::vector<std::pair<double, bool>> values;  // a value, and whether it is accepted
    if (!std::isnan(k.low)) values.insert(values.end(), {{low_in, true}, {low_out, false}});
    if (!std::isnan(k.high)) {
      values.insert(values.end(), {{k.high, true}, {just_past(k, k.high, kInf), false}});
    }
    for (const auto& [x, accepted] : values) {
      INFO("value " << value_text(x));
      const Loaded l = load_with(k, x);
      INFO(l.problems);
      if (accepted) {
        CHECK(l.ok);
      } else {
        CHECK(l.refused_at_argument);
      }
    }
  }
}
