#include "sim/scenario/diagnostic.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace c2msim::scenario {

// By hand: fmt's `{:?}` escapes control characters too, but it also quotes the text and escapes
// quotes and backslashes, which would garble every ordinary message.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xC2 && i + 1 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9F) {
      // U+0080 to U+009F, the C1 controls (CSI among them), written in UTF-8 as C2 80 to C2 9F.
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[++i]));
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string to_string(const Diagnostic& d) {
  const std::string message = one_line(d.message);
  const std::string key_path = one_line(d.key_path);
  if (!d.argument.empty()) {
    const std::string argument = one_line(d.argument);
    if (key_path.empty()) return fmt::format("{}: error: {}", argument, message);
    return fmt::format("{}: error: {}: {}", argument, key_path, message);
  }
  const int line = d.position.line > 0 ? d.position.line : 1;
  const int column = d.position.column > 0 ? d.position.column : 1;
  const std::string file = one_line(d.file);
  if (key_path.empty()) return fmt::format("{}:{}:{}: error: {}", file, line, column, message);
  return fmt::format("{}:{}:{}: error: {}: {}", file, line, column, key_path, message);
}

int exit_status(const std::vector<Diagnostic>& diagnostics) {
  if (diagnostics.empty()) return 0;
  const bool system = std::any_of(diagnostics.begin(), diagnostics.end(),
                                  [](const Diagnostic& d) { return d.system_failure; });
  return system ? 1 : 2;
}

void Diagnostics::system_failure(std::string message) {
  Diagnostic d{file_, {1, 1}, "", std::move(message)};
  d.system_failure = true;
  list_.push_back(std::move(d));
}

void Diagnostics::error(SourcePosition position, std::string key_path, std::string message) {
  Diagnostic d{file_, position, std::move(key_path), std::move(message)};
  if (position.argument > 0 && static_cast<std::size_t>(position.argument) <= arguments_.size()) {
    const Argument& a = arguments_[static_cast<std::size_t>(position.argument - 1)];
    d.argument = a.text;
    if (d.key_path == a.key_path) d.key_path.clear();
  }
  list_.push_back(std::move(d));
}

int Diagnostics::add_argument(std::string text) {
  arguments_.push_back({std::move(text), {}});
  return static_cast<int>(arguments_.size());
}

void Diagnostics::set_argument_path(int argument, std::string key_path) {
  if (argument > 0 && static_cast<std::size_t>(argument) <= arguments_.size()) {
    arguments_[static_cast<std::size_t>(argument - 1)].key_path = std::move(key_path);
  }
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out;
  // An inherited value is read once per arm that inherits it; its problem is reported once.
  std::set<std::tuple<int, int, int, std::string_view, std::string_view>> seen;
  for (const Diagnostic& d : list_) {
    if (seen.emplace(d.position.argument, d.position.line, d.position.column, d.key_path, d.message)
            .second) {
      out.push_back(d);
    }
  }
  // Arguments first, in command-line order, then file order; problems at the same place keep the
  // order in which they were found.
  const auto order = [](const Diagnostic& d) {
    return std::tuple(d.position.argument == 0, d.position.argument, d.position.line,
                      d.position.column);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return order(a) < order(b); });
  return out;
}

}  // namespace c2msim::scenario
