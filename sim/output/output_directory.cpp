#include "sim/output/output_directory.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

namespace c2msim::output {
namespace fs = std::filesystem;

namespace {

std::string shown(const fs::path& path) {
  return path.empty() ? std::string("''") : path.string();
}

[[noreturn]] void refuse(const std::string& message, bool force_would_help = false) {
  throw OutputRefused(message, force_would_help);
}

// `.NAME.SUFFIX` beside `final_path`.
fs::path hidden(const fs::path& final_path, std::string_view suffix) {
  // fmt rather than string concatenation: g++ 12 at -O3 warns falsely (-Wrestrict) on the latter.
  return final_path.parent_path() / fmt::format(".{}.{}", final_path.filename().string(), suffix);
}

// Whether `name` is `prefix` followed by a process id.
bool is_prefix_and_pid(const std::string& name, const std::string& prefix) {
  return name.size() > prefix.size() && name.compare(0, prefix.size(), prefix) == 0 &&
         std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(),
                     [](char c) { return c >= '0' && c <= '9'; });
}

// Whether `manifest` is the manifest.json of a c2msim run (run, sweep or breakeven), all of which
// record the version of c2msim that wrote them.
bool written_by_c2msim(const fs::path& manifest) {
  std::error_code ec;
  if (!fs::is_regular_file(fs::symlink_status(manifest, ec))) return false;
  std::ifstream in(manifest, std::ios::binary);
  const nlohmann::json document = nlohmann::json::parse(in, nullptr, false);
  return document.is_object() && document.contains("c2msim_version") &&
         document["c2msim_version"].is_string();
}

bool is_within(const fs::path& folder, const fs::path& path) {
  const auto [f, p] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return f == folder.end();
}

// Whether replacing `folder` would delete `file`: the file's entry (a link, say) or what it
// resolves to lies inside the folder.
bool holds(const fs::path& folder, const fs::path& file) {
  std::error_code ec;
  const fs::path dir = fs::canonical(folder, ec);
  if (ec) return false;
  const fs::path entry =
      fs::weakly_canonical(fs::absolute(file, ec).parent_path(), ec) / file.filename();
  if (!ec && is_within(dir, entry)) return true;
  const fs::path target = fs::weakly_canonical(file, ec);
  return !ec && is_within(dir, target);
}

const char* kind_of(fs::file_type type) {
  switch (type) {
    case fs::file_type::regular:
      return "a file";
    case fs::file_type::symlink:
      return "a symbolic link";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::fifo:
      return "a named pipe";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a folder";
  }
}

// Swaps two directory entries in one step; false, with nothing changed, where the kernel or the
// file system cannot. POSIX has no such call, and no library wraps Linux's.
bool exchange(const fs::path& a, const fs::path& b) {
#ifdef RENAME_EXCHANGE
  if (::renameat2(AT_FDCWD, a.c_str(), AT_FDCWD, b.c_str(), RENAME_EXCHANGE) == 0) return true;
  if (errno != EINVAL && errno != ENOSYS) {
    throw std::system_error(
        errno, std::generic_category(),
        fmt::format("cannot move the results from {} to {}", a.string(), b.string()));
  }
#else
  (void)a;
  (void)b;
#endif
  return false;
}

}  // namespace

OutputDirectory::OutputDirectory(fs::path final_path, bool force,
                                 const std::vector<fs::path>& inputs)
    : final_(std::move(final_path)), force_(force), inputs_(inputs) {
  const std::string given = shown(final_);
  // "results/" names the folder results.
  while (final_.has_relative_path() && final_.filename().empty()) final_ = final_.parent_path();
  const std::string name = final_.filename().string();
  if (name.empty() || name == "." || name == "..") {
    refuse(
        fmt::format("{} does not name a folder that can be replaced ('', '.', '..' and '/' "
                    "cannot be)",
                    given));
  }
  const fs::path parent = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec || !fs::is_directory(parent)) {
    refuse(fmt::format("{}: cannot create the folder {}: {}", given, parent.string(),
                       ec ? ec.message() : "something else is there"));
  }
  // Every hidden sibling must fit the file system's name limit; the aside folder's name is the
  // longest of them.
  const long limit = ::pathconf(parent.c_str(), _PC_NAME_MAX);
  const std::size_t max_name = limit > 0 ? static_cast<std::size_t>(limit) : NAME_MAX;
  const std::string longest = sibling("previous").filename().string();
  if (longest.size() > max_name) {
    const std::size_t overhead = longest.size() - name.size();
    refuse(fmt::format(
        "{}: the name is too long: c2msim needs the hidden folder {} beside it "
        "({} bytes), over the file system's limit of {} bytes; names of up to {} "
        "bytes fit",
        given, longest, longest.size(), max_name, max_name > overhead ? max_name - overhead : 0));
  }

  // Checked before the lock file is made, so that a refused path gets nothing beside it; and
  // again under the lock, which makes it certain.
  (void)check_replaceable();
  const fs::path lock = hidden(final_, "lock");
  lock_fd_ = ::open(lock.c_str(), O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (lock_fd_ < 0) {
    refuse(fmt::format("{}: cannot create the lock file {}: {}", given, lock.string(),
                       std::strerror(errno)));
  }
  try {
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      if (errno == EWOULDBLOCK) {
        refuse(fmt::format("{} is in use by another c2msim run (it holds the lock {})", given,
                           lock.string()));
      }
      refuse(fmt::format("{}: cannot lock {}: {}", given, lock.string(), std::strerror(errno)));
    }
    remove_leftovers();
    (void)check_replaceable();
    staging_ = sibling("partial");
    fs::create_directory(staging_, ec);
    if (ec) {
      refuse(fmt::format("{}: cannot create the folder {}: {}", given, staging_.string(),
                         ec.message()));
    }
  } catch (...) {
    ::close(lock_fd_);
    throw;
  }
}

