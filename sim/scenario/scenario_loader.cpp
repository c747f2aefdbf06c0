#include "sim/scenario/scenario_loader.hpp"

#include <fmt/core.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "sim/scenario/key_path.hpp"
#include "sim/scenario/scenario_reader.hpp"
#include "sim/scenario/source_tree.hpp"
#include "sim/scenario/sweep.hpp"
#include "sim/scenario/value_reader.hpp"

namespace c2msim::scenario {
namespace {

// Limits that keep hostile or broken files from exhausting memory or the stack: a scenario is a
// few hundred lines nested a few levels deep.
constexpr std::size_t kMaxFileBytes = std::size_t{16} << 20;
constexpr std::size_t kMaxValues = 100'000;  // after expanding YAML aliases
constexpr int kMaxDepth = 64;

SourcePosition position_of(const YAML::Mark& mark, SourcePosition fallback) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) return fallback;
  return {mark.line + 1, mark.column + 1};
}

// The line and column of byte `offset` of `text`.
SourcePosition position_at(std::string_view text, std::size_t offset) {
  SourcePosition p{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++p.line;
      p.column = 1;
    } else {
      ++p.column;
    }
  }
  return p;
}

// The offset of the first byte that is not part of valid UTF-8, or of a NUL byte; npos if none.
std::size_t first_bad_byte(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) return i;
    std::size_t length = 1;
    if (c >= 0x80) {
      if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
      } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
      } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
      } else {
        return i;
      }
      if (i + length > text.size()) return i;
      for (std::size_t k = 1; k < length; ++k) {
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return i;
      }
      // Overlong forms, surrogates and code points past U+10FFFF.
      const auto c1 = static_cast<unsigned char>(text[i + 1]);
      if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
          (c == 0xF4 && c1 > 0x8F)) {
        return i;
      }
    }
    i += length;
  }
  return std::string_view::npos;
}

class TreeBuilder {
 public:
  explicit TreeBuilder(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  SourceNode build(const YAML::Node& node, std::string path, SourcePosition fallback, int depth) {
    SourceNode out;
    out.path = std::move(path);
    out.position = position_of(node.Mark(), fallback);
    if (++values_ > kMaxValues) {
      if (!too_many_reported_) {
        diagnostics_.error(out.position, out.path,
                           fmt::format("the file expands to more than {} values (through YAML "
                                       "aliases?); a scenario is far smaller",
                                       kMaxValues));
        too_many_reported_ = true;
      }
      return out;
    }
    if (depth > kMaxDepth) {
      diagnostics_.error(out.position, out.path,
                         fmt::format("nested more than {} levels deep", kMaxDepth));
      return out;
    }
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        out.kind = SourceNode::Kind::kScalar;
        out.scalar = node.Scalar();
        out.quoted = node.Tag() == "!" || node.Tag() == "tag:yaml.org,2002:str";
        break;
      case YAML::NodeType::Sequence: {
        out.kind = SourceNode::Kind::kList;
        std::size_t i = 0;
        for (const YAML::Node& item : node) {
          out.items.push_back(build(item, item_path(out.path, i++), out.position, depth + 1));
        }
        break;
      }
      case YAML::NodeType::Map:
        out.kind = SourceNode::Kind::kMap;
        for (const auto& entry : node) add_entry(out, entry.first, entry.second, depth);
        break;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        break;
    }
    return out;
  }

 private:
  void add_entry(SourceNode& map, const YAML::Node& key, const YAML::Node& value, int depth) {
    const SourcePosition key_position = position_of(key.Mark(), map.position);
    if (!key.IsScalar()) {
      diagnostics_.error(key_position, map.path, "a key must be a plain word, not a list or map");
      return;
    }
    SourceKey k{key.Scalar(), key_position};
    // yaml-cpp places an empty value where the next token starts; the key is the better place.
    SourceNode v = build(value, child_path(map.path, k.name), key_position, depth + 1);
    if (v.is_null()) v.position = key_position;
    map.entries.emplace_back(std::move(k), std::move(v));
  }

