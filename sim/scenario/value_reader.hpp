#pragma once
// Typed reading of source-tree values, reporting every problem as a diagnostic at the value:
// numbers with their allowed range, whole numbers, booleans, words from a fixed set, ids, dates,
// and maps checked against their section of the key catalogue, whose declarations give each
// key's range and words. A getter that finds a problem reports it and returns nothing, so that
// reading goes on and every problem is collected.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "sim/random/distributions.hpp"
#include "sim/scenario/bounds.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/key_catalogue.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/source_tree.hpp"

namespace c2msim::scenario {

// Reads values of one file and reports their problems.
class ValueReader {
 public:
  explicit ValueReader(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  void error(const SourceNode& at, std::string message);
  void error(SourcePosition position, std::string key_path, std::string message);
  [[nodiscard]] Diagnostics& diagnostics() { return diagnostics_; }

  std::optional<double> number(const SourceNode& v, const Bounds& bounds);
  // A whole number from `minimum` to `maximum`.
  std::optional<std::uint32_t> count(const SourceNode& v, std::uint32_t minimum,
                                     std::uint32_t maximum);
  std::optional<std::uint64_t> seed(const SourceNode& v);
  std::optional<bool> boolean(const SourceNode& v);
  std::optional<std::string> text(const SourceNode& v);
  // An id: letters, digits, '_', '-' and '.', starting with a letter or a digit.
  std::optional<std::string> id(const SourceNode& v);
  std::optional<Date> date(const SourceNode& v);
  // The index of the value in `words`, with a did-you-mean suggestion when it is not there.
  std::optional<std::size_t> word(const SourceNode& v, std::span<const std::string_view> words);
  // The position in `ids` of the id `v` names; an unknown one is reported as "unknown `what`",
  // with a suggestion.
  std::optional<std::size_t> reference(const SourceNode& v, std::span<const std::string_view> ids,
                                       std::string_view what);
  // Reports anything but a list.
  bool expect_list(const SourceNode& v, std::string_view of_what);

 private:
  Diagnostics& diagnostics_;
};

// The declared range of a number, or of the items of a list of numbers; `owner_high` is the bound
// of the key a distribution is given for, which bounds its parameters.
Bounds range_of(const KeyInfo& key, std::optional<double> owner_high = std::nullopt);

// One map of the file checked against its section of the key catalogue: on construction it
// reports a value that is not a map, repeated keys, unknown keys (with a suggestion) and missing
// required keys. The getters read one key each, with the range and words its declaration gives;
// an absent key gives nothing without a problem (a required one has already been reported).
// Asking for a key the section does not declare is a programming error (std::logic_error).
class MapReader {
 public:
  // `owner_high`: for the parameters of a distribution, the bound of the key it is given for.
  MapReader(ValueReader& reader, const SourceNode& node, Section section,
            std::optional<double> owner_high = std::nullopt);

  [[nodiscard]] bool is_map() const noexcept { return node_.is_map(); }
  [[nodiscard]] const SourceNode& node() const noexcept { return node_; }
  [[nodiscard]] const SourceNode* get(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return get(key) != nullptr; }
  // Where a missing key would have been: the map's position, with the key's path.
  void missing(std::string_view key, std::string_view what);

  [[nodiscard]] const KeyInfo& declared(std::string_view key) const;
  // The declared range of a number (or of the items of a list of numbers).
  [[nodiscard]] Bounds range(std::string_view key) const;

  std::optional<double> number(std::string_view key);
  std::optional<std::uint32_t> count(std::string_view key);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::string> text(std::string_view key);
  std::optional<std::string> id(std::string_view key);
  std::optional<Date> date(std::string_view key);
  std::optional<random::Distribution> distribution(std::string_view key);
  template <typename Enum>
  std::optional<Enum> word(std::string_view key) {
    const SourceNode* v = get(key);
    if (!v) return std::nullopt;
    const auto i = reader_.word(*v, declared(key).words);
    if (!i) return std::nullopt;
    return static_cast<Enum>(*i);
  }

  // Reads the key into `field` when it is given and valid; otherwise the field keeps its value,
  // the struct's default, which is also the declared default (key_catalogue.cpp takes it there).
  void read(std::string_view key, double& field);
  void read(std::string_view key, std::optional<double>& field);
  void read(std::string_view key, std::uint32_t& field);
  void read(std::string_view key, int& field);
  void read(std::string_view key, bool& field);
  template <typename Enum>
  requires std::is_enum_v<Enum>
  void read(std::string_view key, Enum& field) {
    if (const auto v = word<Enum>(key)) field = *v;
  }

 private:
  ValueReader& reader_;
  const SourceNode& node_;
  const KeySection& section_;
  std::optional<double> owner_high_;
};

// For a one-of section (distribution, policy, forecast, variant preference): the single
// alternative given, or nothing after reporting an empty map or several alternatives. Unknown
// alternatives are reported with a suggestion, like unknown keys.
const std::pair<SourceKey, SourceNode>* read_choice(ValueReader& reader, const SourceNode& node,
                                                    Section section);

}  // namespace c2msim::scenario
