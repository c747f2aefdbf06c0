#include "sim/scenario/key_catalogue.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/scenario/limits.hpp"
#include "sim/scenario/scenario.hpp"

namespace c2msim::scenario {
namespace {

// ---- Constructors, one per value type --------------------------------------------------------

KeyInfo make(std::string_view name, ValueType type, std::string_view meaning) {
  KeyInfo k;
  k.name = name;
  k.type = type;
  k.meaning = meaning;
  return k;
}
KeyInfo number(std::string_view name, Bounds range, std::string_view meaning) {
  KeyInfo k = make(name, ValueType::kNumber, meaning);
  k.range = range;
  return k;
}
KeyInfo whole(std::string_view name, double low, double high, std::string_view meaning) {
  KeyInfo k = make(name, ValueType::kWhole, meaning);
  k.range = between(low, high);
  return k;
}
KeyInfo word(std::string_view name, std::span<const std::string_view> words,
             std::string_view meaning) {
  KeyInfo k = make(name, ValueType::kWord, meaning);
  k.words = words;
  return k;
}
KeyInfo numbers(std::string_view name, Bounds each, std::string_view meaning) {
  KeyInfo k = make(name, ValueType::kNumbers, meaning);
  k.range = each;
  return k;
}
// A distribution of a quantity at most `max_value` (limits.hpp): its every parameter.
KeyInfo distribution_key(std::string_view name, double max_value, std::string_view meaning) {
  KeyInfo k = make(name, ValueType::kDistribution, meaning);
  k.range = up_to(max_value);
  k.of = Section::kDistribution;
  return k;
}
KeyInfo of_section(std::string_view name, ValueType type, Section of, std::string_view meaning) {
  KeyInfo k = make(name, type, meaning);
  k.of = of;
  return k;
}
KeyInfo map(std::string_view name, Section of, std::string_view meaning) {
  return of_section(name, ValueType::kMap, of, meaning);
}
KeyInfo maps(std::string_view name, Section of, std::string_view meaning) {
  return of_section(name, ValueType::kMaps, of, meaning);
}
KeyInfo choice(std::string_view name, Section of, std::string_view meaning) {
  return of_section(name, ValueType::kChoice, of, meaning);
}

// The defaults are the structs' own, so that the reader (which fills a default-constructed
// struct) and the documentation cannot disagree.
const Scenario kScenario{};
const Product kProduct{};
const MarketProduct kMarketProduct{};
const Demand kDemand{};
const Node kNode{};
const Production kProduction{};
const Stock kStock{};
const ForecastPolicy kForecastPolicy{};
const BaseStockPolicy kBaseStockPolicy{};
const Lane kLane{};

// The node kinds a file may declare under an arm (markets are declared at the top level).
constexpr std::span<const std::string_view> kArmNodeKinds{network::kNodeKindNames.data(), 4};
// Every scenario compares at least these two operating models (model.md section 4).
constexpr std::array<std::string_view, 2> kRequiredArms{"traditional", "c2m"};

constexpr std::string_view kUnlessInherited = "yes, unless inherited";

// Every key of any node kind, none required but `id`: an extending arm's entry may override any.
std::vector<KeyInfo> node_override_keys(std::initializer_list<const std::vector<KeyInfo>*> kinds) {
  std::vector<KeyInfo> keys;
  for (const auto* kind_keys : kinds) {
    for (KeyInfo k : *kind_keys) {
      const bool seen =
          std::any_of(keys.begin(), keys.end(), [&](const KeyInfo& x) { return x.name == k.name; });
      if (seen) continue;
      k.need = k.name == "id" ? Need::kRequired : Need::kOptional;
      k.when = {};
      keys.push_back(k);
    }
  }
  return keys;
}

// ---- The sections ----------------------------------------------------------------------------

struct Catalogue {
  std::vector<KeyInfo> scenario{
      make("name", ValueType::kText, "short name of the scenario").require(),
      make("description", ValueType::kText,
           "what the scenario is about and where its numbers come from"),
      make("currency", ValueType::kText,
           "the currency of every amount of money in the file (a label, e.g. `CNY`)"),
      make("start_date", ValueType::kDate, "calendar date of simulated day 0").require(),
      number("horizon_days", positive_up_to(limits::kMaxDays), "length of a run in days").require(),
      number("warmup_days", up_to(limits::kMaxDays),
             "the measured window begins here, and stock carried into it is valued at cost; "
             "shorter than `horizon_days`")
          .by_default(kScenario.warmup_days),
      word("terminal_valuation", model::kTerminalValuationNames,
           "stock left at the horizon: `cost` (valued at cost, a going concern) or `salvage` (sold "
           "off at each product's `salvage_fraction`, the loss in `salvage_loss`)")
          .by_default(kScenario.terminal_valuation),
      make("seed", ValueType::kSeed, "seed of every random stream").by_default(kScenario.seed),
      whole("replications", 1, limits::kMaxReplications,
            "independent replications of each arm (as `run -n`)")
          .by_default(kScenario.replications),
      maps("products", Section::kProduct, "what is sold: a list of [products](#products)")
          .require()
          .items(1),
      maps("markets", Section::kMarket,
           "the consumer regions, shared by every arm: a list of [markets](#markets)")
          .require()
          .items(1),
      [] {
        KeyInfo k = of_section("arms", ValueType::kNamedMaps, Section::kArm,
                               "map from arm name to [arm](#arms); at least `traditional` and "
                               "`c2m`");
        k.words = kRequiredArms;
        return k.require();
      }(),
      map("compare", Section::kCompare, "how the arms are [compared](#compare)"),
      map("tune", Section::kTune,
          "what [`c2msim tune`](#tune-the-policies-of-an-arm) tunes, and toward what"),
      [] {
        // Read by sweep.hpp, not by the scenario's reader; `range` bounds a range's steps.
        KeyInfo k = make("sweep", ValueType::kSweep,
                         "a [grid of what-ifs](#sweep-a-grid-of-what-ifs): from a [key "
                         "path](#key-paths) such as `arms.c2m.nodes[platform].commission` to its "
                         "values");
        k.range = between(2, limits::kMaxSweepPoints);
        return k;
      }(),
      // decompose: read by decompose.hpp, not by the scenario's reader.
      map("decompose", Section::kDecompose,
          "[where the difference between two arms comes from](#decompose-where-a-difference-"
          "comes-from): levers that move one arm towards the other, for `c2msim decompose`"),
  };

