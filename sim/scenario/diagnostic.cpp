#include "sim/scenario/diagnostic.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace c2msim::scenario {

std::string to_string(const Diagnostic& d) {
  const int line = d.position.line > 0 ? d.position.line : 1;
  const int column = d.position.column > 0 ? d.position.column : 1;
  if (d.key_path.empty())
    return fmt::format("{}:{}:{}: error: {}", d.file, line, column, d.message);
  return fmt::format("{}:{}:{}: error: {}: {}", d.file, line, column, d.key_path, d.message);
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out;
  // An inherited value is read once per arm that inherits it; its problem is reported once.
  std::set<std::tuple<int, int, std::string_view, std::string_view>> seen;
  for (const Diagnostic& d : list_) {
    if (seen.emplace(d.position.line, d.position.column, d.key_path, d.message).second) {
      out.push_back(d);
    }
  }
  // File order; problems at the same place keep the order in which they were found.
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.position.line, a.position.column) <
           std::tie(b.position.line, b.position.column);
  });
  return out;
}

}  // namespace c2msim::scenario