  Diagnostics& diagnostics_;
  std::size_t values_ = 0;
  bool too_many_reported_ = false;
};

// Records where each YAML document of a file starts.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> marks;

  void OnDocumentStart(const YAML::Mark& mark) override { marks.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// A scenario is one YAML document. yaml-cpp also starts a new document where it cannot continue
// the first one (a line starting with a stray ',', say), and its LoadAll never gets past such a
// place, so the documents are counted here, two at the most.
// Returns whether it reported a problem.
bool report_second_document(std::string_view text, Diagnostics& diagnostics) {
  std::istringstream in{std::string(text)};
  YAML::Parser parser(in);
  DocumentStarts starts;
  try {
    if (!parser.HandleNextDocument(starts) || !parser.HandleNextDocument(starts)) return false;
  } catch (const YAML::Exception& e) {
    diagnostics.error(position_of(e.mark, {1, 1}), "", fmt::format("YAML syntax: {}", e.msg));
    return true;
  }
  if (starts.marks.size() < 2) return false;
  const YAML::Mark& second = starts.marks[1];
  const bool separator =
      second.pos >= 0 && text.substr(static_cast<std::size_t>(second.pos)).starts_with("---");
  diagnostics.error(position_of(second, {1, 1}), "",
                    separator ? "a scenario file holds one YAML document; remove the second `---`"
                              : "YAML syntax: the document cannot go on here; check the "
                                "indentation and punctuation of this line");
  return true;
}

// Parses the text into a source tree; nothing when it is not one well-formed YAML document.
std::optional<SourceNode> parse(std::string_view text, Diagnostics& diagnostics) {
  if (const std::size_t bad = first_bad_byte(text); bad != std::string_view::npos) {
    diagnostics.error(position_at(text, bad), "",
                      text[bad] == '\0' ? "the file contains a NUL byte; is it a text file?"
                                        : "the file is not valid UTF-8 text");
    return std::nullopt;
  }
  YAML::Node document;
  try {
    document = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    diagnostics.error(position_of(e.mark, {1, 1}), "", fmt::format("YAML syntax: {}", e.msg));
    return std::nullopt;
  }
  const bool second_document = report_second_document(text, diagnostics);
  if (document.IsNull()) {
    if (!second_document) {
      diagnostics.error({1, 1}, "",
                        "the file holds no scenario; expected a map of keys such as "
                        "name, start_date, horizon_days, products, markets and arms");
    }
    return std::nullopt;
  }
  TreeBuilder builder(diagnostics);
  return builder.build(document, "", {1, 1}, 0);
}

LoadResult finish(const ScenarioPoints& points) {
  LoadResult result;
  result.diagnostics = points.diagnostics;
  if (result.diagnostics.empty()) result.scenario = points.base;
  return result;
}

ScenarioPoints finish_points(const Diagnostics& diagnostics) {
  ScenarioPoints out;
  out.diagnostics = diagnostics.sorted();
  return out;
}

// Applies one `--set KEY=VALUE` to the tree; problems are reported at the argument.
void apply_set(SourceNode& root, const CommandLineOverride& set, Diagnostics& diagnostics) {
  const int argument = diagnostics.add_argument(fmt::format("{} {}", set.option, set.argument));
  const SourcePosition at{0, 0, argument};
  const std::size_t equals = set.argument.find('=');
  if (equals == std::string::npos) {
    diagnostics.error(at, "", "expected KEY=VALUE, e.g. horizon_days=180");
    return;
  }
  const ParsedKeyPath path = parse_key_path(std::string_view(set.argument).substr(0, equals));
  if (!path.path) {
    diagnostics.error(at, "", fmt::format("not a key path: {}", path.error));
    return;
  }
  std::string problem;
  auto value = parse_argument_value(std::string_view(set.argument).substr(equals + 1), at, problem);
  if (!value) {
    diagnostics.error(at, "", problem);
    return;
  }
  const OverrideResult placed = apply_override(root, *path.path, std::move(*value));
  if (!placed.placed_at) {
    diagnostics.error(at, "", placed.error);
    return;
  }
  diagnostics.set_argument_path(argument, *placed.placed_at);
}

std::string describe_point(const std::vector<SweepDimension>& dimensions,
                           const std::vector<std::string>& values) {
  std::string out;
  for (std::size_t d = 0; d < dimensions.size(); ++d) {
    out += fmt::format("{}{}={}", d ? ", " : "", dimensions[d].key_path, values[d]);
  }
  return out;
}

// Reads every point of the grid from the tree of the file (with its `--set` overrides).
void read_points(const SourceNode& root, const std::vector<SweepDimension>& dimensions,
                 const Diagnostics& base, ScenarioPoints& out) {
  // Like a compiler, stop after a screenful of problems.
  constexpr std::size_t kMaxProblems = 100;
  std::set<std::tuple<int, int, int, std::string, std::string>> seen;
  const std::size_t n = grid_size(dimensions);
  for (std::size_t p = 0; p < n && out.diagnostics.size() < kMaxProblems; ++p) {
    const std::vector<std::size_t> at = grid_coordinates(dimensions, p);
    ScenarioPoint point;
    SourceNode tree = root;
    Diagnostics diagnostics = base;  // knows the command-line arguments
    for (std::size_t d = 0; d < dimensions.size(); ++d) {
      const SweepDimension& dimension = dimensions[d];
      const SourceNode& value = dimension.values[at[d]];
      point.values.push_back(flow_text(value));
      const OverrideResult placed = apply_override(tree, dimension.path, value);
      if (!placed.placed_at) {
        diagnostics.error(dimension.position, dimension.source_path, placed.error);
      } else if (dimension.position.argument > 0) {
        diagnostics.set_argument_path(dimension.position.argument, *placed.placed_at);
      }
    }
    if (diagnostics.empty()) {
      ValueReader reader(diagnostics);
      point.scenario = read_scenario(reader, tree).scenario;
    }
    for (Diagnostic d : diagnostics.sorted()) {
      if (!seen.emplace(d.position.argument, d.position.line, d.position.column, d.key_path,
                        d.message)
               .second) {
        continue;  // the same problem at an earlier point
      }
      d.message = fmt::format("at sweep point {} ({}): {}", p,
                              describe_point(dimensions, point.values), d.message);
      out.diagnostics.push_back(std::move(d));
    }
    out.points.push_back(std::move(point));
  }
}

ScenarioPoints load_points(std::string_view text, const std::string& file_name,
                           const ScenarioOverrides& overrides) {
  Diagnostics diagnostics(file_name);
  try {
    if (text.size() > kMaxFileBytes) {
      diagnostics.error({1, 1}, "",
                        fmt::format("the file is larger than {} MiB", kMaxFileBytes >> 20));
      return finish_points(diagnostics);
    }
    std::optional<SourceNode> root = parse(text, diagnostics);
    if (!root) return finish_points(diagnostics);
    ValueReader reader(diagnostics);
    std::vector<SweepDimension> dimensions;
    if (const SourceNode* sweep = root->is_map() ? root->find("sweep") : nullptr) {
      // The section is checked even when it is not used.
      std::vector<SweepDimension> own = read_sweep_section(reader, *sweep);
      if (overrides.file_sweep) dimensions = std::move(own);
    }
    for (const CommandLineOverride& set : overrides.sets) apply_set(*root, set, diagnostics);
    for (const std::string& sweep : overrides.sweeps) {
      const int argument = diagnostics.add_argument("--sweep " + sweep);
      if (auto d = read_sweep_argument(reader, sweep, argument)) {
        add_dimension(dimensions, std::move(*d));
      }
    }
    // Read even after a problem in an argument, to report the file's problems too.
    ReadScenario base = read_scenario(reader, *root);
    if (!diagnostics.empty()) return finish_points(diagnostics);

    ScenarioPoints out;
    out.base = std::move(base.scenario);
    if (dimensions.empty()) {
      out.points.push_back({{}, *out.base});
      return out;
    }
    for (const SweepDimension& d : dimensions) out.swept_keys.push_back(d.key_path);
    if (const std::size_t n = grid_size(dimensions); n > kMaxSweepPoints) {
      diagnostics.error(
          dimensions.front().position, dimensions.front().source_path,
          fmt::format("the sweep grid has {}{} points; at most {} are allowed",
                      n >= kMaxSweepPoints * 1000 ? "over " : "", n, kMaxSweepPoints));
      return finish_points(diagnostics);
    }
    read_points(*root, dimensions, diagnostics, out);
    if (!out.diagnostics.empty()) {
      out.base.reset();
      out.points.clear();
    }
    return out;
  } catch (const std::exception& e) {
    // Not expected; still a message with the file's name rather than a crash.
    diagnostics.error({1, 1}, "", fmt::format("could not be read: {}", e.what()));
    return finish_points(diagnostics);
  }
}

// The content of the file at `path`, or nothing after reporting why it cannot be read.
std::optional<std::string> read_file(const std::filesystem::path& path, Diagnostics& diagnostics) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    diagnostics.error({1, 1}, "", "is a directory, not a scenario file");
    return std::nullopt;
  }
  if (const auto size = std::filesystem::file_size(path, ec); !ec && size > kMaxFileBytes) {
    diagnostics.error({1, 1}, "",
                      fmt::format("the file is larger than {} MiB", kMaxFileBytes >> 20));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.error({1, 1}, "", fmt::format("cannot open the file: {}", std::strerror(errno)));
    return std::nullopt;
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    diagnostics.error({1, 1}, "", fmt::format("cannot read the file: {}", std::strerror(errno)));
    return std::nullopt;
  }
  return content.str();
}

}  // namespace

