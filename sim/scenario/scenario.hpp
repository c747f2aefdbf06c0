#pragma once
// A scenario as plain values: what a researcher's file says, checked and typed. The loader
// (scenario_loader.hpp) builds it and has already rejected every inconsistency listed in
// scenarios/README.md, so a Scenario can be trusted as it is. Nothing here knows YAML.
//
// The enums and the leaf parameter structs (policies, production settings, a lane's terms) are the
// model's own (sim/model/chain_spec.hpp), read into directly; what differs from the model's
// ChainSpec is what chain_builder.hpp converts: dates, names, weekly patterns and events.
//
// Units are in the names (`_days`, `_per_day`, `_per_year`); money is in `currency`. Ids are unique
// within products, markets and an arm's nodes, and no node shares an id with a market. Indices
// refer into the vectors of the same Scenario (products, markets) or Arm (nodes). Variants of a
// product are numbered from 0, the most popular first (the file numbers them from 1).

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/model/chain_spec.hpp"
#include "sim/model/replenishment_policy.hpp"
#include "sim/network/node_kind.hpp"
#include "sim/random/distributions.hpp"

namespace c2msim::scenario {

using Date = std::chrono::year_month_day;

// Whole days from `from` to `to`; negative when `to` is earlier.
inline int days_between(Date from, Date to) {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count());
}

// ---- Products and demand (model.md section 3) -------------------------------------------------

struct Product {
  std::string id;
  double unit_cost = 0.0;      // factory production cost per unit
  std::uint32_t variants = 1;  // personalisation options
  // Consumer price at which the markets' base arrival rates hold; needed for price elasticity.
  std::optional<double> reference_price;
  std::optional<Date> season_end;  // stock left then is cleared at salvage_fraction x unit_cost
  double salvage_fraction = 0.0;
};

// One product a market's customers want, and the share of the market's customers who want it
// (the shares of a market sum to 1).
struct MarketProduct {
  std::size_t product = 0;
  double share = 1.0;
};

using model::ArrivalProcess;

// Preference over a product's variants: Zipf weights 1 / k^exponent for variant k = 1..n, or
// explicit weights, one per variant (not necessarily summing to 1).
struct ZipfPreference {
  double exponent = 0.0;  // 0: every variant equally liked
};
struct WeightedPreference {
  std::vector<double> weights;
};
using VariantPreference = std::variant<ZipfPreference, WeightedPreference>;

// A run of days before or after an event with its own demand multiplier.
struct EventPhase {
  std::uint32_t days = 1;
  double multiplier = 1.0;
};

// A dated event such as the 11.11 festival: `days` days from `start` with the rate multiplied by
// `multiplier`; an optional lull just before it and dip just after it. Multipliers of overlapping
// events and of the weekly pattern multiply.
struct DemandEvent {
  std::string name;
  Date start;
  std::uint32_t days = 1;
  double multiplier = 1.0;
  std::optional<EventPhase> pre_event;   // the `days` days ending the day before `start`
  std::optional<EventPhase> post_event;  // the `days` days starting the day after the event
};

struct Demand {
  // Customers per day before the weekly pattern, events and price response.
  double arrivals_per_day = 0.0;
  ArrivalProcess process = ArrivalProcess::kPoisson;
  double dispersion = 1.0;  // negative binomial only: r > 0
  // Units per customer; the model rounds a draw to a whole number of at least 1.
  random::Distribution quantity = random::Constant{1.0};
  VariantPreference variant_preference = ZipfPreference{};
  // How long a customer waits for delivery before the sale is lost; none: as long as it takes.
  std::optional<random::Distribution> patience_days;
  // The rate scales with (price / product reference_price)^(-price_elasticity); 0: no response.
  double price_elasticity = 0.0;
  std::array<double, 7> weekly_pattern{1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0};  // Monday first
  std::vector<DemandEvent> events;
};

// A consumer region. Markets are shared by every arm; lanes of an arm end at them.
struct Market {
  std::string id;
  std::vector<MarketProduct> products;
  Demand demand;
};

