#include "sim/scenario/scenario_loader.hpp"

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <istream>
#include <new>
#include <set>
#include <streambuf>
#include <tuple>

#include "sim/scenario/decompose.hpp"
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

std::string too_large_message() {
  return fmt::format("the file is larger than {} MiB; a scenario file is far smaller",
                     kMaxFileBytes >> 20);
}

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

// A problem found by the limits check: where, at which key path, and what.
struct Problem {
  SourcePosition position;
  std::string path;
  std::string message;
  bool syntax = false;  // a YAML syntax error; `message` is yaml-cpp's
};

// yaml-cpp's scanner reads a flow collection (`[...]`, `{...}`) whole before its parser emits any
// event for it (the collection might turn out to be a key), holding a token of ~250 bytes for
// every item: a 16 MiB one-line list cost 2 GB before the first value could be counted. This
// input hands it the text and stops it (by throwing) when it has read more than this many bytes
// past the last event. A scenario's longest line is a few kilobytes.
constexpr std::size_t kMaxLookaheadBytes = std::size_t{256} << 10;

class LookaheadInput : public std::streambuf {
 public:
  struct TooFar {};

  explicit LookaheadInput(std::string_view text) : text_(text) {}

  // An event came: the parser has used what was read so far.
  void progress() { used_ = served_; }

 protected:
  int_type underflow() override {
    if (served_ >= text_.size()) return traits_type::eof();
    if (served_ - used_ > kMaxLookaheadBytes) throw TooFar{};
    // A const_cast only to fit streambuf's interface: the get area is never written through.
    char* begin = const_cast<char*>(text_.data()) + served_;
    const std::size_t n = std::min(kChunk, text_.size() - served_);
    setg(begin, begin, begin + n);
    served_ += n;
    return traits_type::to_int_type(*begin);
  }

 private:
  static constexpr std::size_t kChunk = 4096;
  std::string_view text_;
  std::size_t served_ = 0;
  std::size_t used_ = 0;
};

// Watches the events of yaml-cpp's parser as they come and stops the parse (by throwing a
// Problem) at the first value past a limit: more than kMaxValues values (aliases expanded, as
// the source tree will hold them), nesting deeper than kMaxDepth, an alias inside the value it
// names, or the start of a second document. So nothing is built for a file that breaks a limit,
// and a deep one is reported where it gets too deep.
class LimitedEvents : public YAML::EventHandler {
 public:
  explicit LimitedEvents(LookaheadInput& input) : input_(input) {}

  std::vector<YAML::Mark> document_starts;

