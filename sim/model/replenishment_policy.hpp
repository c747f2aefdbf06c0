#pragma once
// Replenishment policies of a stocking node, as the inventory literature names them
// (Axsäter, Inventory Control, 3rd ed., ch. 4-5; Silver, Pyke & Thomas, 2017, ch. 6-7).
// A policy is a value; `order_quantity` is a pure function of the inventory position
// (on hand + on order - backorders) and, for forecast-driven policies, of the forecast.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

namespace c2msim::model {

// Periodic review (R, s, S): every R days, if the position is at or below s, order up to S.
struct SsPolicy {
  double review_period_days = 1.0;
  double s = 0.0;
  double S = 0.0;
};

// Which inventory position a base-stock policy orders against. Installation: the node's own
// (on hand + on order - everything it owes). Echelon (Clark and Scarf 1960; Axsäter, Inventory
// Control, sec. 5.3): the node's on hand and on order, plus the stock on hand at every node below
// it and in transit to them, minus what those nodes and the node itself owe end consumers.
enum class StockPosition { kInstallation, kEchelon };
inline constexpr std::array<std::string_view, 2> kStockPositionNames{"installation", "echelon"};

// Periodic review order-up-to (R, S), a base-stock policy: every R days order up to `level`.
// With R -> 0 (review at every demand) it is the continuous-review base-stock policy.
struct BaseStockPolicy {
  double review_period_days = 1.0;
  double level = 0.0;
  StockPosition position = StockPosition::kInstallation;
};

// Continuous review (r, Q): whenever the position is at or below r, order the smallest multiple
// of Q that lifts it above r.
struct RQPolicy {
  double r = 0.0;
  double Q = 1.0;
};

enum class ForecastMethod { kMovingAverage, kExponentialSmoothing };
enum class DemandSignal {
  kOrders,  // the orders the node receives from its customers
  kPos,     // end-consumer demand: the node's own and that of the sharing nodes below it
};
// The words of a scenario file for each enumerator, in enumerator order.
inline constexpr std::array<std::string_view, 2> kForecastMethodNames{"moving_average",
                                                                      "exponential_smoothing"};
inline constexpr std::array<std::string_view, 2> kDemandSignalNames{"orders", "pos"};

inline std::string_view to_string(ForecastMethod v) {
  return kForecastMethodNames[static_cast<std::size_t>(v)];
}
inline std::string_view to_string(DemandSignal v) {
  return kDemandSignalNames[static_cast<std::size_t>(v)];
}
inline std::string_view to_string(StockPosition v) {
  return kStockPositionNames[static_cast<std::size_t>(v)];
}

// Forecast-driven order-up-to: S_t = F_t (L + R) + z sigma_t sqrt(L + R), with F_t and sigma_t the
// per-day forecast and forecast standard deviation of the chosen signal (Chen, Drezner, Ryan and
// Simchi-Levi 2000 for the moving-average case).
struct ForecastPolicy {
  double review_period_days = 1.0;
  ForecastMethod method = ForecastMethod::kMovingAverage;
  int window_days = 7;  // moving average
  double alpha = 0.3;   // exponential smoothing
  DemandSignal signal = DemandSignal::kOrders;
  double safety_factor = 0.0;  // z
};

using ReplenishmentPolicy = std::variant<SsPolicy, BaseStockPolicy, RQPolicy, ForecastPolicy>;

// Stock is reviewed at day ends, so a periodic policy reviews every whole number of days nearest
// its period, at least 1. The scenario loader takes whole numbers only; every part of the model
// (the reviews, the forecast's periods and the days its level covers, the bullwhip buckets, the
// run-size estimate) uses this one figure.
inline std::int64_t review_days(double review_period_days) {
  return std::max<std::int64_t>(1, std::llround(review_period_days));
}

// The whole days between a policy's reviews; 0 for continuous review (r, Q), which has none.
inline std::int64_t review_days(const ReplenishmentPolicy& policy) {
  return std::visit(
      [](const auto& p) -> std::int64_t {
        if constexpr (requires { p.review_period_days; }) {
          return review_days(p.review_period_days);
        } else {
          return 0;
        }
      },
      policy);
}

// Order constraints applied to any positive order: at least `min_order_qty`, in whole case packs.
struct OrderConstraints {
  double min_order_qty = 0.0;
  double case_pack = 1.0;

  [[nodiscard]] double apply(double quantity) const {
    if (quantity <= 0.0) return 0.0;
    quantity = std::max(quantity, min_order_qty);
    if (case_pack > 1.0) quantity = std::ceil(quantity / case_pack - 1e-9) * case_pack;
    return quantity;
  }
};

inline double order_up_to(double level, double position) {
  return std::max(0.0, std::ceil(level - position - 1e-9));
}

inline double order_quantity(const SsPolicy& p, double position) {
  return position <= p.s ? order_up_to(p.S, position) : 0.0;
}

inline double order_quantity(const BaseStockPolicy& p, double position) {
  return order_up_to(p.level, position);
}

inline double order_quantity(const RQPolicy& p, double position) {
  if (position > p.r) return 0.0;
  const double batches = std::floor((p.r - position) / p.Q) + 1.0;
  return batches * p.Q;
}

// The forecast policy's order-up-to level for a per-day forecast and its standard deviation.
inline double forecast_level(const ForecastPolicy& p, double forecast_per_day, double sd_per_day,
                             double lead_time_days) {
  const double cover = lead_time_days + static_cast<double>(review_days(p.review_period_days));
  return forecast_per_day * cover + p.safety_factor * sd_per_day * std::sqrt(cover);
}

}  // namespace c2msim::model
