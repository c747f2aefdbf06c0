#pragma once
// The two arms the Monte Carlo tests run: the fixtures' traditional chain and its C2M
// counterpart, 8 customers a day over 90 days with Poisson arrivals.

#include <vector>

#include "sim/montecarlo/experiment.hpp"
#include "tests/model/chain_fixtures.hpp"

namespace c2msim::testing {

inline std::vector<montecarlo::ArmChain> two_arms() {
  return {{"traditional", traditional_chain(8.0, 90.0, ArrivalProcess::kPoisson)},
          {"c2m", c2m_chain(8.0, 90.0, ArrivalProcess::kPoisson)}};
}

}  // namespace c2msim::testing
