#include "sim/model/customers.hpp"

#include <cmath>

namespace c2msim::model {

Customers::Customers(const ArmPlan& plan, Calendar& calendar)
    : calendar_(calendar),
      warmup_days_(plan.spec().warmup_days),
      service_cutoff_days_(plan.spec().horizon_days - plan.spec().service_target_days),
      target_days_(plan.spec().service_target_days),
      node_(plan.node_count()),
      lost_by_stock_(plan.node_count(), 0.0) {}

}  // namespace c2msim::model