  void OnDocumentStart(const YAML::Mark& mark) override {
    seen(mark);
    document_starts.push_back(mark);
    if (document_starts.size() > 1) throw SecondDocument{};
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { leaf(mark, anchor, 1, 0); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    seen(mark);
    if (!frames_.empty() && frames_.back().map && frames_.back().at_key) {
      // A plain key names the value that follows; it is not a value itself.
      frames_.back().key = value;
      frames_.back().at_key = false;
      record_anchor(anchor, 1, 0);  // as an alias elsewhere, it is one value
      return;
    }
    leaf(mark, anchor, 1, 0);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || !anchors_[anchor].complete) {
      throw Problem{position_of(mark, {1, 1}), next_path(),
                    "the alias is inside the value its anchor names, so it never ends"};
    }
    const Anchored a = anchors_[anchor];
    leaf(mark, 0, a.values, a.height);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, false);
  }
  void OnSequenceEnd() override {
    input_.progress();
    close();
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, true);
  }
  void OnMapEnd() override {
    input_.progress();
    close();
  }

  struct SecondDocument {};

  // Where the last event was, and the key path of what comes after it.
  [[nodiscard]] SourcePosition last_position() const { return position_of(last_, {1, 1}); }
  [[nodiscard]] std::string next_path() const {
    if (frames_.empty()) return "";
    const Frame& f = frames_.back();
    return f.map ? child_path(f.path, f.key) : item_path(f.path, f.items);
  }

 private:
  struct Frame {
    bool map = false;
    bool at_key = true;         // a map: the next node is a key
    std::string key;            // a map: the key of the next value
    std::size_t items = 0;      // a list: items so far
    std::string path;           // the key path of the list or map
    std::size_t values_at = 0;  // values counted before it
    int height = 0;             // how many levels it holds below itself
    YAML::anchor_t anchor = 0;
  };
  struct Anchored {
    bool complete = false;
    std::size_t values = 0;
    int height = 0;
  };

  // Counts a node that holds `values` values `height` levels deep (an alias: its anchor's).
  void count(const YAML::Mark& mark, std::size_t values, int height) {
    seen(mark);
    values_ += values;
    if (values_ > kMaxValues) {
      throw Problem{position_of(mark, {1, 1}), next_path(),
                    fmt::format("the file expands to more than {} values (through YAML "
                                "aliases?); a scenario is far smaller",
                                kMaxValues)};
    }
    if (static_cast<int>(frames_.size()) + height > kMaxDepth) {
      throw Problem{position_of(mark, {1, 1}), next_path(),
                    fmt::format("nested more than {} levels deep", kMaxDepth)};
    }
  }

  // An event at `mark`: the parser has used what was read so far.
  void seen(const YAML::Mark& mark) {
    last_ = mark;
    input_.progress();
  }

  // The node just read has taken its place in its parent.
  void placed(int height) {
    if (frames_.empty()) return;
    Frame& parent = frames_.back();
    parent.height = std::max(parent.height, height + 1);
    if (parent.map) {
      parent.at_key = !parent.at_key;
      if (parent.at_key) parent.key.clear();
    } else {
      ++parent.items;
    }
  }

  void record_anchor(YAML::anchor_t anchor, std::size_t values, int height) {
    if (anchor == 0) return;
    if (anchor >= anchors_.size()) anchors_.resize(anchor + 1);
    anchors_[anchor] = {true, values, height};
  }

  void leaf(const YAML::Mark& mark, YAML::anchor_t anchor, std::size_t values, int height) {
    // A complex key (a list or map as a key) still costs what it holds.
    count(mark, values, height);
    record_anchor(anchor, values, height);
    placed(height);
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, bool map) {
    count(mark, 1, 0);
    Frame f;
    f.map = map;
    f.path = next_path();
    f.values_at = values_ - 1;
    f.anchor = anchor;
    if (anchor != 0) {
      if (anchor >= anchors_.size()) anchors_.resize(anchor + 1);
      anchors_[anchor] = {};  // open: an alias to it now would never end
    }
    frames_.push_back(std::move(f));
  }

  void close() {
    const Frame f = std::move(frames_.back());
    frames_.pop_back();
    record_anchor(f.anchor, values_ - f.values_at, f.height);
    placed(f.height);
  }

  LookaheadInput& input_;
  YAML::Mark last_ = YAML::Mark::null_mark();
  std::vector<Frame> frames_;
  std::vector<Anchored> anchors_;  // by yaml-cpp's anchor number
  std::size_t values_ = 0;
};

// Runs yaml-cpp's event parser over the text, with the limits above. A scenario is one YAML
// document: yaml-cpp also starts a new document where it cannot continue the first one (a line
// starting with a stray ',', say), so the start of a second document is reported too, as
// `second_document` says. Returns the problem, if any; nothing has been built.
std::optional<Problem> check_events(std::string_view text, std::string_view second_document) {
  LookaheadInput input(text);
  std::istream in(&input);
  YAML::Parser parser(in);
  LimitedEvents events(input);
  try {
    while (parser.HandleNextDocument(events)) {
    }
  } catch (const Problem& p) {
    return p;
  } catch (const YAML::Exception& e) {
    return Problem{position_of(e.mark, {1, 1}), "", e.msg, true};
  } catch (const LookaheadInput::TooFar&) {
    // Reported after the last value read, at the key (or list) that holds the long one.
    return Problem{events.last_position(), events.next_path(),
                   fmt::format("more than {} KiB of text is one YAML token or flow collection "
                               "([...] or {{...}}), which is read whole before it can be "
                               "checked; write long lists one `- item` per line",
                               kMaxLookaheadBytes >> 10)};
  } catch (const LimitedEvents::SecondDocument&) {
    const YAML::Mark& second = events.document_starts[1];
    const bool separator =
        second.pos >= 0 && text.substr(static_cast<std::size_t>(second.pos)).starts_with("---");
    return Problem{position_of(second, {1, 1}), "",
                   separator ? std::string(second_document)
                             : "YAML syntax: the document cannot go on here; check the "
                               "indentation and punctuation of this line"};
  }
  return std::nullopt;
}