  std::vector<KeyInfo> product{
      make("id", ValueType::kId, "unique among the products").require(),
      number("unit_cost", positive_up_to(limits::kMaxMoney), "factory production cost per unit")
          .require(),
      whole("variants", 1, limits::kMaxVariants,
            "number of personalisation options; variant 1 is the most popular")
          .by_default(kProduct.variants),
      number("reference_price", positive_up_to(limits::kMaxMoney),
             "consumer price at which the markets' `arrivals_per_day` hold")
          .required_when("with `price_elasticity`"),
      make("season_end", ValueType::kDate,
           "a date after `start_date`: stock left then is cleared at `salvage_fraction` × "
           "`unit_cost`"),
      number("salvage_fraction", probability(),
             "share of `unit_cost` recovered for each unit cleared")
          .by_default(kProduct.salvage_fraction),
  };

  std::vector<KeyInfo> market{
      make("id", ValueType::kId, "unique among the markets, and not the id of a node").require(),
      maps("products", Section::kMarketProduct,
           "the products its customers want, each `{product: ID, share: FRACTION}`; the shares "
           "sum to 1")
          .require()
          .items(1),
      map("demand", Section::kDemand, "its [customers](#demand)").require(),
  };

  std::vector<KeyInfo> market_product{
      make("product", ValueType::kId, "id of a product").require(),
      number("share", probability(), "share of the market's customers who want it")
          .required_when("with several products")
          .by_default(kMarketProduct.share),
  };

