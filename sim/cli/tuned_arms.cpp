#include "sim/cli/tuned_arms.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "sim/scenario/diagnostic.hpp"

namespace c2msim::cli {
namespace {

bool fail(std::string_view command, const std::string& message) {
  fmt::print(stderr, "c2msim {}: error: {}\n", command, scenario::one_line(message));
  return false;
}

// The scenario_sha256 of DIR/manifest.json, or nothing after printing why there is none.
std::optional<std::string> tuned_sha256(const std::filesystem::path& dir,
                                        std::string_view command) {
  const std::filesystem::path path = dir / "manifest.json";
  std::ifstream in(path);
  nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
  if (!in.is_open() || manifest.is_discarded() || !manifest.is_object() ||
      !manifest.contains("tuned") || !manifest["scenario_sha256"].is_string()) {
    fail(command, fmt::format("--tuned {}: {} is not the manifest of a `c2msim tune` folder",
                              dir.string(), path.string()));
    return std::nullopt;
  }
  return manifest["scenario_sha256"].get<std::string>();
}

}  // namespace

std::optional<TunedArms> read_tuned_arms(const std::vector<std::string>& dirs,
                                         scenario::ScenarioOverrides& overrides,
                                         std::string_view command) {
  TunedArms out;
  for (const std::string& dir : dirs) {
    std::error_code error;
    std::vector<std::filesystem::path> files;
    for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
         it.increment(error)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with("tuned-") && name.ends_with(".yaml")) files.push_back(it->path());
    }
    if (error || files.empty()) {
      fail(command, fmt::format("--tuned {}: {}", dir,
                                error ? error.message()
                                      : "holds no tuned-ARM.yaml (a folder `c2msim tune` wrote)"));
      return std::nullopt;
    }
    const auto sha = tuned_sha256(dir, command);
    if (!sha) return std::nullopt;
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      scenario::ArmOverlay overlay =
          scenario::read_arm_overlay(file, fmt::format("--tuned {}", file.string()));
      if (!overlay.ok()) {
        for (const auto& d : overlay.diagnostics)
          fmt::print(stderr, "{}\n", scenario::to_string(d));
        return std::nullopt;
      }
      for (const auto& arm : overlay.arms) {
        const bool twice = std::any_of(out.arms.begin(), out.arms.end(), [&](const auto& a) {
          return a.name == arm.name || a.extends == arm.extends;
        });
        if (twice) {
          fail(command, fmt::format("--tuned {}: arm {} is tuned twice (name each tuned arm once)",
                                    file.string(), arm.extends));
          return std::nullopt;
        }
        out.arms.push_back(arm);
      }
      for (auto& set : overlay.sets) overrides.sets.push_back(std::move(set));
    }
    out.dirs.push_back(dir);
    out.sha256.push_back(*sha);
  }
  return out;
}

bool check_tuned_on(const TunedArms& tuned, const std::string& file, const std::string& sha256,
                    std::string_view command) {
  for (std::size_t d = 0; d < tuned.dirs.size(); ++d) {
    if (tuned.sha256[d] != sha256) {
      return fail(command, fmt::format("--tuned {}: tuned on another content of {} (its sha256 "
                                       "was {}, the file's is {}); tune it again",
                                       tuned.dirs[d], file, tuned.sha256[d], sha256));
    }
  }
  return true;
}

std::string tuned_name(const TunedArms& tuned, const std::string& arm) {
  for (const auto& t : tuned.arms) {
    if (t.extends == arm) return t.name;
  }
  return arm;
}

std::vector<std::string> arms_with_tuned(const scenario::Scenario& sc, const TunedArms& tuned) {
  std::vector<std::string> names;
  for (const scenario::Arm& arm : sc.arms) {
    const bool added = std::any_of(tuned.arms.begin(), tuned.arms.end(),
                                   [&](const auto& t) { return t.name == arm.name; });
    if (!added) names.push_back(tuned_name(tuned, arm.name));
  }
  return names;
}

}  // namespace c2msim::cli
