#pragma once
// timeseries.csv: every node's daily state in the first K replications of every arm, for plots of
// inventory over time (around 11.11, say). Columns: arm, replication, day, date, node, on_hand,
// backorders, on_order, orders_placed, demand_received, arrivals. Day d is [d, d + 1) counted from
// the scenario's start date; stock levels are those at the end of the day, flows are the day's.

#include <chrono>
#include <string>
#include <vector>

#include "sim/montecarlo/experiment.hpp"
#include "sim/output/tidy_csv.hpp"

namespace c2msim::output {

class TimeseriesCsv {
 public:
  // node_ids[arm][node] names the nodes of each arm, in the order of its chain.
  TimeseriesCsv(const std::string& path, std::vector<std::string> arms,
                std::vector<std::vector<std::string>> node_ids, std::chrono::sys_days start);
  void write(const montecarlo::ReplicationBatch& batch);
  void close() { file_.close(); }

 private:
  CsvFile file_;
  std::vector<std::string> arms_;
  std::vector<std::vector<std::string>> node_ids_;
  std::chrono::sys_days start_;
};

}  // namespace c2msim::output
