// The SimPy chain of c2msim-bench --suite simpy (sim/bench/simpy_serial_chain.py) and the c2msim
// scenario it stands for (scenarios/bench/serial-chain-4.yaml) are the same chain: the means of
// their metrics agree within their confidence intervals, and both match the textbook where one
// applies. The two use different random numbers, so the means are compared as two independent
// samples, at the 99.9% level of the validation suite (tests/validation/validation_support.hpp).

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "sim/analytic/base_stock.hpp"
#include "validation/validation_support.hpp"

namespace v = c2msim::validation;
using c2msim::model::ReplicationResult;
using c2msim::test::quoted;
using c2msim::test::source_dir;
using c2msim::test::TempDir;

namespace {

// A metric of the chain as c2msim names it (scope, metric) and as the SimPy script does.
struct Metric {
  const char* scope;
  const char* name;
  const char* simpy;
};

const std::vector<Metric> kMetrics{
    {"system", "customers", "customers"},
    {"retailer", "fill_rate", "fill_rate"},
    {"retailer", "backorders_mean", "backorders_mean"},
    {"system", "lead_time_mean", "lead_time_mean"},
    {"warehouse", "average_inventory_value", "warehouse.on_hand_mean"},
    {"distributor", "average_inventory_value", "distributor.on_hand_mean"},
    {"retailer", "average_inventory_value", "retailer.on_hand_mean"},
};

c2msim::scenario::Scenario load_chain() {
  auto loaded =
      c2msim::scenario::load_scenario_file(source_dir() / "scenarios/bench/serial-chain-4.yaml");
  REQUIRE(loaded.ok());
  return std::move(*loaded.scenario);
}

// FAILs (or, with C2MSIM_SIMPY_OPTIONAL=1, returns false after a warning) when Debian's Python
// cannot import SimPy.
bool simpy_available(const TempDir& dir) {
  if (c2msim::test::run_captured("/usr/bin/python3 -c 'import simpy'", dir).status == 0) {
    return true;
  }
  const char* optional = std::getenv("C2MSIM_SIMPY_OPTIONAL");
  if (optional != nullptr && std::string(optional) == "1") {
    WARN(
        "/usr/bin/python3 cannot import simpy and C2MSIM_SIMPY_OPTIONAL=1: skipped "
        "(scripts/install-deps.sh --with-simpy installs it)");
    return false;
  }
  FAIL(
      "/usr/bin/python3 cannot import simpy: run scripts/install-deps.sh --with-simpy, or set "
      "C2MSIM_SIMPY_OPTIONAL=1 to skip this check");
  return false;
}

// The SimPy script's replications: one map of metric to value each.
nlohmann::json run_simpy(const TempDir& dir, int replications) {
  const auto r = c2msim::test::run_captured(
      "/usr/bin/python3 " + quoted(source_dir() / "sim/bench/simpy_serial_chain.py") +
          " --json --seed 7 --replications " + std::to_string(replications),
      dir);
  INFO(r.err);
  REQUIRE(r.status == 0);
  const auto doc = nlohmann::json::parse(r.out);
  REQUIRE(doc.at("metrics").size() == static_cast<std::size_t>(replications));
  return doc.at("metrics");
}

std::vector<double> simpy_values(const nlohmann::json& rows, const std::string& key) {
  std::vector<double> out;
  for (const auto& row : rows) out.push_back(row.at(key).get<double>());
  return out;
}

// The c2msim chain's replications, the file's count, after `edit` of the chain.
template <typename Edit>
std::vector<ReplicationResult> run_c2msim(const c2msim::scenario::Scenario& s, Edit edit) {
  auto chain = v::chain(s, "traditional");
  edit(chain);
  return v::run(s, {{"traditional", chain}})[0];
}

// The lane into node `id`, to edit.
c2msim::model::LaneSpec& lane_into(c2msim::model::ChainSpec& chain, const std::string& id) {
  return const_cast<c2msim::model::LaneSpec&>(v::supplier_lane(chain, id));
}

// The metrics whose means differ by more than t(0.9995) times the standard error of their
// difference (two independent samples, Welch), each with its two means.
std::vector<std::string> disagreements(const std::vector<ReplicationResult>& c2msim_runs,
                                       const nlohmann::json& simpy_rows) {
  std::vector<std::string> out;
  for (const auto& m : kMetrics) {
    const auto a = c2msim::montecarlo::summarise(v::values(c2msim_runs, m.scope, m.name));
    const auto b = c2msim::montecarlo::summarise(simpy_values(simpy_rows, m.simpy));
    const double se =
        std::sqrt(a.sd * a.sd / static_cast<double>(a.n) + b.sd * b.sd / static_cast<double>(b.n));
    const double t = v::t_quantile(0.9995, std::min(a.n, b.n));
    const std::string line = std::string(m.scope) + " " + m.name + ": c2msim " +
                             std::to_string(a.mean) + ", SimPy " + std::to_string(b.mean) +
                             ", tolerance " + std::to_string(t * se);
    UNSCOPED_INFO(line);
    if (std::fabs(a.mean - b.mean) > t * se) out.push_back(line);
  }
  return out;
}

}  // namespace

