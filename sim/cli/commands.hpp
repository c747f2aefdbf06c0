#pragma once
// Each subcommand of the c2msim CLI registers itself on the app and reports its exit status
// through `exit_code` (0 success, 1 runtime failure, 2 bad input).

#include <CLI/CLI.hpp>

namespace c2msim::cli {

void add_run_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_graph_command(CLI::App& app, int& exit_code);
void add_breakeven_command(CLI::App& app, int& exit_code);
void add_metrics_command(CLI::App& app, int& exit_code);

}  // namespace c2msim::cli
