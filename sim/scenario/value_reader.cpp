#include "sim/scenario/value_reader.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/scenario/did_you_mean.hpp"
#include "sim/scenario/distribution_reader.hpp"
#include "sim/scenario/limits.hpp"

namespace c2msim::scenario {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// YAML 1.2 core-schema decimal numbers: [-+]? (digits [. digits?] | . digits) ([eE] [-+]? digits)?
bool looks_like_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exponent_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == s.size();
}

bool is_whole_number_text(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  return !s.empty() && std::all_of(s.begin(), s.end(), is_digit);
}

std::string join(std::span<const std::string_view> words) {
  std::string out;
  for (std::string_view w : words) {
    if (!out.empty()) out += ", ";
    out += w;
  }
  return out;
}

std::vector<std::string_view> key_names(const KeySection& s) {
  std::vector<std::string_view> names;
  for (const KeyInfo& k : s.keys) names.push_back(k.name);
  return names;
}

std::string_view node_kind_of(Section s) {
  const auto kind = section(s).node_kind;
  return kind ? network::to_string(*kind) : std::string_view{};
}

// For a key that belongs to other node kinds: "applies to factory nodes, not to retailer nodes".
std::optional<std::string> other_node_kinds_message(Section s, std::string_view key_name) {
  const std::string_view kind = node_kind_of(s);
  if (kind.empty()) return std::nullopt;
  std::vector<std::string_view> owners;
  for (Section other : {Section::kFactoryNode, Section::kWarehouseNode, Section::kRetailerNode,
                        Section::kPlatformNode}) {
    if (section(other).find(key_name)) owners.push_back(node_kind_of(other));
  }
  if (owners.empty()) return std::nullopt;
  std::string list;
  for (std::size_t i = 0; i < owners.size(); ++i) {
    if (i > 0) list += i + 1 == owners.size() ? " and " : ", ";
    list += owners[i];
  }
  return fmt::format("applies to {} nodes, not to a {} node", list, kind);
}

std::string unknown_key_message(const KeySection& s, std::string_view key_name) {
  if (auto other = other_node_kinds_message(s.id, key_name)) return *other;
  const std::vector<std::string_view> names = key_names(s);
  if (auto suggestion = did_you_mean(key_name, names)) {
    return fmt::format("unknown key; did you mean '{}'?", *suggestion);
  }
  return fmt::format("unknown key; expected one of {}", join(names));
}

}  // namespace

void ValueReader::error(const SourceNode& at, std::string message) {
  diagnostics_.error(at.position, at.path, std::move(message));
}

void ValueReader::error(SourcePosition position, std::string key_path, std::string message) {
  diagnostics_.error(position, std::move(key_path), std::move(message));
}

std::optional<double> ValueReader::number(const SourceNode& v, const Bounds& bounds) {
  const std::string expected =
      bounds.low || bounds.high ? fmt::format("a number {}", bounds.describe()) : "a number";
  if (!v.is_scalar() || v.quoted || !looks_like_number(v.scalar)) {
    error(v, fmt::format("expected {}, got {}", expected, describe(v)));
    return std::nullopt;
  }
  std::string_view text = v.scalar;
  if (text.front() == '+') text.remove_prefix(1);
  double x = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(x)) {
    error(v, fmt::format("expected {}, got {}, which is out of range", expected, v.scalar));
    return std::nullopt;
  }
  if (!bounds.contains(x)) {
    error(v, fmt::format("must be {}, got {}", bounds.describe(), v.scalar));
    return std::nullopt;
  }
  return x;
}

std::optional<std::uint32_t> ValueReader::count(const SourceNode& v, std::uint32_t minimum,
                                                std::uint32_t maximum) {
  const auto x = number(v, any_number());
  if (!x) return std::nullopt;
  if (std::floor(*x) != *x) {
    error(v, fmt::format("expected a whole number >= {}, got {}", minimum, v.scalar));
    return std::nullopt;
  }
  // Compared as doubles, which hold every uint32 exactly: the cast below cannot wrap.
  if (*x < minimum || *x > maximum) {
    error(v, fmt::format("must be a whole number between {} and {}, got {}", minimum, maximum,
                         v.scalar));
    return std::nullopt;
  }
  return static_cast<std::uint32_t>(*x);
}

std::optional<std::uint64_t> ValueReader::seed(const SourceNode& v) {
  if (!v.is_scalar() || v.quoted || !is_whole_number_text(v.scalar)) {
    error(v, fmt::format("expected a whole number between 0 and 2^64 - 1, got {}", describe(v)));
    return std::nullopt;
  }
  std::string_view text = v.scalar;
  if (text.front() == '+') text.remove_prefix(1);
  std::uint64_t x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc{} || end != text.data() + text.size()) {
    error(v, fmt::format("must be a whole number between 0 and 2^64 - 1, got {}", v.scalar));
    return std::nullopt;
  }
  return x;
}