LoadResult load_scenario_text(std::string_view text, const std::string& file_name) {
  return finish(load_points(text, file_name, {}));
}

LoadResult load_scenario_file(const std::filesystem::path& path) {
  return finish(load_scenario_points(path, {}));
}

ScenarioPoints load_scenario_points_text(std::string_view text, const std::string& file_name,
                                         const ScenarioOverrides& overrides) {
  ScenarioPoints points = load_points(text, file_name, overrides);
  points.source_text = text;
  return points;
}

ScenarioPoints load_scenario_points(const std::filesystem::path& path,
                                    const ScenarioOverrides& overrides) {
  Diagnostics diagnostics(path.string());
  const std::optional<std::string> text = read_file(path, diagnostics);
  if (!text) return finish_points(diagnostics);
  return load_scenario_points_text(*text, path.string(), overrides);
}

std::optional<SourceNode> parse_argument_value(std::string_view text, SourcePosition position,
                                               std::string& error) {
  Diagnostics diagnostics("");
  std::optional<SourceNode> value;
  if (const std::size_t bad = first_bad_byte(text); bad != std::string_view::npos) {
    error = "the value is not valid UTF-8 text";
    return std::nullopt;
  }
  try {
    const YAML::Node node = YAML::Load(std::string(text));
    TreeBuilder builder(diagnostics);
    value = builder.build(node, "", position, 0);
  } catch (const YAML::Exception& e) {
    error = fmt::format("the value is not valid YAML: {}", e.msg);
    return std::nullopt;
  }
  if (!diagnostics.empty()) {
    error = diagnostics.sorted().front().message;
    return std::nullopt;
  }
  assign_position(*value, position);
  return value;
}

}  // namespace c2msim::scenario
