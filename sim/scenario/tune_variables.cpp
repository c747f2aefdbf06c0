#include "sim/scenario/tune_variables.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <string>
#include <type_traits>
#include <variant>

#include "sim/analytic/base_stock.hpp"
#include "sim/scenario/limits.hpp"

namespace c2msim::scenario {
namespace {

class Collector {
 public:
  explicit Collector(std::string prefix) : prefix_(std::move(prefix)) {}

  void quantity(std::string_view key, double q, double low = 0.0) {
    add(key, q, low, 3 * std::max(q, 0.0) + 20, true);
  }
  void add(std::string_view key, double start, double low, double high, bool whole) {
    TuneVariable v;
    v.key = prefix_ + std::string(key);
    v.from = low;
    v.to = high;
    v.whole = whole;
    v.start = start;
    out.push_back(std::move(v));
  }

  std::vector<TuneVariable> out;

 private:
  std::string prefix_;
};

void review_period(Collector& c, std::string_view policy, double days) {
  c.add(fmt::format("{}.review_period_days", policy), days, 1, std::max(2 * days, 7.0), true);
}

void policy_variables(Collector& c, const Policy& policy) {
  std::visit(
      [&](const auto& p) {
        using P = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<P, SsPolicy>) {
          review_period(c, "stock.policy.s_S", p.review_period_days);
          // s and S share the range of S, so that every s <= S is reachable; points with s > S
          // are refused by the file's own check and skipped.
          const double high = 3 * std::max(p.S, 0.0) + 20;
          c.add("stock.policy.s_S.s", p.s, std::min(p.s, 0.0), high, true);
          c.add("stock.policy.s_S.S", p.S, 0, high, true);
        } else if constexpr (std::is_same_v<P, BaseStockPolicy>) {
          review_period(c, "stock.policy.base_stock", p.review_period_days);
          c.quantity("stock.policy.base_stock.level", p.level);
        } else if constexpr (std::is_same_v<P, RQPolicy>) {
          c.add("stock.policy.r_Q.r", p.r, std::min(p.r, 0.0), 3 * std::max(p.r + p.Q, 0.0) + 20,
                true);
          c.quantity("stock.policy.r_Q.Q", p.Q, 1);
        } else {
          review_period(c, "stock.policy.forecast_order_up_to", p.review_period_days);
          if (p.method == ForecastMethod::kMovingAverage) {
            const double w = p.window_days;
            c.add("stock.policy.forecast_order_up_to.forecast.moving_average.window_days", w, 1,
                  std::min<double>(limits::kMaxWindowDays, std::max(4 * w, 28.0)), true);
          } else {
            c.add("stock.policy.forecast_order_up_to.forecast.exponential_smoothing.alpha", p.alpha,
                  0.01, 1, false);
          }
          c.add("stock.policy.forecast_order_up_to.safety_factor", p.safety_factor, 0,
                std::min(limits::kMaxSafetyFactor, std::max(4.0, 2 * p.safety_factor)), false);
        }
      },
      policy);
}

// The most variants of any product the node handles.
std::uint32_t most_variants(const Scenario& s, const Node& node) {
  std::uint32_t most = 1;
  for (std::size_t p = 0; p < s.products.size(); ++p) {
    const bool handles =
        node.products.empty() ||
        std::find(node.products.begin(), node.products.end(), p) != node.products.end();
    if (handles) most = std::max(most, s.products[p].variants);
  }
  return most;
}

}  // namespace

std::vector<TuneVariable> default_tune_variables(const Scenario& s, const Arm& arm) {
  std::vector<TuneVariable> all;
  for (const Node& node : arm.nodes) {
    Collector c(fmt::format("arms.{}.nodes[{}].", arm.name, node.id));
    if (node.stock) {
      policy_variables(c, node.stock->policy);
      const StockedVariants& stocked = node.stock->stocked_variants;
      const std::uint32_t most = most_variants(s, node);
      // A list of chosen variants is a decision of its own, not a count to tune.
      if (stocked.listed.empty() && most > 1 &&
          (stocked.given || node.kind != NodeKind::kFactory)) {
        const double top = stocked.all() ? most : std::min(stocked.top, most);
        c.add("stock.stocked_variants", top, 1, most, true);
      }
    }
    if (node.production && node.production->mode != model::FactoryMode::kMakeToStock) {
      const double b = node.production->batching_window_days;
      c.add("production.batching_window_days", b, 0, std::max(2 * b, 1.0), false);
    }
    for (TuneVariable& v : c.out) all.push_back(std::move(v));
  }
  return all;
}