  std::vector<KeyInfo> demand{
      number("arrivals_per_day", up_to(limits::kMaxArrivalsPerDay),
             "base rate of customers per day, before the weekly pattern, events and price "
             "response")
          .require(),
      word("process", model::kArrivalProcessNames,
           "`poisson` (customers arrive one by one), `negative_binomial` (an over-dispersed "
           "count per day) or `deterministic` (one customer each time the cumulative rate, from "
           "the start, passes a whole number: a rate of 0.5 per day brings a customer at days 2, "
           "4, 6, ...)")
          .by_default(kDemand.process),
      number("dispersion", between(limits::kMinDispersion, limits::kMaxDispersion),
             "the negative binomial's r: the daily count has variance mean + mean² / r")
          .required_when("with `negative_binomial`"),
      distribution_key(
          "quantity", limits::kMaxUnitsPerCustomer,
          "units per customer, a [distribution](#distributions); a draw is rounded to a "
          "whole number of at least 1")
          .by_default(std::get<random::Constant>(kDemand.quantity).value),
      choice("variant_preference", Section::kVariantPreference,
             "`{zipf: s}` (weights 1 / k^s for variant k) or `{weights: [w1, w2, ...]}` (one "
             "weight per variant of each product of the market)")
          .by_default_note("all equal"),
      distribution_key(
          "patience_days", limits::kMaxDays,
          "how long a customer waits for delivery, a [distribution](#distributions); a "
          "customer whose quoted wait is longer is lost")
          .by_default_note("infinitely patient"),
      number("price_elasticity", up_to(limits::kMaxPriceElasticity),
             "the rate scales with (price / `reference_price`)^(−elasticity), so a lower price "
             "raises demand; needs each product's `reference_price`")
          .by_default(kDemand.price_elasticity),
      numbers("weekly_pattern", up_to(limits::kMaxMultiplier),
              "seven multipliers, Monday first, used as given (make them average 1 to keep "
              "`arrivals_per_day` the mean)")
          .items(7, 7)
          .by_default_note("all 1"),
      maps("events", Section::kEvent, "[dated events](#events) such as the 11.11 festival"),
  };

  std::vector<KeyInfo> variant_preference{
      number("zipf", up_to(limits::kMaxZipfExponent), "weights 1 / k^exponent for variant k"),
      numbers("weights", up_to(limits::kMaxWeight), "one weight per variant, variant 1 first"),
  };

  std::vector<KeyInfo> event{
      make("name", ValueType::kLabel, "a label, e.g. `\"11.11\"`").require(),
      make("start", ValueType::kDate, "first day of the event").require(),
      whole("days", 1, limits::kMaxDays,
            "its length in days (the 11.11 window of 2019 is `start: 2019-11-01`, `days: 11`)")
          .require(),
      number("multiplier", up_to(limits::kMaxMultiplier), "demand multiplier during the event")
          .require(),
      map("pre_event", Section::kEventPhase,
          "a lull, `{days, multiplier}`, in the `days` days just before `start`"),
      map("post_event", Section::kEventPhase,
          "a dip, `{days, multiplier}`, in the `days` days just after the event"),
  };

  std::vector<KeyInfo> event_phase{
      whole("days", 1, limits::kMaxDays, "its length in days").require(),
      number("multiplier", up_to(limits::kMaxMultiplier), "demand multiplier during it").require(),
  };

  std::vector<KeyInfo> arm{
      make("description", ValueType::kText, "what the arm is (not inherited)"),
      make("extends", ValueType::kId,
           "name of another arm this one [overrides](#extends-what-ifs-in-a-few-lines)"),
      // The entries of `nodes` are of the section their `kind` names (kNodeOverride without one).
      maps("nodes", Section::kNodeOverride,
           "the factories, warehouses, retailers and platforms: a list of [nodes](#nodes)")
          .required_when(kUnlessInherited),
      maps("lanes", Section::kLane,
           "a list of [lanes](#lanes) from suppliers to their customers and markets")
          .required_when(kUnlessInherited),
  };

  std::vector<KeyInfo> common_node{
      make("id", ValueType::kId, "unique in the arm, and not the id of a market").require(),
      word("kind", kArmNodeKinds, "`factory`, `warehouse`, `retailer` or `platform`").require(),
      make("remove", ValueType::kBoolean,
           "in an arm with `extends`, `true` deletes the inherited node (with its lanes) or lane")
          .shared("remove"),
      make("products", ValueType::kIds,
           "ids of the products the node handles; goods of other products do not pass through "
           "it")
          .items(1)
          .shared("product_ids")
          .by_default_note("all"),
      number("markup", up_to(limits::kMaxMarkup),
             "selling price = purchase cost × (1 + markup); at a factory, production cost × (1 + "
             "markup)")
          .shared("markup")
          .by_default(kNode.markup),
      make("shares_pos", ValueType::kBoolean,
           "`true` publishes its point-of-sale data (the units its consumers ask for) to every "
           "node above it, for their `signal: pos` forecasts")
          .by_default(kNode.shares_pos),
      whole("pos_delay_days", 0, limits::kMaxPosDelayDays,
            "with `shares_pos`: the nodes above see a day's point-of-sale data this many whole "
            "days after its end")
          .by_default(kNode.pos_delay_days),
  };

