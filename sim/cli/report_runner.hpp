#pragma once
// `run --report`: the HTML report of an output directory, written by the Python script
// analysis/report.py run with the system interpreter.

#include <filesystem>
#include <string>
#include <string_view>

namespace c2msim::cli {

// The folder holding report.py: $C2MSIM_ANALYSIS_DIR when set, else the source tree's analysis/
// (a path fixed when the program is built).
std::filesystem::path analysis_dir();

// Runs report.py on `out_dir`, which writes out_dir/report.html. Prints a clear message on
// stderr when the interpreter or the script is missing or the script fails. Returns the exit
// status for the command line: 0 on success, 1 otherwise. Messages name `c2msim COMMAND`.
int write_report(const std::filesystem::path& out_dir, std::string_view command = "run");

// With `--report` (`wanted`), write_report and, unless `quiet`, say where the report is; the exit
// status (0 when not wanted).
int report_if_asked(bool wanted, const std::string& out_dir, bool quiet, std::string_view command);

}  // namespace c2msim::cli
