#include "sim/scenario/key_docs.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/scenario/bounds.hpp"
#include "sim/scenario/key_catalogue.hpp"
#include "sim/scenario/limits.hpp"

namespace c2msim::scenario {
namespace {

// Insertion-ordered, so that the schema lists keys as the catalogue declares them.
using Json = nlohmann::ordered_json;

// ---- Shared by both outputs ------------------------------------------------------------------

// The largest bound any distribution key gives its parameters: the schema has one `distribution`
// definition for every key, so it can only say this much.
double widest_distribution_bound() {
  double widest = 0.0;
  for (const KeySection& s : all_sections()) {
    for (const KeyInfo& k : s.keys) {
      if (k.type == ValueType::kDistribution) widest = std::max(widest, k.range.high.value_or(0));
    }
  }
  return widest;
}

// Markdown without its links: "a [distribution](#distributions)" -> "a distribution".
std::string without_links(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') {
      const std::size_t close = text.find("](", i);
      const std::size_t end = close == std::string_view::npos ? close : text.find(')', close);
      if (end != std::string_view::npos && text.substr(i, close - i).find('[', 1) == text.npos) {
        out += text.substr(i + 1, close - i - 1);
        i = end;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// A whole number with its thousands apart: 100 000 000.
std::string grouped(double x) {
  std::string digits = fmt::format("{}", static_cast<std::uint64_t>(x));
  for (std::size_t i = digits.size(); i > 3; i -= 3) digits.insert(i - 3, " ");
  return digits;
}

// The range of a number as the docs write it; `high` stands in for an owner's bound.
std::string interval(const Bounds& b, std::optional<std::string_view> high = std::nullopt) {
  if (!high) return b.interval();
  Bounds shown = b;
  shown.high.reset();
  std::string text = shown.interval();  // "[0, inf)"
  text.replace(text.find("inf)"), 4, fmt::format("{}]", *high));
  return text;
}

std::string words_text(std::span<const std::string_view> words, std::string_view last = "or") {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? fmt::format(" {} ", last) : ", ";
    out += fmt::format("`{}`", words[i]);
  }
  return out;
}

std::string fallback_text(const Fallback& f) {
  switch (f.kind) {
    case Fallback::Kind::kNumber:
      return bound_text(f.number);
    case Fallback::Kind::kBoolean:
      return f.boolean ? "true" : "false";
    case Fallback::Kind::kWord:
      return fmt::format("`{}`", f.text);
    case Fallback::Kind::kNote:
      return std::string(f.text);
    case Fallback::Kind::kNone:
      break;
  }
  return {};
}

// ---- The JSON Schema -------------------------------------------------------------------------

std::string ref(std::string_view definition) {
  return fmt::format("#/$defs/{}", definition);
}

Json ref_to(std::string_view definition) {
  return Json{{"$ref", ref(definition)}};
}

// Integral bounds are written as integers, as a person would: 36500, not 36500.0.
Json json_number(double x) {
  if (std::floor(x) == x && std::fabs(x) <= 9007199254740992.0) {
    return static_cast<std::int64_t>(x);
  }
  return x;
}

void add_bounds(Json& j, const Bounds& b) {
  if (!b.zero_means.empty()) {
    // 0, or within [low, high]: one bound for both, and the low end as an alternative.
    if (b.high) j[b.high_open ? "exclusiveMaximum" : "maximum"] = json_number(*b.high);
    Json low = Json::object();
    if (b.low) low[b.low_open ? "exclusiveMinimum" : "minimum"] = json_number(*b.low);
    j["anyOf"] = Json::array({Json{{"const", 0}}, low});
    return;
  }
  if (b.low) j[b.low_open ? "exclusiveMinimum" : "minimum"] = json_number(*b.low);
  if (b.high) j[b.high_open ? "exclusiveMaximum" : "maximum"] = json_number(*b.high);
}

// The declared range, with the widest distribution bound for a distribution's parameters.
Bounds schema_bounds(const KeyInfo& k) {
  Bounds b = k.range;
  if (k.high_of_owner) b.high = widest_distribution_bound();
  return b;
}

Json number_schema(const Bounds& b, std::string_view type = "number") {
  Json j{{"type", type}};
  add_bounds(j, b);
  return j;
}

std::string sentence(std::string text) {
  if (!text.empty() && text.front() >= 'a' && text.front() <= 'z') {
    text.front() = static_cast<char>(text.front() - 'a' + 'A');
  }
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

std::string description(const KeyInfo& k) {
  std::string out = sentence(without_links(k.meaning));
  if (k.type == ValueType::kDistribution) {
    out += fmt::format(" Every parameter in {}.", interval(k.range));
  }
  if (k.need == Need::kConditional) out += fmt::format(" Required: {}.", without_links(k.when));
  if (k.fallback.kind == Fallback::Kind::kNote) {
    out += fmt::format(" Default: {}.", k.fallback.text);
  }
  return out;
}

Json stocked_variants_schema(const KeyInfo& k) {
  const Json number = number_schema(k.range, "integer");
  Json list{{"type", "array"}, {"minItems", 1}, {"uniqueItems", true}, {"items", number}};
  return Json{{"oneOf", Json::array({Json{{"const", "all"}}, number, list})}};
}

Json sweep_schema(const KeyInfo& k) {
  Json range{{"type", "object"},
             {"description", "steps evenly spaced values from `from` to `to`, both included."},
             {"additionalProperties", false},
             {"required", Json::array({"from", "to", "steps"})},
             {"properties",
              {{"from", {{"type", "number"}}},
               {"to", {{"type", "number"}}},
               {"steps", number_schema(k.range, "integer")}}}};
  Json values{{"type", "array"},
              {"minItems", 1},
              {"description", "The values, each as it would be written at the key path."}};
  return Json{{"type", "object"},
              {"minProperties", 1},
              {"additionalProperties", {{"oneOf", Json::array({values, range})}}}};
}

// decompose (its own block, for merges): lever names to maps of key paths to values.
Json levers_schema(const KeyInfo& k) {
  Json overrides{{"type", "object"},
                 {"minProperties", 1},
                 {"description",
                  "From key paths under arms.BASE. to their values, each as it would be written at "
                  "the key path."}};
  return Json{{"type", "object"},
              {"minProperties", k.min_items},
              {"maxProperties", k.max_items},
              {"propertyNames", ref_to("id")},
              {"additionalProperties", overrides}};
}

// Every definition but the top level's has two forms. An arm with `extends` merges each entry of
// its `nodes` and `lanes` into the inherited one, maps within maps too (arm_inheritance.cpp), so
// there a map may leave out any key but those that name the entry: its `_override` form.
enum class Form : std::uint8_t { kFull, kOverride };

// The keys by which an extending arm's entries are matched to the inherited ones.
bool names_the_entry(std::string_view key) {
  return key == "id" || key == "from" || key == "to";
}

class SchemaWriter {
 public:
  Json write() {
    Json defs = Json::object();
    for (const KeySection& s : all_sections()) {
      if (s.node_kind && !defs.contains("node")) defs["node"] = node_dispatch();
      // Only an extending arm's entries may leave out `kind`: it has the override form alone.
      if (s.id == Section::kNodeOverride) continue;
      defs[std::string(s.name)] = section_schema(s, Form::kFull);
    }
    // The override forms the full ones refer to, and those they refer to in turn.
    for (std::size_t i = 0; i < overrides_.size(); ++i) {
      const Section id = overrides_[i];
      defs[definition(id, Form::kOverride)] = section_schema(section(id), Form::kOverride);
    }
    defs["id"] = Json{
        {"type", "string"},
        {"pattern", fmt::format("^[A-Za-z0-9][A-Za-z0-9_.-]{{0,{}}}$", limits::kMaxIdLength - 1)},
        {"description", "Letters, digits, '_', '-' and '.', starting with a letter or a digit."}};
    defs["date"] = Json{{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}};
    defs["probability"] = number_schema(probability());
    for (const auto& [name, def] : shared_.items()) defs[name] = def;
    return defs;
  }

 private:
  Json shared_ = Json::object();
  std::vector<Section> overrides_;  // override forms referred to, in the order first referred to

  std::string definition(Section id, Form form) {
    const std::string name(section(id).name);
    if (form == Form::kFull) return name;
    if (std::find(overrides_.begin(), overrides_.end(), id) == overrides_.end()) {
      overrides_.push_back(id);
    }
    return id == Section::kNodeOverride ? name : name + "_override";
  }

  Json ref_to_section(Section id, Form form) { return ref_to(definition(id, form)); }

  // The value's shape, without its description and default.
  Json value_schema(const KeySection& s, const KeyInfo& k, Form form) {
    switch (k.type) {
      case ValueType::kNumber:
        return k.range.is_probability() ? ref_to("probability") : number_schema(schema_bounds(k));
      case ValueType::kWhole:
        return number_schema(k.range, "integer");
      case ValueType::kSeed:
        return Json{{"type", "integer"},
                    {"minimum", 0},
                    {"maximum", std::numeric_limits<std::uint64_t>::max()}};
      case ValueType::kBoolean:
        return Json{{"type", "boolean"}};
      case ValueType::kWord:
        // A node kind's own definition fixes its kind.
        if (s.node_kind && k.name == "kind") {
          return Json{{"const", network::to_string(*s.node_kind)}};
        }
        return Json{{"enum", Json(std::vector<std::string_view>(k.words.begin(), k.words.end()))}};
      case ValueType::kText:
        return Json{{"type", "string"}};
      case ValueType::kLabel:
        return Json{{"type", Json::array({"string", "number"})}};
      case ValueType::kId:
        return ref_to("id");
      case ValueType::kDate:
        return ref_to("date");
      case ValueType::kNumbers:
      case ValueType::kIds: {
        Json j{{"type", "array"}};
        if (k.min_items > 0) j["minItems"] = k.min_items;
        if (k.max_items > 0) j["maxItems"] = k.max_items;
        j["items"] = k.type == ValueType::kIds ? ref_to("id") : number_schema(schema_bounds(k));
        return j;
      }
      case ValueType::kDistribution:
      case ValueType::kMap:
      case ValueType::kChoice:
        return ref_to_section(k.of, form);
      case ValueType::kMaps: {
        Json j{{"type", "array"}};
        if (k.min_items > 0) j["minItems"] = k.min_items;
        // The items of an arm's lists depend on its `extends` (section_schema).
        if (!has_extends(s)) j["items"] = ref_to_section(k.of, form);
        return j;
      }
      case ValueType::kNamedMaps:
        return Json{
            {"type", "object"},
            {"required", Json(std::vector<std::string_view>(k.words.begin(), k.words.end()))},
            {"propertyNames", ref_to("id")},
            {"additionalProperties", ref_to_section(k.of, form)}};
      case ValueType::kStockedVariants:
        return stocked_variants_schema(k);
      case ValueType::kSweep:
        return sweep_schema(k);
      case ValueType::kLevers:
        return levers_schema(k);
    }
    return Json::object();
  }

  Json key_schema(const KeySection& s, const KeyInfo& k, Form form) {
    Json j = value_schema(s, k, form);
    switch (k.fallback.kind) {
      case Fallback::Kind::kNumber:
        j["default"] = json_number(k.fallback.number);
        break;
      case Fallback::Kind::kBoolean:
        j["default"] = k.fallback.boolean;
        break;
      case Fallback::Kind::kWord:
        j["default"] = k.fallback.text;
        break;
      case Fallback::Kind::kNote:
      case Fallback::Kind::kNone:
        break;
    }
    // A map's own definition describes it; the key says what it is for.
    j["description"] = description(k);
    return j;
  }

  static bool has_extends(const KeySection& s) { return s.find("extends") != nullptr; }

  // An arm's lists: of override entries with `extends`, of full ones without.
  Json lists_by_extends(const KeySection& s) {
    Json then = Json::object();
    Json otherwise = Json::object();
    for (const KeyInfo& k : s.keys) {
      if (k.type != ValueType::kMaps) continue;
      const std::string name(k.name);
      // A full node entry is checked against the section its `kind` names (`node`).
      otherwise[name] =
          Json{{"items", k.of == Section::kNodeOverride ? ref_to("node")
                                                        : ref_to_section(k.of, Form::kFull)}};
      then[name] = Json{{"items", ref_to_section(k.of, Form::kOverride)}};
    }
    return Json{{"if", {{"required", {"extends"}}}},
                {"then", {{"properties", then}}},
                {"else", {{"properties", otherwise}}}};
  }

  Json section_schema(const KeySection& s, Form form) {
    Json def{{"type", "object"}};
    if (s.plain_number_too) {
      // A plain number is a constant.
      def["type"] = Json::array({"number", "object"});
      add_bounds(def, up_to(widest_distribution_bound()));
    }
    if (!s.description.empty()) def["description"] = s.description;
    def["additionalProperties"] = false;
    if (s.one_of) {
      def["minProperties"] = 1;
      def["maxProperties"] = 1;
    }
    std::vector<std::string_view> required;
    for (const KeyInfo& k : s.keys) {
      if (k.required() && (form == Form::kFull || names_the_entry(k.name))) {
        required.push_back(k.name);
      }
    }
    if (!required.empty()) def["required"] = required;
    Json properties = Json::object();
    for (const KeyInfo& k : s.keys) {
      if (k.shared_as.empty()) {
        properties[std::string(k.name)] = key_schema(s, k, form);
        continue;
      }
      // Shared values are leaves: the same in both forms.
      properties[std::string(k.name)] = ref_to(k.shared_as);
      if (!shared_.contains(k.shared_as)) {
        shared_[std::string(k.shared_as)] = key_schema(s, k, Form::kFull);
      }
    }
    def["properties"] = properties;
    if (has_extends(s)) def["allOf"] = Json::array({lists_by_extends(s)});
    return def;
  }

  // Which definition a node entry of an arm without `extends` is checked against: the one its
  // `kind` names.
  Json node_dispatch() {
    Json kinds = Json::array();
    Json branches = Json::array();
    for (const KeySection& s : all_sections()) {
      if (!s.node_kind) continue;
      const std::string_view kind = network::to_string(*s.node_kind);
      kinds.push_back(kind);
      branches.push_back(
          Json{{"if", {{"required", {"kind"}}, {"properties", {{"kind", {{"const", kind}}}}}}},
               {"then", ref_to_section(s.id, Form::kFull)}});
    }
    return Json{{"type", "object"},
                {"description",
                 "A factory, warehouse, retailer or platform: the keys of its `kind`. In an arm "
                 "with `extends`, an entry naming an inherited id overrides it and may leave out "
                 "any key but `id` (`node_override`)."},
                {"required", {"id", "kind"}},
                {"properties", {{"kind", {{"enum", kinds}}}}},
                {"allOf", branches}};
  }
};

Json schema() {
  return Json{{"$schema", "http://json-schema.org/draft-07/schema#"},
              {"title", "c2msim scenario"},
              {"description",
               "A c2msim scenario file: products, markets and their demand, and named arms (at "
               "least traditional and c2m) with nodes, lanes and policies. Units are in the key "
               "names: _days, _per_day, _per_year; money is in `currency`. Generated from "
               "sim/scenario/key_catalogue.cpp by `c2msim schema`; see scenarios/README.md."},
              {"allOf", Json::array({ref_to("scenario")})},
              {"$defs", SchemaWriter().write()}};
}

// One line when it holds no map within a map, or fits in this width; otherwise a member a line.
constexpr std::size_t kLineWidth = 120;

std::string flat(const Json& j) {
  if (j.is_object()) {
    std::string out = "{";
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it != j.begin()) out += ", ";
      out += Json(it.key()).dump() + ": " + flat(it.value());
    }
    return out + "}";
  }
  if (j.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < j.size(); ++i) out += (i > 0 ? ", " : "") + flat(j[i]);
    return out + "]";
  }
  return j.dump();
}

bool holds_maps(const Json& j) {
  return std::any_of(j.begin(), j.end(), [](const Json& v) {
    return v.is_object() || (v.is_array() && std::any_of(v.begin(), v.end(), [](const Json& x) {
                               return x.is_structured();
                             }));
  });
}

void write(std::string& out, const Json& j, std::size_t indent) {
  const std::string one_line = flat(j);
  if (!j.is_structured() || j.empty() || !holds_maps(j) || indent + one_line.size() <= kLineWidth) {
    out += one_line;
    return;
  }
  const std::string pad(indent + 2, ' ');
  out += j.is_object() ? "{\n" : "[\n";
  std::size_t i = 0;
  for (auto it = j.begin(); it != j.end(); ++it, ++i) {
    out += pad;
    if (j.is_object()) out += Json(it.key()).dump() + ": ";
    write(out, it.value(), indent + 2);
    out += i + 1 < j.size() ? ",\n" : "\n";
  }
  out += std::string(indent, ' ') + (j.is_object() ? "}" : "]");
}

// ---- The README's tables ---------------------------------------------------------------------

// What a key's value may be, after its meaning: "(0, 36500]", "whole, 1 to 1 000".
std::string range_text(const KeyInfo& k, std::optional<std::string_view> owner = std::nullopt) {
  const auto whole = [](const Bounds& b) {
    return fmt::format("whole, {} to {}", grouped(b.low.value_or(0)), grouped(b.high.value_or(0)));
  };
  const std::optional<std::string_view> high = k.high_of_owner ? owner : std::nullopt;
  switch (k.type) {
    case ValueType::kNumber:
      return interval(k.range, high);
    case ValueType::kWhole:
    case ValueType::kStockedVariants:
      return whole(k.range);
    case ValueType::kSeed:
      return "whole, 0 to 2^64 - 1";
    case ValueType::kNumbers:
      return fmt::format("each in {}", interval(k.range, high));
    case ValueType::kDistribution:
      return fmt::format("every parameter in {}", interval(k.range));
    case ValueType::kSweep:
      return fmt::format("a range's `steps` {}", whole(k.range));
    case ValueType::kLevers:
      return fmt::format("{} to {} levers", k.min_items, k.max_items);
    case ValueType::kChoice: {
      // The ranges of the alternatives that are plain values (`zipf`, `weights`).
      std::string out;
      for (const KeyInfo& alternative : section(k.of).keys) {
        if (alternative.type != ValueType::kNumber && alternative.type != ValueType::kNumbers) {
          continue;
        }
        if (!out.empty()) out += ", ";
        out += fmt::format("`{}` {}", alternative.name, range_text(alternative));
      }
      return out;
    }
    default:
      return {};
  }
}

std::string required_text(const KeyInfo& k) {
  const std::string fallback = fallback_text(k.fallback);
  switch (k.need) {
    case Need::kRequired:
      return "yes";
    case Need::kConditional:
      return fallback.empty() ? std::string(k.when) : fmt::format("{} (else {})", k.when, fallback);
    case Need::kOptional:
      break;
  }
  return fallback.empty() ? "no" : fmt::format("no ({})", fallback);
}

std::string keys_table(std::span<const KeyInfo> keys) {
  std::string out = "| key | required | meaning |\n|---|---|---|\n";
  for (const KeyInfo& k : keys) {
    const std::string range = range_text(k);
    out += fmt::format("| `{}` | {} | {}{} |\n", k.name, required_text(k), k.meaning,
                       range.empty() ? "" : "; " + range);
  }
  return out;
}

// A parameter of an alternative: "`s` [-1e9, 1e9]", "`safety_factor` [0, 10] (default 0)",
// "`signal` (`orders` or `pos`; default `orders`)".
std::string parameter_text(const KeyInfo& k) {
  const std::string fallback = fallback_text(k.fallback);
  const std::string optional =
      k.required() ? "" : (fallback.empty() ? "optional" : fmt::format("default {}", fallback));
  std::vector<std::string_view> names;
  if (k.type == ValueType::kWord) names.assign(k.words.begin(), k.words.end());
  if (k.type == ValueType::kChoice) {
    for (const KeyInfo& alternative : section(k.of).keys) names.push_back(alternative.name);
  }
  if (!names.empty()) {
    return fmt::format("`{}` ({}{})", k.name, words_text(names),
                       optional.empty() ? "" : "; " + optional);
  }
  const std::string range = range_text(k, "max");
  return fmt::format("`{}`{}{}", k.name, range.empty() ? "" : " " + range,
                     optional.empty() ? "" : fmt::format(" ({})", optional));
}

// The distribution keys and their bounds: "36500 for `patience_days` and `lead_time_days`".
std::string owner_bounds() {
  std::vector<std::pair<double, std::vector<std::string_view>>> bounds;
  for (const KeySection& s : all_sections()) {
    for (const KeyInfo& k : s.keys) {
      if (k.type != ValueType::kDistribution) continue;
      const double high = k.range.high.value_or(0);
      auto it = std::find_if(bounds.begin(), bounds.end(),
                             [&](const auto& b) { return b.first == high; });
      if (it == bounds.end()) it = bounds.insert(bounds.end(), {high, {}});
      if (std::find(it->second.begin(), it->second.end(), k.name) == it->second.end()) {
        it->second.push_back(k.name);
      }
    }
  }
  std::string out;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (i > 0) out += "; ";
    out +=
        fmt::format("{} for {}", bound_text(bounds[i].first), words_text(bounds[i].second, "and"));
  }
  return out;
}

