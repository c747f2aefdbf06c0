#include "sim/scenario/known_keys.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace c2msim::scenario {
namespace {

constexpr bool kRequired = true;
constexpr bool kOptional = false;
constexpr bool kChoice = true;

// The node kinds a file may declare under an arm (markets are declared at the top level).
constexpr std::span<const std::string_view> kArmNodeKinds{kNodeKindNames.data(), 4};

KnownKey key(std::string_view name, bool required, bool choice = false) {
  return {name, required, choice, {}};
}
KnownKey word(std::string_view name, bool required, std::span<const std::string_view> words) {
  return {name, required, false, words};
}

const std::vector<KnownKey> kScenarioKeys{
    key("name", kRequired),       key("description", kOptional),  key("currency", kOptional),
    key("start_date", kRequired), key("horizon_days", kRequired), key("warmup_days", kOptional),
    key("seed", kOptional),       key("replications", kOptional), key("products", kRequired),
    key("markets", kRequired),    key("arms", kRequired),         key("compare", kOptional),
    key("sweep", kOptional),  // read by sweep.hpp, not by the scenario's reader
};

const std::vector<KnownKey> kProductKeys{
    key("id", kRequired),         key("unit_cost", kRequired),
    key("variants", kOptional),   key("reference_price", kOptional),
    key("season_end", kOptional), key("salvage_fraction", kOptional),
};

const std::vector<KnownKey> kMarketKeys{key("id", kRequired), key("products", kRequired),
                                        key("demand", kRequired)};

const std::vector<KnownKey> kMarketProductKeys{key("product", kRequired), key("share", kOptional)};

const std::vector<KnownKey> kDemandKeys{
    key("arrivals_per_day", kRequired),
    word("process", kOptional, kArrivalProcessNames),
    key("dispersion", kOptional),
    key("quantity", kOptional, kChoice),
    key("variant_preference", kOptional, kChoice),
    key("patience_days", kOptional, kChoice),
    key("price_elasticity", kOptional),
    key("weekly_pattern", kOptional),
    key("events", kOptional),
};

const std::vector<KnownKey> kVariantPreferenceKeys{key("zipf", kOptional),
                                                   key("weights", kOptional)};

const std::vector<KnownKey> kEventKeys{
    key("name", kRequired),       key("start", kRequired),     key("days", kRequired),
    key("multiplier", kRequired), key("pre_event", kOptional), key("post_event", kOptional),
};

const std::vector<KnownKey> kEventPhaseKeys{key("days", kRequired), key("multiplier", kRequired)};

const std::vector<KnownKey> kArmKeys{key("description", kOptional), key("extends", kOptional),
                                     key("nodes", kOptional), key("lanes", kOptional)};

// Keys every node kind has; each kind adds its own.
std::vector<KnownKey> node_keys(std::initializer_list<KnownKey> own) {
  std::vector<KnownKey> keys{key("id", kRequired), word("kind", kRequired, kArmNodeKinds),
                             key("remove", kOptional), key("products", kOptional),
                             key("markup", kOptional)};
  keys.insert(keys.end(), own);
  return keys;
}

const std::vector<KnownKey> kFactoryNodeKeys =
    node_keys({key("price", kOptional), key("production", kRequired), key("stock", kOptional)});
const std::vector<KnownKey> kWarehouseNodeKeys = node_keys({key("stock", kRequired)});
const std::vector<KnownKey> kRetailerNodeKeys = node_keys({key("stock", kRequired)});
const std::vector<KnownKey> kPlatformNodeKeys = node_keys(
    {key("commission", kOptional), key("shares_pos", kOptional), key("stock", kOptional)});

// Every key of any node kind, none required: an extending arm's entry may override any of them.
std::vector<KnownKey> node_override_keys() {
  std::vector<KnownKey> keys;
  for (const auto* kind_keys :
       {&kFactoryNodeKeys, &kWarehouseNodeKeys, &kRetailerNodeKeys, &kPlatformNodeKeys}) {
    for (KnownKey k : *kind_keys) {
      const bool seen = std::any_of(keys.begin(), keys.end(),
                                    [&](const KnownKey& x) { return x.name == k.name; });
      if (seen) continue;
      k.required = k.name == "id";
      keys.push_back(k);
    }
  }
  return keys;
}
const std::vector<KnownKey> kNodeOverrideKeys = node_override_keys();

const std::vector<KnownKey> kProductionKeys{
    word("mode", kRequired, kFactoryModeNames),
    key("to_order_share", kOptional),
    key("lines", kOptional),
    key("unit_production_days", kOptional),
    key("capacity_per_day", kOptional),
    key("changeover_days", kOptional),
    key("batching_window_days", kOptional),
    key("unit_cost_multiplier", kOptional),
};

const std::vector<KnownKey> kStockKeys{
    key("policy", kRequired, kChoice),
    key("min_order_qty", kOptional),
    key("case_pack", kOptional),
    key("initial_on_hand", kOptional),
    key("stocked_variants", kOptional),
    key("substitution_probability", kOptional),
    word("shortage", kOptional, kShortageModeNames),
    key("holding_cost_rate_per_year", kOptional),
    key("holding_cost_per_unit_day", kOptional),
};

const std::vector<KnownKey> kPolicyKeys{key("s_S", kOptional), key("base_stock", kOptional),
                                        key("r_Q", kOptional),
                                        key("forecast_order_up_to", kOptional)};
const std::vector<KnownKey> kSsPolicyKeys{key("review_period_days", kRequired), key("s", kRequired),
                                          key("S", kRequired)};
const std::vector<KnownKey> kBaseStockPolicyKeys{key("review_period_days", kRequired),
                                                 key("level", kRequired)};
const std::vector<KnownKey> kRqPolicyKeys{key("r", kRequired), key("Q", kRequired)};
const std::vector<KnownKey> kForecastOrderUpToKeys{
    key("review_period_days", kRequired), key("forecast", kRequired, kChoice),
    word("signal", kOptional, kDemandSignalNames), key("safety_factor", kOptional)};
const std::vector<KnownKey> kForecastKeys{key("moving_average", kOptional),
                                          key("exponential_smoothing", kOptional)};
const std::vector<KnownKey> kMovingAverageKeys{key("window_days", kRequired)};
const std::vector<KnownKey> kExponentialSmoothingKeys{key("alpha", kRequired)};

const std::vector<KnownKey> kLaneKeys{
    key("from", kRequired),
    key("to", kRequired),
    key("remove", kOptional),
    // Required of a merged lane, but an extending arm's entry may leave it out: checked in code.
    key("lead_time_days", kOptional, kChoice),
    key("cost_per_unit", kOptional),
    key("information_delay_days", kOptional),
    key("capacity_per_day", kOptional),
    key("share", kOptional),
};

const std::vector<KnownKey> kDistributionKeys{
    key("constant", kOptional),   key("uniform", kOptional),   key("exponential", kOptional),
    key("normal", kOptional),     key("lognormal", kOptional), key("gamma", kOptional),
    key("triangular", kOptional), key("empirical", kOptional),
};
const std::vector<KnownKey> kUniformKeys{key("min", kRequired), key("max", kRequired)};
const std::vector<KnownKey> kExponentialKeys{key("mean", kRequired)};
const std::vector<KnownKey> kMeanSdKeys{key("mean", kRequired), key("sd", kRequired)};
const std::vector<KnownKey> kTriangularKeys{key("min", kRequired), key("mode", kRequired),
                                            key("max", kRequired)};
const std::vector<KnownKey> kEmpiricalKeys{key("values", kRequired), key("weights", kOptional)};

const std::vector<KnownKey> kCompareKeys{key("baseline", kRequired)};

constexpr bool kOneOf = true;

const std::vector<KeySection> kSections{
    {Section::kScenario, "scenario", false, kScenarioKeys},
    {Section::kProduct, "product", false, kProductKeys},
    {Section::kMarket, "market", false, kMarketKeys},
    {Section::kMarketProduct, "market_product", false, kMarketProductKeys},
    {Section::kDemand, "demand", false, kDemandKeys},
    {Section::kVariantPreference, "variant_preference", kOneOf, kVariantPreferenceKeys},
    {Section::kEvent, "event", false, kEventKeys},
    {Section::kEventPhase, "event_phase", false, kEventPhaseKeys},
    {Section::kArm, "arm", false, kArmKeys},
    {Section::kFactoryNode, "factory_node", false, kFactoryNodeKeys},
    {Section::kWarehouseNode, "warehouse_node", false, kWarehouseNodeKeys},
    {Section::kRetailerNode, "retailer_node", false, kRetailerNodeKeys},
    {Section::kPlatformNode, "platform_node", false, kPlatformNodeKeys},
    {Section::kNodeOverride, "node_override", false, kNodeOverrideKeys},
    {Section::kProduction, "production", false, kProductionKeys},
    {Section::kStock, "stock", false, kStockKeys},
    {Section::kPolicy, "policy", kOneOf, kPolicyKeys},
    {Section::kSsPolicy, "s_S_policy", false, kSsPolicyKeys},
    {Section::kBaseStockPolicy, "base_stock_policy", false, kBaseStockPolicyKeys},
    {Section::kRqPolicy, "r_Q_policy", false, kRqPolicyKeys},
    {Section::kForecastOrderUpToPolicy, "forecast_order_up_to_policy", false,
     kForecastOrderUpToKeys},
    {Section::kForecast, "forecast", kOneOf, kForecastKeys},
    {Section::kMovingAverageForecast, "moving_average_forecast", false, kMovingAverageKeys},
    {Section::kExponentialSmoothingForecast, "exponential_smoothing_forecast", false,
     kExponentialSmoothingKeys},
    {Section::kLane, "lane", false, kLaneKeys},
    {Section::kDistribution, "distribution", kOneOf, kDistributionKeys},
    {Section::kUniformDistribution, "uniform_distribution", false, kUniformKeys},
    {Section::kExponentialDistribution, "exponential_distribution", false, kExponentialKeys},
    {Section::kNormalDistribution, "normal_distribution", false, kMeanSdKeys},
    {Section::kLognormalDistribution, "lognormal_distribution", false, kMeanSdKeys},
    {Section::kGammaDistribution, "gamma_distribution", false, kMeanSdKeys},
    {Section::kTriangularDistribution, "triangular_distribution", false, kTriangularKeys},
    {Section::kEmpiricalDistribution, "empirical_distribution", false, kEmpiricalKeys},
    {Section::kCompare, "compare", false, kCompareKeys},
};

}  // namespace

const KnownKey* KeySection::find(std::string_view key_name) const {
  const auto it =
      std::find_if(keys.begin(), keys.end(), [&](const KnownKey& k) { return k.name == key_name; });
  return it == keys.end() ? nullptr : &*it;
}

const KeySection& section(Section id) {
  return kSections.at(static_cast<std::size_t>(id));
}

std::span<const KeySection> all_sections() {
  return kSections;
}

}  // namespace c2msim::scenario
