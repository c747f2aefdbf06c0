// End-to-end: what `--out` will and will not replace, checked before anything runs; the lock
// against a second run; SIGINT and SIGTERM; the scenario hash of the text that was run; and write
// failures named with their file and reason.

#include <sys/stat.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <csignal>
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
std::string minimal() {
  return quoted(source_dir() / "tests/scenario/fixtures/minimal.yaml");
}
constexpr const char* kCommission = "'arms.c2m.nodes[platform].commission'";

// A run long enough to be caught while it runs (it is stopped long before it ends).
std::vector<std::string> endless_run(const fs::path& scenario, const fs::path& out) {
  // --force: the run is estimated to write more than a disk holds, and is stopped long before.
  return {"run", scenario.string(), "-n",    "10000000",  "-j", "2",
          "-q",  "--force",         "--out", out.string()};
}

// A folder of someone's work, which c2msim did not write: dir/results/notes.txt.
fs::path folder_of_notes(const TempDir& dir) {
  const fs::path work = dir.path() / "results";
  fs::create_directories(work);
  write_text(work / "notes.txt", "mine\n");
  return work;
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

TEST_CASE("run refuses, before running, an --out holding what c2msim must not replace",
          "[cli][e2e][output]") {
  TempDir dir;
  const fs::path work = folder_of_notes(dir);
  fs::create_directories(work / "older-run");
  write_text(work / "older-run/summary.csv", "kept\n");
  write_text(dir.path() / "notes.txt", "mine\n");
  REQUIRE(::mkfifo((dir.path() / "pipe").c_str(), 0600) == 0);
  fs::create_directory_symlink(work, dir.path() / "link");
  const fs::path holder = dir.path() / "scenarios";
  fs::create_directory(holder);
  fs::copy_file(source_dir() / "scenarios/quickstart.yaml", holder / "q.yaml");

  struct Case {
    fs::path out;
    std::string options;
    std::string message;
  };
  const std::vector<Case> cases{
      {work, "",
       work.string() +
           " is a folder that c2msim did not write (no manifest.json); choose another --out or "
           "pass --force"},
      {dir.path() / "notes.txt", " --force", "is a file, which c2msim never replaces"},
      {dir.path() / "pipe", " --force", "is a named pipe, which c2msim never replaces"},
      {dir.path() / "link", " --force", "is a symbolic link, which c2msim never replaces"},
  };
  for (const Case& c : cases) {
    INFO(c.out << c.options);
    const auto r =
        run_cli("run " + quickstart() + " -n 2" + c.options + " --out " + quoted(c.out), dir);
    CHECK(r.status == 2);
    CHECK(r.err.find("c2msim run: error: --out " + c.out.string()) == 0);
    CHECK(r.err.find(c.message) != std::string::npos);
    CHECK(r.out.empty());  // nothing ran
  }
  const auto r =
      run_cli("run " + quoted(holder / "q.yaml") + " -n 2 --force --out " + quoted(holder), dir);
  CHECK(r.status == 2);
  CHECK(r.err.find("holds " + (holder / "q.yaml").string() + ", which this run reads") !=
        std::string::npos);

  CHECK(read_text(work / "older-run/summary.csv") == "kept\n");
  CHECK(read_text(work / "notes.txt") == "mine\n");
  CHECK(read_text(dir.path() / "notes.txt") == "mine\n");
  CHECK(fs::is_fifo(dir.path() / "pipe"));
  CHECK(fs::is_symlink(dir.path() / "link"));
  CHECK(fs::exists(holder / "q.yaml"));
}

TEST_CASE("--force replaces a folder c2msim did not write", "[cli][e2e][output]") {
  TempDir dir;
  const fs::path work = folder_of_notes(dir);
  const auto r = run_cli("run " + quickstart() + " -n 2 -q --force --out " + quoted(work), dir);
  REQUIRE(r.status == 0);
  CHECK_FALSE(fs::exists(work / "notes.txt"));
  CHECK(fs::exists(work / "manifest.json"));
}

TEST_CASE("a sweep and breakeven refuse a folder c2msim did not write too", "[cli][e2e][output]") {
  TempDir dir;
  const fs::path work = folder_of_notes(dir);
  const auto sweep = run_cli("run " + minimal() +
                                 " -n 2 --sweep "
                                 "'arms.c2m.nodes[platform].commission=0.04,0.08' --out " +
                                 quoted(work),
                             dir);
  CHECK(sweep.status == 2);
  CHECK(sweep.err.find("did not write (no manifest.json)") != std::string::npos);
  const auto breakeven = run_cli("breakeven " + minimal() + " --param " + kCommission +
                                     " --range 0:1 --metric list_markup -n 2 --out " + quoted(work),
                                 dir);
  CHECK(breakeven.status == 2);
  CHECK(breakeven.err.find("c2msim breakeven: error: --out " + work.string() +
                           " is a folder that c2msim did not write") == 0);
  CHECK(breakeven.out.empty());
  CHECK(read_text(work / "notes.txt") == "mine\n");
}

TEST_CASE("a folder written by run, a sweep or breakeven is replaced by the next of them",
          "[cli][e2e][output]") {
  TempDir dir;
  const std::string out = quoted(dir.path() / "results");
  const std::vector<std::string> commands{
      "run " + minimal() + " -n 2 -q --out " + out,
      "run " + minimal() +
          " -n 2 -q --sweep 'arms.c2m.nodes[platform].commission=0.04,0.08' "
          "--out " +
          out,
      "breakeven " + minimal() + " --param " + kCommission +
          " --range 0:1 --metric list_markup -n 2 -q --out " + out,
      "run " + minimal() + " -n 2 -q --out " + out};
  for (const std::string& command : commands) {
    INFO(command);
    const auto r = run_cli(command, dir);
    CHECK(r.status == 0);
    CHECK(r.err.empty());
  }
  CHECK(fs::exists(dir.path() / "results/summary.csv"));
  CHECK_FALSE(fs::exists(dir.path() / "results/breakeven.json"));
}

TEST_CASE("an --out that names no folder is refused before running", "[cli][e2e][output]") {
  TempDir dir;
  write_text(dir.path() / "notes.txt", "mine\n");
  const std::string too_long(250, 'n');  // fits, but its hidden siblings do not
  for (const std::string& out :
       std::vector<std::string>{"''", ".", "..", "sub/..", "notes.txt/sub", too_long}) {
    INFO(out);
    const auto r = run_cli_script(
        "cd " + quoted(dir.path()) + " && \"$C2MSIM\" run " + quickstart() + " -n 2 --out " + out,
        dir);
    CHECK(r.status == 2);
    CHECK(r.err.find("c2msim run: error: --out ") == 0);
    CHECK(r.out.empty());  // nothing ran
  }
  CHECK(read_text(dir.path() / "notes.txt") == "mine\n");
}

TEST_CASE(
    "SIGINT or SIGTERM or SIGHUP removes the unfinished output and exits with 128 + the signal",
    "[cli][e2e][output]") {
  TempDir dir;
  const fs::path out = earlier_results(dir);
  const std::string previous = read_text(out / "replications.csv");
  for (const int signo : {SIGINT, SIGTERM, SIGHUP}) {
    INFO("signal " << signo);
    BackgroundCli run(endless_run(source_dir() / "scenarios/quickstart.yaml", out), dir.path());
    REQUIRE(eventually([&] { return has_entry_starting(dir.path(), ".results.partial-"); }));
    run.signal(signo);
    const int status = run.wait();
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 128 + signo);
    CHECK_FALSE(has_entry_starting(dir.path(), ".results.partial-"));
    CHECK(read_text(out / "replications.csv") == previous);
    CHECK(read_text(run.stderr_path()).find("is as it was") != std::string::npos);
  }
}

