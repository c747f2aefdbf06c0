#pragma once
// The largest (and, for periods the model schedules by, the smallest) values the scenario format
// accepts, named once and used at the reader calls of each key (scenarios/README.md, "Ranges").
// Each bound keeps a file that passes validation from exhausting the machine's memory, stalling
// the simulated clock or overflowing a number, and each is far beyond any real scenario.

#include <cstddef>
#include <cstdint>

namespace c2msim::scenario::limits {

// Time. The horizon, and any duration (lead times, patience, delays, windows), at most 100 years:
// the model keeps one rate per simulated day per market.
inline constexpr double kMaxDays = 36'500;
// A period the model schedules events by (a batching window) or reviews stock by must move the
// clock: at least about a quarter of an hour, so a run of the longest horizon schedules at most
// 3.65 million of them.
inline constexpr double kMinPeriodDays = 0.01;

// Demand. Customers per day of a market at its busiest day, with the weekly pattern, events and
// price response applied: each customer is an event and a record of the model.
inline constexpr double kMaxArrivalsPerDay = 1e6;
inline constexpr double kMaxMultiplier = 1'000;    // a weekly or an event multiplier
inline constexpr double kMaxPriceElasticity = 20;  // measured elasticities are below 10
inline constexpr double kMinDispersion = 0.1;      // negative binomial r: variance mean + 10 mean^2
inline constexpr double kMaxDispersion = 1e6;      // beyond, the counts are Poisson
inline constexpr double kMaxUnitsPerCustomer = 1e6;  // a quantity distribution's values
inline constexpr double kMaxZipfExponent = 100;
inline constexpr double kMaxWeight = 1e9;  // relative weights (variants, empirical values)

// Money per unit (costs, prices, transport, holding and backorders per day, a lost sale), and the
// highest price the markups of a chain may build up to.
inline constexpr double kMaxMoney = 1e12;
inline constexpr double kMaxDerivedPrice = 1e15;
inline constexpr double kMaxMarkup = 100;  // a markup or commission, as a fraction: 10,000%
inline constexpr double kMaxHoldingRatePerYear = 100;
inline constexpr double kMinCostMultiplier = 1e-3;
inline constexpr double kMaxCostMultiplier = 1e3;

// Units of stock: order levels, order sizes, opening stock.
inline constexpr double kMaxUnits = 1e9;
inline constexpr double kMinCapacityPerDay = 1e-4;  // a factory or lane: a unit in 27 years
inline constexpr double kMaxCapacityPerDay = 1e9;
inline constexpr double kMaxSafetyFactor = 10;
inline constexpr double kMaxLaneShare = 1e6;  // a lane's relative share of a market

// Ids of products, markets, nodes and arms: names, not text.
inline constexpr std::size_t kMaxIdLength = 100;

// Whole numbers, each far inside the model's 32-bit indices.
inline constexpr std::uint32_t kMaxVariants = 10'000;
inline constexpr std::uint32_t kMaxLines = 1'000;  // the model walks every line per order
inline constexpr std::uint32_t kMaxCasePack = 1'000'000;
inline constexpr std::uint32_t kMaxWindowDays = 730;  // a moving average keeps one value a period
// A sharing node keeps a day's point-of-sale data for each variant until the delay has passed;
// data a quarter old is no longer a forecast signal.
inline constexpr std::uint32_t kMaxPosDelayDays = 90;
inline constexpr std::uint32_t kMaxReplications = 100'000'000;
inline constexpr std::uint32_t kMaxSweepPoints = 10'000;  // a bigger grid is surely a mistake
// Nodes of an arm x variants of all products: the model keeps state for every pair.
inline constexpr std::uint64_t kMaxNodeVariants = 100'000;

// decompose: every combination of the levers runs, 2^8 = 256 arms at most.
inline constexpr std::uint32_t kMaxLevers = 8;

}  // namespace c2msim::scenario::limits
