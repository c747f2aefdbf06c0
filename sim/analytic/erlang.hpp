#pragma once
// Erlang's loss (B) and delay (C) formulas for c servers and offered load a = lambda / mu
// (Kleinrock, Queueing Systems I, 1975, ch. 3).

#include <stdexcept>

namespace c2msim::analytic {

// B(c, a), by the stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
inline double erlang_b(int c, double a) {
  if (c < 0 || !(a >= 0.0))
    throw std::invalid_argument("erlang_b: needs c >= 0 servers and a load a >= 0");
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

// C(c, a), the probability that an arrival of M/M/c waits: c B / (c - a (1 - B)), a < c.
inline double erlang_c(int c, double a) {
  if (a >= c) throw std::invalid_argument("erlang_c: the queue is unstable (a >= c)");
  const double b = erlang_b(c, a);
  return c * b / (c - a * (1.0 - b));
}

}  // namespace c2msim::analytic