std::string choices_table(const KeySection& s) {
  std::string out = fmt::format("| {} | keys | meaning |\n|---|---|---|\n", s.name);
  for (const KeyInfo& alternative : s.keys) {
    std::string keys;
    if (alternative.type == ValueType::kMap) {
      for (const KeyInfo& k : section(alternative.of).keys) {
        keys += (keys.empty() ? "" : ", ") + parameter_text(k);
      }
    } else {
      keys = fmt::format("a number {}", range_text(alternative, "max"));
    }
    out += fmt::format("| `{}` | {} | {} |\n", alternative.name, keys, alternative.meaning);
  }
  if (s.plain_number_too) {
    out += fmt::format(
        "\nA plain number is a constant. `max` is the bound of the key the distribution is given "
        "for: {}.\n",
        owner_bounds());
  }
  return out;
}

}  // namespace

std::string schema_json() {
  std::string out;
  write(out, schema(), 0);
  return out + "\n";
}

std::string key_table(std::string_view section_name) {
  if (section_name == "node") return keys_table(common_node_keys());
  const KeySection* s = find_section(section_name);
  if (!s) {
    std::string names = "node";
    for (const KeySection& x : all_sections()) names += fmt::format(", {}", x.name);
    throw std::invalid_argument(
        fmt::format("unknown section '{}'; expected one of {}", section_name, names));
  }
  if (s->one_of) return choices_table(*s);
  if (!s->node_kind) return keys_table(s->keys);
  // A node kind's own keys: those after the ones every node has.
  return keys_table(s->keys.subspan(common_node_keys().size()));
}

