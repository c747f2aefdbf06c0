#pragma once
// Tidy CSV: one observation per row, comma-separated, RFC 4180 quoting where a field needs it,
// numbers in the shortest form that reads back to the same double ("nan", "inf" for undefined
// and infinite values, which pandas reads as such).

#include <fmt/format.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "sim/output/output_file.hpp"

namespace c2msim::output {

inline std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

inline std::string csv_number(double value) {
  return fmt::format("{}", value);
}

// Every row is checked as it is written (OutputFile), so a full disk stops the run there.
class CsvFile {
 public:
  CsvFile(const std::string& path, std::initializer_list<std::string_view> header) : file_(path) {
    write_header(header);
  }
  // A header known only at run time (a sweep's columns are its key paths).
  CsvFile(const std::string& path, const std::vector<std::string>& header) : file_(path) {
    write_header(header);
  }
  template <class... Fields>
  void row(const Fields&... fields) {
    std::ostream& out = file_.stream();
    bool first = true;
    ((out << (first ? "" : ",") << fields, first = false), ...);
    out << '\n';
    file_.check();
  }
  void close() { file_.close(); }

 private:
  template <class Header>
  void write_header(const Header& header) {
    std::ostream& out = file_.stream();
    bool first = true;
    for (const auto& h : header) {
      if (!first) out << ',';
      out << csv_field(h);
      first = false;
    }
    out << '\n';
    file_.check();
  }

  OutputFile file_;
};

}  // namespace c2msim::output