TEST_CASE("the report script runs with no signal blocked, so Ctrl-C stops it too",
          "[cli][e2e][output]") {
  TempDir dir;
  // A stand-in for analysis/report.py that writes the signal mask it was started with.
  write_text(dir.path() / "report.py",
             "import sys\n"
             "mask = [l.split()[1] for l in open('/proc/self/status') if l.startswith('SigBlk:')]\n"
             "open(sys.argv[1] + '/report.html', 'w').write(mask[0])\n");
  const fs::path out = dir.path() / "results";
  const auto r = run_cli_script("C2MSIM_ANALYSIS_DIR=" + quoted(dir.path()) + " \"$C2MSIM\" run " +
                                    quickstart() + " -n 2 -q --report --out " + quoted(out),
                                dir);
  REQUIRE(r.status == 0);
  CHECK(read_text(out / "report.html") == "0000000000000000");
}

TEST_CASE("a second run into the same --out is refused at once while the first runs",
          "[cli][e2e][output]") {
  TempDir dir;
  const fs::path out = earlier_results(dir);
  BackgroundCli first(endless_run(source_dir() / "scenarios/quickstart.yaml", out), dir.path());
  REQUIRE(eventually([&] { return has_entry_starting(dir.path(), ".results.partial-"); }));
  const auto second = run_cli("run " + quickstart() + " -n 2 --out " + quoted(out), dir);
  CHECK(second.status == 2);
  CHECK(second.err.find("--out " + out.string() + " is in use by another c2msim run") !=
        std::string::npos);
  CHECK(second.out.empty());
  CHECK(has_entry_starting(dir.path(), ".results.partial-"));  // the first one's, untouched
  CHECK(fs::exists(out / "manifest.json"));
  first.signal(SIGTERM);
  first.wait();
  // Once the first has ended, however it ended, the next run may write.
  CHECK(run_cli("run " + quickstart() + " -n 2 -q --out " + quoted(out), dir).status == 0);
  CHECK_FALSE(has_entry_starting(dir.path(), ".results.partial-"));
}

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
  SECTION("breakeven") {
    once({"breakeven", file, "--param", "arms.c2m.nodes[platform].commission", "--range",
          "0.01:0.3", "--metric", "profit", "-n", "6", "-q", "--out", (dir.path() / "e").string()},
         dir.path() / "e", true);
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