  std::vector<KeyInfo> with_common(std::initializer_list<KeyInfo> own) const {
    std::vector<KeyInfo> keys = common_node;
    keys.insert(keys.end(), own);
    return keys;
  }

  std::vector<KeyInfo> factory_node = with_common({
      number("price", positive_up_to(limits::kMaxMoney),
             "selling price per unit instead of `markup`, for a factory of one product"),
      map("production", Section::kProduction,
          "how it makes its goods: its [production](#production)")
          .require(),
      map("stock", Section::kStock,
          "its finished goods and their [policy](#stock); not allowed with `make_to_order`")
          .required_when("with `make_to_stock` or `hybrid`"),
  });
  std::vector<KeyInfo> warehouse_node = with_common({
      map("stock", Section::kStock,
          "its [stock](#stock) and replenishment policy: a brand DC, distributor, wholesaler")
          .require(),
  });
  std::vector<KeyInfo> retailer_node = with_common({
      map("stock", Section::kStock,
          "its [stock](#stock) and replenishment policy: a consumer-facing stocking node")
          .require(),
  });
  std::vector<KeyInfo> platform_node = with_common({
      number("commission", up_to(limits::kMaxMarkup),
             "consumer price = factory price × (1 + `commission`)")
          .by_default(kNode.commission),
      map("stock", Section::kStock,
          "[stock](#stock) it holds like a retailer; leave it out for a platform that only "
          "forwards orders"),
  });
  std::vector<KeyInfo> node_override =
      node_override_keys({&factory_node, &warehouse_node, &retailer_node, &platform_node});

  std::vector<KeyInfo> production{
      word("mode", model::kFactoryModeNames,
           "`make_to_stock` (builds to its stock policy), `make_to_order` (a queue of customer "
           "orders, any variant) or `hybrid`")
          .require(),
      number("to_order_share", probability(),
             "share of demand built to order; the rest is served from stock")
          .required_when("with `hybrid`"),
      whole("lines", 1, limits::kMaxLines, "parallel production lines")
          .by_default(kProduction.lines),
      number("unit_production_days", positive_up_to(limits::kMaxDays),
             "days to make one unit on one line")
          .required_when("this or `capacity_per_day`"),
      number("capacity_per_day", between(limits::kMinCapacityPerDay, limits::kMaxCapacityPerDay),
             "units per day of the whole factory (each line makes `capacity_per_day / lines`)")
          .required_when("this or `unit_production_days`"),
      number("changeover_days", up_to(limits::kMaxDays),
             "set-up time when a line switches to another variant")
          .by_default(kProduction.changeover_days),
      // The model releases a batch every window: a window that does not move the clock never ends.
      number("batching_window_days",
             {limits::kMinPeriodDays, false, limits::kMaxDays, false, "jobs released at once"},
             "to-order jobs are released in batches this often")
          .by_default(kProduction.batching_window_days),
      number("unit_cost_multiplier",
             between(limits::kMinCostMultiplier, limits::kMaxCostMultiplier),
             "production cost = product `unit_cost` × this (customisation may cost more)")
          .by_default(kProduction.unit_cost_multiplier),
  };

