#include "sim/montecarlo/breakeven.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace c2msim::montecarlo {
namespace {

// Whether the 95% CI excludes 0: the sign of the difference is established.
bool separated(const DifferenceEstimate& d) {
  return d.ci95_low > 0.0 || d.ci95_high < 0.0;
}

int sign(double x) {
  return (x > 0.0) - (x < 0.0);
}

// The zero of the straight line through (a, fa) and (b, fb), whose signs differ.
double interpolate(const BreakevenEvaluation& a, const BreakevenEvaluation& b) {
  const double fa = a.difference.mean;
  const double fb = b.difference.mean;
  return a.value + (b.value - a.value) * fa / (fa - fb);
}

}  // namespace

std::string_view to_string(BreakevenStatus status) {
  switch (status) {
    case BreakevenStatus::kFound:
      return "found";
    case BreakevenStatus::kNoSignChange:
      return "no_sign_change";
    case BreakevenStatus::kNotSeparated:
      return "not_separated";
  }
  return "?";
}

BreakevenResult find_breakeven(const BreakevenOptions& options, const DifferenceAt& difference_at) {
  BreakevenResult result;
  const auto evaluate = [&](double value) {
    result.evaluations.push_back({value, difference_at(value)});
    return result.evaluations.back();
  };
  BreakevenEvaluation lo = evaluate(options.low);
  BreakevenEvaluation hi = evaluate(options.high);
  result.low = lo.value;
  result.high = hi.value;
  // A mean of exactly 0 at an end (a deterministic metric, say): the crossing is there.
  const auto at_end = [&](const BreakevenEvaluation& e) {
    result.status = BreakevenStatus::kFound;
    result.estimate = result.low = result.high = e.value;
    return result;
  };
  if (lo.difference.mean == 0.0) return at_end(lo);
  if (hi.difference.mean == 0.0) return at_end(hi);
  const int sign_lo = sign(lo.difference.mean);
  const int sign_hi = sign(hi.difference.mean);
  if (!std::isfinite(lo.difference.mean) || !std::isfinite(hi.difference.mean) ||
      sign_lo == sign_hi) {
    result.status = BreakevenStatus::kNoSignChange;
    result.estimate = std::numeric_limits<double>::quiet_NaN();
    return result;
  }
  if (!separated(lo.difference) || !separated(hi.difference)) {
    result.status = BreakevenStatus::kNotSeparated;
    result.estimate = interpolate(lo, hi);
    return result;
  }
  const double tolerance =
      options.whole_numbers ? std::max(options.tolerance, 1.0) : options.tolerance;
  result.status = BreakevenStatus::kFound;
  while (std::fabs(hi.value - lo.value) > tolerance &&
         result.evaluations.size() < options.max_evaluations) {
    double mid = lo.value + (hi.value - lo.value) / 2;
    if (options.whole_numbers) mid = std::floor(mid);
    if (mid == lo.value || mid == hi.value) break;  // no representable value in between
    const BreakevenEvaluation m = evaluate(mid);
    if (!separated(m.difference)) {
      result.status = BreakevenStatus::kNotSeparated;
      result.estimate = mid;
      result.low = lo.value;
      result.high = hi.value;
      return result;
    }
    (sign(m.difference.mean) == sign_lo ? lo : hi) = m;
  }
  result.estimate = interpolate(lo, hi);
  result.low = lo.value;
  result.high = hi.value;
  return result;
}

}  // namespace c2msim::montecarlo
