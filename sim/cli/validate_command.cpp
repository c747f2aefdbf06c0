// `c2msim validate FILE...`: checks scenario files without running anything. Every problem of
// every file is printed; a valid file gets one summary line on stdout.

#include <fmt/core.h>

#include <memory>
#include <string>
#include <vector>

#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_input.hpp"

namespace c2msim::cli {
namespace {

template <typename T>
std::string count(std::size_t n, const T& singular) {
  return fmt::format("{} {}{}", n, singular, n == 1 ? "" : "s");
}

// "FILE: ok: 1 product, 2 markets, 3 arms (traditional: 5 nodes, 5 lanes; c2m: ...)".
std::string summary(const std::string& file, const scenario::Scenario& s) {
  std::string arms;
  for (const scenario::Arm& arm : s.arms) {
    if (!arms.empty()) arms += "; ";
    arms += fmt::format("{}: {}, {}", arm.name, count(arm.nodes.size(), "node"),
                        count(arm.lanes.size(), "lane"));
  }
  return fmt::format("{}: ok: {}, {}, {} ({})", file, count(s.products.size(), "product"),
                     count(s.markets.size(), "market"), count(s.arms.size(), "arm"), arms);
}

int run_validate(const std::vector<std::string>& files) {
  int status = 0;
  for (const std::string& file : files) {
    int file_status = 0;
    if (const auto scenario = load_scenario_or_report(file, file_status)) {
      fmt::print("{}\n", summary(file, *scenario));
    }
    // A system failure (exit status 1) outranks bad input: the check could not be made.
    if (file_status != 0 && (status == 0 || file_status == 1)) status = file_status;
  }
  return status;
}

}  // namespace

void add_validate_command(CLI::App& app, int& exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* validate = app.add_subcommand(
      "validate", "Check scenario files and report every problem, without running anything");
  validate->add_option("files", *files, "Scenario files (YAML; see scenarios/README.md)")
      ->required()
      ->type_name("FILE");
  validate->footer(
      "Each problem is one line on stderr, FILE:LINE:COLUMN: error: key.path: what was expected.\n"
      "Each valid file gets one line on stdout with its products, markets, arms, nodes and lanes.\n"
      "Exit status: 0 when every file is valid, 2 when any file has a problem, 1 when a file\n"
      "could not be read for a reason of the system (an I/O error).");
  validate->callback([files, &exit_code] { exit_code = run_validate(*files); });
}

}  // namespace c2msim::cli