std::optional<bool> ValueReader::boolean(const SourceNode& v) {
  if (v.is_scalar() && !v.quoted) {
    for (std::string_view t : {"true", "True", "TRUE"}) {
      if (v.scalar == t) return true;
    }
    for (std::string_view f : {"false", "False", "FALSE"}) {
      if (v.scalar == f) return false;
    }
  }
  error(v, fmt::format("expected true or false, got {}", describe(v)));
  return std::nullopt;
}

std::optional<std::string> ValueReader::text(const SourceNode& v) {
  if (!v.is_scalar()) {
    error(v, fmt::format("expected text, got {}", describe(v)));
    return std::nullopt;
  }
  return v.scalar;
}

std::optional<std::string> ValueReader::id(const SourceNode& v) {
  auto s = text(v);
  if (!s) return std::nullopt;
  const auto allowed = [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '-' || c == '.';
  };
  const bool ok = !s->empty() && s->size() <= limits::kMaxIdLength &&
                  std::all_of(s->begin(), s->end(), allowed) && s->front() != '_' &&
                  s->front() != '-' && s->front() != '.';
  if (!ok) {
    error(v, fmt::format("expected an id (letters, digits, '_', '-' and '.', starting with a "
                         "letter or digit), got {}",
                         describe(v)));
    return std::nullopt;
  }
  return s;
}

std::optional<Date> ValueReader::date(const SourceNode& v) {
  const std::string& s = v.scalar;
  const bool shaped = v.is_scalar() && s.size() == 10 && s[4] == '-' && s[7] == '-' &&
                      std::all_of(s.begin(), s.begin() + 4, is_digit) &&
                      std::all_of(s.begin() + 5, s.begin() + 7, is_digit) &&
                      std::all_of(s.begin() + 8, s.end(), is_digit);
  if (!shaped) {
    error(v, fmt::format("expected a date YYYY-MM-DD, got {}", describe(v)));
    return std::nullopt;
  }
  const auto part = [&](std::size_t from, std::size_t length) {
    int x = 0;
    std::from_chars(s.data() + from, s.data() + from + length, x);
    return x;
  };
  const Date d{std::chrono::year{part(0, 4)}, std::chrono::month{static_cast<unsigned>(part(5, 2))},
               std::chrono::day{static_cast<unsigned>(part(8, 2))}};
  if (!d.ok()) {
    error(v, fmt::format("{} is not a date of the calendar", s));
    return std::nullopt;
  }
  return d;
}

std::optional<std::size_t> ValueReader::word(const SourceNode& v,
                                             std::span<const std::string_view> words) {
  if (v.is_scalar()) {
    const auto it = std::find(words.begin(), words.end(), v.scalar);
    if (it != words.end()) return static_cast<std::size_t>(it - words.begin());
    if (auto suggestion = did_you_mean(v.scalar, words)) {
      error(v, fmt::format("unknown value {}; did you mean '{}'?", describe(v), *suggestion));
      return std::nullopt;
    }
  }
  error(v, fmt::format("expected one of {}, got {}", join(words), describe(v)));
  return std::nullopt;
}

std::optional<std::size_t> ValueReader::reference(const SourceNode& v,
                                                  std::span<const std::string_view> ids,
                                                  std::string_view what) {
  const auto name = text(v);
  if (!name) return std::nullopt;
  const auto it = std::find(ids.begin(), ids.end(), *name);
  if (it != ids.end()) return static_cast<std::size_t>(it - ids.begin());
  if (auto suggestion = did_you_mean(*name, ids)) {
    error(v, fmt::format("unknown {} '{}'; did you mean '{}'?", what, *name, *suggestion));
  } else if (ids.empty()) {
    error(v, fmt::format("unknown {} '{}'; none is declared", what, *name));
  } else {
    error(v, fmt::format("unknown {} '{}'; expected one of {}", what, *name, join(ids)));
  }
  return std::nullopt;
}

bool ValueReader::expect_list(const SourceNode& v, std::string_view of_what) {
  if (v.is_list()) return true;
  error(v, fmt::format("expected a list of {}, got {}", of_what, describe(v)));
  return false;
}

MapReader::MapReader(ValueReader& reader, const SourceNode& node, Section section_id,
                     std::optional<double> owner_high)
    : reader_(reader), node_(node), section_(section(section_id)), owner_high_(owner_high) {
  const KeySection& s = section_;
  if (!node.is_map()) {
    reader.error(node,
                 fmt::format("expected a map of {}, got {}", join(key_names(s)), describe(node)));
    return;
  }
  for (std::size_t i = 0; i < node.entries.size(); ++i) {
    const auto& [k, v] = node.entries[i];
    const auto first =
        std::find_if(node.entries.begin(), node.entries.begin() + static_cast<std::ptrdiff_t>(i),
                     [&name = k.name](const auto& e) { return e.first.name == name; });
    if (first != node.entries.begin() + static_cast<std::ptrdiff_t>(i)) {
      reader.error(k.position, v.path,
                   fmt::format("key given twice (first on line {})", first->first.position.line));
    } else if (!s.find(k.name)) {
      reader.error(k.position, v.path, unknown_key_message(s, k.name));
    }
  }
  for (const KeyInfo& k : s.keys) {
    if (k.required() && !node.find(k.name)) missing(k.name, "");
  }
}

