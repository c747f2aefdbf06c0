// The `validate` and `graph` subcommands end to end, through the real executable.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "scenario/scenario_test_support.hpp"

namespace {

std::string minimal_path() {
  return (c2msim::test::source_dir() / "tests/scenario/fixtures/minimal.yaml").string();
}

std::string example_path() {
  return (c2msim::test::source_dir() / "scenarios/example-monitors.yaml").string();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("validate prints one summary line for a valid file and exits with 0", "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  const auto run = c2msim::test::run_cli("validate '" + minimal_path() + "'", dir);
  CHECK(run.status == 0);
  CHECK(run.err.empty());
  CHECK(run.out == minimal_path() +
                       ": ok: 1 product, 1 market, 2 arms (traditional: 3 nodes, 3 lanes; c2m: "
                       "2 nodes, 2 lanes)\n");
}

TEST_CASE("validate checks every file and exits with 2 if any is bad", "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  const auto bad = dir.path() / "bad.yaml";
  c2msim::test::write_text(bad, "name: x\nhorizon_days: -1\n");
  const auto run =
      c2msim::test::run_cli("validate '" + bad.string() + "' '" + minimal_path() + "'", dir);
  CHECK(run.status == 2);
  CHECK(contains(run.out, minimal_path() + ": ok:"));
  CHECK(contains(run.err,
                 bad.string() + ":2:15: error: horizon_days: must be in (0, 36500], got -1\n"));
  CHECK(contains(run.err, bad.string() + ":1:1: error: start_date: required key is missing\n"));
}

TEST_CASE("validate reports a missing file and a usage error with status 2", "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  const auto missing = dir.path() / "nowhere.yaml";
  const auto run = c2msim::test::run_cli("validate '" + missing.string() + "'", dir);
  CHECK(run.status == 2);
  CHECK(run.err ==
        missing.string() + ":1:1: error: cannot open the file: No such file or directory\n");
  CHECK(c2msim::test::run_cli("validate", dir).status == 2);
}

TEST_CASE("graph prints the arm's network as DOT with shapes by kind and lead-time labels",
          "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  const auto run = c2msim::test::run_cli("graph '" + minimal_path() + "' --arm traditional", dir);
  INFO(run.err);
  REQUIRE(run.status == 0);
  CHECK(run.out.rfind("digraph G {", 0) == 0);
  CHECK(contains(run.out, "plant[label=\"plant\\nfactory, make_to_stock\", shape=box3d];"));
  CHECK(contains(run.out, "dc[label=\"dc\\nwarehouse\", shape=box];"));
  CHECK(contains(run.out, "shop[label=\"shop\\nretailer\", shape=house];"));
  CHECK(contains(run.out, "city[label=\"city\\nmarket\", shape=ellipse];"));
  CHECK(contains(run.out, "plant->dc [label=\"2 d\"];"));
  CHECK(contains(run.out, "dc->shop [label=\"uniform(1, 3) d\"];"));
  CHECK(contains(run.out, "shop->city [label=\"0 d\"];"));

  const auto c2m = c2msim::test::run_cli("graph '" + example_path() + "' --arm c2m", dir);
  REQUIRE(c2m.status == 0);
  CHECK(contains(c2m.out,
                 "\"jd-platform\"[label=\"jd-platform\\nplatform, no stock\", shape=hexagon];"));
  CHECK(contains(c2m.out, "factory->\"jd-platform\" [label=\"lognormal(mean 3, sd 1) d\"];"));
}

TEST_CASE("graph rejects an unknown arm and a bad file with status 2 and no output",
          "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  const auto unknown = c2msim::test::run_cli("graph '" + minimal_path() + "' --arm c2n", dir);
  CHECK(unknown.status == 2);
  CHECK(unknown.out.empty());
  CHECK(contains(unknown.err, "--arm c2n: no such arm in"));
  CHECK(contains(unknown.err, "(did you mean 'c2m'?) (it has: traditional, c2m)"));

  const auto bad = dir.path() / "bad.yaml";
  c2msim::test::write_text(bad, "name: [\n");
  const auto run = c2msim::test::run_cli("graph '" + bad.string() + "' --arm c2m", dir);
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(contains(run.err, bad.string() + ":2:1: error: YAML syntax: "));
  CHECK(c2msim::test::run_cli("graph '" + minimal_path() + "'", dir).status == 2);  // no --arm
}

TEST_CASE("graph says why it could not write the graph and exits 1", "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  const auto full = c2msim::test::run_cli_script(
      "\"$C2MSIM\" graph '" + minimal_path() + "' --arm c2m > /dev/full", dir);
  CHECK(full.status == 1);
  CHECK(contains(full.err,
                 "c2msim graph: error: cannot write the graph to standard output: No space left "
                 "on device"));
}

TEST_CASE("the help of c2msim and of each subcommand describes them", "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  const auto help = c2msim::test::run_cli("--help", dir);
  CHECK(help.status == 0);
  CHECK(contains(help.out, "validate"));
  CHECK(contains(help.out, "graph"));
  const auto validate = c2msim::test::run_cli("validate --help", dir);
  CHECK(validate.status == 0);
  CHECK(contains(validate.out, "FILE:LINE:COLUMN: error: key.path: what was expected"));
  CHECK(contains(validate.out,
                 "Exit status: 0 when every file is valid, 2 when any file has a problem, 1 when"));
  const auto graph = c2msim::test::run_cli("graph --help", dir);
  CHECK(graph.status == 0);
  CHECK(contains(graph.out, "--arm NAME"));
  CHECK(contains(graph.out, "dot -Tsvg"));
}

TEST_CASE("validate reads at most 16 MiB from any source, pipes and devices included",
          "[scenario][cli]") {
  // Sources without a size: before, they were read until memory ran out.
  const c2msim::test::TempDir dir;
  for (const std::string args : {"/dev/stdin < /dev/zero", "/dev/zero", "/dev/urandom"}) {
    INFO(args);
    const auto run = c2msim::test::run_cli("validate " + args, dir);
    CHECK(run.status == 2);
    CHECK(run.out.empty());
    CHECK(contains(run.err, ":1:1: error: the file is larger than 16 MiB"));
  }
  // And a file that says its size.
  const auto big = dir.path() / "big.yaml";
  c2msim::test::write_text(big, "name: x\n");
  std::filesystem::resize_file(big, (std::uintmax_t{16} << 20) + 1);
  const auto run = c2msim::test::run_cli("validate " + c2msim::test::quoted(big), dir);
  CHECK(run.status == 2);
  CHECK(run.err == big.string() +
                       ":1:1: error: the file is larger than 16 MiB; a scenario file is far "
                       "smaller\n");
}

TEST_CASE("a file the system fails to read exits with status 1 and says why", "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  // Reading /proc/self/mem at offset 0 fails with EIO: an I/O error, not a bad file.
  const auto io = c2msim::test::run_cli("validate /proc/self/mem", dir);
  CHECK(io.status == 1);
  CHECK(io.err == "/proc/self/mem:1:1: error: cannot read the file: Input/output error\n");
  const auto graph = c2msim::test::run_cli("graph /proc/self/mem --arm c2m", dir);
  CHECK(graph.status == 1);
  // A path that is not a readable file is bad input: status 2.
  const auto folder = c2msim::test::run_cli("validate " + c2msim::test::quoted(dir.path()), dir);
  CHECK(folder.status == 2);
  CHECK(folder.err == dir.path().string() + ":1:1: error: is a directory, not a scenario file\n");
}

TEST_CASE("a file without read permission is bad input naming the system's reason",
          "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  const auto secret = dir.path() / "secret.yaml";
  c2msim::test::write_text(secret, c2msim::test::minimal_scenario());
  std::filesystem::permissions(secret, std::filesystem::perms::none);
  // root reads any file, so as root the CLI runs as nobody (setpriv, util-linux).
  std::string as_user;
  if (::geteuid() == 0) {
    if (std::system("command -v setpriv >/dev/null") != 0) {
      WARN("running as root without setpriv: the permission check is not made");
      return;
    }
    as_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  const auto run =
      c2msim::test::run_cli_prefixed(as_user, "validate " + c2msim::test::quoted(secret), dir);
  CHECK(run.status == 2);
  CHECK(run.err == secret.string() + ":1:1: error: cannot open the file: Permission denied\n");
}

TEST_CASE("a file name with control characters is echoed on one line", "[scenario][cli]") {
  const c2msim::test::TempDir dir;
  const auto name = dir.path() / "two\nlines\x1b[31m.yaml";
  const auto run = c2msim::test::run_cli("validate " + c2msim::test::quoted(name), dir);
  CHECK(run.status == 2);
  CHECK(run.err ==
        dir.path().string() +
            "/two\\nlines\\x1b[31m.yaml:1:1: error: cannot open the file: No such file or "
            "directory\n");
}
