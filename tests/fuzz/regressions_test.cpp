// Every input the fuzz target (scenario_fuzz_main.cpp) ever failed on is kept in
// tests/fuzz/regressions/ and replayed here through the same checks: each must be answered with
// diagnostics or a scenario, without a crash, an exception or a broken promise of the API.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "fuzz/scenario_fuzz_input.hpp"
#include "scenario/scenario_test_support.hpp"

namespace {

std::vector<std::filesystem::path> regression_inputs() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry :
       std::filesystem::directory_iterator(c2msim::test::source_dir() / "tests/fuzz/regressions")) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every input the fuzzer failed on is rejected cleanly by the loader",
          "[scenario][fuzz]") {
  const std::vector<std::filesystem::path> files = regression_inputs();
  REQUIRE_FALSE(files.empty());
  for (const std::filesystem::path& file : files) {
    INFO(file.filename().string());
    CHECK(c2msim::fuzz::check_scenario_input(c2msim::test::read_text(file)).empty());
  }
}