// ---- Network (model.md section 2) -------------------------------------------------------------

// Markets are vertices of an arm's network too, but they are declared once, outside the arms.
using network::kNodeKindNames;
using network::NodeKind;

using model::FactoryMode;
using model::ShortageMode;

// ---- Policies (model.md section 5) ------------------------------------------------------------

// (R, s, S), base stock (R, S), continuous review (r, Q) and forecast-driven order-up-to: the
// model's own policy values (sim/model/replenishment_policy.hpp), which hold nothing a file does
// not say. A forecast policy's `window_days` is in days, as the file gives it.
using model::BaseStockPolicy;
using model::DemandSignal;
using model::ForecastMethod;
using model::ForecastPolicy;
using model::RQPolicy;
using model::SsPolicy;
using model::StockPosition;
using Policy = model::ReplenishmentPolicy;

// Which variants a stocking node keeps: the `top` most popular, an explicit list, or all.
struct StockedVariants {
  std::uint32_t top = 0;              // 0 with an empty list: every variant
  std::vector<std::uint32_t> listed;  // 0-based variant indices
  bool given = false;  // the file sets stocked_variants (a factory's default differs)

  [[nodiscard]] bool all() const noexcept { return top == 0 && listed.empty(); }
};

// Inventory cost: an annual rate on the unit's value at the node (purchase cost, or production
// cost at a factory), or an amount of money per unit per day. At most one is non-zero.
struct HoldingCost {
  double rate_per_year = 0.0;
  double per_unit_day = 0.0;
};

// Finished goods held by a node and how it replenishes them.
struct Stock {
  Policy policy = BaseStockPolicy{};
  double min_order_qty = 0.0;
  std::uint32_t case_pack = 1;  // orders are whole multiples of this
  // Units on hand at time 0 for each stocked variant of each product; none: the policy's
  // order-up-to level (S, the base-stock level or r + Q; 0 for a forecast policy, which has no
  // level before it has seen demand).
  std::optional<double> initial_on_hand;
  StockedVariants stocked_variants;
  double substitution_probability = 0.0;  // a customer whose variant is not stocked takes another
  ShortageMode shortage = ShortageMode::kBackorder;
  HoldingCost holding_cost;
  double backorder_cost_per_unit_day = 0.0;  // a consumer's unit owed by this stock, per day
  double lost_sale_cost_per_unit = 0.0;      // a consumer's unit this stock lost
};

// A factory's `production`, as the model takes it (the file gives unit_production_days, or
// capacity_per_day for the whole factory, from which the reader derives it).
using Production = model::FactorySpec;

struct Node {
  std::string id;
  NodeKind kind = NodeKind::kRetailer;
  std::vector<std::size_t> products;  // the products it handles; empty: all of them
  // Selling price = purchase cost x (1 + markup); at a factory, production cost x (1 + markup).
  double markup = 0.0;
  std::optional<double> price;  // factory with one product: its selling price instead of a markup
  std::optional<Production> production;  // factories only
  std::optional<Stock> stock;  // warehouses, retailers, make-to-stock and hybrid factories, and
                               // platforms that hold stock
  double commission = 0.0;     // platform: consumer price = factory price x (1 + commission)
  bool shares_pos = false;     // publishes its point-of-sale data to the nodes above it
  std::uint32_t pos_delay_days = 0;  // ...which see a day's data this many days after its end

  [[nodiscard]] bool handles(std::size_t product) const;
};

// A lane from a supplier node to a customer node or market: goods flow along it, orders against it.
// Its terms are the model's; `from` is the index of the supplier in the arm's nodes, and `to` of
// the customer node, or of the market in the scenario's markets when `to_market` (the builder
// turns a market into its demand streams).
struct Lane : model::LaneSpec {
  std::string from_id;  // the ids the file names the ends by
  std::string to_id;
};

