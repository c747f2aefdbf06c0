// The libFuzzer target of the scenario loader and the what-if argument parsers (the `fuzz`
// preset builds it; tests/fuzz/README.md says how to run it).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "fuzz/scenario_fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string problem = c2msim::fuzz::check_scenario_input(
      std::string_view(reinterpret_cast<const char*>(data), size));
  if (!problem.empty()) {
    std::fprintf(stderr, "c2msim-fuzz-scenario: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