  std::vector<KeyInfo> stock{
      choice("policy", Section::kPolicy, "the replenishment [policy](#policies)").require(),
      number("min_order_qty", up_to(limits::kMaxUnits), "smallest order")
          .by_default(kStock.min_order_qty),
      whole("case_pack", 1, limits::kMaxCasePack, "orders are whole multiples of this")
          .by_default(kStock.case_pack),
      number("initial_on_hand", up_to(limits::kMaxUnits), "units of each stocked variant at time 0")
          .by_default_note("the policy's order-up-to level: S, `level` (an echelon `level` less "
                           "the opening stock of the nodes below), r + Q, or 0 for "
                           "`forecast_order_up_to`"),
      [] {
        KeyInfo k = make("stocked_variants", ValueType::kStockedVariants,
                         "`all`; N, the N most popular variants; or a list of variant numbers "
                         "such as `[1, 2, 5]` (1 = most popular)");
        k.range = between(1, limits::kMaxVariants);
        return k.shared("stocked_variants")
            .by_default_note(
                "all at a warehouse or retailer; at a make-to-stock factory, the variants its "
                "customers stock");
      }(),
      number("substitution_probability", probability(),
             "a customer whose variant is not stocked takes another with this probability; "
             "otherwise the sale is lost")
          .by_default(kStock.substitution_probability),
      word("shortage", model::kShortageModeNames,
           "`backorder` (unmet demand waits; a customer at most their patience) or `lost_sales`")
          .by_default(kStock.shortage),
      number("holding_cost_rate_per_year", up_to(limits::kMaxHoldingRatePerYear),
             "annual holding cost as a fraction of the unit's value at the node (its purchase "
             "cost; a factory's production cost)")
          .by_default(kStock.holding_cost.rate_per_year),
      number("holding_cost_per_unit_day", up_to(limits::kMaxMoney),
             "or: holding cost in money per unit per day; give one of the two")
          .by_default(kStock.holding_cost.per_unit_day),
      number("backorder_cost_per_unit_day", up_to(limits::kMaxMoney),
             "cost in money per unit per day a consumer's unit waits backordered at this stock "
             "(the `backorder_cost` metric; not cash, so not in profit)")
          .by_default(kStock.backorder_cost_per_unit_day),
      number("lost_sale_cost_per_unit", up_to(limits::kMaxMoney),
             "cost in money per unit of consumer demand this stock loses: turned away for lack "
             "of stock or when a waiting customer's patience runs out (the `lost_sales_cost` "
             "metric; not in profit)")
          .by_default(kStock.lost_sale_cost_per_unit),
  };

  std::vector<KeyInfo> policy{
      map("s_S", Section::kSsPolicy,
          "periodic review: every R days, if the inventory position is at or below s, order up "
          "to S (s <= S)"),
      map("base_stock", Section::kBaseStockPolicy,
          "periodic-review order-up-to: every R days, order up to `level`"),
      map("r_Q", Section::kRqPolicy,
          "continuous review: when the position is at or below r, order Q (repeated until it is "
          "above r)"),
      map("forecast_order_up_to", Section::kForecastOrderUpToPolicy,
          "every R days order up to S = F (L + R) + z σ √(L + R), with F and σ the per-day "
          "forecast of the signal and its standard deviation, L the lead time"),
  };

  // Stock is reviewed at day ends (model.md): a review period is a whole number of days.
  KeyInfo review_period =
      whole("review_period_days", 1, limits::kMaxDays, "R, the whole days between reviews")
          .require();
  const Bounds order_point = between(-limits::kMaxUnits, limits::kMaxUnits);

  std::vector<KeyInfo> s_S_policy{
      review_period,
      number("s", order_point, "reorder point, at most S").require(),
      number("S", up_to(limits::kMaxUnits), "order-up-to level").require(),
  };
  std::vector<KeyInfo> base_stock_policy{
      review_period,
      number("level", up_to(limits::kMaxUnits), "order-up-to level").require(),
      word("position", model::kStockPositionNames,
           "the inventory position ordered up to `level`: `installation` (the node's own: on "
           "hand + on order - backorders) or `echelon` (also the stock at and in transit to every "
           "node below it, minus end consumers' backorders there; Clark and Scarf 1960)")
          .by_default(kBaseStockPolicy.position),
  };
  std::vector<KeyInfo> r_Q_policy{
      number("r", order_point, "reorder point").require(),
      number("Q", positive_up_to(limits::kMaxUnits), "order quantity").require(),
  };
  std::vector<KeyInfo> forecast_order_up_to_policy{
      review_period,
      choice("forecast", Section::kForecast, "how F and σ are forecast").require(),
      word("signal", model::kDemandSignalNames,
           "`orders` (what the node's customers order: forecasting from them is what produces "
           "the bullwhip effect) or `pos` (point-of-sale data: the node's own consumers' demand "
           "and that of the nodes below it with `shares_pos`, after their `pos_delay_days`; the "
           "C2M data lever; at least one node below must share)")
          .by_default(kForecastPolicy.signal),
      number("safety_factor", up_to(limits::kMaxSafetyFactor), "the safety factor z")
          .by_default(kForecastPolicy.safety_factor),
  };
  // Its keys are the words of model::ForecastMethod.
  std::vector<KeyInfo> forecast{
      map("moving_average", Section::kMovingAverageForecast,
          "the mean of the signal over the last `window_days` days"),
      map("exponential_smoothing", Section::kExponentialSmoothingForecast,
          "simple exponential smoothing with constant `alpha`"),
  };
  std::vector<KeyInfo> moving_average{
      whole("window_days", 1, limits::kMaxWindowDays, "days averaged").require(),
  };
  std::vector<KeyInfo> exponential_smoothing{
      number("alpha", {0.0, true, 1.0, false, {}}, "smoothing constant").require(),
  };

