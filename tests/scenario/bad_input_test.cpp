// Every validation rule of the scenario format, one case each: a small edit of the minimal
// scenario (tests/scenario/fixtures/minimal.yaml) that breaks the rule, and the problem that must
// be reported: its key path, a part of its message, and its exact line and column. Each case is
// checked in-process through the loader, and end to end through `c2msim validate` (exit status 2,
// nothing on stdout, the problem on stderr as FILE:LINE:COLUMN: error: key.path: message): all
// cases in one run, and every tenth case on its own.

#include <fmt/core.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario_test_support.hpp"
#include "sim/scenario/scenario_loader.hpp"

namespace {

using namespace std::string_view_literals;

struct BadInput {
  std::string_view rule;
  std::string_view find;     // text of the minimal scenario, found exactly once
  std::string_view replace;  // what replaces it; '^' marks where the problem must be reported...
  std::string_view path;     // ...with this key path
  std::string_view message;  // and a message containing this
  std::string_view at = {};  // or: text of the edited file with '^' at the expected position
};

// clang-format off
const std::vector<BadInput> kCases{
  // Unknown keys, with a suggestion when one is close.
  {"unknown top-level key suggests the known one", "horizon_days: 100", "^horizon_dys: 100",
   "horizon_dys", "unknown key; did you mean 'horizon_days'?"},
  {"unknown key in a node suggests the known one", "commission: 0.05", "^comission: 0.05",
   "arms.c2m.nodes[1].comission", "did you mean 'commission'?"},
  {"a key missing its unit suffix suggests the suffixed key", "horizon_days: 100", "^horizon: 100",
   "horizon", "did you mean 'horizon_days'?"},
  {"unknown key far from any lists the allowed keys", "markup: 0.3", "markup: 0.3\n        ^colour: red",
   "arms.traditional.nodes[2].colour", "unknown key; expected one of id, kind"},
  {"a key of another node kind says which kinds have it", "markup: 0.3",
   "markup: 0.3\n        ^commission: 0.1", "arms.traditional.nodes[2].commission",
   "applies to platform nodes, not to a retailer node"},
  // Sweeps: the section's form, its key paths, and each point's values checked like the file's.
  {"a sweep is a map from key paths to values", "seed: 7", "seed: 7\nsweep: ^[1, 2]", "sweep",
   "expected a map from key paths to lists of values"},
  {"a sweep entry is a list of values or a range", "seed: 7", "seed: 7\nsweep: {horizon_days: ^50}",
   "sweep.horizon_days", "expected a list of values or a range"},
  {"a swept key path must exist in the file", "seed: 7",
   "seed: 7\nsweep:\n  ^arms.c2m.nodez[plant].markup: [0.1]", "sweep.arms.c2m.nodez[plant].markup",
   "no key 'nodez' in 'arms.c2m' (did you mean 'nodes'?)"},
  {"a swept value is checked like the file's, naming the point", "seed: 7",
   "seed: 7\nsweep: {horizon_days: [50, ^-5]}", "horizon_days",
   "at sweep point 1 (horizon_days=-5): must be in (0, 36500], got -5"},
  {"a range needs at least two steps", "seed: 7",
   "seed: 7\nsweep: {horizon_days: {from: 50, to: 60, steps: ^1}}", "sweep.horizon_days.steps",
   "must be a whole number between 2 and"},
  // decompose: the section's form, its arms and key paths, and every combination of levers
  // checked like the file, naming the levers.
  {"decompose is a map", "seed: 7", "seed: 7\ndecompose: ^[price]", "decompose",
   "expected a map of base, target, levers"},
  {"decompose needs levers", "seed: 7", "seed: 7\ndecompose: ^{base: traditional}",
   "decompose.levers", "required key is missing"},
  {"an unknown decompose key suggests the known one", "seed: 7",
   "seed: 7\ndecompose:\n  ^levels:\n    price:\n      arms.traditional.nodes[shop].markup: 0.2\n",
   "decompose.levels", "unknown key; did you mean 'levers'?"},
  {"the decomposition's base is an arm of the file", "seed: 7",
   "seed: 7\ndecompose:\n  base: ^tradition\n  levers:\n    price:\n      arms.tradition.nodes[shop].markup: 0.2\n",
   "decompose.base", "unknown arm 'tradition'; did you mean 'traditional'?"},
  {"the decomposition's target is an arm of the file", "seed: 7",
   "seed: 7\ndecompose:\n  target: ^c3m\n  levers:\n    price:\n      arms.traditional.nodes[shop].markup: 0.2\n",
   "decompose.target", "unknown arm 'c3m'; did you mean 'c2m'?"},
  {"the decomposition's target is not its base", "seed: 7",
   "seed: 7\ndecompose:\n  target: ^traditional\n  levers:\n    price:\n      arms.traditional.nodes[shop].markup: 0.2\n",
   "decompose.target", "the target must be another arm than the base ('traditional')"},
  {"a lever changes the base arm only", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    price:\n      ^arms.c2m.nodes[platform].commission: 0.1\n",
   "decompose.levers.price.arms.c2m.nodes[platform].commission",
   "a lever changes the base arm only: its key paths start with 'arms.traditional.', got "
   "'arms.c2m.nodes[platform].commission'"},
  {"a lever's keys are key paths", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    price:\n      ^arms.traditional..markup: 0.1\n",
   "decompose.levers.price.arms.traditional..markup", "not a key path: empty key at character 18"},
  {"a lever's key path must exist in the file", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    price:\n      ^arms.traditional.nodez[shop].markup: 0.2\n",
   "decompose.levers.price.arms.traditional.nodez[shop].markup",
   "with lever 'price': no key 'nodez' in 'arms.traditional' (did you mean 'nodes'?)"},
  {"a lever's value is checked like the file's, naming the lever", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    price:\n      arms.traditional.nodes[shop].markup: ^-1\n",
   "arms.traditional.nodes[2].markup", "with lever 'price': must be between 0 and 100, got -1"},
  {"levers valid alone are checked together", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    lower-S:\n      arms.traditional.nodes[dc].stock.policy.s_S.S: 30\n"
   "    higher-s:\n      arms.traditional.nodes[dc].stock.policy.s_S.s: ^40\n",
   "arms.traditional.nodes[1].stock.policy.s_S.s",
   "with levers 'lower-S' and 'higher-s': must be <= S (30), got 40"},
  {"a lever is a map of key paths to values", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    price: ^0.2\n", "decompose.levers.price",
   "expected a map from key paths under 'arms.traditional.' to their values (at least one), got "
   "'0.2'"},
  {"a lever is named by an id", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    ^low price:\n      arms.traditional.nodes[shop].markup: 0.2\n",
   "decompose.levers.low price", "expected an id"},
  {"a lever is defined once", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    price:\n      arms.traditional.nodes[shop].markup: 0.2\n"
   "    ^price:\n      arms.traditional.nodes[dc].markup: 0\n",
   "decompose.levers.price", "lever 'price' is defined twice (first on line 9)"},
  {"a lever sets a key path once", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    price:\n      arms.traditional.nodes[shop].markup: 0.2\n"
   "      ^arms.traditional.nodes[shop].markup: 0.1\n",
   "decompose.levers.price.arms.traditional.nodes[shop].markup",
   "the lever sets this key path twice (first on line 10)"},
  {"at most eight levers", "seed: 7",
   "seed: 7\ndecompose:\n  levers:\n    ^l1: {arms.traditional.description: a}\n"
   "    l2: {arms.traditional.description: b}\n    l3: {arms.traditional.description: c}\n"
   "    l4: {arms.traditional.description: d}\n    l5: {arms.traditional.description: e}\n"
   "    l6: {arms.traditional.description: f}\n    l7: {arms.traditional.description: g}\n"
   "    l8: {arms.traditional.description: h}\n    l9: {arms.traditional.description: i}\n",
   "decompose.levers", "expected 1 to 8 levers (every combination of them runs: 2^8 = 256 at most), got 9"},
  {"a repeated key is reported at its second occurrence", "seed: 7", "seed: 7\n^seed: 8", "seed",
   "key given twice (first on line 6)"},
  {"an unknown distribution family suggests the known one", "{lognormal: {mean: 3, sd: 1}}",
   "{^lognormall: {mean: 3, sd: 1}}", "arms.c2m.lanes[0].lead_time_days.lognormall",
   "did you mean 'lognormal'?"},
  {"an unknown policy suggests the known one", "{r_Q: {r: 10, Q: 30}}", "{^rQ: {r: 10, Q: 30}}",
   "arms.traditional.nodes[2].stock.policy.rQ", "did you mean 'r_Q'?"},
  // Wrong types.
  {"text where a number is expected", "arrivals_per_day: 10", "arrivals_per_day: ^ten",
   "markets[0].demand.arrivals_per_day", "expected a number between 0 and 1e6, got 'ten'"},
  {"a quoted number is text, not a number", "unit_cost: 1000", "unit_cost: ^\"1000\"",
   "products[0].unit_cost", "expected a number in (0, 1e12], got the quoted text \"1000\""},
  {"a list where a whole number is expected", "seed: 7", "seed: ^[7]", "seed",
   "expected a whole number between 0 and 2^64 - 1, got a list"},
  {"a map where a list is expected", "weekly_pattern: [1, 1, 1, 1, 1, 1, 1]",
   "weekly_pattern: ^{monday: 1}", "markets[0].demand.weekly_pattern",
   "expected a list of 7 multipliers >= 0, Monday first, got a map"},
  {"text where a list is expected", "products: [{product: monitor, share: 1}]",
   "products: ^monitor", "markets[0].products", "expected a list of products with their shares"},
  {"a fraction where a whole number is expected", "variants: 4", "variants: ^2.5",
   "products[0].variants", "expected a whole number >= 1, got 2.5"},
  {"yes is not a boolean", "commission: 0.05", "commission: 0.05\n        shares_pos: ^yes",
   "arms.c2m.nodes[1].shares_pos", "expected true or false, got 'yes'"},
  // Point-of-sale data: only from a sharing node below, after its whole-day delay.
  {"a pos forecast needs a sharing node below it",
   "policy: {s_S: {review_period_days: 7, s: 20, S: 80}}",
   "policy: {forecast_order_up_to: {review_period_days: 7, forecast: {moving_average: {window_days: 14}}, signal: ^pos}}",
   "arms.traditional.nodes[1].stock.policy.forecast_order_up_to.signal",
   "'dc' in arm 'traditional' forecasts from point-of-sale data, but no node below it that sells "
   "to a market shares them; expected `shares_pos: true` on such a node, or `signal: orders`"},
  {"a consumer-facing pos forecast is told its orders are its consumers' demand",
   "policy: {r_Q: {r: 10, Q: 30}}",
   "policy: {forecast_order_up_to: {review_period_days: 7, forecast: {moving_average: {window_days: 14}}, signal: ^pos}}",
   "arms.traditional.nodes[2].stock.policy.forecast_order_up_to.signal",
   "(its own consumers' demand is part of its orders)"},
  {"a pos delay needs shares_pos", "commission: 0.05", "commission: 0.05\n        pos_delay_days: ^2",
   "arms.c2m.nodes[1].pos_delay_days", "applies with shares_pos: true only"},
  {"a pos delay is in whole days", "commission: 0.05",
   "commission: 0.05\n        shares_pos: true\n        pos_delay_days: ^1.5",
   "arms.c2m.nodes[1].pos_delay_days", "1.5"},
  {"a pos delay has a ceiling", "commission: 0.05",
   "commission: 0.05\n        shares_pos: true\n        pos_delay_days: ^91",
   "arms.c2m.nodes[1].pos_delay_days", "91"},
  {"a base stock position is installation or echelon", "level: 100}}", "level: 100, position: ^local}}",
   "arms.traditional.nodes[0].stock.policy.base_stock.position", "local"},
  {"a node that is not a map", "      - id: platform\n        kind: platform\n        commission: 0.05\n",
   "      - ^platform\n", "arms.c2m.nodes[1]", "expected a map of id, kind"},
  {"an empty value where a number is expected", "horizon_days: 100", "^horizon_days:",
   "horizon_days", "expected a number in (0, 36500], got nothing"},
  {"an unknown word suggests the known one", "kind: warehouse", "kind: ^warehose",
   "arms.traditional.nodes[1].kind", "unknown value 'warehose'; did you mean 'warehouse'?"},
  {"a market is not a node kind", "kind: retailer", "kind: ^market", "arms.traditional.nodes[2].kind",
   "markets are declared once under the top-level `markets`"},
  {"an id with a space", "  - id: city", "  - id: ^big city", "markets[0].id", "expected an id"},
  {"an arm name with a space", "  c2m:\n", "  ^what if:\n    extends: c2m\n  c2m:\n", "arms.what if",
   "expected an id"},
  // Missing required keys.
  {"missing top-level key", "horizon_days: 100\n", "", "horizon_days", "required key is missing",
   "^name: minimal"},
  {"missing node kind", "      - id: dc\n        kind: warehouse\n", "      - ^id: dc\n",
   "arms.traditional.nodes[1].kind", "required key is missing"},
  {"missing lane end", "{from: dc, to: shop, lead_time_days: {uniform: {min: 1, max: 3}}}",
   "^{from: dc, lead_time_days: {uniform: {min: 1, max: 3}}}", "arms.traditional.lanes[1].to",
   "required key is missing"},
  {"missing policy", "          policy: {r_Q: {r: 10, Q: 30}}\n", "          ^shortage: lost_sales\n",
   "arms.traditional.nodes[2].stock.policy", "required key is missing"},
  {"a warehouse needs stock",
   "        markup: 0.1\n        stock:\n          policy: {s_S: {review_period_days: 7, s: 20, S: 80}}\n          substitution_probability: 0.5\n",
   "        markup: 0.1\n", "arms.traditional.nodes[1].stock", "required key is missing",
   "      - ^id: dc"},
  {"a required arm is missing", "  c2m:\n", "  c2x:\n", "arms.c2m", "required arm is missing",
   "  ^traditional:"},
  // Numbers out of range.
  {"negative arrival rate", "arrivals_per_day: 10", "arrivals_per_day: ^-3",
   "markets[0].demand.arrivals_per_day", "must be between 0 and 1e6, got -3"},
  {"negative lane cost", "cost_per_unit: 5", "cost_per_unit: ^-5", "arms.traditional.lanes[0].cost_per_unit",
   "must be between 0 and 1e12, got -5"},
  {"negative factory capacity", "capacity_per_day: 50", "capacity_per_day: ^-5",
   "arms.traditional.nodes[0].production.capacity_per_day", "must be between 0.0001 and 1e9, got -5"},
  {"zero lane capacity", "{from: plant, to: dc, lead_time_days: 2, cost_per_unit: 5}",
   "{from: plant, to: dc, lead_time_days: 2, cost_per_unit: 5, capacity_per_day: ^0}",
   "arms.traditional.lanes[0].capacity_per_day", "must be between 0.0001 and 1e9, got 0"},
  {"probability above 1", "substitution_probability: 0.5", "substitution_probability: ^1.5",
   "arms.traditional.nodes[1].stock.substitution_probability", "must be between 0 and 1, got 1.5"},
  {"negative backorder cost", "          policy: {r_Q: {r: 10, Q: 30}}\n",
   "          policy: {r_Q: {r: 10, Q: 30}}\n          backorder_cost_per_unit_day: ^-2\n",
   "arms.traditional.nodes[2].stock.backorder_cost_per_unit_day",
   "must be between 0 and 1e12, got -2"},
  {"negative lost-sale cost", "          policy: {r_Q: {r: 10, Q: 30}}\n",
   "          policy: {r_Q: {r: 10, Q: 30}}\n          lost_sale_cost_per_unit: ^-0.5\n",
   "arms.traditional.nodes[2].stock.lost_sale_cost_per_unit",
   "must be between 0 and 1e12, got -0.5"},
  {"share below 0", "{product: monitor, share: 1}", "{product: monitor, share: ^-0.5}",
   "markets[0].products[0].share", "must be between 0 and 1, got -0.5"},
  {"salvage fraction above 1", "reference_price: 1800", "reference_price: 1800\n    salvage_fraction: ^2",
   "products[0].salvage_fraction", "must be between 0 and 1, got 2"},
  {"warm-up not shorter than the horizon", "warmup_days: 10", "warmup_days: ^100", "warmup_days",
   "must be shorter than horizon_days (100), got 100"},
  {"zero horizon", "horizon_days: 100", "horizon_days: ^0", "horizon_days", "must be in (0, 36500], got 0"},
  {"negative seed", "seed: 7", "seed: ^-7", "seed", "expected a whole number between 0 and 2^64 - 1"},
  {"zero replications", "replications: 2", "replications: ^0", "replications",
   "must be a whole number between 1 and"},
  {"negative constant lead time", "{from: plant, to: dc, lead_time_days: 2,",
   "{from: plant, to: dc, lead_time_days: ^-2,", "arms.traditional.lanes[0].lead_time_days",
   "must be between 0 and 36500, got -2"},
  {"negative information delay", "{from: plant, to: platform,",
   "{from: plant, to: platform, information_delay_days: ^-1,",
   "arms.c2m.lanes[0].information_delay_days", "must be between 0 and 36500, got -1"},
  {"negative standard deviation", "{lognormal: {mean: 3, sd: 1}}", "{lognormal: {mean: 3, sd: ^-1}}",
   "arms.c2m.lanes[0].lead_time_days.lognormal.sd", "must be between 0 and 36500, got -1"},
  {"uniform with min above max", "{uniform: {min: 1, max: 3}}", "{uniform: {min: 3, max: ^1}}",
   "arms.traditional.lanes[1].lead_time_days.uniform.max", "must be > min (3), got 1"},
  {"empirical with a weight missing", "{exponential: {mean: 5}}",
   "{empirical: {values: [1, 2], weights: ^[1]}}",
   "markets[0].demand.patience_days.empirical.weights", "expected one weight per value (2), got 1"},
  {"two distributions in one", "{exponential: {mean: 5}}",
   "{exponential: {mean: 5}, ^gamma: {mean: 5, sd: 1}}", "markets[0].demand.patience_days.gamma",
   "give only one of"},
  {"s above S", "s: 20, S: 80", "s: ^90, S: 80", "arms.traditional.nodes[1].stock.policy.s_S.s",
   "must be <= S (80), got 90"},
  {"smoothing constant above 1", "{r_Q: {r: 10, Q: 30}}",
   "{forecast_order_up_to: {review_period_days: 7, forecast: {exponential_smoothing: {alpha: ^1.5}}}}",
   "arms.traditional.nodes[2].stock.policy.forecast_order_up_to.forecast.exponential_smoothing.alpha",
   "must be in (0, 1], got 1.5"},
  {"moving-average window of 0 days", "{r_Q: {r: 10, Q: 30}}",
   "{forecast_order_up_to: {review_period_days: 7, forecast: {moving_average: {window_days: ^0}}}}",
   "arms.traditional.nodes[2].stock.policy.forecast_order_up_to.forecast.moving_average.window_days",
   "must be a whole number between 1 and"},
  {"weekly pattern of 5 days", "[1, 1, 1, 1, 1, 1, 1]", "^[1, 1, 1, 1, 1]",
   "markets[0].demand.weekly_pattern", "expected 7 multipliers (Monday to Sunday), got 5"},
  {"negative weekly multiplier", "[1, 1, 1, 1, 1, 1, 1]", "[1, 1, ^-1, 1, 1, 1, 1]",
   "markets[0].demand.weekly_pattern[2]", "must be between 0 and 1000, got -1"},
  {"event of 0 days", "days: 11,", "days: ^0,", "markets[0].demand.events[0].days",
   "must be a whole number between 1 and"},
  {"negative event multiplier", "multiplier: 4}", "multiplier: ^-4}",
   "markets[0].demand.events[0].multiplier", "must be between 0 and 1000, got -4"},
  {"shares that do not sum to 1", "products: [{product: monitor, share: 1}]",
   "products: ^[{product: monitor, share: 0.6}]", "markets[0].products",
   "the shares of a market's products must sum to 1, got 0.6"},
  {"variant weights not one per variant", "{zipf: 1.0}", "{weights: ^[3, 2, 1]}",
   "markets[0].demand.variant_preference.weights",
   "expected one weight per variant of product 'monitor' (4), got 3"},
  {"more stocked variants than variants", "substitution_probability: 0.5",
   "substitution_probability: 0.5\n          stocked_variants: ^9",
   "arms.traditional.nodes[1].stock.stocked_variants", "must be at most 4"},
  {"a stocked variant listed twice", "substitution_probability: 0.5",
   "substitution_probability: 0.5\n          stocked_variants: [1, ^1]",
   "arms.traditional.nodes[1].stock.stocked_variants[1]", "variant 1 is listed twice"},
  // Upper bounds (sim/scenario/limits.hpp): values the model could not live with.
  {"a horizon whose daily rates would not fit in memory", "horizon_days: 100", "horizon_days: ^1e9",
   "horizon_days", "must be in (0, 36500], got 1e9"},
  {"a horizon that would run forever", "horizon_days: 100", "horizon_days: ^1e300", "horizon_days",
   "must be in (0, 36500], got 1e300"},
  {"replications past the command line's cap", "replications: 2", "replications: ^1e9",
   "replications", "must be a whole number between 1 and 100000000, got 1e9"},
  {"a billion variants", "variants: 4", "variants: ^1e9", "products[0].variants",
   "must be a whole number between 1 and 10000, got 1e9"},
  {"a billion production lines", "lines: 2,", "lines: ^1e9,", "arms.c2m.nodes[0].production.lines",
   "must be a whole number between 1 and 1000, got 1e9"},
  {"a trillion customers a day", "arrivals_per_day: 10", "arrivals_per_day: ^1e12",
   "markets[0].demand.arrivals_per_day", "must be between 0 and 1e6, got 1e12"},
  {"a weekly pattern that lifts the busiest day past a million customers",
   "arrivals_per_day: 10\n      process: poisson\n      quantity: 1\n      variant_preference: {zipf: 1.0}\n      patience_days: {exponential: {mean: 5}}\n      price_elasticity: 1.2\n      weekly_pattern: [1, 1, 1, 1, 1, 1, 1]",
   "arrivals_per_day: ^2000\n      weekly_pattern: [1, 1, 1, 1, 1, 1000, 1]",
   "markets[0].demand.arrivals_per_day",
   "with the weekly pattern and events, the busiest day brings 2e+06 customers; at most 1e6 a day"},
  {"a price elasticity that makes the rate infinite", "price_elasticity: 1.2",
   "price_elasticity: ^1e300", "markets[0].demand.price_elasticity",
   "must be between 0 and 20, got 1e300"},
  {"a price response that lifts the busiest day past a million customers",
   "arrivals_per_day: 10", "arrivals_per_day: 1000000", "markets[0].demand.price_elasticity",
   "in arm 'traditional' the price response raises the busiest day to 1.176e+06 customers",
   "price_elasticity: ^1.2"},
  {"a batching window that cannot move the clock", "unit_production_days: 0.05}",
   "unit_production_days: 0.05, batching_window_days: ^1e-300}",
   "arms.c2m.nodes[0].production.batching_window_days",
   "must be 0 (jobs released at once) or between 0.01 and 36500, got 1e-300"},
  {"a review period that cannot move the clock", "review_period_days: 7, s: 20",
   "review_period_days: ^1e-300, s: 20", "arms.traditional.nodes[1].stock.policy.s_S.review_period_days",
   "expected a whole number >= 1, got 1e-300"},
  {"a review period between day ends", "review_period_days: 7, s: 20",
   "review_period_days: ^2.5, s: 20", "arms.traditional.nodes[1].stock.policy.s_S.review_period_days",
   "expected a whole number >= 1, got 2.5"},
  {"a review period longer than any horizon", "review_period_days: 7, s: 20",
   "review_period_days: ^1e300, s: 20", "arms.traditional.nodes[1].stock.policy.s_S.review_period_days",
   "must be a whole number between 1 and 36500, got 1e300"},
  {"a moving-average window of 2^31 - 1 days", "{r_Q: {r: 10, Q: 30}}",
   "{forecast_order_up_to: {review_period_days: 7, forecast: {moving_average: {window_days: ^2147483647}}}}",
   "arms.traditional.nodes[2].stock.policy.forecast_order_up_to.forecast.moving_average.window_days",
   "must be a whole number between 1 and 730, got 2147483647"},
  {"a moving-average window of 2^31 days, which wrapped to one period",
   "{r_Q: {r: 10, Q: 30}}",
   "{forecast_order_up_to: {review_period_days: 7, forecast: {moving_average: {window_days: ^2147483648}}}}",
   "arms.traditional.nodes[2].stock.policy.forecast_order_up_to.forecast.moving_average.window_days",
   "must be a whole number between 1 and 730, got 2147483648"},
  {"a post-event dip of 2^32 days", "multiplier: 4}", "multiplier: 4, post_event: {days: ^4294967296, multiplier: 0.5}}",
   "markets[0].demand.events[0].post_event.days", "must be a whole number between 1 and 36500"},
  {"an event of 2^31 - 1 days", "days: 11,", "days: ^2147483647,", "markets[0].demand.events[0].days",
   "must be a whole number between 1 and 36500, got 2147483647"},
  {"a dispersion that makes single days enormous", "process: poisson",
   "process: negative_binomial\n      dispersion: ^1e-9", "markets[0].demand.dispersion",
   "must be between 0.1 and 1e6, got 1e-9"},
  {"a production cost multiplier of almost 0", "unit_production_days: 0.05}",
   "unit_production_days: 0.05, unit_cost_multiplier: ^1e-300}",
   "arms.c2m.nodes[0].production.unit_cost_multiplier", "must be between 0.001 and 1000, got 1e-300"},
  {"a markup of 1e300", "markup: 0.3", "markup: ^1e300", "arms.traditional.nodes[2].markup",
   "must be between 0 and 100, got 1e300"},
  {"a unit cost past any price", "unit_cost: 1000", "unit_cost: ^1e300", "products[0].unit_cost",
   "must be in (0, 1e12], got 1e300"},
  {"ten million units per customer", "quantity: 1", "quantity: ^1e7", "markets[0].demand.quantity",
   "must be between 0 and 1e6, got 1e7"},
  {"a patience of 1e300 days", "{exponential: {mean: 5}}", "{exponential: {mean: ^1e300}}",
   "markets[0].demand.patience_days.exponential.mean", "must be in (0, 36500], got 1e300"},
  {"an order-up-to level of 1e300 units", "level: 100", "level: ^1e300",
   "arms.traditional.nodes[0].stock.policy.base_stock.level", "must be between 0 and 1e9, got 1e300"},
  {"a lane capacity too small to ever ship", "cost_per_unit: 5}", "cost_per_unit: 5, capacity_per_day: ^1e-300}",
   "arms.traditional.lanes[0].capacity_per_day", "must be between 0.0001 and 1e9, got 1e-300"},
  {"a case pack of 2^32 units", "          policy: {r_Q: {r: 10, Q: 30}}\n",
   "          policy: {r_Q: {r: 10, Q: 30}}\n          case_pack: ^4294967296\n",
   "arms.traditional.nodes[2].stock.case_pack", "must be a whole number between 1 and 1000000"},
  // Consistency of related keys.
  {"negative binomial without its dispersion", "process: poisson", "process: negative_binomial",
   "markets[0].demand.dispersion", "negative_binomial needs its dispersion", "      ^arrivals_per_day"},
  {"dispersion with a Poisson process", "process: poisson", "process: poisson\n      dispersion: ^3",
   "markets[0].demand.dispersion", "applies to process: negative_binomial only"},
  {"price elasticity without a reference price", "    reference_price: 1800\n", "",
   "markets[0].demand.price_elasticity", "needs the reference_price of product 'monitor'",
   "price_elasticity: ^1.2"},
  {"both capacity and unit production time", "unit_production_days: 0.05}",
   "unit_production_days: 0.05, capacity_per_day: ^40}", "arms.c2m.nodes[0].production.capacity_per_day",
   "give unit_production_days or capacity_per_day, not both"},
  {"neither capacity nor unit production time", "{mode: make_to_order, lines: 2, unit_production_days: 0.05}",
   "^{mode: make_to_order, lines: 2}", "arms.c2m.nodes[0].production.capacity_per_day",
   "give capacity_per_day or unit_production_days"},
  {"a make-to-order factory with stock", "{mode: make_to_order, lines: 2, unit_production_days: 0.05}",
   "{mode: make_to_order, lines: 2, unit_production_days: 0.05}\n        stock: ^{policy: {base_stock: {review_period_days: 1, level: 5}}}",
   "arms.c2m.nodes[0].stock", "a make_to_order factory holds no finished stock"},
  {"a make-to-stock factory without stock",
   "        stock:\n          policy: {base_stock: {review_period_days: 1, level: 100}}\n", "",
   "arms.traditional.nodes[0].stock", "a make_to_stock factory needs its finished-goods stock",
   "      - ^id: plant"},
  {"a hybrid factory without its to-order share", "{mode: make_to_stock, capacity_per_day: 50}",
   "^{mode: hybrid, capacity_per_day: 50}", "arms.traditional.nodes[0].production.to_order_share",
   "a hybrid factory builds this share of demand to order"},
  {"a to-order share on a make-to-order factory", "{mode: make_to_order, lines: 2,",
   "{mode: make_to_order, to_order_share: ^0.5, lines: 2,",
   "arms.c2m.nodes[0].production.to_order_share", "applies to mode: hybrid only"},
  {"both markup and price", "        markup: 0.1\n        production: {mode: make_to_stock",
   "        markup: 0.1\n        price: ^1200\n        production: {mode: make_to_stock",
   "arms.traditional.nodes[0].price", "give markup or price, not both"},
  {"both forms of holding cost", "          policy: {r_Q: {r: 10, Q: 30}}\n",
   "          policy: {r_Q: {r: 10, Q: 30}}\n          holding_cost_rate_per_year: 0.2\n          holding_cost_per_unit_day: ^0.01\n",
   "arms.traditional.nodes[2].stock.holding_cost_per_unit_day", "not both"},
  {"a market share on a lane between nodes", "cost_per_unit: 5}", "cost_per_unit: 5, share: ^0.5}",
   "arms.traditional.lanes[0].share", "applies to lanes into a market only"},
  // Dates.
  {"a month that does not exist", "start_date: 2019-01-01", "start_date: ^2019-13-01", "start_date",
   "2019-13-01 is not a date of the calendar"},
  {"a date in another format", "start_date: 2019-01-01", "start_date: ^01/01/2019", "start_date",
   "expected a date YYYY-MM-DD, got '01/01/2019'"},
  {"an event on 30 February", "start: 2019-11-01", "start: ^2019-02-30",
   "markets[0].demand.events[0].start", "2019-02-30 is not a date of the calendar"},
  {"a season that ends before the start", "reference_price: 1800",
   "reference_price: 1800\n    season_end: ^2018-12-31", "products[0].season_end",
   "must be after start_date"},
  // Duplicate ids and dangling references.
  {"two products with one id", "markets:\n", "  - id: ^monitor\n    unit_cost: 5\nmarkets:\n",
   "products[1].id", "repeats the product id 'monitor' of line 9"},
  {"two nodes with one id", "      - id: shop\n", "      - ^id: dc\n", "arms.traditional.nodes[2]",
   "repeats the node id 'dc' of line 35"},
  {"a node named like a market", "      - id: platform\n", "      - id: ^city\n",
   "arms.c2m.nodes[1].id", "'city' is also the id of a market"},
  {"two lanes between the same nodes", "      - {from: plant, to: dc, lead_time_days: 2, cost_per_unit: 5}\n",
   "      - {from: plant, to: dc, lead_time_days: 2, cost_per_unit: 5}\n      - ^{from: plant, to: dc, lead_time_days: 3}\n",
   "arms.traditional.lanes[1]", "repeats the lane 'plant -> dc' of line 47"},
  {"a market wanting an unknown product", "{product: monitor, share: 1}",
   "{product: ^monitr, share: 1}", "markets[0].products[0].product",
   "unknown product 'monitr'; did you mean 'monitor'?"},
  {"a node handling an unknown product", "kind: retailer", "kind: retailer\n        products: [^monitr]",
   "arms.traditional.nodes[2].products[0]", "unknown product 'monitr'; did you mean 'monitor'?"},
  {"a lane from an unknown node", "{from: dc, to: shop,", "{from: ^dcc, to: shop,",
   "arms.traditional.lanes[1].from", "unknown node 'dcc'; did you mean 'dc'?"},
  {"a lane to an unknown node or market", "{from: shop, to: city,", "{from: shop, to: ^town,",
   "arms.traditional.lanes[2].to", "unknown node or market 'town'"},
  {"a lane from a market", "{from: platform, to: city, lead_time_days: 0}",
   "{from: platform, to: city, lead_time_days: 0}\n      - {from: ^city, to: platform, lead_time_days: 0}",
   "arms.c2m.lanes[2].from", "'city' is a market"},
  {"a lane into a factory", "{from: platform, to: city, lead_time_days: 0}",
   "{from: platform, to: city, lead_time_days: 0}\n      - {from: platform, to: ^plant, lead_time_days: 0}",
   "arms.c2m.lanes[2].to", "'plant' is a factory; factories have no suppliers"},
  {"a comparison with an unknown baseline", "replications: 2",
   "replications: 2\ncompare: {baseline: ^tradition}", "compare.baseline",
   "unknown arm 'tradition'; did you mean 'traditional'?"},
  // Issue 13: the horizon's valuation, the service target and a lane's payment terms.
  {"a terminal valuation word close to a known one suggests it", "seed: 7",
   "seed: 7\nterminal_valuation: ^salvge", "terminal_valuation",
   "unknown value 'salvge'; did you mean 'salvage'?"},
  {"a terminal valuation far from any word lists the allowed ones", "seed: 7",
   "seed: 7\nterminal_valuation: ^market", "terminal_valuation",
   "expected one of cost, salvage, got 'market'"},
  {"a terminal valuation that is not a word", "seed: 7", "seed: 7\nterminal_valuation: ^[cost]",
   "terminal_valuation", "expected one of cost, salvage, got a list"},
  {"a service target of zero days", "replications: 2",
   "replications: 2\ncompare: {baseline: traditional, service_target_days: ^0}",
   "compare.service_target_days", "must be in (0, 36500], got 0"},
  {"a service target beyond the longest horizon", "replications: 2",
   "replications: 2\ncompare: {baseline: traditional, service_target_days: ^36501}",
   "compare.service_target_days", "must be in (0, 36500], got 36501"},
  {"a service target as long as the measured window", "replications: 2",
   "replications: 2\ncompare: {baseline: traditional, service_target_days: ^90}",
   "compare.service_target_days",
   "must be shorter than the measured window (horizon_days - warmup_days = 90 days), or no "
   "customer can be judged; got 90"},
  {"negative payment terms on a lane", "cost_per_unit: 5}", "cost_per_unit: 5, payment_terms_days: ^-1}",
   "arms.traditional.lanes[0].payment_terms_days", "must be between 0 and 36500, got -1"},
  {"payment terms beyond the longest horizon", "cost_per_unit: 5}",
   "cost_per_unit: 5, payment_terms_days: ^1e9}", "arms.traditional.lanes[0].payment_terms_days",
   "must be between 0 and 36500, got 1e9"},
  {"payment terms that are not a number", "lead_time_days: 0}\n  c2m:",
   "lead_time_days: 0, payment_terms_days: ^net30}\n  c2m:", "arms.traditional.lanes[2].payment_terms_days",
   "expected a number between 0 and 36500, got 'net30'"},
  // The graph of an arm.
  {"a cycle between two tiers", "      - {from: shop, to: city, lead_time_days: 0}\n",
   "      - {from: shop, to: city, lead_time_days: 0}\n      - ^{from: shop, to: dc, lead_time_days: 1}\n",
   "arms.traditional.lanes[3]", "lane shop -> dc closes the cycle dc -> shop -> dc in arm 'traditional'"},
  {"a lane from a node to itself", "      - {from: shop, to: city, lead_time_days: 0}\n",
   "      - {from: shop, to: city, lead_time_days: 0}\n      - ^{from: dc, to: dc, lead_time_days: 1}\n",
   "arms.traditional.lanes[3]", "closes the cycle dc -> dc"},
  {"a market that no factory reaches", "      - {from: shop, to: city, lead_time_days: 0}\n", "",
   "markets[0]", "market 'city' cannot be reached from any factory in arm 'traditional'",
   "  - ^id: city"},
  {"a second supplier for a node", "      - {from: shop, to: city, lead_time_days: 0}\n",
   "      - {from: shop, to: city, lead_time_days: 0}\n      - ^{from: plant, to: shop, lead_time_days: 1}\n",
   "arms.traditional.lanes[3]", "'shop' already has a supplier, 'dc', in arm 'traditional'"},
  {"a stocking node without a supplier",
   "      - {from: dc, to: shop, lead_time_days: {uniform: {min: 1, max: 3}}}\n", "",
   "arms.traditional.nodes[2]", "retailer 'shop' has no supplier in arm 'traditional'",
   "      - ^id: shop"},
  // extends.
  {"extends an unknown arm", "  c2m:\n", "  what-if:\n    extends: ^c2n\n  c2m:\n",
   "arms.what-if.extends", "unknown arm 'c2n'; did you mean 'c2m'?"},
  {"extends forming a loop", "  c2m:\n", "  a:\n    extends: b\n  b:\n    extends: ^a\n  c2m:\n",
   "arms.b.extends", "`extends` forms a loop: b -> a -> b"},
  {"an arm defined twice", "  c2m:\n", "  c2m:\n    extends: traditional\n  ^c2m:\n", "arms.c2m",
   "arm 'c2m' is defined twice (first on line 50)"},
  {"an arm extending itself", "  c2m:\n", "  again:\n    extends: ^again\n  c2m:\n",
   "arms.again.extends", "`extends` forms a loop: again -> again"},
  {"removing a node the parent does not have", "  c2m:\n",
   "  what-if:\n    extends: c2m\n    nodes:\n      - ^{id: warehouse, remove: true}\n  c2m:\n",
   "arms.what-if.nodes[0]", "arm 'c2m' has no node 'warehouse' to remove"},
  {"removing in an arm that extends nothing", "commission: 0.05",
   "commission: 0.05\n        remove: ^true", "arms.c2m.nodes[1].remove",
   "arm 'c2m' does not extend another arm, so there is nothing to remove"},
  {"remove that is not a boolean", "  c2m:\n",
   "  what-if:\n    extends: c2m\n    nodes:\n      - {id: platform, remove: ^maybe}\n  c2m:\n",
   "arms.what-if.nodes[0].remove", "expected true or false, got 'maybe'"},
  {"a bad value an extending arm overrides is reported on its line", "  c2m:\n",
   "  what-if:\n    extends: c2m\n    nodes:\n      - id: plant\n        production: {changeover_days: ^-1}\n  c2m:\n",
   "arms.what-if.nodes[0].production.changeover_days", "must be between 0 and 36500, got -1"},
  // Not YAML, or not text.
  {"unbalanced brackets", "products: [{product: monitor, share: 1}]",
   "products: [{product: monitor, share: 1}\n    demand:", "", "YAML syntax: ",
   "share: 1}\n    ^demand:"},
  {"a tab in the indentation", "    commission: 0.05"sv, "^\tcommission: 0.05"sv, "", "YAML syntax: "},
  {"a NUL byte", "name: minimal", "name: mini^\0mal"sv, "", "the file contains a NUL byte"},
  {"bytes that are not UTF-8", "name: minimal", "name: mini^\xff" "mal", "",
   "the file is not valid UTF-8 text"},
  {"a line that cannot start the document", "name: minimal", "^, stray\nname: minimal", "",
   "YAML syntax: the document cannot go on here"},
  {"an alias inside the value its anchor names", "name: minimal", "name: &loop [x, ^*loop]",
   "name[1]", "the alias is inside the value its anchor names, so it never ends"},
  {"two YAML documents", "      - {from: platform, to: city, lead_time_days: 0}\n",
   "      - {from: platform, to: city, lead_time_days: 0}\n^---\nname: other\n", "",
   "a scenario file holds one YAML document"},
};
// clang-format on

struct Edited {
  std::string text;
  std::size_t offset = 0;  // where the problem must be reported
};

// `text` without its '^', and where the '^' was.
std::pair<std::string, std::size_t> without_caret(std::string_view text) {
  std::string out(text);
  const std::size_t caret = out.find('^');
  if (caret != std::string::npos) out.erase(caret, 1);
  return {out, caret};
}

Edited apply(const std::string& base, const BadInput& c) {
  const std::size_t found = base.find(c.find);
  REQUIRE(found != std::string::npos);
  REQUIRE(base.find(c.find, found + 1) == std::string::npos);
  const auto [replacement, caret] = without_caret(c.replace);
  Edited e;
  e.text = base.substr(0, found) + replacement + base.substr(found + c.find.size());
  if (c.at.empty()) {
    REQUIRE(caret != std::string::npos);
    e.offset = found + caret;
  } else {
    const auto [at, at_caret] = without_caret(c.at);
    REQUIRE(at_caret != std::string::npos);
    const std::size_t at_found = e.text.find(at);
    REQUIRE(at_found != std::string::npos);
    e.offset = at_found + at_caret;
  }
  return e;
}

bool matches(const c2msim::scenario::Diagnostic& d, const BadInput& c) {
  return d.key_path == c.path && d.message.find(c.message) != std::string::npos;
}

}  // namespace

