// The synthetic network generator: balanced networks grow their factories, stock and capacity
// with their demand, so that a large one serves its customers as a small one does.

#include "sim/model/synthetic_chain.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <stdexcept>

#include "sim/model/replication.hpp"

using namespace c2msim::model;

namespace {

SyntheticChainOptions options_with_markets(std::uint32_t markets, double target_utilisation) {
  SyntheticChainOptions o;
  o.min_markets = o.max_markets = markets;
  o.max_channels_per_market = 3;
  o.target_utilisation = target_utilisation;
  return o;
}

std::size_t factories(const ChainSpec& c) {
  return static_cast<std::size_t>(std::count_if(
      c.nodes.begin(), c.nodes.end(), [](const auto& n) { return n.kind == NodeKind::kFactory; }));
}

double delivered_share(const ChainSpec& c) {
  const ReplicationResult r = run_replication(c, 1, 0);
  return r.get("system", "units_sold") / r.get("system", "units_demanded");
}

}  // namespace

TEST_CASE("a balanced synthetic network adds factories as its markets grow", "[model][synthetic]") {
  const ChainSpec small = synthetic_chain(options_with_markets(20, 0.75));
  const ChainSpec large = synthetic_chain(options_with_markets(400, 0.75));
  CHECK(small.markets.size() == 20);
  CHECK(large.markets.size() == 400);
  // Twenty times the markets, about twenty times the factories (never the fixed cap of the
  // unbalanced generator, 1 to max_factories).
  const double ratio =
      static_cast<double>(factories(large)) / static_cast<double>(factories(small));
  CHECK(ratio > 10.0);
  CHECK(ratio < 40.0);
}

TEST_CASE("a balanced synthetic network serves as much of its demand when it is larger",
          "[model][synthetic]") {
  const double small = delivered_share(synthetic_chain(options_with_markets(20, 0.75)));
  const double large = delivered_share(synthetic_chain(options_with_markets(400, 0.75)));
  CHECK(small > 0.4);
  CHECK(large > 0.4);
  CHECK(large > small - 0.15);
  // Unbalanced, the same 400 markets share 1 or 2 factories and go mostly unserved.
  SyntheticChainOptions capped = options_with_markets(400, 0.0);
  CHECK(delivered_share(synthetic_chain(capped)) < 0.3);
}

TEST_CASE("the synthetic generator refuses a market range that is empty or starts at 0",
          "[model][synthetic]") {
  SyntheticChainOptions o;
  o.min_markets = 4;
  o.max_markets = 3;
  CHECK_THROWS_AS(synthetic_chain(o), std::invalid_argument);
  o.min_markets = 0;
  CHECK_THROWS_WITH(synthetic_chain(o), Catch::Contains("min_markets"));
}