namespace {

bool constant(const random::Distribution& d, double value) {
  const auto* c = std::get_if<random::Constant>(&d);
  return c != nullptr && c->value == value;
}
std::optional<double> constant_value(const random::Distribution& d) {
  const auto* c = std::get_if<random::Constant>(&d);
  return c ? std::optional<double>(c->value) : std::nullopt;
}

// lambda of the node's one market, when that market fits the textbook's demand.
std::optional<double> poisson_rate(const Scenario& s, const Arm& arm, const Node& node) {
  const Lane* out = nullptr;
  for (const Lane& lane : arm.lanes) {
    if (lane.from_id != node.id) continue;
    if (out != nullptr || !lane.to_market) return std::nullopt;
    out = &lane;
  }
  if (out == nullptr || !constant(out->lead_time_days, 0.0)) return std::nullopt;
  for (const Lane& lane : arm.lanes) {
    if (lane.to_market && lane.to_id == out->to_id && &lane != out) return std::nullopt;
  }
  const auto m = s.market_index(out->to_id);
  if (!m) return std::nullopt;
  const Market& market = s.markets[*m];
  const Demand& d = market.demand;
  const bool flat = std::all_of(d.weekly_pattern.begin(), d.weekly_pattern.end(),
                                [](double w) { return w == 1.0; });
  if (market.products.size() != 1 || d.process != ArrivalProcess::kPoisson ||
      !constant(d.quantity, 1.0) || d.patience_days || d.price_elasticity != 0.0 || !flat ||
      !d.events.empty()) {
    return std::nullopt;
  }
  return d.arrivals_per_day * market.products.front().share;
}

}  // namespace

std::vector<std::pair<std::string, double>> analytic_starts(const Scenario& s, const Arm& arm) {
  std::vector<std::pair<std::string, double>> out;
  for (const Node& node : arm.nodes) {
    if (!node.stock || node.stock->shortage != ShortageMode::kBackorder) continue;
    const Stock& stock = *node.stock;
    const double h = stock.holding_cost.per_unit_day;
    const double p = stock.backorder_cost_per_unit_day;
    if (!(h > 0) || !(p > 0) || stock.holding_cost.rate_per_year != 0.0) continue;
    if (s.products.size() != 1 || s.products.front().variants != 1) continue;
    const auto lambda = poisson_rate(s, arm, node);
    if (!lambda || !(*lambda > 0)) continue;
    // The one lane in, of constant lead time, from a node whose opening stock covers the horizon.
    const Lane* in = nullptr;
    bool one = true;
    for (const Lane& lane : arm.lanes) {
      if (lane.to_market || lane.to_id != node.id) continue;
      one = in == nullptr;
      in = &lane;
    }
    const auto L = in ? constant_value(in->lead_time_days) : std::nullopt;
    const Node* supplier = in ? arm.find_node(in->from_id) : nullptr;
    if (!one || !L || in->information_delay_days != 0.0 || !supplier || !supplier->stock ||
        supplier->stock->initial_on_hand.value_or(0.0) < *lambda * s.horizon_days) {
      continue;
    }
    const std::string prefix = fmt::format("arms.{}.nodes[{}].stock.policy.", arm.name, node.id);
    if (const auto* rq = std::get_if<RQPolicy>(&stock.policy); rq && rq->Q == 1.0) {
      const int level = analytic::optimal_base_stock(*lambda, *L, {h, p}).level;
      out.emplace_back(prefix + "r_Q.r", level - 1);
    } else if (const auto* bs = std::get_if<BaseStockPolicy>(&stock.policy);
               bs && bs->position == model::StockPosition::kInstallation) {
      const double period = static_cast<double>(model::review_days(stock.policy));
      out.emplace_back(prefix + "base_stock.level",
                       analytic::optimal_base_stock(*lambda, *L + period, {h, p}).level);
    }
  }
  return out;
}

std::optional<double> tunable_value(const Scenario& s, const Arm& arm, std::string_view key) {
  for (const TuneVariable& v : default_tune_variables(s, arm)) {
    if (v.key == key) return v.start;
  }
  return std::nullopt;
}

}  // namespace c2msim::scenario
