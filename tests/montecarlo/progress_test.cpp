#include <catch2/catch.hpp>
#include <cstdint>
#include <utility>
#include <vector>

#include "sim/montecarlo/experiment.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim;
using c2msim::testing::ArrivalProcess;

TEST_CASE("reports progress from zero to the total, each replication after it was consumed",
          "[montecarlo][parallel]") {
  montecarlo::ExperimentOptions o;
  o.replications = 12;
  o.first_replication = 50;
  o.threads = 3;
  std::uint64_t consumed = 0;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> reports;
  o.progress = [&](std::uint64_t done, std::uint64_t total) {
    CHECK(done == consumed);
    reports.emplace_back(done, total);
  };
  montecarlo::run_experiment(
      {{"traditional", testing::traditional_chain(8.0, 30.0, ArrivalProcess::kPoisson)}}, o,
      [&](montecarlo::ReplicationBatch&&) { ++consumed; });
  REQUIRE(reports.size() == 13);
  for (std::uint64_t i = 0; i <= 12; ++i) {
    CHECK(reports[i].first == i);
    CHECK(reports[i].second == 12);
  }
}

TEST_CASE("a thread count of zero means one per hardware thread, and at least one",
          "[montecarlo]") {
  CHECK(montecarlo::thread_count(3) == 3);
  CHECK(montecarlo::thread_count(0) >= 1);
}
