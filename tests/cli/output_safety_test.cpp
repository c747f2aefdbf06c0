// End-to-end: write failures named with their file and reason.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli/background_cli.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using c2msim::test::has_entry_starting;
using c2msim::test::quoted;
using c2msim::test::read_text;
using c2msim::test::run_cli;
using c2msim::test::run_cli_script;
using c2msim::test::source_dir;
using c2msim::test::TempDir;
using c2msim::test::write_text;
namespace fs = std::filesystem;

namespace {

std::string quickstart() {
  return quoted(source_dir() / "scenarios/quickstart.yaml");
}

// dir/results as a short run of quickstart leaves it: the previous results a run must keep.
fs::path earlier_results(const TempDir& dir) {
  const fs::path out = dir.path() / "results";
  REQUIRE(run_cli("run " + quickstart() + " -n 2 -q --out " + quoted(out), dir).status == 0);
  return out;
}

}  // namespace

TEST_CASE("a failed write stops the run with the file and the reason, keeping the old results",
          "[cli][e2e][output]") {
  TempDir dir;
  const fs::path out = earlier_results(dir);
  const std::string previous = read_text(out / "replications.csv");
  // A small file-size limit, with SIGXFSZ ignored: the write that passes it fails with EFBIG.
  const auto r = run_cli_script("trap '' XFSZ; ulimit -f 128; \"$C2MSIM\" run " + quickstart() +
                                    " -n 200 -q --out " + quoted(out),
                                dir);
  CHECK(r.status == 1);
  CHECK(r.err.find("c2msim run: error: cannot write ") == 0);
  CHECK(r.err.find("/replications.csv: File too large") != std::string::npos);
  CHECK(r.err.find("internal error") == std::string::npos);
  CHECK(read_text(out / "replications.csv") == previous);
  CHECK_FALSE(has_entry_starting(dir.path(), ".results.partial-"));
}
