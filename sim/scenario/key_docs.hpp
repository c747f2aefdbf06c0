#pragma once
// What is generated from the key catalogue (key_catalogue.hpp): scenarios/schema.json, and the
// key tables of scenarios/README.md. `c2msim schema` prints them and scripts/generate-docs.sh
// writes them; a test keeps the checked-in files exactly what these functions give.

#include <string>
#include <string_view>

namespace c2msim::scenario {

// The JSON Schema of the scenario format, as scenarios/schema.json holds it (ending in a newline).
std::string schema_json();

// The Markdown table of one section, by its name in the schema's `$defs`: a `| key | required |
// meaning |` table, or for a one-of section (policy, forecast, distribution) a table of its
// alternatives. `node` is the keys every node kind has; a node kind's section (`factory_node`)
// gives only its own keys. Throws std::invalid_argument for an unknown name.
std::string key_table(std::string_view section_name);

// `markdown` with every region between a line `<!-- keys: NAME -->` and the next line
// `<!-- end keys -->` replaced by key_table(NAME); the rest is kept as it is. Throws
// std::invalid_argument for an unknown name or a region that is not closed.
std::string rewrite_key_tables(std::string_view markdown);

}  // namespace c2msim::scenario
