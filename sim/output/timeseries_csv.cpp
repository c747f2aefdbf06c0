#include "sim/output/timeseries_csv.hpp"

#include <fmt/chrono.h>

namespace c2msim::output {

TimeseriesCsv::TimeseriesCsv(const std::string& path, std::vector<std::string> arms,
                             std::vector<std::vector<std::string>> node_ids,
                             std::chrono::sys_days start)
    : file_(path, {"arm", "replication", "day", "date", "node", "on_hand", "backorders", "on_order",
                   "orders_placed", "demand_received", "arrivals"}),
      arms_(std::move(arms)),
      node_ids_(std::move(node_ids)),
      start_(start) {
  for (auto& arm : arms_) arm = csv_field(arm);
  for (auto& nodes : node_ids_) {
    for (auto& id : nodes) id = csv_field(id);
  }
}

void TimeseriesCsv::write(const montecarlo::ReplicationBatch& batch) {
  for (std::size_t a = 0; a < batch.timeseries.size(); ++a) {
    for (const model::DailySnapshot& s : batch.timeseries[a]) {
      // A snapshot is taken at the end of the day it describes, at time s.day.
      const auto day = static_cast<int>(s.day) - 1;
      const std::chrono::year_month_day date{start_ + std::chrono::days{day}};
      file_.row(arms_[a], batch.replication, day, fmt::format("{:%F}", std::chrono::sys_days{date}),
                node_ids_[a][s.node], csv_number(s.on_hand), csv_number(s.backorders),
                csv_number(s.on_order), csv_number(s.orders_placed), csv_number(s.demand_received),
                csv_number(s.received));
    }
  }
}

}  // namespace c2msim::output
