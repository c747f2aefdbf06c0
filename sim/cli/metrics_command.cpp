// `c2msim metrics`: the catalogue of the metrics a run reports (name, scopes, unit, definition), as
// a table on the terminal or, with --markdown, as the table of docs/model.md.

#include <fmt/core.h>

#include <memory>
#include <string>

#include "sim/cli/commands.hpp"
#include "sim/model/metric_catalogue.hpp"

namespace c2msim::cli {
namespace {

std::string scopes(const model::MetricInfo& m) {
  if (m.system && m.node) return "system, node";
  return m.system ? "system" : "node";
}

void print_catalogue(bool markdown) {
  if (markdown) {
    fmt::print("| metric | scopes | unit | definition |\n|---|---|---|---|\n");
    for (const model::MetricInfo& m : model::metric_catalogue()) {
      fmt::print("| `{}`{} | {} | {} | {} |\n", m.name, m.headline ? " (headline)" : "", scopes(m),
                 m.unit, m.definition);
    }
    return;
  }
  for (const model::MetricInfo& m : model::metric_catalogue()) {
    fmt::print("{:<24} {:<13} {:<15} {}{}\n", m.name, scopes(m), m.unit,
               m.headline ? "[headline] " : "", m.definition);
  }
}

}  // namespace

void add_metrics_command(CLI::App& app, int& exit_code) {
  auto markdown = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand(
      "metrics", "List the metrics a run reports: name, scopes, unit and definition");
  cmd->add_flag("--markdown", *markdown, "As a Markdown table (the one in docs/model.md)");
  cmd->callback([markdown, &exit_code] {
    print_catalogue(*markdown);
    exit_code = 0;
  });
}

}  // namespace c2msim::cli