// yaml-cpp's nodes as a source tree. The limits have been checked on the events of the same text,
// so the recursion is at most kMaxDepth deep and the tree at most kMaxValues values.
class TreeBuilder {
 public:
  explicit TreeBuilder(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  SourceNode build(const YAML::Node& node, std::string path, SourcePosition fallback) {
    SourceNode out;
    out.path = std::move(path);
    out.position = position_of(node.Mark(), fallback);
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
          out.items.push_back(build(item, item_path(out.path, i++), out.position));
        }
        break;
      }
      case YAML::NodeType::Map:
        out.kind = SourceNode::Kind::kMap;
        for (const auto& entry : node) add_entry(out, entry.first, entry.second);
        break;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        break;
    }
    return out;
  }

 private:
  void add_entry(SourceNode& map, const YAML::Node& key, const YAML::Node& value) {
    const SourcePosition key_position = position_of(key.Mark(), map.position);
    if (!key.IsScalar()) {
      diagnostics_.error(key_position, map.path, "a key must be a plain word, not a list or map");
      return;
    }
    SourceKey k{key.Scalar(), key_position};
    // yaml-cpp places an empty value where the next token starts; the key is the better place.
    SourceNode v = build(value, child_path(map.path, k.name), key_position);
    if (v.is_null()) v.position = key_position;
    map.entries.emplace_back(std::move(k), std::move(v));
  }

  Diagnostics& diagnostics_;
};

// Parses the text into a source tree; nothing when it is not one well-formed YAML document.
std::optional<SourceNode> parse(std::string_view text, Diagnostics& diagnostics) {
  if (const std::size_t bad = first_bad_byte(text); bad != std::string_view::npos) {
    diagnostics.error(position_at(text, bad), "",
                      text[bad] == '\0' ? "the file contains a NUL byte; is it a text file?"
                                        : "the file is not valid UTF-8 text");
    return std::nullopt;
  }
  if (auto problem =
          check_events(text, "a scenario file holds one YAML document; remove the second `---`")) {
    diagnostics.error(
        problem->position, problem->path,
        problem->syntax ? fmt::format("YAML syntax: {}", problem->message) : problem->message);
    return std::nullopt;
  }
  YAML::Node document;
  try {
    document = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    diagnostics.error(position_of(e.mark, {1, 1}), "", fmt::format("YAML syntax: {}", e.msg));
    return std::nullopt;
  }
  if (document.IsNull()) {
    diagnostics.error({1, 1}, "",
                      "the file holds no scenario; expected a map of keys such as "
                      "name, start_date, horizon_days, products, markets and arms");
    return std::nullopt;
  }
  TreeBuilder builder(diagnostics);
  return builder.build(document, "", {1, 1});
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
  // The grid is read from the file before any --set applies, so a --set there would be ignored
  // silently; --sweep is the way to change it.
  if (path.path->steps.front().text == "sweep") {
    diagnostics.error(at, "",
                      fmt::format("{} cannot change the file's sweep: section; give the grid "
                                  "with --sweep KEY=VALUES (which replaces the file's entry for "
                                  "the same key), or run without it with --no-sweep",
                                  set.option));
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
      diagnostics.error({1, 1}, "", too_large_message());
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
    // decompose: read after --set, like the rest of the file; its arms must have been read.
    std::optional<DecomposeSection> decompose;
    const SourceNode* decompose_section = root->is_map() ? root->find("decompose") : nullptr;
    if (decompose_section && !base.scenario.arms.empty()) {
      decompose = read_decompose_section(reader, *decompose_section, base.scenario);
    }
    if (!diagnostics.empty()) return finish_points(diagnostics);

    ScenarioPoints out;
    out.base = std::move(base.scenario);
    if (decompose) {
      // Every combination of levers is checked, as every point of a sweep is.
      out.base->decompose = read_combinations(*root, *decompose, diagnostics, out.diagnostics);
      if (!out.diagnostics.empty()) {
        out.base.reset();
        return out;
      }
    }
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
  } catch (const std::bad_alloc&) {
    diagnostics.system_failure("out of memory while reading the file");
    return finish_points(diagnostics);
  } catch (const std::exception& e) {
    // Not expected; still a message with the file's name rather than a crash.
    diagnostics.system_failure(fmt::format("could not be read: {}", e.what()));
    return finish_points(diagnostics);
  }
}

