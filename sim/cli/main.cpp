// c2msim: the command-line entry point. Only this layer prints errors and chooses exit statuses.

#include <fmt/core.h>

#include <CLI/CLI.hpp>
#include <exception>
#include <new>
#include <system_error>

#include "c2msim/version.hpp"
#include "sim/cli/commands.hpp"
#include "sim/cli/interrupt_guard.hpp"
#include "sim/output/output_directory.hpp"
#include "sim/scenario/diagnostic.hpp"

int main(int argc, char** argv) {
  try {
    // First: every thread started later (oneTBB's workers) inherits the blocked signals.
    c2msim::cli::start_interrupt_guard();
  } catch (const std::exception& e) {
    fmt::print(stderr, "c2msim: error: {}\n", e.what());
    return 1;
  }
  CLI::App app{"c2msim: discrete-event simulation of traditional and C2M supply chains"};
  app.set_version_flag("--version",
                       fmt::format("c2msim {} ({})", c2msim::kVersion, c2msim::kGitRevision));
  app.require_subcommand(1);
  // One line whatever was typed: CLI11's messages echo arguments, which may hold newlines.
  app.failure_message([](const CLI::App* a, const CLI::Error& e) {
    std::string out = c2msim::scenario::one_line(e.what()) + "\n";
    if (a->get_help_ptr() != nullptr) {
      out += "Run with " + a->get_help_ptr()->get_name() + " for more information.\n";
    }
    return out;
  });
  int exit_code = 0;
  c2msim::cli::add_run_command(app, exit_code);
  c2msim::cli::add_demo_command(app, exit_code);
  c2msim::cli::add_validate_command(app, exit_code);
  c2msim::cli::add_graph_command(app, exit_code);
  c2msim::cli::add_breakeven_command(app, exit_code);
  c2msim::cli::add_tune_command(app, exit_code);
  c2msim::cli::add_decompose_command(app, exit_code);
  c2msim::cli::add_metrics_command(app, exit_code);
  c2msim::cli::add_schema_command(app, exit_code);
  const auto command = [&app] {
    const auto chosen = app.get_subcommands();
    return chosen.empty() ? std::string("c2msim") : "c2msim " + chosen.front()->get_name();
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int status = app.exit(e);
    // Usage errors are bad input: exit status 2, like a bad scenario file.
    return status == 0 ? 0 : 2;
  } catch (const c2msim::output::OutputRefused& e) {
    // A bad --out, found before anything ran.
    fmt::print(stderr, "{}: error: --out {}; choose another --out{}\n", command(),
               c2msim::scenario::one_line(e.what()),
               e.force_would_help() ? " or pass --force" : "");
    return 2;
  } catch (const std::system_error& e) {
    // The system refused a file operation (a full disk, say): what failed and why.
    fmt::print(stderr, "{}: error: {}\n", command(), c2msim::scenario::one_line(e.what()));
    return 1;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "{}: error: out of memory\n", command());
    return 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "c2msim: internal error: {}\n", c2msim::scenario::one_line(e.what()));
    return 1;
  }
  return exit_code;
}