void MapReader::missing(std::string_view key, std::string_view what) {
  reader_.error(node_.position, child_path(node_.path, key),
                what.empty() ? std::string("required key is missing")
                             : fmt::format("required key is missing: {}", what));
}

const SourceNode* MapReader::get(std::string_view key) const {
  return node_.find(key);
}

const KeyInfo& MapReader::declared(std::string_view key) const {
  return section_.key(key);
}

Bounds range_of(const KeyInfo& key, std::optional<double> owner_high) {
  Bounds out = key.range;
  if (key.high_of_owner) {
    if (!owner_high) {
      throw std::logic_error(
          fmt::format("key catalogue: '{}' needs the bound of the key its "
                      "distribution is given for",
                      key.name));
    }
    out.high = owner_high;
  }
  return out;
}

Bounds MapReader::range(std::string_view key) const {
  return range_of(declared(key), owner_high_);
}

std::optional<double> MapReader::number(std::string_view key) {
  // A key declared whole (a review period in days) is held in a double by the model, but read as
  // a whole number: 2.5 is refused, not rounded.
  if (declared(key).type == ValueType::kWhole) {
    const auto v = count(key);
    return v ? std::optional<double>(*v) : std::nullopt;
  }
  const SourceNode* v = get(key);
  return v ? reader_.number(*v, range(key)) : std::nullopt;
}

std::optional<std::uint32_t> MapReader::count(std::string_view key) {
  const SourceNode* v = get(key);
  if (!v) return std::nullopt;
  const Bounds r = range(key);
  return reader_.count(*v, static_cast<std::uint32_t>(r.low.value_or(0.0)),
                       static_cast<std::uint32_t>(r.high.value_or(0.0)));
}

std::optional<bool> MapReader::boolean(std::string_view key) {
  const SourceNode* v = get(key);
  return v ? reader_.boolean(*v) : std::nullopt;
}

std::optional<std::string> MapReader::text(std::string_view key) {
  const SourceNode* v = get(key);
  return v ? reader_.text(*v) : std::nullopt;
}

std::optional<std::string> MapReader::id(std::string_view key) {
  const SourceNode* v = get(key);
  return v ? reader_.id(*v) : std::nullopt;
}

std::optional<Date> MapReader::date(std::string_view key) {
  const SourceNode* v = get(key);
  return v ? reader_.date(*v) : std::nullopt;
}

std::optional<random::Distribution> MapReader::distribution(std::string_view key) {
  const SourceNode* v = get(key);
  return v ? read_distribution(reader_, *v, range(key).high.value_or(0.0)) : std::nullopt;
}

void MapReader::read(std::string_view key, double& field) {
  if (const auto v = number(key)) field = *v;
}

void MapReader::read(std::string_view key, std::optional<double>& field) {
  if (const auto v = number(key)) field = *v;
}

void MapReader::read(std::string_view key, std::uint32_t& field) {
  if (const auto v = count(key)) field = *v;
}

void MapReader::read(std::string_view key, int& field) {
  // Whole numbers are at most 2^32 - 1 and the declared bound; an int key is declared within it.
  if (const auto v = count(key)) field = static_cast<int>(*v);
}

void MapReader::read(std::string_view key, bool& field) {
  if (const auto v = boolean(key)) field = *v;
}

const std::pair<SourceKey, SourceNode>* read_choice(ValueReader& reader, const SourceNode& node,
                                                    Section section_id) {
  const MapReader map(reader, node, section_id);
  if (!map.is_map()) return nullptr;
  const KeySection& s = section(section_id);
  const std::pair<SourceKey, SourceNode>* chosen = nullptr;
  bool several = false;
  for (const auto& entry : node.entries) {
    if (!s.find(entry.first.name)) continue;
    if (chosen) {
      if (entry.first.name != chosen->first.name) {
        reader.error(
            entry.first.position, entry.second.path,
            fmt::format("give only one of {}; '{}' is already given on line {}", join(key_names(s)),
                        chosen->first.name, chosen->first.position.line));
      }
      several = true;
      continue;
    }
    chosen = &entry;
  }
  if (!chosen && node.entries.empty()) {
    reader.error(node, fmt::format("expected one of {}, got an empty map", join(key_names(s))));
  }
  return several ? nullptr : chosen;
}

}  // namespace c2msim::scenario