  std::vector<KeyInfo> lane{
      make("from", ValueType::kId, "id of the supplier node (not a market)").require(),
      make("to", ValueType::kId, "id of the customer node (not a factory) or market").require(),
      common_node[2],  // remove
      distribution_key("lead_time_days", limits::kMaxDays,
                       "transport time, a [distribution](#distributions)")
          .required_when(kUnlessInherited),
      number("cost_per_unit", up_to(limits::kMaxMoney), "transport cost per unit shipped")
          .by_default(kLane.cost_per_unit),
      number("information_delay_days", up_to(limits::kMaxDays),
             "delay of orders travelling upstream along the lane")
          .by_default(kLane.information_delay_days),
      number("payment_terms_days", up_to(limits::kMaxDays),
             "the buyer pays for a shipment this many days after it leaves the supplier "
             "(`cash_to_cash_days`)")
          .by_default(kLane.payment_terms_days),
      number("capacity_per_day", between(limits::kMinCapacityPerDay, limits::kMaxCapacityPerDay),
             "units that can enter the lane per day; a shipment that does not fit waits, whole, "
             "for the next days' capacity (docs/model.md)")
          .by_default_note("unlimited"),
      number("share", positive_up_to(limits::kMaxLaneShare),
             "into a market only: relative share of the market's customers among the lanes into "
             "it")
          .by_default(kLane.share),
  };

  // Distributions: every parameter is bounded by the key the distribution is given for.
  static KeyInfo parameter(std::string_view name, bool positive, std::string_view meaning) {
    return number(name, {0.0, positive, 0.0, false, {}}, meaning).bounded_by_owner();
  }
  std::vector<KeyInfo> distribution{
      parameter("constant", false, "always this value"),
      map("uniform", Section::kUniformDistribution, "uniform on [min, max), min < max"),
      map("exponential", Section::kExponentialDistribution, "exponential with this mean"),
      map("normal", Section::kNormalDistribution,
          "normal; it can draw negative values, which mean nothing for a duration or a quantity: "
          "prefer lognormal or gamma"),
      map("lognormal", Section::kLognormalDistribution,
          "lognormal with this mean and standard deviation *of the quantity itself*, not of its "
          "logarithm"),
      map("gamma", Section::kGammaDistribution, "gamma with this mean and standard deviation"),
      map("triangular", Section::kTriangularDistribution,
          "triangular; min <= mode <= max, min < max"),
      map("empirical", Section::kEmpiricalDistribution,
          "one of the observed `values`, with the given `weights` (equal if left out)"),
  };
  std::vector<KeyInfo> uniform{parameter("min", false, "the smallest value").require(),
                               parameter("max", false, "the bound above every value").require()};
  std::vector<KeyInfo> exponential{parameter("mean", true, "the mean").require()};
  std::vector<KeyInfo> normal{parameter("mean", false, "the mean").require(),
                              parameter("sd", false, "the standard deviation").require()};
  std::vector<KeyInfo> lognormal{parameter("mean", true, "the mean").require(),
                                 parameter("sd", false, "the standard deviation").require()};
  std::vector<KeyInfo> gamma{parameter("mean", true, "the mean").require(),
                             parameter("sd", true, "the standard deviation").require()};
  std::vector<KeyInfo> triangular{parameter("min", false, "the smallest value").require(),
                                  parameter("mode", false, "the most likely value").require(),
                                  parameter("max", false, "the largest value").require()};
  std::vector<KeyInfo> empirical{
      numbers("values", {0.0, false, 0.0, false, {}}, "the observed values")
          .bounded_by_owner()
          .items(1)
          .require(),
      numbers("weights", up_to(limits::kMaxWeight), "their weights, one per value").items(1),
  };

  std::vector<KeyInfo> compare{
      make("baseline", ValueType::kId,
           "the arm every other arm is compared with; without `compare`, `traditional`")
          .require(),
      number("service_target_days", positive_up_to(limits::kMaxDays),
             "`service_level` counts the units delivered within this many days of the order "
             "(docs/model.md)")
          .by_default(kScenario.compare.service_target_days),
  };