TEST_CASE("every validation rule has a bad-input case", "[scenario]") {
  CHECK(kCases.size() >= 40);
}

TEST_CASE("each bad input is reported at its line and column with its key path", "[scenario]") {
  const std::string base = c2msim::test::minimal_scenario();
  REQUIRE(c2msim::scenario::load_scenario_text(base, "minimal.yaml").ok());
  for (const BadInput& c : kCases) {
    DYNAMIC_SECTION(c.rule) {
      const Edited e = apply(base, c);
      const auto expected = c2msim::test::line_column(e.text, e.offset);
      const auto result = c2msim::scenario::load_scenario_text(e.text, "bad.yaml");
      REQUIRE_FALSE(result.ok());
      CHECK_FALSE(result.scenario.has_value());
      std::string all;
      for (const auto& d : result.diagnostics) all += to_string(d) + "\n";
      INFO("expected " << expected.line << ":" << expected.column << " " << c.path << ": "
                       << c.message << "\ngot:\n"
                       << all);
      const auto it = std::find_if(result.diagnostics.begin(), result.diagnostics.end(),
                                   [&](const auto& d) { return matches(d, c); });
      REQUIRE(it != result.diagnostics.end());
      CHECK(it->file == "bad.yaml");
      CHECK(it->position.line == expected.line);
      CHECK(it->position.column == expected.column);
    }
  }
}

