// ResultsTable: each arm's summary, and each arm's replication-by-replication difference from the
// baseline, from hand-made replications.

#include "sim/montecarlo/results_table.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

using namespace c2msim;

namespace {

// Replication r: the baseline's profit is 10 + r, the other arm's 13 + 2r; only the baseline
// reports a fill rate in replication 1.
montecarlo::ReplicationBatch batch(std::uint64_t r) {
  montecarlo::ReplicationBatch b;
  b.replication = r;
  b.arms.resize(2);
  const double x = static_cast<double>(r);
  b.arms[0].metrics = {{"system", "profit", 10 + x}};
  b.arms[1].metrics = {{"system", "profit", 13 + 2 * x}};
  if (r == 1) b.arms[0].metrics.push_back({"shop", "fill_rate", 0.9});
  b.arms[1].metrics.push_back({"shop", "fill_rate", std::numeric_limits<double>::quiet_NaN()});
  return b;
}

}  // namespace

TEST_CASE("each arm's metrics are summarised over its replications", "[montecarlo][table]") {
  montecarlo::ResultsTable table({"traditional", "c2m"}, 0);
  for (std::uint64_t r = 0; r < 3; ++r) table.add(batch(r));
  const auto rows = table.summaries();
  REQUIRE(rows.size() == 3);  // c2m's fill rate is never defined: no row
  CHECK(rows[0].arm == "traditional");
  CHECK(rows[0].key.metric == "profit");
  CHECK(rows[0].summary.n == 3);
  CHECK(rows[0].summary.mean == Approx(11.0));
  CHECK(rows[1].key.metric == "fill_rate");
  CHECK(rows[1].summary.n == 1);
  CHECK(rows[2].arm == "c2m");
  CHECK(rows[2].summary.mean == Approx(15.0));
  CHECK(rows[2].summary.sd == Approx(2.0));
}

TEST_CASE("comparisons are paired differences from the baseline, relative to its mean",
          "[montecarlo][table]") {
  montecarlo::ResultsTable table({"traditional", "c2m"}, 0);
  for (std::uint64_t r = 0; r < 3; ++r) table.add(batch(r));
  const auto rows = table.comparisons();
  REQUIRE(rows.size() == 1);  // the fill rate is never defined in both arms at once
  const auto& c = rows[0];
  CHECK(c.arm == "c2m");
  CHECK(c.baseline == "traditional");
  // Differences 3, 4, 5: mean 4, sd 1; relative to the baseline mean 11.
  CHECK(c.difference.n == 3);
  CHECK(c.difference.mean == Approx(4.0));
  CHECK(c.difference.sd == Approx(1.0));
  CHECK(c.relative_change == Approx(4.0 / 11.0));
  // Student's t with 2 degrees of freedom: 4.303 x 1 / sqrt(3).
  CHECK(c.difference.ci95_high - c.difference.mean == Approx(4.302653 / std::sqrt(3.0)));
}

TEST_CASE("the baseline may be any arm", "[montecarlo][table]") {
  montecarlo::ResultsTable table({"traditional", "c2m"}, 1);
  for (std::uint64_t r = 0; r < 3; ++r) table.add(batch(r));
  const auto rows = table.comparisons();
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].arm == "traditional");
  CHECK(rows[0].difference.mean == Approx(-4.0));
  CHECK(rows[0].relative_change == Approx(-4.0 / 15.0));
}