  // ---- tune: (c2msim tune) -------------------------------------------------------------------
  std::vector<KeyInfo> tune{
      map("objective", Section::kTuneObjective,
          "the metric to maximise or minimise; default: maximise the chain's `profit`"),
      maps("constraints", Section::kTuneConstraint,
           "metrics that must meet a bound, judged by their 95% confidence interval"),
      maps("variables", Section::kTuneVariable,
           "the values to tune; an arm with none here gets every parameter of its stock "
           "policies and its factories' batching windows, within default bounds (README)"),
      whole("budget", 1, limits::kMaxReplications,
            "replications the tuning of one arm may run in all (as `tune --budget`)")
          .by_default(kScenario.tune.budget),
  };
  std::vector<KeyInfo> tune_objective{
      make("metric", ValueType::kText, "a metric of `c2msim metrics`").by_default_note("`profit`"),
      make("scope", ValueType::kText, "`system` or a node id").by_default_note("`system`"),
      word("goal", kTuneGoalNames, "`maximise` or `minimise`").by_default(TuneGoal::kMaximise),
  };
  std::vector<KeyInfo> tune_constraint{
      make("metric", ValueType::kText, "a metric of `c2msim metrics`").require(),
      make("scope", ValueType::kText, "`system` or a node id").by_default_note("`system`"),
      number("at_least", between(-limits::kMaxMoney, limits::kMaxMoney),
             "the metric must be at least this")
          .required_when("exactly one of `at_least` and `at_most`"),
      number("at_most", between(-limits::kMaxMoney, limits::kMaxMoney),
             "the metric must be at most this")
          .required_when("exactly one of `at_least` and `at_most`"),
  };
  std::vector<KeyInfo> tune_variable{
      make("key", ValueType::kText,
           "the [key path](#key-paths) of the value, under `arms.ARM.`, as for `--set`")
          .require(),
      number("from", between(-limits::kMaxMoney, limits::kMaxMoney), "the smallest value searched")
          .require(),
      number("to", between(-limits::kMaxMoney, limits::kMaxMoney),
             "the largest value searched; more than `from`")
          .require(),
      make("whole", ValueType::kBoolean, "search whole numbers only")
          .by_default_note("whole for a stock quantity and where the key takes only whole numbers"),
      number("start", between(-limits::kMaxMoney, limits::kMaxMoney),
             "where the search starts; from `from` to `to`")
          .by_default_note("the arm's value"),
  };

  // decompose (its own block, for merges)
  std::vector<KeyInfo> decompose{
      make("base", ValueType::kId,
           "the arm the levers change; the levers' key paths start with `arms.BASE.`")
          .by_default_note("`compare.baseline`"),
      make("target", ValueType::kId,
           "the arm the levers move the base towards: the residual is target − every lever, what "
           "the levers leave unexplained; not the base")
          .by_default_note("`c2m`, or the first arm that is not the base"),
      [] {
        KeyInfo k = make("levers", ValueType::kLevers,
                         "map from lever name (an id) to a map of [key paths](#key-paths) under "
                         "`arms.BASE.` to values, each as `--set` takes it; applied in this "
                         "order");
        return k.items(1, limits::kMaxLevers).require();
      }(),
  };

