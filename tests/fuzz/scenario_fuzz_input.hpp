#pragma once
// What the fuzz target feeds the scenario loader and the what-if argument parsers, shared with
// the regression test that replays every input the fuzzer ever failed on.
//
// An input is a scenario file, optionally followed by a line `#%args` and then one command-line
// argument per line, each starting with the option it stands for:
//
//   name: x
//   ...
//   #%args
//   set horizon_days=30
//   param arms.c2m.nodes[platform].commission=0.1
//   sweep arms.c2m.nodes[factory].production.lines=1:3:3
//   no-file-sweep
//
// `set` and `param` become `--set` / `--param` overrides, `sweep` a `--sweep` dimension, and
// `no-file-sweep` ignores the file's own `sweep:` section. The text of every argument line also
// goes through the key-path, YAML-value and number parsers on its own.

#include <string>
#include <string_view>

namespace c2msim::fuzz {

// The line that separates the file from the arguments.
inline constexpr std::string_view kArgumentsMarker = "#%args";

// Runs every parser on `input`. Returns what went wrong when an answer breaks a promise of the
// API (a result both ok and without a scenario, a key path that does not read back as itself,
// ...), or an empty string; a crash, a hang or an escaping exception is for the caller to see.
std::string check_scenario_input(std::string_view input);

}  // namespace c2msim::fuzz
