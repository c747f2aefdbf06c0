// `c2msim graph FILE --arm NAME`: the network of one arm in GraphViz DOT on stdout, e.g.
// `c2msim graph scenarios/example-monitors.yaml --arm c2m | dot -Tsvg > c2m.svg`.

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "sim/cli/arm_choice.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/scenario/arm_network.hpp"

namespace c2msim::cli {
namespace {

struct GraphOptions {
  std::string file;
  std::string arm;
};

int run_graph(const GraphOptions& o) {
  int status = 0;
  const auto scenario = load_scenario_or_report(o.file, status);
  if (!scenario) return status;
  const scenario::Arm* arm = scenario->find_arm(o.arm);
  if (!arm) {
    report_unknown_arm(*scenario, o.arm, "graph", "--arm", o.file);
    return kBadInput;
  }
  errno = 0;
  scenario::write_arm_dot(std::cout, *scenario, *arm);
  std::cout.flush();
  if (std::cout) return 0;
  fmt::print(stderr, "c2msim graph: error: cannot write the graph to standard output: {}\n",
             errno != 0 ? std::strerror(errno) : "the stream failed");
  return 1;
}

}  // namespace

void add_graph_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<GraphOptions>();
  CLI::App* graph = app.add_subcommand(
      "graph", "Print the supply network of one arm of a scenario as GraphViz DOT");
  graph->add_option("file", options->file, "Scenario file (YAML)")->required()->type_name("FILE");
  graph->add_option("--arm", options->arm, "The arm to draw, e.g. traditional or c2m")
      ->required()
      ->type_name("NAME");
  graph->footer(
      "Nodes are shaped by kind: factory box3d, warehouse box, retailer house, platform hexagon,\n"
      "market ellipse; lanes are labelled with their lead time in days. Render with GraphViz:\n"
      "  c2msim graph scenarios/example-monitors.yaml --arm c2m | dot -Tsvg > c2m.svg\n"
      "Exit status: 0 on success, 2 when the file has a problem or has no such arm.");
  graph->callback([options, &exit_code] { exit_code = run_graph(*options); });
}

}  // namespace c2msim::cli
