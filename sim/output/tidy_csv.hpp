#pragma once
// Tidy CSV: one observation per row, comma-separated, RFC 4180 quoting where a field needs it,
// numbers in the shortest form that reads back to the same double ("nan", "inf" for undefined
// and infinite values, which pandas reads as such).

#include <fmt/format.h>

#include <fstream>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

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

class CsvFile {
 public:
  CsvFile(const std::string& path, std::initializer_list<std::string_view> header) : out_(path) {
    write_header(path, header);
  }
  // A header known only at run time (a sweep's columns are its key paths).
  CsvFile(const std::string& path, const std::vector<std::string>& header) : out_(path) {
    write_header(path, header);
  }
  template <class... Fields>
  void row(const Fields&... fields) {
    bool first = true;
    ((out_ << (first ? "" : ",") << fields, first = false), ...);
    out_ << '\n';
  }
  void close() {
    out_.close();
    if (!out_) throw std::runtime_error("error while writing a CSV file");
  }

 private:
  template <class Header>
  void write_header(const std::string& path, const Header& header) {
    if (!out_) throw std::runtime_error("cannot write " + path);
    bool first = true;
    for (const auto& h : header) {
      if (!first) out_ << ',';
      out_ << csv_field(h);
      first = false;
    }
    out_ << '\n';
  }

  std::ofstream out_;
};

}  // namespace c2msim::output
