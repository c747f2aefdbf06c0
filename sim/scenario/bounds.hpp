#pragma once
// The allowed range of a number of the scenario format, as the key catalogue declares it, the
// readers check it and the generated documentation writes it.

#include <optional>
#include <string>
#include <string_view>

namespace c2msim::scenario {

// A bound as a reader writes it: 36500, 0.01, and 1e9 rather than 1000000000.
std::string bound_text(double x);

// The allowed range of a number; `open` ends exclude the bound itself.
struct Bounds {
  std::optional<double> low;
  bool low_open = false;
  std::optional<double> high;
  bool high_open = false;
  // Not empty: 0 is allowed too, outside [low, high], and means this (a period that is off).
  std::string_view zero_means;

  [[nodiscard]] bool contains(double x) const;
  // "between 0 and 1", "in (0, 1]", "> 0"; "0 (at once) or between 0.01 and 36500".
  [[nodiscard]] std::string describe() const;
  // As the documentation writes it: "[0, 1]", "(0, 36500]", "0 (at once) or [0.01, 36500]".
  [[nodiscard]] std::string interval() const;
  [[nodiscard]] bool is_probability() const;
};

// Every number of the format has an upper bound (sim/scenario/limits.hpp says why).
inline Bounds between(double low, double high) {
  return {low, false, high, false, {}};
}
// (0, high]: positive and at most `high`.
inline Bounds positive_up_to(double high) {
  return {0.0, true, high, false, {}};
}
// [0, high].
inline Bounds up_to(double high) {
  return {0.0, false, high, false, {}};
}
inline Bounds probability() {
  return {0.0, false, 1.0, false, {}};
}
// Only where the value is checked again where it goes (a sweep range's ends).
inline Bounds any_number() {
  return {};
}

}  // namespace c2msim::scenario
