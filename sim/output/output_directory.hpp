#pragma once
// An output directory written atomically: files go into a hidden sibling directory, which is
// renamed onto the final name only when everything has been written. An interrupted or failed
// run leaves the previous results untouched and no half-written files under the final name.

#include <filesystem>
#include <string>

namespace c2msim::output {

class OutputDirectory {
 public:
  explicit OutputDirectory(std::filesystem::path final_path);
  ~OutputDirectory();
  OutputDirectory(const OutputDirectory&) = delete;
  OutputDirectory& operator=(const OutputDirectory&) = delete;

  // Where to write `name` before commit().
  [[nodiscard]] std::filesystem::path file(const std::string& name) const {
    return staging_ / name;
  }
  [[nodiscard]] const std::filesystem::path& final_path() const noexcept { return final_; }

  // Replaces the final directory (and whatever it held) with the staged one.
  void commit();

 private:
  std::filesystem::path final_;
  std::filesystem::path staging_;
  bool committed_ = false;
};

}  // namespace c2msim::output