// Whether a failed open(2) or read(2) means the path is not a readable file (bad input, exit
// status 2) rather than a failure of the system (exit status 1).
bool is_bad_path(int error) {
  switch (error) {
    case ENOENT:
    case ENOTDIR:
    case EACCES:
    case EPERM:
    case EISDIR:
    case ELOOP:
    case ENAMETOOLONG:
    case ENXIO:
    case ENODEV:
      return true;
    default:
      return false;
  }
}

void report_io_error(Diagnostics& diagnostics, std::string_view what, int error) {
  const std::string message = fmt::format("{} the file: {}", what, std::strerror(error));
  if (is_bad_path(error)) {
    diagnostics.error({1, 1}, "", message);
  } else {
    diagnostics.system_failure(message);
  }
}

// The content of the file at `path`, or nothing after reporting why it cannot be read. At most
// kMaxFileBytes + 1 bytes are read from any source, so a pipe, /dev/zero or a huge file is
// refused after 16 MiB instead of being read until memory runs out. POSIX open(2) and read(2)
// rather than a stream: a stream does not say why it failed, and errno after one is unreliable.
std::optional<std::string> read_file(const std::filesystem::path& path, Diagnostics& diagnostics) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    report_io_error(diagnostics, "cannot open", errno);
    return std::nullopt;
  }
  struct FdCloser {
    int fd;
    ~FdCloser() { ::close(fd); }
  } closer{fd};
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    diagnostics.error({1, 1}, "", "is a directory, not a scenario file");
    return std::nullopt;
  }
  std::string content;
  constexpr std::size_t kChunk = std::size_t{64} << 10;
  while (content.size() <= kMaxFileBytes) {
    const std::size_t used = content.size();
    content.resize(used + std::min(kChunk, kMaxFileBytes + 1 - used));
    const ssize_t n = ::read(fd, content.data() + used, content.size() - used);
    if (n < 0 && errno == EINTR) {
      content.resize(used);
      continue;
    }
    if (n < 0) {
      report_io_error(diagnostics, "cannot read", errno);
      return std::nullopt;
    }
    content.resize(used + static_cast<std::size_t>(n));
    if (n == 0) return content;
  }
  diagnostics.error({1, 1}, "", too_large_message());
  return std::nullopt;
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

namespace {

// An overlay's arm in block style, its values in flow style: `extends: ARM`, `nodes:` then one
// `- {id: ..., ...}` line per entry.
std::string overlay_arm_text(const SourceNode& arm) {
  std::string out;
  for (const auto& [key, value] : arm.entries) {
    if (value.is_list() && !value.items.empty()) {
      out += fmt::format("    {}:\n", key.name);
      for (const SourceNode& item : value.items)
        out += fmt::format("      - {}\n", flow_text(item));
    } else {
      out += fmt::format("    {}: {}\n", key.name, flow_text(value));
    }
  }
  return out;
}

}  // namespace

