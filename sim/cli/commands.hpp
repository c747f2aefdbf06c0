#pragma once
// Each subcommand of the c2msim CLI registers itself on the app and reports its exit status
// through `exit_code` (0 success, 1 runtime failure, 2 bad input).

#include <CLI/CLI.hpp>
#include <string>

namespace c2msim::cli {

void add_run_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_validate_command(CLI::App& app, int& exit_code);
void add_graph_command(CLI::App& app, int& exit_code);
void add_breakeven_command(CLI::App& app, int& exit_code);
void add_metrics_command(CLI::App& app, int& exit_code);
void add_schema_command(CLI::App& app, int& exit_code);
void add_tune_command(CLI::App& app, int& exit_code);
void add_decompose_command(CLI::App& app, int& exit_code);

// --out and --force of the commands that write an output directory (output::OutputDirectory).
inline void add_output_options(CLI::App& cmd, std::string& out, bool& force) {
  cmd.add_option("--out,-o", out,
                 "Output directory, replaced atomically when complete; only a folder c2msim "
                 "wrote is replaced")
      ->capture_default_str();
  cmd.add_flag("--force", force,
               "Also replace an --out folder c2msim did not write (never a file, a link, or a "
               "folder holding the scenario file), and run a run estimated not to fit in "
               "memory or on disk");
}

}  // namespace c2msim::cli
