#pragma once
// The decision variables of a tuning problem: each a key path of the scenario (any name will do
// here), a closed range and whether it takes whole numbers only. A point gives every variable a
// value; points are snapped onto the space (clamped to the range, whole variables rounded), so
// that the search never proposes a value the range or the lattice does not allow.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace c2msim::tuning {

struct Variable {
  std::string name;  // the key path, e.g. arms.traditional.nodes[retailer].stock.policy.s_S.s
  double low = 0.0;
  double high = 1.0;
  bool whole = false;
  double start = 0.0;  // where the search begins (snapped onto the range)
};

using Point = std::vector<double>;

// The nearest value the variable allows.
inline double snap(const Variable& v, double x) {
  if (v.whole) {
    // The range of a whole variable is itself snapped inwards to whole ends.
    const double low = std::ceil(v.low);
    const double high = std::max(low, std::floor(v.high));
    return std::clamp(std::round(x), low, high);
  }
  return std::clamp(x, v.low, v.high);
}

inline Point snap(const std::vector<Variable>& variables, Point x) {
  for (std::size_t i = 0; i < variables.size(); ++i) x[i] = snap(variables[i], x[i]);
  return x;
}

inline Point start_point(const std::vector<Variable>& variables) {
  Point x;
  x.reserve(variables.size());
  for (const Variable& v : variables) x.push_back(snap(v, v.start));
  return x;
}

}  // namespace c2msim::tuning
