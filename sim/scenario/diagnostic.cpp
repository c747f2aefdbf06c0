#include "sim/scenario/diagnostic.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace c2msim::scenario {

std::string to_string(const Diagnostic& d) {
  if (!d.argument.empty()) {
    if (d.key_path.empty()) return fmt::format("{}: error: {}", d.argument, d.message);
    return fmt::format("{}: error: {}: {}", d.argument, d.key_path, d.message);
  }
  const int line = d.position.line > 0 ? d.position.line : 1;
  const int column = d.position.column > 0 ? d.position.column : 1;
  if (d.key_path.empty())
    return fmt::format("{}:{}:{}: error: {}", d.file, line, column, d.message);
  return fmt::format("{}:{}:{}: error: {}: {}", d.file, line, column, d.key_path, d.message);
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
