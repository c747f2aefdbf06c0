#include "sim/scenario/did_you_mean.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <string_view>

namespace sc = c2msim::scenario;

TEST_CASE("edit distance counts insertions, deletions, substitutions and swaps", "[scenario]") {
  CHECK(sc::edit_distance("", "") == 0);
  CHECK(sc::edit_distance("abc", "") == 3);
  CHECK(sc::edit_distance("kitten", "sitting") == 3);
  CHECK(sc::edit_distance("capacity_per_day", "capcity_per_day") == 1);
  CHECK(sc::edit_distance("markup", "makrup") == 1);  // adjacent letters swapped
  CHECK(sc::edit_distance("Kind", "kind") == 0);      // case is ignored
}

TEST_CASE("did you mean suggests the closest known word, or nothing", "[scenario]") {
  constexpr std::array<std::string_view, 5> keys{"horizon_days", "warmup_days", "seed",
                                                 "lead_time_days", "markup"};
  CHECK(sc::did_you_mean("horizon_dys", keys) == "horizon_days");
  CHECK(sc::did_you_mean("warmpu_days", keys) == "warmup_days");
  CHECK(sc::did_you_mean("sed", keys) == "seed");
  CHECK(sc::did_you_mean("horizon", keys) == "horizon_days");  // the unit suffix left out
  CHECK(sc::did_you_mean("lead_time", keys) == "lead_time_days");
  CHECK_FALSE(sc::did_you_mean("colour", keys).has_value());
  CHECK_FALSE(sc::did_you_mean("x", keys).has_value());
  CHECK_FALSE(sc::did_you_mean("anything", std::span<const std::string_view>{}).has_value());
}
