// sweep.csv and a sweep's replications.csv, written from hand-made replications: every column in
// its place, the difference columns of an arm from its own paired comparison, empty for the
// baseline arm.

#include "sim/output/sweep_csv.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "sim/montecarlo/results_table.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using c2msim::test::read_text;
using c2msim::test::TempDir;
namespace montecarlo = c2msim::montecarlo;
namespace output = c2msim::output;

namespace {

// Two replications of two arms: profit 10 and 14 in the baseline, 13 and 19 in c2m (differences
// 3 and 5); fill rate 0.5 and 0.75 against 1 and 1 (differences 0.5 and 0.25).
montecarlo::ReplicationBatch batch(std::uint64_t replication, double base_profit, double profit,
                                   double base_fill, double fill) {
  montecarlo::ReplicationBatch b;
  b.replication = replication;
  b.arms.resize(2);
  b.arms[0].metrics = {{"system", "profit", base_profit}, {"shop", "fill_rate", base_fill}};
  b.arms[1].metrics = {{"system", "profit", profit}, {"shop", "fill_rate", fill}};
  return b;
}

montecarlo::ResultsTable worked_table() {
  montecarlo::ResultsTable table({"traditional", "c2m"}, 0);
  table.add(batch(0, 10, 13, 0.5, 1));
  table.add(batch(1, 14, 19, 0.75, 1));
  return table;
}

// The columns n, mean, ci95_low, ci95_high of a summary (the interval's ends are Student's t
// with one degree of freedom: their placement is what is checked here).
std::string summary_columns(const montecarlo::Summary& s, const std::string& mean) {
  return "2," + mean + "," + output::csv_number(s.ci95_low) + "," + output::csv_number(s.ci95_high);
}

}  // namespace

TEST_CASE("sweep.csv writes each arm's summary and its own paired difference in their columns",
          "[output][sweep]") {
  TempDir dir;
  const auto path = dir.path() / "sweep.csv";
  const montecarlo::ResultsTable table = worked_table();
  const auto summaries = table.summaries();
  const auto comparisons = table.comparisons();
  REQUIRE(summaries.size() == 4);
  REQUIRE(comparisons.size() == 2);
  output::SweepCsv csv(path.string(), {"arms.c2m.nodes[platform].commission", "horizon_days"});
  csv.write_point(3, {"0.05", "100"}, table);
  csv.close();
  const auto difference = [&](std::size_t i, const std::string& mean) {
    CHECK(comparisons[i].difference.ci95_low < comparisons[i].difference.mean);
    return mean + "," + output::csv_number(comparisons[i].difference.ci95_low) + "," +
           output::csv_number(comparisons[i].difference.ci95_high);
  };
  CHECK(read_text(path) ==
        "point,arms.c2m.nodes[platform].commission,horizon_days,arm,scope,metric,n,mean,ci95_low,"
        "ci95_high,mean_difference,difference_ci95_low,difference_ci95_high\n"
        "3,0.05,100,traditional,system,profit," +
            summary_columns(summaries[0].summary, "12") +
            ",,,\n"
            "3,0.05,100,traditional,shop,fill_rate," +
            summary_columns(summaries[1].summary, "0.625") +
            ",,,\n"
            "3,0.05,100,c2m,system,profit," +
            summary_columns(summaries[2].summary, "16") + "," + difference(0, "4") +
            "\n"
            "3,0.05,100,c2m,shop,fill_rate," +
            summary_columns(summaries[3].summary, "1") + "," + difference(1, "0.375") + "\n");
}

TEST_CASE("a sweep's replications.csv writes the point before every metric of every arm",
          "[output][sweep]") {
  TempDir dir;
  const auto path = dir.path() / "replications.csv";
  output::SweepReplicationsCsv csv(path.string(), {"traditional", "c2m"});
  csv.write(2, batch(5, 10, 13, 0.5, 0.9));
  csv.close();
  CHECK(read_text(path) ==
        "point,arm,replication,scope,metric,value\n"
        "2,traditional,5,system,profit,10\n"
        "2,traditional,5,shop,fill_rate,0.5\n"
        "2,c2m,5,system,profit,13\n"
        "2,c2m,5,shop,fill_rate,0.9\n");
}