  std::vector<KeySection> sections{
      {Section::kScenario, "scenario", false, scenario, {}, {}, false},
      {Section::kProduct, "product", false, product, {}, {}, false},
      {Section::kMarket, "market", false, market, {}, {}, false},
      {Section::kMarketProduct, "market_product", false, market_product, {}, {}, false},
      {Section::kDemand, "demand", false, demand, {}, {}, false},
      {Section::kVariantPreference,
       "variant_preference",
       true,
       variant_preference,
       "Preference over the variants. Default: all variants equally liked.",
       {},
       false},
      {Section::kEvent, "event", false, event, {}, {}, false},
      {Section::kEventPhase, "event_phase", false, event_phase, {}, {}, false},
      {Section::kArm, "arm", false, arm, {}, {}, false},
      {Section::kFactoryNode,
       "factory_node",
       false,
       factory_node,
       {},
       network::NodeKind::kFactory,
       false},
      {Section::kWarehouseNode,
       "warehouse_node",
       false,
       warehouse_node,
       {},
       network::NodeKind::kWarehouse,
       false},
      {Section::kRetailerNode,
       "retailer_node",
       false,
       retailer_node,
       {},
       network::NodeKind::kRetailer,
       false},
      {Section::kPlatformNode,
       "platform_node",
       false,
       platform_node,
       {},
       network::NodeKind::kPlatform,
       false},
      {Section::kNodeOverride,
       "node_override",
       false,
       node_override,
       "A node entry of an arm with `extends` that names an inherited id and leaves out `kind`.",
       {},
       false},
      {Section::kProduction, "production", false, production, {}, {}, false},
      {Section::kStock, "stock", false, stock, {}, {}, false},
      {Section::kPolicy, "policy", true, policy, "One replenishment policy.", {}, false},
      {Section::kSsPolicy, "s_S_policy", false, s_S_policy, {}, {}, false},
      {Section::kBaseStockPolicy, "base_stock_policy", false, base_stock_policy, {}, {}, false},
      {Section::kRqPolicy, "r_Q_policy", false, r_Q_policy, {}, {}, false},
      {Section::kForecastOrderUpToPolicy,
       "forecast_order_up_to_policy",
       false,
       forecast_order_up_to_policy,
       {},
       {},
       false},
      {Section::kForecast, "forecast", true, forecast, "How the signal is forecast.", {}, false},
      {Section::kMovingAverageForecast,
       "moving_average_forecast",
       false,
       moving_average,
       {},
       {},
       false},
      {Section::kExponentialSmoothingForecast,
       "exponential_smoothing_forecast",
       false,
       exponential_smoothing,
       {},
       {},
       false},
      {Section::kLane,
       "lane",
       false,
       lane,
       "From a supplier node to a customer node or market. In an arm with `extends`, an entry "
       "with an inherited from -> to overrides it.",
       {},
       false},
      {Section::kDistribution,
       "distribution",
       true,
       distribution,
       "A non-negative quantity: a number (a constant), or a one-key map naming the family. "
       "Every parameter is at most the bound of the key the distribution is given for.",
       {},
       true},
      {Section::kUniformDistribution, "uniform_distribution", false, uniform, {}, {}, false},
      {Section::kExponentialDistribution,
       "exponential_distribution",
       false,
       exponential,
       {},
       {},
       false},
      {Section::kNormalDistribution, "normal_distribution", false, normal, {}, {}, false},
      {Section::kLognormalDistribution, "lognormal_distribution", false, lognormal, {}, {}, false},
      {Section::kGammaDistribution, "gamma_distribution", false, gamma, {}, {}, false},
      {Section::kTriangularDistribution,
       "triangular_distribution",
       false,
       triangular,
       {},
       {},
       false},
      {Section::kEmpiricalDistribution, "empirical_distribution", false, empirical, {}, {}, false},
      {Section::kCompare, "compare", false, compare, {}, {}, false},
      {Section::kTune, "tune", false, tune, {}, {}, false},
      {Section::kTuneObjective, "tune_objective", false, tune_objective, {}, {}, false},
      {Section::kTuneConstraint, "tune_constraint", false, tune_constraint, {}, {}, false},
      {Section::kTuneVariable, "tune_variable", false, tune_variable, {}, {}, false},
      // decompose (its own block, for merges)
      {Section::kDecompose, "decompose", false, decompose, {}, {}, false},
  };

  Catalogue() {
    for (std::size_t i = 0; i < sections.size(); ++i) {
      if (static_cast<std::size_t>(sections[i].id) != i) {
        throw std::logic_error("key catalogue: sections out of the order of enum Section");
      }
    }
  }
};

const Catalogue& catalogue() {
  static const Catalogue c;
  return c;
}

}  // namespace

const KeyInfo* KeySection::find(std::string_view key_name) const {
  const auto it =
      std::find_if(keys.begin(), keys.end(), [&](const KeyInfo& k) { return k.name == key_name; });
  return it == keys.end() ? nullptr : &*it;
}

const KeyInfo& KeySection::key(std::string_view key_name) const {
  if (const KeyInfo* k = find(key_name)) return *k;
  throw std::logic_error("key catalogue: '" + std::string(key_name) +
                         "' is not declared in section " + std::string(name));
}

const KeySection& section(Section id) {
  return catalogue().sections.at(static_cast<std::size_t>(id));
}

std::span<const KeySection> all_sections() {
  return catalogue().sections;
}

const KeySection* find_section(std::string_view name) {
  for (const KeySection& s : all_sections()) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::span<const KeyInfo> common_node_keys() {
  return catalogue().common_node;
}

}  // namespace c2msim::scenario
