// The tidy CSV files of a run, written from hand-made rows: every column in its place, numbers in
// their shortest form, fields quoted when they must be.

#include "sim/output/run_outputs.hpp"

#include <catch2/catch.hpp>
#include <limits>
#include <string>

#include "sim/output/tidy_csv.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using c2msim::test::read_text;
using c2msim::test::TempDir;
namespace montecarlo = c2msim::montecarlo;
namespace output = c2msim::output;

namespace {

montecarlo::Summary distinct_summary() {
  montecarlo::Summary s;
  s.n = 3;
  s.mean = 1.5;
  s.sd = 0.5;
  s.ci95_low = 0.25;
  s.ci95_high = 2.75;
  s.p05 = 1;
  s.p50 = 1.25;
  s.p95 = 2;
  return s;
}

}  // namespace

TEST_CASE("summary.csv writes each summary field in its column", "[output]") {
  TempDir dir;
  const auto path = dir.path() / "summary.csv";
  output::write_summary_csv(path.string(), {{"c2m", {"system", "profit"}, distinct_summary()}});
  CHECK(read_text(path) ==
        "arm,scope,metric,n,mean,sd,ci95_low,ci95_high,p05,p50,p95\n"
        "c2m,system,profit,3,1.5,0.5,0.25,2.75,1,1.25,2\n");
}

TEST_CASE("comparison.csv writes each difference field in its column", "[output]") {
  TempDir dir;
  const auto path = dir.path() / "comparison.csv";
  output::write_comparison_csv(
      path.string(), {{"c2m", "traditional", {"factory", "revenue"}, distinct_summary(), -0.125}});
  CHECK(read_text(path) ==
        "arm,baseline,scope,metric,n,mean_difference,ci95_low,ci95_high,relative_change\n"
        "c2m,traditional,factory,revenue,3,1.5,0.25,2.75,-0.125\n");
}

TEST_CASE("replications.csv writes every metric of every arm of a replication", "[output]") {
  TempDir dir;
  const auto path = dir.path() / "replications.csv";
  output::ReplicationsCsv csv(path.string(), {"traditional", "c2m"});
  montecarlo::ReplicationBatch batch;
  batch.replication = 7;
  batch.arms.resize(2);
  batch.arms[0].metrics = {{"system", "profit", 12.5}, {"retailer", "fill_rate", 0.75}};
  batch.arms[1].metrics = {{"system", "profit", std::numeric_limits<double>::infinity()}};
  csv.write(batch);
  csv.close();
  CHECK(read_text(path) ==
        "arm,replication,scope,metric,value\n"
        "traditional,7,system,profit,12.5\n"
        "traditional,7,retailer,fill_rate,0.75\n"
        "c2m,7,system,profit,inf\n");
}

TEST_CASE("a CSV field with a comma, a quote or a line break is quoted", "[output]") {
  CHECK(output::csv_field("plain") == "plain");
  CHECK(output::csv_field("a,b") == "\"a,b\"");
  CHECK(output::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(output::csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(output::csv_number(0.1) == "0.1");
  CHECK(output::csv_number(std::numeric_limits<double>::quiet_NaN()) == "nan");
}