OutputDirectory::~OutputDirectory() {
  discard();
  ::close(lock_fd_);
}

fs::path OutputDirectory::sibling(const char* tag) const {
  return hidden(final_, fmt::format("{}-{}", tag, ::getpid()));
}

// Under the lock no other run is writing NAME, so every staging folder there is left by a run
// that died (whatever its process id, which may have been reused), and an aside folder is from
// a run that died while committing without an atomic exchange.
void OutputDirectory::remove_leftovers() const {
  const std::string name = final_.filename().string();
  const std::string partial = fmt::format(".{}.partial-", name);
  const std::string previous = fmt::format(".{}.previous-", name);
  const fs::path parent = final_.has_parent_path() ? final_.parent_path() : fs::path(".");
  std::vector<fs::path> stale;
  std::vector<fs::path> asides;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parent, ec)) {
    const std::string n = entry.path().filename().string();
    if (is_prefix_and_pid(n, partial)) stale.push_back(entry.path());
    if (is_prefix_and_pid(n, previous)) asides.push_back(entry.path());
  }
  for (const fs::path& aside : asides) {
    // Died between renaming NAME aside and the new results in: the aside folder is NAME.
    if (fs::symlink_status(final_, ec).type() == fs::file_type::not_found) {
      fs::rename(aside, final_, ec);
      if (ec) {
        refuse(fmt::format("{}: cannot restore the previous results from {}: {}", final_.string(),
                           aside.string(), ec.message()));
      }
    } else {
      stale.push_back(aside);  // died after the new results were in: the old ones are not needed
    }
  }
  for (const fs::path& path : stale) fs::remove_all(path, ec);
}

bool OutputDirectory::check_replaceable() const {
  const std::string path = final_.string();
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(final_, ec);
  if (status.type() == fs::file_type::not_found) return false;
  if (ec) refuse(fmt::format("{}: cannot see what is there: {}", path, ec.message()));
  if (status.type() != fs::file_type::directory) {
    refuse(fmt::format("{} is {}, which c2msim never replaces", path, kind_of(status.type())));
  }
  for (const fs::path& input : inputs_) {
    if (holds(final_, input)) {
      refuse(fmt::format("{} holds {}, which this run reads; c2msim never replaces it", path,
                         input.string()));
    }
  }
  if (fs::is_empty(final_, ec) && !ec) return true;
  if (force_) return true;
  const fs::path manifest = final_ / "manifest.json";
  if (!written_by_c2msim(manifest)) {
    const bool none = fs::symlink_status(manifest, ec).type() == fs::file_type::not_found;
    refuse(fmt::format("{} is a folder that c2msim did not write ({})", path,
                       none ? "no manifest.json" : "its manifest.json is not c2msim's"),
           true);
  }
  return true;
}

void OutputDirectory::commit() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (discarded_) throw std::runtime_error("the output in " + staging_.string() + " was discarded");
  // Checked again: the folder may have changed while the run ran.
  if (!check_replaceable()) {
    fs::rename(staging_, final_);
    committed_ = true;
    return;
  }
  std::error_code ignored;
  if (exchange(staging_, final_)) {
    committed_ = true;
    fs::remove_all(staging_, ignored);  // it now holds the previous results
    return;
  }
  // Without an exchange there is a moment with no folder at the final path; the next run
  // repairs a crash there (remove_leftovers).
  const fs::path aside = sibling("previous");
  fs::rename(final_, aside);
  try {
    fs::rename(staging_, final_);
  } catch (...) {
    fs::rename(aside, final_, ignored);
    throw;
  }
  committed_ = true;
  fs::remove_all(aside, ignored);
}

bool OutputDirectory::discard() noexcept {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (committed_ || discarded_) return false;
  discarded_ = true;
  // Another thread may still be creating files in it (an interrupt comes at any time), and a
  // file made after remove_all listed the folder keeps it from going; once it is gone, no file
  // can be made in it any more.
  std::error_code ec;
  for (int attempt = 0;
       attempt < 100 && fs::symlink_status(staging_, ec).type() != fs::file_type::not_found;
       ++attempt) {
    fs::remove_all(staging_, ec);
  }
  return true;
}

}  // namespace c2msim::output
