#pragma once
// Every key a scenario file may use, section by section: the single table that drives the
// unknown-key check (with its did-you-mean suggestions), the required-key check, the merging of
// arms (which values are one-of choices) and the test that keeps scenarios/schema.json in step.
// A section is named like its definition under `$defs` in the schema.

#include <cstdint>
#include <span>
#include <string_view>

namespace c2msim::scenario {

enum class Section : std::uint8_t {
  kScenario,
  kProduct,
  kMarket,
  kMarketProduct,
  kDemand,
  kVariantPreference,
  kEvent,
  kEventPhase,
  kArm,
  kFactoryNode,
  kWarehouseNode,
  kRetailerNode,
  kPlatformNode,
  kNodeOverride,  // a node entry of an extending arm that does not restate `kind`: any node key
  kProduction,
  kStock,
  kPolicy,
  kSsPolicy,
  kBaseStockPolicy,
  kRqPolicy,
  kForecastOrderUpToPolicy,
  kForecast,
  kMovingAverageForecast,
  kExponentialSmoothingForecast,
  kLane,
  kDistribution,
  kUniformDistribution,
  kExponentialDistribution,
  kNormalDistribution,
  kLognormalDistribution,
  kGammaDistribution,
  kTriangularDistribution,
  kEmpiricalDistribution,
  kCompare,
};

struct KnownKey {
  std::string_view name;
  bool required = false;
  // The value is a one-key map naming one alternative (a distribution, policy, forecast or
  // variant preference): an extending arm that names another alternative replaces it whole.
  bool choice = false;
  std::span<const std::string_view> words;  // the allowed values of a key that takes a word
};

struct KeySection {
  Section id;
  std::string_view name;  // as under `$defs` in scenarios/schema.json
  bool one_of = false;    // exactly one of the keys must be given (a choice among alternatives)
  std::span<const KnownKey> keys;

  [[nodiscard]] const KnownKey* find(std::string_view key) const;
};

const KeySection& section(Section id);
std::span<const KeySection> all_sections();

}  // namespace c2msim::scenario
