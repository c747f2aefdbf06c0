#pragma once
// Where does a difference between two arms come from? The Shapley value (Shapley 1953) of each of
// n levers that move a base arm towards a target: lever i's marginal effect v(S + i) - v(S),
// averaged over every order in which the levers can be added,
//
//   phi_i = sum over S not containing i of |S|! (n - |S| - 1)! / n! * (v(S + i) - v(S)),
//
// where v(S) is a metric of the base arm with the levers of S applied. The values add up to
// v(all) - v(none) (efficiency), a lever that changes nothing gets 0, and levers whose effects
// simply add get their own effects v({i}) - v({}). Plain functions of numbers: they know nothing
// of arms, replications or files. A combination is a bit mask: bit i set means lever i is applied,
// so the values of n levers are given as 2^n numbers, v[mask].

#include <cstddef>
#include <span>
#include <vector>

namespace c2msim::montecarlo {

// At most this many levers: 2^16 combinations is far past what anyone runs (a scenario allows 8).
inline constexpr std::size_t kMaxShapleyLevers = 16;

// 2^levers. Throws std::invalid_argument past kMaxShapleyLevers.
std::size_t combination_count(std::size_t levers);

// The number of levers in a combination.
std::size_t combination_size(std::size_t mask);

// The weight |S|! (n - |S| - 1)! / n! of adding a lever to a coalition of `size` of the other
// levers, out of `levers` in all (size < levers): the share of the n! orders in which exactly
// those come first.
double shapley_weight(std::size_t size, std::size_t levers);

// Each lever's Shapley value from v[mask] for every combination (values.size() must be a power of
// two, 2^n; std::invalid_argument otherwise).
std::vector<double> shapley_values(std::span<const double> values);

// Each lever's own effect, v({i}) - v({}).
std::vector<double> own_effects(std::span<const double> values);

}  // namespace c2msim::montecarlo
