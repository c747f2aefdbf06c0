#pragma once
// Every key a scenario file may use, section by section, declared once with all that is said
// about it: its type, whether it is required (and when, if that depends on other keys), its
// default, its range and its meaning. The readers take each key's range, words and default from
// here; the unknown-key and required-key checks, the merging of arms (which values are one-of
// choices) and `--set` (which names are keys) use the table; and scenarios/schema.json and the key
// tables of scenarios/README.md are generated from it (key_docs.hpp, `c2msim schema`).
// A section is named like its definition under `$defs` in the schema.

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <type_traits>

#include "sim/network/node_kind.hpp"
#include "sim/scenario/bounds.hpp"

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
  kTune,
  kTuneObjective,
  kTuneConstraint,
  kTuneVariable,
  // decompose (its own block, for merges)
  kDecompose,
};

// What a key's value is.
enum class ValueType : std::uint8_t {
  kNumber,           // a decimal number in `range`
  kWhole,            // a whole number in `range`
  kSeed,             // a whole number from 0 to 2^64 - 1
  kBoolean,          // true or false
  kWord,             // one of `words`
  kText,             // any text
  kLabel,            // text; a plain number is taken as written ("11.11")
  kId,               // an id, or the id of something declared elsewhere
  kDate,             // YYYY-MM-DD
  kNumbers,          // a list of numbers, each in `range`
  kIds,              // a non-empty list of ids
  kDistribution,     // a number, or a one-key map of the distribution section (`of`)
  kMap,              // a map of section `of`
  kMaps,             // a list of maps of section `of`
  kNamedMaps,        // a map from ids to maps of section `of`; `words` are the required names
  kChoice,           // a one-key map of the one-of section `of`, naming one alternative
  kStockedVariants,  // `all`, a number of the most popular variants, or a list of variant numbers
  kSweep,            // key paths to lists of values or ranges; `range` bounds a range's steps
  // decompose (its own block, for merges)
  kLevers,  // a map from lever names to maps of key paths to values; at most `max_items`
};

enum class Need : std::uint8_t {
  kOptional,
  kRequired,     // reported when missing by the map's reader
  kConditional,  // required or not allowed depending on other keys: `when`, checked in code
};

// A key's value when the file leaves it out.
struct Fallback {
  enum class Kind : std::uint8_t { kNone, kNumber, kBoolean, kWord, kNote };
  Kind kind = Kind::kNone;
  double number = 0.0;
  bool boolean = false;
  std::string_view text;  // kWord: the word; kNote: what leaving it out means ("unlimited")
};

struct KeyInfo {
  std::string_view name;
  ValueType type = ValueType::kText;
  Need need = Need::kOptional;
  std::string_view when;  // kConditional: when it is required, as the README's column says
  Bounds range;           // numbers, whole numbers, the items of a list, a distribution's values
  Section of = Section::kScenario;          // kMap, kMaps, kNamedMaps, kChoice, kDistribution
  std::span<const std::string_view> words;  // kWord; kNamedMaps: the names that must be there
  std::uint32_t min_items = 0;              // lists
  std::uint32_t max_items = 0;              // lists; 0: no limit
  // Distribution parameters: `range.high` is the bound of the key the distribution is given for.
  bool high_of_owner = false;
  // Written once under this name in the schema's `$defs` and referred to where it is used.
  std::string_view shared_as;
  Fallback fallback;
  std::string_view meaning;  // one line, Markdown (backticks and links) as the README shows it

  // The value is a one-key map naming one alternative (a distribution, policy, forecast or
  // variant preference): an extending arm that names another alternative replaces it whole.
  [[nodiscard]] bool choice() const {
    return type == ValueType::kChoice || type == ValueType::kDistribution;
  }
  [[nodiscard]] bool required() const { return need == Need::kRequired; }

  // Declaration helpers, chained after the constructors of key_catalogue.cpp.
  KeyInfo& require() { return need = Need::kRequired, *this; }
  KeyInfo& required_when(std::string_view rule) {
    need = Need::kConditional;
    when = rule;
    return *this;
  }
  KeyInfo& items(std::uint32_t min, std::uint32_t max = 0) {
    min_items = min;
    max_items = max;
    return *this;
  }
  KeyInfo& shared(std::string_view definition) { return shared_as = definition, *this; }
  KeyInfo& bounded_by_owner() { return high_of_owner = true, *this; }
  KeyInfo& by_default_note(std::string_view note) {
    fallback = {Fallback::Kind::kNote, 0.0, false, note};
    return *this;
  }
  KeyInfo& by_default_word(std::string_view word) {
    fallback = {Fallback::Kind::kWord, 0.0, false, word};
    return *this;
  }
  // The default of a struct field: a number, a boolean, or an enumerator (written as its word).
  template <typename T>
  KeyInfo& by_default(T value) {
    if constexpr (std::is_same_v<T, bool>) {
      fallback = {Fallback::Kind::kBoolean, 0.0, value, {}};
    } else if constexpr (std::is_enum_v<T>) {
      by_default_word(words[static_cast<std::size_t>(value)]);
    } else {
      fallback = {Fallback::Kind::kNumber, static_cast<double>(value), false, {}};
    }
    return *this;
  }
};

struct KeySection {
  Section id;
  std::string_view name;  // as under `$defs` in scenarios/schema.json
  bool one_of = false;    // exactly one of the keys must be given (a choice among alternatives)
  std::span<const KeyInfo> keys;
  std::string_view description;  // of the whole section, for the schema (may be empty)
  // A node kind's own section: its `kind` is that kind.
  std::optional<network::NodeKind> node_kind;
  bool plain_number_too = false;  // a plain number stands for the alternative `constant`

  [[nodiscard]] const KeyInfo* find(std::string_view key) const;
  // The key, which must be declared here (a reader asking for another is a programming error).
  [[nodiscard]] const KeyInfo& key(std::string_view key) const;
};

const KeySection& section(Section id);
std::span<const KeySection> all_sections();
const KeySection* find_section(std::string_view name);

// The keys every node kind has, before the keys of its own (README: "Every node has").
std::span<const KeyInfo> common_node_keys();

}  // namespace c2msim::scenario