// One operating model: its own nodes and lanes, sharing the scenario's products, markets and
// calendar. An arm written with `extends` arrives here already merged with its parent.
struct Arm {
  std::string name;
  std::string description;
  std::optional<std::string> extends;
  std::vector<Node> nodes;
  std::vector<Lane> lanes;

  [[nodiscard]] const Node* find_node(std::string_view id) const;
};

struct Comparison {
  std::string baseline = "traditional";  // every other arm is compared with this one
  // The service level counts the units delivered within this long of the customer's order.
  double service_target_days = model::ChainSpec{}.service_target_days;
};

// The `tune:` section: what `c2msim tune` tunes, and toward what. Metric names are checked
// against the metric catalogue; scopes, and whether a variable's ends are accepted, when tuning.
enum class TuneGoal : unsigned char { kMaximise, kMinimise };
inline constexpr std::array<std::string_view, 2> kTuneGoalNames{"maximise", "minimise"};
inline std::string_view to_string(TuneGoal v) {
  return kTuneGoalNames[static_cast<std::size_t>(v)];
}

struct TuneObjective {
  std::string metric = "profit";
  std::string scope = "system";
  TuneGoal goal = TuneGoal::kMaximise;
};

struct TuneConstraint {
  std::string metric;
  std::string scope = "system";
  bool at_least = true;  // metric >= bound; false: metric <= bound
  double bound = 0.0;
};

struct TuneVariable {
  std::string key;    // a key path under `arms.ARM.`, as for --set
  double from = 0.0;  // the range searched, both ends included
  double to = 0.0;
  std::optional<bool> whole;    // none: whole when the key takes only whole numbers
  std::optional<double> start;  // none: the arm's value
  std::string source_path;      // where it is written, e.g. tune.variables[2]
  int line = 0;                 // of the entry in the file
  int column = 0;
};

struct TuneSection {
  bool given = false;
  TuneObjective objective;
  std::vector<TuneConstraint> constraints;
  std::vector<TuneVariable> variables;  // of every arm; `tune --arm A` takes those under arms.A
  std::uint32_t budget = 4000;          // replications the tuning of one arm may run in all
};

// ---- decompose: where a difference between two arms comes from (scenarios/README.md) -------

// One value a lever sets: a key path under `arms.BASE.` and its value in YAML flow style.
struct LeverOverride {
  std::string key_path;
  std::string value;
};

// A named set of overrides that moves the base arm towards the target.
struct Lever {
  std::string name;
  std::vector<LeverOverride> overrides;
};

struct Decomposition {
  std::string base;    // the arm the levers change
  std::string target;  // the arm they move it towards
  std::vector<Lever> levers;
  // The base arm with the levers of each combination applied (in lever order), indexed by bit
  // mask: bit i set means lever i is applied. 2^levers of them; [0] is the base arm itself.
  std::vector<Arm> combinations;
};

struct Scenario {
  std::string name;
  std::string description;
  std::string currency;
  Date start_date;  // simulated day 0
  double horizon_days = 0.0;
  double warmup_days = 0.0;  // the measured window begins here
  // How stock left at the horizon is valued in the measured profit.
  model::TerminalValuation terminal_valuation = model::TerminalValuation::kCost;
  std::uint64_t seed = 1;
  std::uint32_t replications = 1;
  std::vector<Product> products;
  std::vector<Market> markets;
  std::vector<Arm> arms;  // in file order
  Comparison compare;
  TuneSection tune;
  std::optional<Decomposition> decompose;  // the file's `decompose:` section

  [[nodiscard]] const Arm* find_arm(std::string_view name) const;
  [[nodiscard]] std::optional<std::size_t> product_index(std::string_view id) const;
  [[nodiscard]] std::optional<std::size_t> market_index(std::string_view id) const;
  // Simulated day (0 = start_date) of a calendar date.
  [[nodiscard]] int day_of(Date date) const { return days_between(start_date, date); }
};

using model::to_string;
using network::to_string;

}  // namespace c2msim::scenario
