#pragma once
// The conservation checks run at the end of every replication, over the whole run: for every
// node, opening stock + units received or produced = units shipped + salvaged + on hand; for the
// chain, opening stock + production = units sold to consumers + salvaged + in transit + on hand;
// and what buyers paid equals what sellers received, between nodes and from consumers. A
// violation is a bug: ConservationError names the node and the numbers.

#include <stdexcept>

#include "sim/model/arm_plan.hpp"
#include "sim/model/books.hpp"
#include "sim/model/stock.hpp"

namespace c2msim::model {

class ConservationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

void check_conservation(const ArmPlan& plan, const Books& books, const Stock& stock,
                        double units_in_transit);

}  // namespace c2msim::model
