#pragma once
// What one arm of a scenario asks the model to simulate, ready to run: dense indices instead of
// names, days since the start date instead of calendar dates, policies as values. The scenario
// loader builds it from a file; tests build it directly. It knows nothing of YAML.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/replenishment_policy.hpp"
#include "sim/network/node_kind.hpp"
#include "sim/random/distributions.hpp"

namespace c2msim::model {

using Index = std::uint32_t;
inline constexpr Index kNone = ~Index{0};

struct ProductSpec {
  std::string id;
  double unit_cost = 1.0;                // factory production cost per unit (currency)
  Index variants = 1;                    // personalisation options; variant 0 is the most popular
  std::optional<double> season_end_day;  // stock left then is salvaged, and sales of it stop
  double salvage_fraction = 0.0;         // of unit cost, recovered for each unit left unsold
};

enum class ArrivalProcess : std::uint8_t {
  kPoisson,           // rate constant within each day
  kNegativeBinomial,  // over-dispersed count per day (dispersion r), spread uniformly over the day
  kDeterministic,     // one customer each time the cumulative rate passes a whole number
};
// The words of a scenario file for each enumerator, in enumerator order (so for those below).
inline constexpr std::array<std::string_view, 3> kArrivalProcessNames{
    "poisson", "negative_binomial", "deterministic"};

// A stream of consumers of one product in one region, with a rate per day (base x weekly pattern
// x dated events, precomputed for each simulated day).
struct MarketSpec {
  std::string id;
  Index product = 0;
  std::vector<double> arrivals_per_day;  // one entry per simulated day, before price response
  ArrivalProcess process = ArrivalProcess::kPoisson;
  double dispersion = 1.0;  // negative binomial r: variance = mean + mean^2 / r
  random::Distribution quantity = random::Constant{1.0};  // units per customer, rounded, >= 1
  std::vector<double> variant_weights{1.0};               // preference over the product's variants
  std::optional<random::Distribution> patience_days;      // none: waits as long as it takes
  double price_elasticity = 0.0;  // rate x (price / reference_price)^(-elasticity)
  double reference_price = 0.0;   // 0: no price response
};

// Never kMarket: markets are MarketSpecs.
using network::NodeKind;
enum class FactoryMode : std::uint8_t {
  kMakeToStock,  // builds finished goods to a stock policy
  kMakeToOrder,  // a production queue of customer orders, any variant
  kHybrid,       // to_order_share of demand built to order, the rest served from stock
};
inline constexpr std::array<std::string_view, 3> kFactoryModeNames{"make_to_stock", "make_to_order",
                                                                   "hybrid"};
enum class ShortageMode : std::uint8_t {
  kBackorder,  // unmet demand waits (a customer at most their patience)
  kLostSales,  // unmet demand is lost at once
};
inline constexpr std::array<std::string_view, 2> kShortageModeNames{"backorder", "lost_sales"};

inline std::string_view to_string(ArrivalProcess v) {
  return kArrivalProcessNames[static_cast<std::size_t>(v)];
}
inline std::string_view to_string(FactoryMode v) {
  return kFactoryModeNames[static_cast<std::size_t>(v)];
}
inline std::string_view to_string(ShortageMode v) {
  return kShortageModeNames[static_cast<std::size_t>(v)];
}

// Stock held by a node (warehouse, retailer, platform with stock, make-to-stock factory).
struct StockSpec {
  ReplenishmentPolicy policy = BaseStockPolicy{};
  OrderConstraints constraints;
  double initial_on_hand = 0.0;             // per stocked variant of each product the node handles
  Index stocked_variants = 0;               // the top-N variants by popularity; 0 = every variant
  std::vector<Index> stocked_variant_list;  // or exactly these (0-based) variants, when not empty
  // A factory's stock when the scenario chose no variants: what the nodes it supplies stock (see
  // ArmPlan); other nodes, and a factory when this is set, go by the two fields above.
  bool variants_given = false;
  ShortageMode shortage = ShortageMode::kBackorder;
  double substitution_probability = 0.0;  // a customer whose variant is not stocked takes another
  // Shortage costs (docs/model.md, "Metrics"): money per unit-day a consumer's unit is owed by
  // this stock, and per consumer's unit this stock lost. Costs, not cash: profit leaves them out.
  double backorder_cost_per_unit_day = 0.0;
  double lost_sale_cost_per_unit = 0.0;
};

// A factory's production settings; the scenario loader reads a file's `production` into it.
struct FactorySpec {
  FactoryMode mode = FactoryMode::kMakeToStock;
  // Hybrid: the share of customers whose order is built to order; the others are served from the
  // factory's stock, except that a variant it does not stock is always built to order.
  double to_order_share = 0.0;
  double unit_cost_multiplier = 1.0;   // production cost = product unit cost x this
  Index lines = 1;                     // parallel production lines
  double unit_production_days = 0.01;  // time to make one unit on one line
  double changeover_days = 0.0;        // when a line switches variant
  double batching_window_days = 0.0;   // make-to-order jobs released in variant-sorted batches
};

struct NodeSpec {
  std::string id;
  NodeKind kind = NodeKind::kRetailer;
  double markup = 0.0;                      // selling price = purchase cost x (1 + markup)
  double holding_cost_rate_per_year = 0.0;  // of the unit's value at this node
  double holding_cost_per_unit_day = 0.0;   // or a fixed amount per unit held per day
  std::optional<StockSpec> stock;
  std::optional<FactorySpec> factory;  // kind == kFactory
  double commission = 0.0;             // platform: C2M price = factory price x (1 + commission)
  // Publishes its point-of-sale data (its consumers' demand) to the nodes above it, which see
  // each day's data pos_delay_days (whole days) after it.
  bool shares_pos = false;
  double pos_delay_days = 0.0;
};

// A lane from a supplier node to a customer node or market.
struct LaneSpec {
  Index from = 0;
  Index to = 0;  // a node index, or a market index when to_market
  bool to_market = false;
  random::Distribution lead_time_days = random::Constant{0.0};
  double cost_per_unit = 0.0;
  double information_delay_days = 0.0;     // orders travelling upstream along this lane
  std::optional<double> capacity_per_day;  // units entering the lane per day; none: unlimited
  double share = 1.0;                      // to a market: relative share of its customers
  double payment_terms_days = 0.0;  // the buyer pays for a shipment this long after it leaves
};

// How stock left at the horizon is valued: at cost, as a going concern (it is ending inventory),
// or sold off at the product's salvage fraction (the chain closes down).
enum class TerminalValuation : std::uint8_t { kCost, kSalvage };
inline constexpr std::array<std::string_view, 2> kTerminalValuationNames{"cost", "salvage"};

struct ChainSpec {
  std::string arm;
  double horizon_days = 365.0;
  double warmup_days = 0.0;
  TerminalValuation terminal_valuation = TerminalValuation::kCost;
  // The service level counts the units delivered within this long of the customer's order.
  double service_target_days = 7.0;
  // The days of the system bullwhip's buckets, the same in every arm of a comparison (the
  // scenario builder sets the longest of any arm's); 0: this arm's own, the longest of its nodes'.
  std::int64_t system_bucket_days = 0;
  std::vector<ProductSpec> products;
  std::vector<MarketSpec> markets;
  std::vector<NodeSpec> nodes;
  std::vector<LaneSpec> lanes;
};

// The part of [from, to] that lies in the measured window [warmup_days, horizon_days].
inline double measured_overlap(const ChainSpec& spec, double from, double to) {
  const double start = from > spec.warmup_days ? from : spec.warmup_days;
  const double end = to < spec.horizon_days ? to : spec.horizon_days;
  return end > start ? end - start : 0.0;
}

}  // namespace c2msim::model
