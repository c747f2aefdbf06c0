#pragma once
// Typed reading of source-tree values, reporting every problem as a diagnostic at the value:
// numbers with their allowed range, whole numbers, booleans, words from a fixed set, ids, dates,
// and maps checked against their section of the known-keys table. A getter that finds a problem
// reports it and returns nothing, so that reading goes on and every problem is collected.

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/known_keys.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/scenario/source_tree.hpp"

namespace c2msim::scenario {

// A bound as a reader writes it: 36500, 0.01, and 1e9 rather than 1000000000.
std::string bound_text(double x);

// The allowed range of a number; `open` ends exclude the bound itself.
struct Bounds {
  std::optional<double> low;
  bool low_open = false;
  std::optional<double> high;
  bool high_open = false;

  [[nodiscard]] bool contains(double x) const;
  [[nodiscard]] std::string describe() const;  // "> 0", "between 0 and 1", "in (0, 1]"
};

// Every number of the format has an upper bound (sim/scenario/limits.hpp says why).
inline Bounds between(double low, double high) {
  return {low, false, high, false};
}
// (0, high]: positive and at most `high`.
inline Bounds positive_up_to(double high) {
  return {0.0, true, high, false};
}
// [0, high].
inline Bounds up_to(double high) {
  return {0.0, false, high, false};
}
inline Bounds probability() {
  return {0.0, false, 1.0, false};
}
// Only where the value is checked again where it goes (a sweep range's ends).
inline Bounds any_number() {
  return {};
}

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
  template <typename Enum, std::size_t N>
  std::optional<Enum> word(const SourceNode& v, const std::array<std::string_view, N>& words) {
    const auto i = word(v, std::span<const std::string_view>(words));
    if (!i) return std::nullopt;
    return static_cast<Enum>(*i);
  }
  // The position in `ids` of the id `v` names; an unknown one is reported as "unknown `what`",
  // with a suggestion.
  std::optional<std::size_t> reference(const SourceNode& v, std::span<const std::string_view> ids,
                                       std::string_view what);
  // Reports anything but a list.
  bool expect_list(const SourceNode& v, std::string_view of_what);

 private:
  Diagnostics& diagnostics_;
};

// One map of the file checked against its section of the known-keys table: on construction it
// reports a value that is not a map, repeated keys, unknown keys (with a suggestion) and missing
// required keys. The getters read one key each; an absent key gives nothing without a problem
// (a required one has already been reported).
class MapReader {
 public:
  MapReader(ValueReader& reader, const SourceNode& node, Section section);

  [[nodiscard]] bool is_map() const noexcept { return node_.is_map(); }
  [[nodiscard]] const SourceNode& node() const noexcept { return node_; }
  [[nodiscard]] const SourceNode* get(std::string_view key) const;
  [[nodiscard]] bool has(std::string_view key) const { return get(key) != nullptr; }
  // Where a missing key would have been: the map's position, with the key's path.
  void missing(std::string_view key, std::string_view what);

  std::optional<double> number(std::string_view key, const Bounds& bounds);
  double number_or(std::string_view key, const Bounds& bounds, double fallback);
  std::optional<std::uint32_t> count(std::string_view key, std::uint32_t minimum,
                                     std::uint32_t maximum);
  std::optional<bool> boolean(std::string_view key);
  std::optional<std::string> text(std::string_view key);
  std::optional<std::string> id(std::string_view key);
  std::optional<Date> date(std::string_view key);
  template <typename Enum, std::size_t N>
  std::optional<Enum> word(std::string_view key, const std::array<std::string_view, N>& words) {
    const SourceNode* v = get(key);
    return v ? reader_.word<Enum>(*v, words) : std::nullopt;
  }

 private:
  ValueReader& reader_;
  const SourceNode& node_;
};

// For a one-of section (distribution, policy, forecast, variant preference): the single
// alternative given, or nothing after reporting an empty map or several alternatives. Unknown
// alternatives are reported with a suggestion, like unknown keys.
const std::pair<SourceKey, SourceNode>* read_choice(ValueReader& reader, const SourceNode& node,
                                                    Section section);

}  // namespace c2msim::scenario
