// `c2msim schema`: what is generated from the key catalogue of the scenario format. Alone, the
// JSON Schema (scenarios/schema.json); `--markdown SECTION`, one key table of scenarios/README.md;
// `--readme FILE`, FILE with every marked key table regenerated. scripts/generate-docs.sh writes
// the checked-in files with it.

#include <fmt/core.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "sim/cli/commands.hpp"
#include "sim/cli/scenario_input.hpp"
#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/key_docs.hpp"

namespace c2msim::cli {
namespace {

struct SchemaOptions {
  std::string markdown;  // a section name
  std::string readme;    // a file
};

int fail(std::string_view option, std::string_view value, std::string_view why) {
  fmt::print(stderr, "c2msim schema: error: {} {}: {}\n", option, scenario::one_line(value),
             scenario::one_line(why));
  return kBadInput;
}

int run_schema(const SchemaOptions& o) {
  std::string out;
  if (!o.markdown.empty()) {
    try {
      out = scenario::key_table(o.markdown);
    } catch (const std::invalid_argument& e) {
      return fail("--markdown", o.markdown, e.what());
    }
  } else if (!o.readme.empty()) {
    std::ifstream in(o.readme, std::ios::binary);
    std::ostringstream text;
    if (!in || !(text << in.rdbuf())) return fail("--readme", o.readme, std::strerror(errno));
    try {
      out = scenario::rewrite_key_tables(text.str());
    } catch (const std::invalid_argument& e) {
      return fail("--readme", o.readme, e.what());
    }
  } else {
    out = scenario::schema_json();
  }
  std::cout << out;
  std::cout.flush();
  if (std::cout) return 0;
  fmt::print(stderr, "c2msim schema: error: could not write to standard output\n");
  return 1;
}

}  // namespace

void add_schema_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<SchemaOptions>();
  CLI::App* cmd = app.add_subcommand(
      "schema", "Print the JSON Schema of scenario files, or the key tables of their README");
  auto* markdown = cmd->add_option("--markdown", options->markdown,
                                   "The Markdown table of one section, e.g. demand or node")
                       ->type_name("SECTION");
  cmd->add_option("--readme", options->readme,
                  "Print FILE with the key tables between its <!-- keys: SECTION --> and "
                  "<!-- end keys --> lines regenerated")
      ->type_name("FILE")
      ->excludes(markdown);
  cmd->footer(
      "Everything printed comes from the key catalogue (sim/scenario/key_catalogue.cpp);\n"
      "scripts/generate-docs.sh rewrites scenarios/schema.json and scenarios/README.md with it.\n"
      "Exit status: 0 on success, 2 for an unknown section or a README that cannot be read.");
  cmd->callback([options, &exit_code] { exit_code = run_schema(*options); });
}

}  // namespace c2msim::cli
