#include "sim/montecarlo/shapley.hpp"

#include <bit>
#include <stdexcept>
#include <string>

namespace c2msim::montecarlo {
namespace {

// n levers from 2^n values.
std::size_t levers_of(std::span<const double> values) {
  const std::size_t n = values.size();
  if (n == 0 || !std::has_single_bit(n) || n > combination_count(kMaxShapleyLevers)) {
    throw std::invalid_argument(
        "Shapley values need one value per combination of levers (2^n), "
        "got " +
        std::to_string(n));
  }
  return static_cast<std::size_t>(std::countr_zero(n));
}

double factorial(std::size_t k) {
  double f = 1.0;
  for (std::size_t i = 2; i <= k; ++i) f *= static_cast<double>(i);
  return f;
}

}  // namespace

std::size_t combination_count(std::size_t levers) {
  if (levers > kMaxShapleyLevers) {
    throw std::invalid_argument("at most " + std::to_string(kMaxShapleyLevers) + " levers, got " +
                                std::to_string(levers));
  }
  return std::size_t{1} << levers;
}

std::size_t combination_size(std::size_t mask) {
  return static_cast<std::size_t>(std::popcount(mask));
}

double shapley_weight(std::size_t size, std::size_t levers) {
  if (size >= levers) {
    throw std::invalid_argument("a coalition of the other levers has fewer than n levers");
  }
  // Factorials of at most 16 are exact in a double (16! < 2^53).
  return factorial(size) * factorial(levers - size - 1) / factorial(levers);
}

std::vector<double> shapley_values(std::span<const double> values) {
  const std::size_t n = levers_of(values);
  std::vector<double> weights(n);
  for (std::size_t size = 0; size < n; ++size) weights[size] = shapley_weight(size, n);
  std::vector<double> phi(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t bit = std::size_t{1} << i;
    for (std::size_t mask = 0; mask < values.size(); ++mask) {
      if ((mask & bit) != 0) continue;
      phi[i] += weights[combination_size(mask)] * (values[mask | bit] - values[mask]);
    }
  }
  return phi;
}

std::vector<double> own_effects(std::span<const double> values) {
  const std::size_t n = levers_of(values);
  std::vector<double> own(n);
  for (std::size_t i = 0; i < n; ++i) own[i] = values[std::size_t{1} << i] - values[0];
  return own;
}

}  // namespace c2msim::montecarlo
