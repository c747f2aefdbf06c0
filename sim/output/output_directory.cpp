#include "sim/output/output_directory.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <stdexcept>
#include <system_error>

namespace c2msim::output {
namespace fs = std::filesystem;

namespace {
fs::path sibling(const fs::path& final_path, const char* tag) {
  const fs::path parent = final_path.has_parent_path() ? final_path.parent_path() : fs::path(".");
  // fmt rather than string concatenation: g++ 12 at -O3 warns falsely (-Wrestrict) on the latter.
  return parent / fmt::format(".{}.{}-{}", final_path.filename().string(), tag, ::getpid());
}
}  // namespace

OutputDirectory::OutputDirectory(fs::path final_path) : final_(std::move(final_path)) {
  if (final_.filename().empty()) final_ = final_.parent_path();
  staging_ = sibling(final_, "partial");
  if (final_.has_parent_path()) fs::create_directories(final_.parent_path());
  fs::remove_all(staging_);
  fs::create_directory(staging_);
}

OutputDirectory::~OutputDirectory() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove_all(staging_, ignored);
}

void OutputDirectory::commit() {
  const fs::path previous = sibling(final_, "previous");
  fs::remove_all(previous);
  const bool had_previous = fs::exists(final_);
  if (had_previous) fs::rename(final_, previous);
  try {
    fs::rename(staging_, final_);
  } catch (...) {
    if (had_previous) fs::rename(previous, final_);
    throw;
  }
  committed_ = true;
  if (had_previous) fs::remove_all(previous);
}

}  // namespace c2msim::output
