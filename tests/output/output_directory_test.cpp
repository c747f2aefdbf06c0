#include "sim/output/output_directory.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

using c2msim::output::OutputDirectory;
namespace fs = std::filesystem;

namespace {
fs::path fresh_dir(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("c2msim-test-" + name);
  fs::remove_all(p);
  return p;
}
std::string read(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
}  // namespace

TEST_CASE("an output directory appears only when committed", "[output]") {
  const fs::path target = fresh_dir("commit") / "out";
  {
    OutputDirectory dir(target);
    std::ofstream(dir.file("a.csv")) << "x\n";
    CHECK_FALSE(fs::exists(target));
    dir.commit();
  }
  CHECK(read(target / "a.csv") == "x\n");
  fs::remove_all(target.parent_path());
}

TEST_CASE("a run that fails before committing leaves the previous results untouched", "[output]") {
  const fs::path target = fresh_dir("abort") / "out";
  {
    OutputDirectory first(target);
    std::ofstream(first.file("a.csv")) << "old\n";
    first.commit();
  }
  {
    OutputDirectory second(target);
    std::ofstream(second.file("a.csv")) << "half";
  }  // destroyed without commit, as when an exception unwinds
  CHECK(read(target / "a.csv") == "old\n");
  std::size_t entries = 0;
  for (const auto& e : fs::directory_iterator(target.parent_path())) {
    (void)e;
    ++entries;
  }
  CHECK(entries == 1);  // no staging directory left behind
  {
    OutputDirectory third(target);
    std::ofstream(third.file("b.csv")) << "new\n";
    third.commit();
  }
  CHECK_FALSE(fs::exists(target / "a.csv"));
  CHECK(read(target / "b.csv") == "new\n");
  fs::remove_all(target.parent_path());
}
