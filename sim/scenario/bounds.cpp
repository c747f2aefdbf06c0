#include "sim/scenario/bounds.hpp"

#include <fmt/core.h>

#include <cmath>

namespace c2msim::scenario {

bool Bounds::contains(double x) const {
  if (!zero_means.empty() && x == 0.0) return true;
  if (low && (low_open ? !(x > *low) : !(x >= *low))) return false;
  if (high && (high_open ? !(x < *high) : !(x <= *high))) return false;
  return true;
}

std::string bound_text(double x) {
  const double exponent = std::round(std::log10(std::fabs(x)));
  if (std::fabs(x) >= 1e5 && std::fabs(x) == std::pow(10.0, exponent)) {
    return fmt::format("{}1e{}", x < 0 ? "-" : "", exponent);
  }
  return fmt::format("{}", x);
}

std::string Bounds::describe() const {
  std::string range;
  if (low && high) {
    range = !low_open && !high_open
                ? fmt::format("between {} and {}", bound_text(*low), bound_text(*high))
                : fmt::format("in {}{}, {}{}", low_open ? '(' : '[', bound_text(*low),
                              bound_text(*high), high_open ? ')' : ']');
  } else if (low) {
    range = fmt::format("{} {}", low_open ? ">" : ">=", bound_text(*low));
  } else if (high) {
    range = fmt::format("{} {}", high_open ? "<" : "<=", bound_text(*high));
  } else {
    return "a number";
  }
  return zero_means.empty() ? range : fmt::format("0 ({}) or {}", zero_means, range);
}

std::string Bounds::interval() const {
  const std::string lo = low ? bound_text(*low) : "-inf";
  const std::string hi = high ? bound_text(*high) : "inf";
  const std::string range = fmt::format("{}{}, {}{}", low_open || !low ? '(' : '[', lo, hi,
                                        high_open || !high ? ')' : ']');
  return zero_means.empty() ? range : fmt::format("0 ({}) or {}", zero_means, range);
}

bool Bounds::is_probability() const {
  return low == 0.0 && high == 1.0 && !low_open && !high_open && zero_means.empty();
}

}  // namespace c2msim::scenario