std::string rewrite_key_tables(std::string_view markdown) {
  constexpr std::string_view kOpen = "<!-- keys: ";
  constexpr std::string_view kClose = " -->";
  constexpr std::string_view kEnd = "<!-- end keys -->";
  std::string out;
  std::size_t line_number = 0;
  std::optional<std::size_t> open_at;
  for (std::size_t at = 0; at < markdown.size();) {
    const std::size_t newline = markdown.find('\n', at);
    const std::size_t end = newline == std::string_view::npos ? markdown.size() : newline + 1;
    const std::string_view line = markdown.substr(at, end - at);
    const std::string_view text = line.substr(0, line.find('\n'));
    at = end;
    ++line_number;
    if (open_at) {
      if (text != kEnd) continue;  // the old table
      out += line;
      open_at.reset();
      continue;
    }
    out += line;
    if (text.starts_with(kOpen) && text.ends_with(kClose)) {
      const std::string_view name =
          text.substr(kOpen.size(), text.size() - kOpen.size() - kClose.size());
      try {
        out += key_table(name);
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(fmt::format("line {}: {}", line_number, e.what()));
      }
      open_at = line_number;
    }
  }
  if (open_at) {
    throw std::invalid_argument(
        fmt::format("line {}: the key table is not closed by a line {}", *open_at, kEnd));
  }
  return out;
}

}  // namespace c2msim::scenario
