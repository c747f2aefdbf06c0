#include "sim/scenario/distribution_reader.hpp"

#include <fmt/core.h>

#include <cmath>
#include <exception>
#include <vector>

#include "sim/scenario/limits.hpp"

namespace c2msim::scenario {
namespace {

// The constructors of random:: check their parameters too; a rule missed here still becomes a
// diagnostic rather than an exception.
template <typename Make>
std::optional<random::Distribution> build(ValueReader& reader, const SourceNode& at, Make make) {
  try {
    return random::Distribution{make()};
  } catch (const std::exception& e) {
    reader.error(at, fmt::format("invalid distribution: {}", e.what()));
    return std::nullopt;
  }
}

// `a` must not exceed `b` (min <= mode <= max and the like); reported at `b`.
bool ordered(ValueReader& reader, MapReader& map, double a, std::string_view a_name, double b,
             std::string_view b_name, bool strictly) {
  if (strictly ? a < b : a <= b) return true;
  reader.error(*map.get(b_name), fmt::format("must be {} {} ({}), got {}", strictly ? ">" : ">=",
                                             a_name, a, map.get(b_name)->scalar));
  return false;
}

std::optional<std::vector<double>> read_numbers(ValueReader& reader, const SourceNode& list,
                                                const Bounds& bounds, std::string_view what) {
  if (!reader.expect_list(list, what)) return std::nullopt;
  if (list.items.empty()) {
    reader.error(list, fmt::format("expected a non-empty list of {}", what));
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (const SourceNode& item : list.items) {
    const auto x = reader.number(item, bounds);
    ok = ok && x.has_value();
    out.push_back(x.value_or(0.0));
  }
  if (!ok) return std::nullopt;
  return out;
}

// The range of `{constant: x}`, and of the short form `x`.
Bounds constant_range(double max_value) {
  return range_of(section(Section::kDistribution).key("constant"), max_value);
}

std::optional<random::Distribution> read_family(ValueReader& reader, const SourceKey& family,
                                                const SourceNode& params, double max_value) {
  const std::string& name = family.name;
  if (name == "constant") {
    const auto value = reader.number(params, constant_range(max_value));
    if (!value) return std::nullopt;
    return random::Constant{*value};
  }
  if (name == "uniform") {
    MapReader map(reader, params, Section::kUniformDistribution, max_value);
    const auto lo = map.number("min");
    const auto hi = map.number("max");
    if (!lo || !hi || !ordered(reader, map, *lo, "min", *hi, "max", true)) return std::nullopt;
    return build(reader, params, [&] { return random::Uniform{*lo, *hi}; });
  }
  if (name == "exponential") {
    MapReader map(reader, params, Section::kExponentialDistribution, max_value);
    const auto mean = map.number("mean");
    if (!mean) return std::nullopt;
    return build(reader, params, [&] { return random::Exponential{1.0 / *mean}; });
  }
  if (name == "triangular") {
    MapReader map(reader, params, Section::kTriangularDistribution, max_value);
    const auto lo = map.number("min");
    const auto mode = map.number("mode");
    const auto hi = map.number("max");
    if (!lo || !mode || !hi) return std::nullopt;
    if (!ordered(reader, map, *lo, "min", *mode, "mode", false) ||
        !ordered(reader, map, *mode, "mode", *hi, "max", false) ||
        !ordered(reader, map, *lo, "min", *hi, "max", true)) {
      return std::nullopt;
    }
    return build(reader, params, [&] { return random::Triangular{*lo, *mode, *hi}; });
  }
  if (name == "empirical") {
    MapReader map(reader, params, Section::kEmpiricalDistribution, max_value);
    const SourceNode* values_node = map.get("values");
    if (!values_node) return std::nullopt;
    const Bounds values = map.range("values");
    const auto observed =
        read_numbers(reader, *values_node, values, fmt::format("values {}", values.describe()));
    std::vector<double> weights;
    if (const SourceNode* weights_node = map.get("weights")) {
      const Bounds weight = map.range("weights");
      const auto w =
          read_numbers(reader, *weights_node, weight, fmt::format("weights {}", weight.describe()));
      if (!w) return std::nullopt;
      weights = *w;
      if (observed && weights.size() != observed->size()) {
        reader.error(*weights_node, fmt::format("expected one weight per value ({}), got {}",
                                                observed->size(), weights.size()));
        return std::nullopt;
      }
      double total = 0.0;
      for (double x : weights) total += x;
      if (!(total > 0.0)) {
        reader.error(*weights_node, "the weights must not all be 0");
        return std::nullopt;
      }
    }
    if (!observed) return std::nullopt;
    return build(reader, params, [&] { return random::Empirical{*observed, weights}; });
  }
  // normal, lognormal and gamma: a mean and a standard deviation.
  const Section s = name == "normal"      ? Section::kNormalDistribution
                    : name == "lognormal" ? Section::kLognormalDistribution
                                          : Section::kGammaDistribution;
  MapReader map(reader, params, s, max_value);
  const auto mean = map.number("mean");
  const auto sd = map.number("sd");
  if (!mean || !sd) return std::nullopt;
  if (name == "normal") return build(reader, params, [&] { return random::Normal{*mean, *sd}; });
  if (name == "lognormal") {
    return build(reader, params, [&] { return random::LogNormal::from_mean_sd(*mean, *sd); });
  }
  return build(reader, params, [&] { return random::Gamma::from_mean_sd(*mean, *sd); });
}

}  // namespace

std::optional<random::Distribution> read_distribution(ValueReader& reader, const SourceNode& node,
                                                      double max_value) {
  if (!node.is_map()) {
    // The short form: a plain number is a constant.
    if (node.is_scalar() && !node.quoted) {
      const auto value = reader.number(node, constant_range(max_value));
      if (!value) return std::nullopt;
      return random::Constant{*value};
    }
    reader.error(node, fmt::format("expected a number or a distribution such as {{lognormal: "
                                   "{{mean: 3, sd: 1}}}}, got {}",
                                   describe(node)));
    return std::nullopt;
  }
  const auto* chosen = read_choice(reader, node, Section::kDistribution);
  if (!chosen) return std::nullopt;
  return read_family(reader, chosen->first, chosen->second, max_value);
}

std::string describe(const random::Distribution& distribution) {
  struct Describe {
    std::string operator()(const random::Constant& d) const { return fmt::format("{}", d.value); }
    std::string operator()(const random::Uniform& d) const {
      return fmt::format("uniform({}, {})", d.min, d.max);
    }
    std::string operator()(const random::Exponential& d) const {
      return fmt::format("exponential(mean {})", d.mean());
    }
    std::string operator()(const random::Normal& d) const {
      return fmt::format("normal(mean {}, sd {})", d.mu, d.sigma);
    }
    std::string operator()(const random::LogNormal& d) const {
      return fmt::format("lognormal(mean {:.3g}, sd {:.3g})", d.mean(), std::sqrt(d.variance()));
    }
    std::string operator()(const random::Gamma& d) const {
      return fmt::format("gamma(mean {:.3g}, sd {:.3g})", d.mean(), std::sqrt(d.variance()));
    }
    std::string operator()(const random::Triangular& d) const {
      return fmt::format("triangular({}, {}, {})", d.min, d.mode, d.max);
    }
    std::string operator()(const random::Empirical& d) const {
      return fmt::format("empirical({} values, mean {:.3g})", d.values().size(), d.mean());
    }
  };
  return std::visit(Describe{}, distribution);
}

}  // namespace c2msim::scenario
