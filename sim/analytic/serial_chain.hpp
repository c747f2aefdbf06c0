#pragma once
// A serial chain of N stages under echelon base-stock policies, solved exactly by the
// Clark-Scarf decomposition in the discrete form of Chen and Zheng, Management Science 40
// (1994) 1426-1443, and Shang and Song, Management Science 49 (2003) 618-638; the decomposition
// is Clark and Scarf's, Management Science 6 (1960) 475-490. Stage 1 serves the customers; stage j
// is supplied by stage j + 1 after a constant transit time L_j, and stage N by an unlimited source.
// Demand is Poisson at rate lambda, one unit at a time, continuous review; stage 1 backorders what
// it cannot serve at a cost p per unit and unit of time. Stage j's echelon holding cost h_j > 0 is
// the value it adds: a unit on hand at stage j costs H_j = h_j + ... + h_N per unit of time, a unit
// in transit to stage j < N costs H_{j+1} (the stage it left), a unit on its way from the source
// nothing.
//
// Echelon base stock: stage j orders so that its echelon inventory position (its stock, all
// stock downstream of it and in transit to it, less stage 1's backorders) stays at s_j. Clark
// and Scarf (1960) showed these policies optimal among all policies.
//
// With D_j ~ Poisson(lambda L_j) the recursion is, for integers y,
//   f_0(x) = (p + H_1) x^-,   f*_{j-1}(x) = f_{j-1}(min(x, s*_{j-1})),
//   f_j(y) = h_j (y - lambda L_j) + E[f*_{j-1}(y - D_j)],   s*_j = argmin f_j,
// and the optimal cost is f_N(s*_N); each f_j is convex and linear with slope -(p + H_{j+1})
// below 0, so every sum is finite and exact (no truncation of the demand's support).

#include <vector>

namespace c2msim::analytic {

struct SerialStage {
  double lead_time;             // L_j: transit from stage j + 1 (from the source for j = N)
  double echelon_holding_cost;  // h_j > 0, per unit and unit of time
};

struct SerialChain {
  double demand_rate;               // lambda > 0
  double backorder_cost;            // p > 0, per unit backordered at stage 1 and unit of time
  std::vector<SerialStage> stages;  // stages[0] is stage 1, the one serving the customers
};

struct SerialOptimum {
  std::vector<int> echelon_levels;  // s*_1..s*_N
  double expected_cost;             // per unit of time, at those levels
};

// The optimal echelon base-stock levels and their expected cost.
SerialOptimum optimal_serial_chain(const SerialChain& chain);

// The expected cost per unit of time of any echelon levels s_1..s_N >= 0, by the same recursion
// with the given levels in place of the minimisers.
double serial_chain_cost(const SerialChain& chain, const std::vector<int>& echelon_levels);

// The installation (local) base-stock levels equivalent to echelon levels: s'_N = s_N,
// s'_j = min(s_j, s'_{j+1}) (an echelon cannot hold more than the one above it releases), and
// stage j's local level is s'_j - s'_{j-1} with s'_0 = 0.
std::vector<int> local_base_stock_levels(const std::vector<int>& echelon_levels);

}  // namespace c2msim::analytic
