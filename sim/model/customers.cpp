#include "sim/model/customers.hpp"

#include <cmath>

namespace c2msim::model {

Customers::Customers(const ArmPlan& plan, Calendar& calendar)
    : calendar_(calendar), node_(plan.node_count()) {}

void Customers::start_measuring() {
  for (NodeService& s : node_) s = NodeService{};
  chain_ = ChainService{};
  lead_times_.clear();
}

}  // namespace c2msim::model
