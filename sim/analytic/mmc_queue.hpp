#pragma once
// The M/M/c queue in steady state: Poisson arrivals at rate lambda, c exponential servers at
// rate mu each, lambda < c mu (Kleinrock 1975, ch. 3; Little's law for L).

#include "sim/analytic/erlang.hpp"

namespace c2msim::analytic {

struct MMc {
  double utilisation;     // rho = lambda / (c mu)
  double wait;            // Wq = C(c, a) / (c mu - lambda)
  double time_in_system;  // W = Wq + 1 / mu
  double in_system;       // L = lambda W (Little)
};

inline MMc mmc(double lambda, double mu, int c) {
  const double a = lambda / mu;
  const double wq = erlang_c(c, a) / (c * mu - lambda);
  const double w = wq + 1.0 / mu;
  return {a / c, wq, w, lambda * w};
}

}  // namespace c2msim::analytic
