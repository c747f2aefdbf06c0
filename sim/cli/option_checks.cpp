#include "sim/cli/option_checks.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::cli {

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  const std::string expected = fmt::format("expected a whole number from {} to {}", min, max);
  return {[=](std::string& text) -> std::string {
            std::uint64_t x = 0;
            const char* end = text.data() + text.size();
            const bool digits = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
              return c >= '0' && c <= '9';
            });
            const auto [stop, ec] = std::from_chars(text.data(), end, x);
            if (!digits || ec != std::errc{} || stop != end || x < min || x > max) {
              return fmt::format("{}, got {}", expected, scenario::one_line(text));
            }
            return {};
          },
          fmt::format("INT in [{} - {}]", min, max)};
}

CLI::Validator finite_number(double min, double max, bool min_open) {
  const std::string range =
      max == std::numeric_limits<double>::max()
          ? fmt::format("{} {}", min_open ? ">" : ">=", scenario::bound_text(min))
          : fmt::format("{}{}, {}]", min_open ? '(' : '[', scenario::bound_text(min),
                        scenario::bound_text(max));
  return {
      [=](std::string& text) -> std::string {
        double x = 0;
        const char* end = text.data() + text.size();
        const char* start = text.data() + (!text.empty() && text.front() == '+' ? 1 : 0);
        const auto [stop, ec] = std::from_chars(start, end, x);
        const bool in_range = min_open ? x > min && x <= max : x >= min && x <= max;
        if (text.empty() || ec != std::errc{} || stop != end || !std::isfinite(x) || !in_range) {
          return fmt::format("expected a finite number {}{}, got {}",
                             range.front() == '>' ? "" : "in ", range, scenario::one_line(text));
        }
        return {};
      },
      fmt::format("NUMBER in {}", range)};
}

}  // namespace c2msim::cli