TEST_CASE("the SimPy serial chain and its c2msim scenario agree, and differ once a lane slips",
          "[bench][simpy][e2e]") {
  TempDir dir;
  if (!simpy_available(dir)) return;
  const auto s = load_chain();
  const auto simpy = run_simpy(dir, 100);
  CHECK(disagreements(run_c2msim(s, [](auto&) {}), simpy).empty());
  // The comparison sees a slip of one day: in the retailer's lead time, or in when the
  // warehouse learns of the distributor's order (as if the supplier's review came after it).
  CHECK_FALSE(disagreements(run_c2msim(s,
                                       [](auto& chain) {
                                         lane_into(chain, "retailer").lead_time_days =
                                             c2msim::random::Constant{2.0};
                                       }),
                            simpy)
                  .empty());
  CHECK_FALSE(
      disagreements(
          run_c2msim(
              s, [](auto& chain) { lane_into(chain, "distributor").information_delay_days = 1.0; }),
          simpy)
          .empty());
}

TEST_CASE("the SimPy serial chain and its c2msim scenario both match the textbook at the top",
          "[bench][simpy][e2e]") {
  TempDir dir;
  if (!simpy_available(dir)) return;
  const auto s = load_chain();
  const auto chain = v::chain(s, "traditional");
  // The warehouse's supplier is never short, and its demand between reviews is one day of
  // consumer demand, which reaches it just after its review: on hand is S - Poisson(lambda
  // (L + 1)) all day, the periodic-review base stock of the textbook with a review period of 1.
  const double lambda = v::arrival_rate(chain);
  const double lead_time =
      c2msim::random::mean(v::supplier_lane(chain, "warehouse").lead_time_days);
  const auto* policy =
      std::get_if<c2msim::model::BaseStockPolicy>(&v::node(chain, "warehouse").stock->policy);
  REQUIRE(policy != nullptr);
  const auto theory = c2msim::analytic::base_stock_backorder(lambda, lead_time + 1.0,
                                                             static_cast<int>(policy->level));
  const double days = chain.horizon_days - chain.warmup_days;
  const auto runs = v::run(s, {{"traditional", chain}})[0];
  v::compare("c2msim serial chain", "warehouse on hand", theory.on_hand,
             v::values(runs, "warehouse", "average_inventory_value"));
  v::compare("c2msim serial chain", "customers per day", lambda,
             v::values(runs, [&](const ReplicationResult& r) {
               return r.get("system", "customers") / days;
             }));
  const auto simpy = run_simpy(dir, 60);
  v::compare("SimPy serial chain", "warehouse on hand", theory.on_hand,
             simpy_values(simpy, "warehouse.on_hand_mean"));
  std::vector<double> per_day = simpy_values(simpy, "customers");
  for (double& x : per_day) x /= days;
  v::compare("SimPy serial chain", "customers per day", lambda, per_day);
}
