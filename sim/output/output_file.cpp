#include "sim/output/output_file.hpp"

#include <cerrno>
#include <system_error>

namespace c2msim::output {
namespace {

[[noreturn]] void fail(const char* what, const std::string& path) {
  // A stream error without a system error (none is expected here) still gets a reason.
  const int error = errno != 0 ? errno : EIO;
  throw std::system_error(error, std::generic_category(), what + path);
}

}  // namespace

OutputFile::OutputFile(std::string path) : path_(std::move(path)) {
  errno = 0;
  out_.open(path_, std::ios::binary | std::ios::trunc);
  if (!out_) fail("cannot create ", path_);
}

void OutputFile::check() {
  if (!out_) fail("cannot write ", path_);
}

void OutputFile::close() {
  check();
  errno = 0;
  out_.close();
  check();
}

}  // namespace c2msim::output