namespace {

// Whether `c2msim validate` printed case `c`'s problem in `file` on stderr, at `at`.
bool printed(const std::string& err, const std::filesystem::path& file, const BadInput& c,
             c2msim::test::LineColumn at) {
  const std::string prefix =
      c.path.empty()
          ? fmt::format("{}:{}:{}: error: ", file.string(), at.line, at.column)
          : fmt::format("{}:{}:{}: error: {}: ", file.string(), at.line, at.column, c.path);
  std::istringstream lines(err);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(prefix) && line.find(c.message) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("c2msim validate prints every bad input as FILE:LINE:COLUMN: error: key.path",
          "[scenario][cli]") {
  // One run over every case's file: each problem must be on stderr, and no file is valid.
  const std::string base = c2msim::test::minimal_scenario();
  const c2msim::test::TempDir dir;
  std::string args = "validate";
  std::vector<std::filesystem::path> files;
  std::vector<c2msim::test::LineColumn> expected;
  for (std::size_t i = 0; i < kCases.size(); ++i) {
    const Edited e = apply(base, kCases[i]);
    files.push_back(dir.path() / fmt::format("case-{}.yaml", i));
    c2msim::test::write_text(files.back(), e.text);
    expected.push_back(c2msim::test::line_column(e.text, e.offset));
    args += " '" + files.back().string() + "'";
  }
  const auto run = c2msim::test::run_cli(args, dir);
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  for (std::size_t i = 0; i < kCases.size(); ++i) {
    INFO(kCases[i].rule);
    CHECK(printed(run.err, files[i], kCases[i], expected[i]));
  }
}

TEST_CASE("c2msim validate exits with status 2 on a file with a single problem",
          "[scenario][cli]") {
  const std::string base = c2msim::test::minimal_scenario();
  const c2msim::test::TempDir dir;
  const auto file = dir.path() / "bad.yaml";
  for (std::size_t i = 0; i < kCases.size(); i += 10) {
    const BadInput& c = kCases[i];
    DYNAMIC_SECTION(c.rule) {
      const Edited e = apply(base, c);
      c2msim::test::write_text(file, e.text);
      const auto run = c2msim::test::run_cli("validate '" + file.string() + "'", dir);
      INFO(run.err);
      CHECK(run.status == 2);
      CHECK(run.out.empty());
      CHECK(printed(run.err, file, c, c2msim::test::line_column(e.text, e.offset)));
    }
  }
}