std::optional<std::string> arm_overlay_text(std::string_view text, const std::string& file_name,
                                            const std::string& arm, const std::string& name,
                                            const std::vector<std::string>& values,
                                            std::string_view header, std::string& error) {
  Diagnostics diagnostics(file_name);
  std::optional<SourceNode> root = parse(text, diagnostics);
  SourceNode* arms = root && root->is_map() ? root->find("arms") : nullptr;
  if (!arms || !arms->is_map() || !arms->find(arm) || arms->find(name)) {
    error =
        fmt::format("{} has no arm '{}' to extend, or already an arm '{}'", file_name, arm, name);
    return std::nullopt;
  }
  SourceNode derived;
  derived.kind = SourceNode::Kind::kMap;
  SourceNode parent;
  parent.kind = SourceNode::Kind::kScalar;
  parent.scalar = arm;
  derived.entries.emplace_back(SourceKey{"extends", {}}, std::move(parent));
  arms->entries.emplace_back(SourceKey{name, {}}, std::move(derived));
  assign_paths(arms->entries.back().second, child_path(arms->path, name));
  for (const std::string& set : values) {
    const std::size_t equals = set.find('=');
    const ParsedKeyPath path =
        parse_key_path(std::string_view(set).substr(0, std::min(equals, set.size())));
    if (equals == std::string::npos || !path.path || path.path->steps.size() < 3 ||
        path.path->steps[0].text != "arms" || path.path->steps[1].text != arm) {
      error = fmt::format("{}: expected KEY=VALUE with the key under arms.{}.", set, arm);
      return std::nullopt;
    }
    KeyPath in_derived = *path.path;
    in_derived.steps[1].text = name;
    auto value = parse_argument_value(std::string_view(set).substr(equals + 1), {}, error);
    if (!value) return std::nullopt;
    const OverrideResult placed = apply_override(*root, in_derived, std::move(*value));
    if (!placed.placed_at) {
      error = fmt::format("{}: {}", set, placed.error);
      return std::nullopt;
    }
  }
  return fmt::format("{}arms:\n  {}:\n{}", header, name,
                     overlay_arm_text(*root->find("arms")->find(name)));
}

ArmOverlay read_arm_overlay(const std::filesystem::path& path, std::string_view option) {
  ArmOverlay out;
  Diagnostics diagnostics(path.string());
  const std::optional<std::string> text = read_file(path, diagnostics);
  std::optional<SourceNode> root;
  if (text) root = parse(*text, diagnostics);
  if (root) {
    ValueReader reader(diagnostics);
    const SourceNode* arms = root->is_map() ? root->find("arms") : nullptr;
    if (!root->is_map() || root->entries.size() != 1 || !arms) {
      reader.error(*root, "an overlay is a map with the one key `arms`");
    } else if (!arms->is_map() || arms->entries.empty()) {
      reader.error(*arms, "expected a map from new arm names to arms");
    } else {
      for (const auto& [key, arm] : arms->entries) {
        const SourceNode* extends = arm.is_map() ? arm.find("extends") : nullptr;
        if (!extends || !extends->is_scalar()) {
          reader.error(key.position, arm.path,
                       "an overlay's arm extends an arm of the scenario: `extends: ARM`");
          continue;
        }
        out.arms.push_back({key.name, extends->scalar});
        out.sets.push_back(
            {std::string(option), fmt::format("arms.{}={}", key.name, flow_text(arm))});
      }
    }
  }
  out.diagnostics = diagnostics.sorted();
  return out;
}

std::optional<SourceNode> parse_argument_value(std::string_view text, SourcePosition position,
                                               std::string& error) {
  Diagnostics diagnostics("");
  std::optional<SourceNode> value;
  if (const std::size_t bad = first_bad_byte(text); bad != std::string_view::npos) {
    error = "the value is not valid UTF-8 text";
    return std::nullopt;
  }
  if (auto problem = check_events(text, "the value holds more than one YAML document")) {
    if (problem->syntax) {
      error = fmt::format("the value is not valid YAML: {}", problem->message);
    } else {
      error = problem->path.empty() ? problem->message
                                    : fmt::format("{}: {}", problem->path, problem->message);
    }
    return std::nullopt;
  }
  try {
    const YAML::Node node = YAML::Load(std::string(text));
    TreeBuilder builder(diagnostics);
    value = builder.build(node, "", position);
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
