#pragma once
// Checks of numeric command-line options, run on the text before CLI11 converts it. They are
// needed because CLI11 2.1 reads "-1" for an unsigned option as 18446744073709551615 (strtoull),
// saturates numbers past 2^64 - 1, accepts hexadecimal, and lets NaN through CLI::Range (every
// comparison with NaN is false): `--seed -1` wrapped and `--target-ci nan` ran forever.

#include <CLI/CLI.hpp>
#include <cstdint>

namespace c2msim::cli {

inline constexpr std::uint64_t kMaxThreads = 1024;
inline constexpr std::uint64_t kMaxSeed = ~std::uint64_t{0};

// A whole number written in decimal digits, from `min` to `max`.
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);

// A finite number from `min` to `max`; above `min` only when `min_open`.
CLI::Validator finite_number(double min, double max, bool min_open = false);

}  // namespace c2msim::cli
