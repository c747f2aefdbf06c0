#pragma once
// The textbook answers the validation suite compares the simulator with, computed from their
// formulas (Boost.Math for the distributions). Each function names its source; the notation is
// the source's: lambda an arrival rate, L a lead time, S a base-stock level, (r, Q) the reorder
// point and batch, c a number of servers, p and L of the bullwhip bound periods.
//
// References: Axsäter, Inventory Control, 3rd ed. (2015), ch. 5 (Poisson lead-time demand,
// base stock, (r, Q)); Zipkin, Foundations of Inventory Management (2000), ch. 6-7 (the lost-sales
// base-stock system as an Erlang loss system); Kleinrock, Queueing Systems I (1975), ch. 3
// (M/M/1, M/M/c, Erlang B and C); Porteus, Foundations of Stochastic Inventory Theory (2002),
// ch. 1 (the newsvendor); Chen, Drezner, Ryan and Simchi-Levi, Management Science 46 (2000)
// (the bullwhip effect of a moving-average forecast).

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/poisson.hpp>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <vector>

namespace c2msim::validation::theory {

// ---- Poisson lead-time demand --------------------------------------------------------------

inline double poisson_pmf(double mean, int k) {
  if (k < 0) return 0.0;
  return boost::math::pdf(boost::math::poisson_distribution<double>(mean), k);
}

// P(D <= k) for D ~ Poisson(mean).
inline double poisson_cdf(double mean, int k) {
  if (k < 0) return 0.0;
  return boost::math::cdf(boost::math::poisson_distribution<double>(mean), k);
}

// First-order loss function E[(D - s)^+], by E[(D - s)^+] = E[D] - s + E[(s - D)^+] with the
// finite sum E[(s - D)^+] = sum_{k < s} (s - k) P(D = k).
inline double poisson_expected_shortage(double mean, int s) {
  double below = 0.0;
  for (int k = 0; k < s; ++k) below += (s - k) * poisson_pmf(mean, k);
  return mean - s + below;
}

// E[(s - D)^+].
inline double poisson_expected_leftover(double mean, int s) {
  double below = 0.0;
  for (int k = 0; k < s; ++k) below += (s - k) * poisson_pmf(mean, k);
  return below;
}

// ---- Base stock with backorders (continuous review, one-for-one) ----------------------------
// Unit Poisson demand at rate lambda, constant lead time L, order-up-to S. The inventory level
// at any time is S - D(L) with D(L) ~ Poisson(lambda L), the demand of the last lead time.
struct BaseStockBackorder {
  double fill_rate;   // P(level > 0) seen by an arrival (PASTA) = P(D(L) <= S - 1)
  double on_hand;     // E[(S - D(L))^+]
  double backorders;  // E[(D(L) - S)^+]
};

inline BaseStockBackorder base_stock_backorder(double lambda, double lead_time, int S) {
  const double m = lambda * lead_time;
  return {poisson_cdf(m, S - 1), poisson_expected_leftover(m, S), poisson_expected_shortage(m, S)};
}

// ---- Erlang B and C ---------------------------------------------------------------------------

// Erlang's loss formula B(c, a) for offered load a = lambda / mu on c servers, by the stable
// recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
inline double erlang_b(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

// Erlang C: the probability that an arrival waits in M/M/c, C = c B / (c - a (1 - B)), a < c.
inline double erlang_c(int c, double a) {
  if (a >= c) throw std::invalid_argument("erlang_c: the queue is unstable (a >= c)");
  const double b = erlang_b(c, a);
  return c * b / (c - a * (1.0 - b));
}

// ---- Base stock with lost sales -------------------------------------------------------------
// One-for-one replenishment of S units with lost sales: the outstanding orders are the busy
// servers of an M/G/S/S loss system with offered load lambda L (insensitive to the lead-time
// distribution), so a demand is lost with probability B(S, lambda L).
struct BaseStockLostSales {
  double fill_rate;  // 1 - B(S, lambda L)
  double on_hand;    // S - E[outstanding] = S - lambda L (1 - B)
};

inline BaseStockLostSales base_stock_lost_sales(double lambda, double lead_time, int S) {
  const double a = lambda * lead_time;
  const double b = erlang_b(S, a);
  return {1.0 - b, S - a * (1.0 - b)};
}

// ---- M/M/c ----------------------------------------------------------------------------------
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

// ---- Continuous review (r, Q), Poisson demand, backorders -----------------------------------
// With unit demand the inventory position is uniform on r+1..r+Q and independent of the demand
// of the next lead time, so the level is IP - D(L) (Axsäter, sec. 5.3).
struct RQ {
  double fill_rate;   // (1/Q) sum_y P(D(L) <= y - 1)
  double on_hand;     // (1/Q) sum_y E[(y - D(L))^+]
  double backorders;  // (1/Q) sum_y E[(D(L) - y)^+]
};

inline RQ rq_policy(double lambda, double lead_time, int r, int Q) {
  const double m = lambda * lead_time;
  RQ out{0.0, 0.0, 0.0};
  for (int y = r + 1; y <= r + Q; ++y) {
    out.fill_rate += poisson_cdf(m, y - 1);
    out.on_hand += poisson_expected_leftover(m, y);
    out.backorders += poisson_expected_shortage(m, y);
  }
  out.fill_rate /= Q;
  out.on_hand /= Q;
  out.backorders /= Q;
  return out;
}

// ---- Newsvendor -----------------------------------------------------------------------------
// Price p, unit cost c, salvage value v (v < c < p): the expected profit of ordering Q is
// (p - v) E[min(Q, D)] - (c - v) Q, maximised at the critical fractile F(Q*) = (p - c) / (p - v).
struct NewsvendorPrices {
  double price;
  double cost;
  double salvage;

  [[nodiscard]] double critical_ratio() const { return (price - cost) / (price - salvage); }
  [[nodiscard]] double profit(double quantity, double expected_sales) const {
    return (price - salvage) * expected_sales - (cost - salvage) * quantity;
  }
};

// Standard normal loss function E[(Z - z)^+] = phi(z) - z (1 - Phi(z)).
inline double normal_loss(double z) {
  const boost::math::normal_distribution<double> n;
  return boost::math::pdf(n, z) - z * boost::math::cdf(boost::math::complement(n, z));
}

inline double newsvendor_normal_quantity(const NewsvendorPrices& k, double mean, double sd) {
  const boost::math::normal_distribution<double> n;
  return mean + sd * boost::math::quantile(n, k.critical_ratio());
}

// E[min(Q, D)] = mean - sd L((Q - mean) / sd) for D ~ N(mean, sd^2).
inline double newsvendor_normal_profit(const NewsvendorPrices& k, double mean, double sd,
                                       double quantity) {
  return k.profit(quantity, mean - sd * normal_loss((quantity - mean) / sd));
}

// The smallest Q with P(D <= Q) >= the critical ratio.
inline int newsvendor_poisson_quantity(const NewsvendorPrices& k, double mean) {
  int q = 0;
  while (poisson_cdf(mean, q) < k.critical_ratio()) ++q;
  return q;
}

// E[min(Q, D)] = Q - E[(Q - D)^+].
inline double newsvendor_poisson_profit(const NewsvendorPrices& k, double mean, int quantity) {
  return k.profit(quantity, quantity - poisson_expected_leftover(mean, quantity));
}

// ---- Bullwhip ---------------------------------------------------------------------------------
// Chen, Drezner, Ryan and Simchi-Levi (2000), eq. (5): an order-up-to policy whose lead-time
// demand is L times a p-period moving average of i.i.d. demand orders q with
// Var(q) / Var(D) >= 1 + 2L/p + 2L^2/p^2, with equality when the safety stock is constant and
// orders may be negative.
inline double chen_bullwhip(double L, double p) {
  return 1.0 + 2.0 * L / p + 2.0 * L * L / (p * p);
}

// ---- Linear filters of i.i.d. demand --------------------------------------------------------
// With no safety stock and no negative order clamped, every order of an order-up-to chain on
// moving averages is a fixed linear combination of past consumer demands: a polynomial in the lag
// operator B, whose coefficient j weighs D_{t-j}. For i.i.d. demand the variance of the output
// over that of demand is the sum of the squared coefficients.
using Filter = std::vector<double>;

inline Filter filter_add(Filter a, const Filter& b) {
  if (a.size() < b.size()) a.resize(b.size(), 0.0);
  for (std::size_t j = 0; j < b.size(); ++j) a[j] += b[j];
  return a;
}

inline Filter filter_multiply(const Filter& a, const Filter& b) {
  Filter out(a.size() + b.size() - 1, 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) out[i + j] += a[i] * b[j];
  }
  return out;
}

inline Filter filter_shift(const Filter& a, std::size_t lag) {
  Filter out(lag, 0.0);
  out.insert(out.end(), a.begin(), a.end());
  return out;
}

inline double variance_ratio(const Filter& f) {
  double sum = 0.0;
  for (double c : f) sum += c * c;
  return sum;
}

// Autocorrelation of the filtered series at lag k.
inline double autocorrelation(const Filter& f, std::size_t k) {
  double sum = 0.0;
  for (std::size_t j = 0; j + k < f.size(); ++j) sum += f[j] * f[j + k];
  return sum / variance_ratio(f);
}

// An order-up-to stage whose level is `cover` periods of a p-period moving average of the signal
// x it forecasts on: its order is its demand plus the change of the level,
// demand + (cover/p)(x_t - x_{t-p}). The level's part, as a filter of x: (cover/p)(1 - B^p).
inline Filter level_change(double cover, std::size_t p) {
  Filter f(p + 1, 0.0);
  f[0] = cover / static_cast<double>(p);
  f[p] = -cover / static_cast<double>(p);
  return f;
}

// A serial chain, tiers listed from the consumer up, each with its cover (periods) and the same
// p-period moving average, reviewed every period. A tier's demand in a period is what the tier
// below ordered at the end of the previous one (one lag). Forecasting on orders, tier i's
// orders are O_i = B O_{i-1} (1 + level change), with O_0 = D; on point-of-sale data they are
// O_i = B O_{i-1} + level change applied to D (the first tier has no lag: its demand is D).
// Returns each tier's orders as a filter of D.
inline std::vector<Filter> serial_chain_orders(const std::vector<double>& covers, std::size_t p,
                                               bool forecast_on_pos) {
  std::vector<Filter> out;
  Filter demand{1.0};
  for (std::size_t i = 0; i < covers.size(); ++i) {
    const Filter change = level_change(covers[i], p);
    Filter orders = forecast_on_pos ? filter_add(demand, change)
                                    : filter_multiply(demand, filter_add(Filter{1.0}, change));
    out.push_back(orders);
    demand = filter_shift(orders, 1);
  }
  return out;
}

}  // namespace c2msim::validation::theory
