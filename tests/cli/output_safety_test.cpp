// End-to-end: the scenario hash of the text that was run; and write failures named with their
// file and reason.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/output/run_outputs.hpp"
#include "tests/cli/background_cli.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using c2msim::test::BackgroundCli;
using c2msim::test::eventually;
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

std::string manifest_sha256(const fs::path& out) {
  return nlohmann::json::parse(read_text(out / "manifest.json")).at("scenario_sha256");
}

}  // namespace

TEST_CASE("the manifest hashes the scenario text that was run, though the file changes meanwhile",
          "[cli][e2e][output]") {
  TempDir dir;
  const fs::path scenario = dir.path() / "scenario.yaml";
  const std::string text = read_text(source_dir() / "scenarios/quickstart.yaml");
  const std::string sha = c2msim::output::sha256_hex(text);
  const auto once = [&](const std::vector<std::string>& args, const fs::path& out, bool remove) {
    write_text(scenario, text);
    BackgroundCli run(args, dir.path());
    // The staging folder is made after the file has been read.
    const std::string staging = "." + out.filename().string() + ".partial-";
    REQUIRE(eventually([&] { return has_entry_starting(dir.path(), staging); }));
    if (remove) {
      fs::remove(scenario);
    } else {
      write_text(scenario, text + "# edited during the run\n");
    }
    const int status = run.wait();
    INFO(read_text(run.stderr_path()));
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);
    CHECK(manifest_sha256(out) == sha);
  };
  const std::string file = scenario.string();
  SECTION("run") {
    once({"run", file, "-n", "30", "-q", "--out", (dir.path() / "a").string()}, dir.path() / "a",
         false);
    once({"run", file, "-n", "30", "-q", "--out", (dir.path() / "b").string()}, dir.path() / "b",
         true);
  }
  SECTION("a sweep") {
    once({"run", file, "-n", "20", "-q", "--sweep", "arms.c2m.nodes[platform].commission=0.1,0.2",
          "--out", (dir.path() / "s").string()},
         dir.path() / "s", true);
  }
}

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
