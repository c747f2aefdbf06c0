#include "sim/output/output_file.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <string>
#include <system_error>

#include "sim/output/run_outputs.hpp"
#include "sim/output/tidy_csv.hpp"
#include "tests/scenario/scenario_test_support.hpp"

using c2msim::output::CsvFile;
using c2msim::output::OutputFile;
namespace fs = std::filesystem;

namespace {

// /dev/full takes every open and fails every write with ENOSPC, like a full disk.
bool have_dev_full() {
  std::error_code ec;
  return fs::is_character_file("/dev/full", ec);
}

std::string message_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const std::system_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a full disk stops a CSV file at the first failed write, naming it and the reason",
          "[output]") {
  if (!have_dev_full()) {
    WARN("no /dev/full here");
    return;
  }
  CsvFile csv("/dev/full", {"arm", "replication", "value"});
  std::size_t rows = 0;
  const std::string message = message_of([&] {
    for (; rows < 1'000'000; ++rows) csv.row("traditional", rows, "0.25");
  });
  CHECK(message == "cannot write /dev/full: No space left on device");
  CHECK(rows < 10'000);  // within a buffer's worth of rows, not at the end
}

TEST_CASE("a full disk is reported for JSON and for a file closed before its buffer filled",
          "[output]") {
  if (!have_dev_full()) {
    WARN("no /dev/full here");
    return;
  }
  CHECK(message_of([] {
          c2msim::output::write_json("/dev/full", {{"seed", 1}});
        }) == "cannot write /dev/full: No space left on device");
  OutputFile file("/dev/full");
  file.stream() << "digraph {}\n";
  file.check();  // still in the buffer
  CHECK(message_of([&] { file.close(); }) == "cannot write /dev/full: No space left on device");
}

TEST_CASE("a file that cannot be created is reported with the system's reason", "[output]") {
  c2msim::test::TempDir tmp;
  const fs::path path = tmp.path() / "missing/summary.csv";
  CHECK(message_of([&] { CsvFile csv(path.string(), {"arm"}); }) ==
        "cannot create " + path.string() + ": No such file or directory");
}

TEST_CASE("the scenario hash is of the bytes given", "[output]") {
  CHECK(c2msim::output::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(c2msim::output::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
