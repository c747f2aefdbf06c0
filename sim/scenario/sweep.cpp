#include "sim/scenario/sweep.hpp"

#include <fmt/core.h>

#include <charconv>
#include <cmath>

#include "sim/scenario/scenario_loader.hpp"

namespace c2msim::scenario {
namespace {

// The range form `{from, to, steps}` as values; nothing after reporting a problem.
std::optional<std::vector<SourceNode>> read_range(ValueReader& reader, const SourceNode& range) {
  const SourceNode* from = range.find("from");
  const SourceNode* to = range.find("to");
  const SourceNode* steps = range.find("steps");
  const auto a = reader.number(*from, any_number());
  const auto b = reader.number(*to, any_number());
  const Bounds declared = section(Section::kScenario).key("sweep").range;
  const auto n = reader.count(*steps, static_cast<std::uint32_t>(declared.low.value_or(2.0)),
                              static_cast<std::uint32_t>(declared.high.value_or(2.0)));
  if (!a || !b || !n) return std::nullopt;
  std::vector<SourceNode> values;
  for (std::string& text : range_values(*a, *b, *n)) {
    SourceNode v;
    v.kind = SourceNode::Kind::kScalar;
    v.scalar = std::move(text);
    v.position = range.position;
    v.path = range.path;
    values.push_back(std::move(v));
  }
  return values;
}

bool is_range(const SourceNode& node) {
  if (!node.is_map() || node.entries.size() != 3) return false;
  return node.find("from") && node.find("to") && node.find("steps");
}

}  // namespace

std::optional<double> parse_number(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  double x = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(x)) {
    return std::nullopt;
  }
  return x;
}

std::size_t grid_size(const std::vector<SweepDimension>& dimensions) {
  std::size_t n = 1;
  for (const SweepDimension& d : dimensions) {
    // Saturate rather than overflow: anything this large is rejected anyway.
    if (!d.values.empty() && n > kMaxSweepPoints * 1000 / d.values.size()) {
      return kMaxSweepPoints * 1000;
    }
    n *= d.values.size();
  }
  return n;
}

std::vector<std::size_t> grid_coordinates(const std::vector<SweepDimension>& dimensions,
                                          std::size_t point) {
  std::vector<std::size_t> coordinates(dimensions.size());
  for (std::size_t d = dimensions.size(); d-- > 0;) {
    const std::size_t size = dimensions[d].values.size();
    coordinates[d] = size == 0 ? 0 : point % size;
    point = size == 0 ? point : point / size;
  }
  return coordinates;
}

std::vector<std::string> range_values(double from, double to, std::uint32_t steps) {
  std::vector<std::string> out;
  for (std::uint32_t i = 0; i < steps; ++i) {
    const double x = i + 1 == steps ? to : from + (to - from) * i / (steps - 1);
    out.push_back(fmt::format("{:.12g}", x));
  }
  return out;
}

std::vector<SweepDimension> read_sweep_section(ValueReader& reader, const SourceNode& sweep) {
  std::vector<SweepDimension> dimensions;
  if (!sweep.is_map()) {
    reader.error(sweep, fmt::format("expected a map from key paths to lists of values, got {}",
                                    describe(sweep)));
    return dimensions;
  }
  for (const auto& [key, value] : sweep.entries) {
    SweepDimension d;
    const ParsedKeyPath parsed = parse_key_path(key.name);
    if (!parsed.path) {
      reader.error(key.position, value.path, fmt::format("not a key path: {}", parsed.error));
      continue;
    }
    d.path = *parsed.path;
    d.key_path = d.path.to_string();
    d.position = key.position;
    d.source_path = value.path;
    if (value.is_list()) {
      if (value.items.empty()) {
        reader.error(value, "expected at least one value, got an empty list");
        continue;
      }
      d.values = value.items;
    } else if (is_range(value)) {
      auto values = read_range(reader, value);
      if (!values) continue;
      d.values = std::move(*values);
    } else {
      reader.error(value, fmt::format("expected a list of values or a range {{from: A, to: B, "
                                      "steps: N}}, got {}",
                                      describe(value)));
      continue;
    }
    bool repeated = false;
    for (const SweepDimension& other : dimensions) {
      if (other.key_path == d.key_path) {
        reader.error(
            key.position, value.path,
            fmt::format("the key path is swept twice (first on line {})", other.position.line));
        repeated = true;
      }
    }
    if (!repeated) dimensions.push_back(std::move(d));
  }
  return dimensions;
}

std::optional<SweepDimension> read_sweep_argument(ValueReader& reader, std::string_view text,
                                                  int argument) {
  const SourcePosition at{0, 0, argument};
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    reader.error(at, "", "expected KEY=a,b,c or KEY=FROM:TO:STEPS");
    return std::nullopt;
  }
  const ParsedKeyPath parsed = parse_key_path(text.substr(0, equals));
  if (!parsed.path) {
    reader.error(at, "", fmt::format("not a key path: {}", parsed.error));
    return std::nullopt;
  }
  SweepDimension d;
  d.path = *parsed.path;
  d.key_path = d.path.to_string();
  d.position = at;
  const std::string_view values = text.substr(equals + 1);

  // FROM:TO:STEPS when it is three numbers separated by colons.
  const std::size_t c1 = values.find(':');
  const std::size_t c2 = c1 == std::string_view::npos ? c1 : values.find(':', c1 + 1);
  if (c2 != std::string_view::npos && values.find(':', c2 + 1) == std::string_view::npos) {
    const auto from = parse_number(values.substr(0, c1));
    const auto to = parse_number(values.substr(c1 + 1, c2 - c1 - 1));
    const auto steps = parse_number(values.substr(c2 + 1));
    if (from && to && steps) {
      if (*steps < 2 || *steps > static_cast<double>(kMaxSweepPoints) ||
          std::floor(*steps) != *steps) {
        reader.error(at, "",
                     fmt::format("the number of steps must be a whole number from 2 to "
                                 "{}, got {}",
                                 kMaxSweepPoints, values.substr(c2 + 1)));
        return std::nullopt;
      }
      for (std::string& v : range_values(*from, *to, static_cast<std::uint32_t>(*steps))) {
        SourceNode node;
        node.kind = SourceNode::Kind::kScalar;
        node.scalar = std::move(v);
        node.position = at;
        d.values.push_back(std::move(node));
      }
      return d;
    }
  }
  std::string syntax;
  auto list = parse_argument_value(fmt::format("[{}]", values), at, syntax);
  if (!list) {
    reader.error(at, "", syntax);
    return std::nullopt;
  }
  if (!list->is_list() || list->items.empty()) {
    reader.error(at, "", "expected at least one value after '='");
    return std::nullopt;
  }
  d.values = std::move(list->items);
  return d;
}

void add_dimension(std::vector<SweepDimension>& dimensions, SweepDimension dimension) {
  for (SweepDimension& d : dimensions) {
    if (d.key_path == dimension.key_path) {
      d = std::move(dimension);
      return;
    }
  }
  dimensions.push_back(std::move(dimension));
}

}  // namespace c2msim::scenario
