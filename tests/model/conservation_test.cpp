// Units and money are conserved in every replication: run_replication checks it at the end and
// throws ConservationError otherwise. These tests drive that check over many random networks.

#include <catch2/catch.hpp>
#include <string>

#include "sim/model/replication.hpp"
#include "sim/model/synthetic_chain.hpp"
#include "sim/random/random_stream.hpp"
#include "tests/model/chain_fixtures.hpp"

using namespace c2msim::testing;
using c2msim::model::run_replication;
using c2msim::random::RandomStream;

TEST_CASE("units and money are conserved on randomly generated networks", "[model][conservation]") {
  for (std::uint64_t seed = 1; seed <= 150; ++seed) {
    SyntheticChainOptions options;
    options.seed = seed;
    const ChainSpec spec = synthetic_chain(options);
    INFO("network seed " << seed << ": " << spec.nodes.size() << " nodes, " << spec.markets.size()
                         << " markets");
    c2msim::model::ReplicationResult r;
    REQUIRE_NOTHROW(r = run_replication(spec, seed, 0));
    // Every customer is served, lost, or still waiting at the horizon.
    const double demanded = r.get("system", "units_demanded");
    CHECK(r.get("system", "lost_sales_rate") <= 1.0);
    CHECK(demanded >= 0.0);
    CHECK(r.events_processed > 0);
  }
}
