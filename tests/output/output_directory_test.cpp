#include "sim/output/output_directory.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/scenario/scenario_test_support.hpp"

using c2msim::output::OutputDirectory;
using c2msim::output::OutputRefused;
using c2msim::test::read_text;
using c2msim::test::TempDir;
using c2msim::test::write_text;
namespace fs = std::filesystem;

namespace {

constexpr const char* kManifest = "{\"c2msim_version\": \"0.1.0\", \"seed\": 1}\n";

// A folder as a finished run leaves it.
void write_results(const fs::path& dir, const std::string& content) {
  fs::create_directories(dir);
  write_text(dir / "manifest.json", kManifest);
  write_text(dir / "a.csv", content);
}

void commit_one_file(const fs::path& target, const std::string& content, bool force = false) {
  OutputDirectory dir(target, force, {});
  write_text(dir.file("a.csv"), content);
  write_text(dir.file("manifest.json"), kManifest);
  dir.commit();
}

// The message of the OutputRefused that opening `target` throws ("" when it does not).
std::string refusal(const fs::path& target, bool force = false,
                    const std::vector<fs::path>& inputs = {}, bool* force_would_help = nullptr) {
  try {
    const OutputDirectory dir(target, force, inputs);
  } catch (const OutputRefused& e) {
    if (force_would_help != nullptr) *force_would_help = e.force_would_help();
    return e.what();
  }
  return "";
}

std::size_t entries_starting(const fs::path& dir, const std::string& prefix) {
  std::size_t n = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind(prefix, 0) == 0) ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("an output directory appears only when committed", "[output]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "out";
  {
    OutputDirectory dir(target, false, {});
    write_text(dir.file("a.csv"), "x\n");
    CHECK_FALSE(fs::exists(target));
    dir.commit();
  }
  CHECK(read_text(target / "a.csv") == "x\n");
}

TEST_CASE("a run that fails before committing leaves the previous results untouched", "[output]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "out";
  commit_one_file(target, "old\n");
  {
    OutputDirectory second(target, false, {});
    write_text(second.file("a.csv"), "half");
  }  // destroyed without commit, as when an exception unwinds
  CHECK(read_text(target / "a.csv") == "old\n");
  CHECK(entries_starting(tmp.path(), ".out.partial-") == 0);  // no staging folder left behind
  {
    OutputDirectory third(target, false, {});
    write_text(third.file("b.csv"), "new\n");
    third.commit();
  }
  CHECK_FALSE(fs::exists(target / "a.csv"));
  CHECK(read_text(target / "b.csv") == "new\n");
}

TEST_CASE("refuses to replace a folder c2msim did not write, unless forced", "[output]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "results";
  fs::create_directories(target / "earlier-run");
  write_text(target / "notes.txt", "a week of work\n");
  bool force_would_help = false;
  const std::string message = refusal(target, false, {}, &force_would_help);
  CHECK(message == target.string() + " is a folder that c2msim did not write (no manifest.json)");
  CHECK(force_would_help);
  CHECK(read_text(target / "notes.txt") == "a week of work\n");
  CHECK(fs::is_directory(target / "earlier-run"));
  CHECK(entries_starting(tmp.path(), ".results.") == 0);  // nothing made beside it either

  // A manifest.json that is not c2msim's does not make the folder c2msim's.
  write_text(target / "manifest.json", "{\"name\": \"someone else's\"}");
  CHECK(refusal(target).find("its manifest.json is not c2msim's") != std::string::npos);
  write_text(target / "manifest.json", "not json");
  CHECK(refusal(target).find("its manifest.json is not c2msim's") != std::string::npos);

  commit_one_file(target, "new\n", /*force=*/true);
  CHECK(read_text(target / "a.csv") == "new\n");
  CHECK_FALSE(fs::exists(target / "notes.txt"));
}

TEST_CASE("replaces a folder c2msim wrote, an empty folder, and nothing", "[output]") {
  TempDir tmp;
  write_results(tmp.path() / "ours", "old\n");
  commit_one_file(tmp.path() / "ours", "new\n");
  CHECK(read_text(tmp.path() / "ours/a.csv") == "new\n");
  fs::create_directory(tmp.path() / "empty");
  commit_one_file(tmp.path() / "empty", "new\n");
  CHECK(read_text(tmp.path() / "empty/a.csv") == "new\n");
  commit_one_file(tmp.path() / "deeper/new", "new\n");  // the parent is created
  CHECK(read_text(tmp.path() / "deeper/new/a.csv") == "new\n");
}

TEST_CASE("never replaces a file, a named pipe or a symbolic link, even when forced", "[output]") {
  TempDir tmp;
  write_text(tmp.path() / "file", "mine\n");
  REQUIRE(::mkfifo((tmp.path() / "pipe").c_str(), 0600) == 0);
  write_results(tmp.path() / "ours", "old\n");
  fs::create_directory_symlink(tmp.path() / "ours", tmp.path() / "link");
  for (const bool force : {false, true}) {
    INFO("force " << force);
    bool force_would_help = true;
    CHECK(refusal(tmp.path() / "file", force, {}, &force_would_help) ==
          (tmp.path() / "file").string() + " is a file, which c2msim never replaces");
    CHECK_FALSE(force_would_help);
    CHECK(refusal(tmp.path() / "pipe", force) ==
          (tmp.path() / "pipe").string() + " is a named pipe, which c2msim never replaces");
    CHECK(refusal(tmp.path() / "link", force) ==
          (tmp.path() / "link").string() + " is a symbolic link, which c2msim never replaces");
  }
  CHECK(read_text(tmp.path() / "file") == "mine\n");
  CHECK(fs::is_fifo(tmp.path() / "pipe"));
  CHECK(fs::is_symlink(tmp.path() / "link"));
  CHECK(read_text(tmp.path() / "ours/a.csv") == "old\n");
}

TEST_CASE("never replaces a folder holding an input file, even when forced", "[output]") {
  TempDir tmp;
  const fs::path folder = tmp.path() / "work";
  write_results(folder, "old\n");
  fs::create_directories(folder / "deep");
  write_text(folder / "deep/scenario.yaml", "name: x\n");
  write_text(tmp.path() / "outside.yaml", "name: y\n");
  fs::create_symlink(folder / "deep/scenario.yaml", tmp.path() / "link.yaml");
  for (const fs::path& input : {folder / "deep/scenario.yaml", fs::path("link.yaml")}) {
    INFO(input);
    // Relative to the working directory, as a user types it.
    const fs::path cwd = fs::current_path();
    fs::current_path(tmp.path());
    const std::string message = refusal("work", true, {input});
    fs::current_path(cwd);
    CHECK(message == "work holds " + input.string() +
                         ", which this run reads; c2msim never "
                         "replaces it");
  }
  CHECK(read_text(folder / "deep/scenario.yaml") == "name: x\n");
  CHECK(refusal(folder, false, {tmp.path() / "outside.yaml"}).empty());
}

TEST_CASE("refuses paths that name no folder, before anything is made", "[output]") {
  TempDir tmp;
  for (const char* path : {"", ".", "..", "sub/..", "sub/.", "/"}) {
    INFO("'" << path << "'");
    CHECK(refusal(path).find("does not name a folder that can be replaced") != std::string::npos);
  }
  CHECK_FALSE(fs::exists("sub"));
  write_text(tmp.path() / "file", "mine\n");
  CHECK(refusal(tmp.path() / "file/out") ==
        (tmp.path() / "file/out").string() + ": cannot create the folder " +
            (tmp.path() / "file").string() + ": Not a directory");
  CHECK(read_text(tmp.path() / "file") == "mine\n");
  // "out/" is the folder out.
  commit_one_file((tmp.path() / "out").string() + "/", "x\n");
  CHECK(read_text(tmp.path() / "out/a.csv") == "x\n");
}

TEST_CASE("refuses a name whose hidden siblings would not fit the file system's name limit",
          "[output]") {
  TempDir tmp;
  const long limit = ::pathconf(tmp.path().c_str(), _PC_NAME_MAX);
  REQUIRE(limit > 0);
  // The name itself fits; ".NAME.previous-PID" does not.
  const std::string name(static_cast<std::size_t>(limit) - 10, 'n');
  const std::string message = refusal(tmp.path() / name);
  CHECK(message.find("the name is too long") != std::string::npos);
  CHECK(message.find(fmt::format("over the file system's limit of {} bytes", limit)) !=
        std::string::npos);
  // As long as the message says fits does fit.
  const std::size_t fits = std::stoul(message.substr(message.find("names of up to ") + 15));
  commit_one_file(tmp.path() / std::string(fits, 'n'), "x\n");
  CHECK(fs::exists(tmp.path() / std::string(fits, 'n') / "a.csv"));
}

TEST_CASE("a second output directory on the same path is refused while the first is open",
          "[output]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "out";
  write_results(target, "old\n");
  {
    OutputDirectory first(target, false, {});
    write_text(first.file("a.csv"), "first\n");
    write_text(first.file("manifest.json"), kManifest);
    CHECK(refusal(target) == target.string() +
                                 " is in use by another c2msim run (it holds the "
                                 "lock " +
                                 (tmp.path() / ".out.lock").string() + ")");
    CHECK(read_text(first.file("a.csv")) == "first\n");  // the refused one removed nothing
    first.commit();
  }
  CHECK(read_text(target / "a.csv") == "first\n");
  commit_one_file(target, "second\n");  // the lock went with the first
  CHECK(read_text(target / "a.csv") == "second\n");
}

TEST_CASE("staging folders left by runs that died are removed by the next run", "[output]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "out";
  // Whatever their process id: under the lock, no other run can be writing them.
  for (const std::string& pid :
       std::vector<std::string>{"1", "99999999", std::to_string(::getpid())}) {
    write_results(tmp.path() / (".out.partial-" + pid), "half\n");
  }
  // Not staging folders of out: left alone.
  for (const char* other :
       {".out.partial-x", ".out.partial-", ".outer.partial-1", "out.partial-1"}) {
    fs::create_directory(tmp.path() / other);
  }
  commit_one_file(target, "new\n");
  CHECK(entries_starting(tmp.path(), ".out.partial-") == 2);
  CHECK(fs::exists(tmp.path() / ".out.partial-x"));
  CHECK(fs::exists(tmp.path() / ".out.partial-"));
  CHECK(fs::exists(tmp.path() / ".outer.partial-1"));
  CHECK(fs::exists(tmp.path() / "out.partial-1"));
}

TEST_CASE("results renamed aside by a run that died while committing are restored", "[output]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "out";
  // Died between renaming out aside and renaming the new results in: no folder named out.
  write_results(tmp.path() / ".out.previous-4242", "old\n");
  {
    const OutputDirectory dir(target, false, {});
    CHECK(read_text(target / "a.csv") == "old\n");
  }  // a run that fails afterwards still leaves them in place
  CHECK(read_text(target / "a.csv") == "old\n");
  CHECK_FALSE(fs::exists(tmp.path() / ".out.previous-4242"));

  // Died after the new results were in: the aside folder is the replaced results.
  write_results(tmp.path() / ".out.previous-4243", "older\n");
  commit_one_file(target, "new\n");
  CHECK(read_text(target / "a.csv") == "new\n");
  CHECK(entries_starting(tmp.path(), ".out.previous-") == 0);
}

TEST_CASE("commit leaves nothing beside the output but its lock file", "[output]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "out";
  commit_one_file(target, "old\n");
  commit_one_file(target, "new\n");
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(tmp.path())) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{".out.lock", "out"});
}

TEST_CASE("discard removes the staging folder, from any thread, and commit then fails",
          "[output]") {
  TempDir tmp;
  const fs::path target = tmp.path() / "out";
  write_results(target, "old\n");
  OutputDirectory dir(target, false, {});
  write_text(dir.file("a.csv"), "half\n");
  bool removed = false;
  std::thread([&] { removed = dir.discard(); }).join();  // as the interrupt thread does
  CHECK(removed);
  CHECK_FALSE(dir.discard());
  CHECK(entries_starting(tmp.path(), ".out.partial-") == 0);
  CHECK_THROWS(dir.commit());
  CHECK(read_text(target / "a.csv") == "old\n");

  OutputDirectory again(tmp.path() / "again", false, {});
  again.commit();
  CHECK_FALSE(again.discard());  // nothing to discard once committed
  CHECK(fs::is_directory(tmp.path() / "again"));
}
