// DemandForecast alone: the moving average's mean and sample sd over its window, exponential
// smoothing's level and smoothed squared error, and the conversion of a review period to a day,
// each against a sequence worked by hand.

#include "sim/model/demand_forecast.hpp"

#include <catch2/catch.hpp>
#include <cmath>

using c2msim::model::DemandForecast;
using c2msim::model::ForecastMethod;
using c2msim::model::ForecastPolicy;

namespace {

ForecastPolicy moving_average(double review_period_days, int window_days) {
  ForecastPolicy p;
  p.method = ForecastMethod::kMovingAverage;
  p.review_period_days = review_period_days;
  p.window_days = window_days;
  return p;
}

ForecastPolicy smoothing(double review_period_days, double alpha) {
  ForecastPolicy p;
  p.method = ForecastMethod::kExponentialSmoothing;
  p.review_period_days = review_period_days;
  p.alpha = alpha;
  return p;
}

}  // namespace

TEST_CASE("a forecast that has seen nothing forecasts no demand and no spread",
          "[model][forecast]") {
  const DemandForecast ma(moving_average(1.0, 3));
  CHECK(ma.per_day() == 0.0);
  CHECK(ma.sd_per_day() == 0.0);
  const DemandForecast es(smoothing(1.0, 0.3));
  CHECK(es.per_day() == 0.0);
  CHECK(es.sd_per_day() == 0.0);
}

TEST_CASE("a moving average has no spread until its second observation", "[model][forecast]") {
  DemandForecast f(moving_average(1.0, 3));
  f.observe_period(5.0);
  CHECK(f.per_day() == 5.0);
  CHECK(f.sd_per_day() == 0.0);
}

TEST_CASE("a moving average is the mean and sample sd of the periods in its window",
          "[model][forecast]") {
  DemandForecast f(moving_average(1.0, 3));  // window: the last 3 daily periods
  f.observe_period(4.0);
  f.observe_period(8.0);
  // {4, 8}: mean 6; squares of deviations 4 + 4 = 8 over n - 1 = 1: sd sqrt(8).
  CHECK(f.per_day() == Approx(6.0));
  CHECK(f.sd_per_day() == Approx(std::sqrt(8.0)));
  f.observe_period(6.0);
  // {4, 8, 6}: mean 6; deviations -2, 2, 0: 8 / 2 = 4, sd 2.
  CHECK(f.per_day() == Approx(6.0));
  CHECK(f.sd_per_day() == Approx(2.0));
  f.observe_period(10.0);
  // The 4 leaves the window: {8, 6, 10}: mean 8; deviations 0, -2, 2: 8 / 2 = 4, sd 2.
  // (Keeping all four would give mean 7 and sd sqrt(20 / 3).)
  CHECK(f.per_day() == Approx(8.0));
  CHECK(f.sd_per_day() == Approx(2.0));
  f.observe_period(2.0);
  // {6, 10, 2}: mean 6; deviations 0, 4, -4: 32 / 2 = 16, sd 4.
  CHECK(f.per_day() == Approx(6.0));
  CHECK(f.sd_per_day() == Approx(4.0));
}

TEST_CASE("a weekly moving average converts its periods to days", "[model][forecast]") {
  DemandForecast f(moving_average(7.0, 14));  // 14 days: 2 weekly periods
  f.observe_period(70.0);
  f.observe_period(84.0);
  // Per week: mean 77, sd sqrt((49 + 49) / 1) = 7 sqrt(2). Per day: 77 / 7 = 11 and
  // 7 sqrt(2) / sqrt(7) = sqrt(14).
  CHECK(f.per_day() == Approx(11.0));
  CHECK(f.sd_per_day() == Approx(std::sqrt(14.0)));
  f.observe_period(56.0);
  // {84, 56}: per week mean 70, sd sqrt(196 + 196) = 14 sqrt(2); per day 10 and sqrt(56).
  CHECK(f.per_day() == Approx(10.0));
  CHECK(f.sd_per_day() == Approx(std::sqrt(56.0)));
}

TEST_CASE("a window shorter than the review period still holds one period", "[model][forecast]") {
  DemandForecast f(moving_average(7.0, 3));  // round(3 / 7) = 0 periods, raised to 1
  f.observe_period(14.0);
  f.observe_period(28.0);
  CHECK(f.per_day() == Approx(4.0));  // only the last week: 28 / 7
  CHECK(f.sd_per_day() == 0.0);
}

TEST_CASE("exponential smoothing starts at the first observation", "[model][forecast]") {
  DemandForecast f(smoothing(1.0, 0.25));
  f.observe_period(10.0);
  CHECK(f.per_day() == 10.0);
  CHECK(f.sd_per_day() == 0.0);
}

TEST_CASE("exponential smoothing follows its level and smoothed squared error by hand",
          "[model][forecast]") {
  DemandForecast f(smoothing(1.0, 0.25));
  f.observe_period(10.0);  // level 10, no error yet
  f.observe_period(18.0);  // error 8: squared error 64 (the first), level 10 + 0.25 x 8 = 12
  CHECK(f.per_day() == Approx(12.0));
  CHECK(f.sd_per_day() == Approx(8.0));
  f.observe_period(12.0);  // error 0: 0.25 x 0 + 0.75 x 64 = 48; level 12
  CHECK(f.per_day() == Approx(12.0));
  CHECK(f.sd_per_day() == Approx(std::sqrt(48.0)));
  f.observe_period(20.0);  // error 8: 0.25 x 64 + 0.75 x 48 = 52; level 12 + 2 = 14
  CHECK(f.per_day() == Approx(14.0));
  CHECK(f.sd_per_day() == Approx(std::sqrt(52.0)));
}

TEST_CASE("weekly exponential smoothing converts its periods to days", "[model][forecast]") {
  DemandForecast f(smoothing(7.0, 0.5));
  f.observe_period(70.0);
  f.observe_period(84.0);  // error 14: squared 196; level 77 per week
  // Per day: 77 / 7 = 11 and 14 / sqrt(7) = sqrt(28).
  CHECK(f.per_day() == Approx(11.0));
  CHECK(f.sd_per_day() == Approx(std::sqrt(28.0)));
}
