#include "sim/cli/arm_choice.hpp"

#include <fmt/core.h>

#include <algorithm>

#include "sim/scenario/diagnostic.hpp"
#include "sim/scenario/did_you_mean.hpp"

namespace c2msim::cli {

std::string arm_names(const scenario::Scenario& scenario) {
  std::string known;
  for (const auto& a : scenario.arms) known += (known.empty() ? "" : ", ") + a.name;
  return known;
}

void report_unknown_arm(const scenario::Scenario& scenario, const std::string& name,
                        std::string_view command, std::string_view option,
                        const std::string& file) {
  std::vector<std::string_view> known;
  for (const auto& a : scenario.arms) known.push_back(a.name);
  const auto suggestion = scenario::did_you_mean(name, known);
  fmt::print(stderr, "c2msim {}: error: {} {}: no such arm in {}{} (it has: {})\n", command, option,
             scenario::one_line(name), scenario::one_line(file),
             suggestion ? fmt::format(" (did you mean '{}'?)", *suggestion) : "",
             arm_names(scenario));
}

std::optional<ArmChoice> choose_arms(const scenario::Scenario& scenario,
                                     const std::vector<std::string>& names,
                                     std::string_view command, const std::string& file) {
  ArmChoice choice;
  for (const std::string& name : names) {
    const scenario::Arm* arm = scenario.find_arm(name);
    if (arm == nullptr) {
      report_unknown_arm(scenario, name, command, "--arm", file);
      return std::nullopt;
    }
    if (std::find(choice.arms.begin(), choice.arms.end(), arm) != choice.arms.end()) {
      // Run twice, an arm would be compared with itself and written twice to every file.
      fmt::print(stderr, "c2msim {}: error: --arm {}: given twice; name each arm once\n", command,
                 scenario::one_line(name));
      return std::nullopt;
    }
    choice.arms.push_back(arm);
  }
  if (choice.arms.empty()) {
    for (const auto& a : scenario.arms) choice.arms.push_back(&a);
  }
  for (std::size_t i = 0; i < choice.arms.size(); ++i) {
    if (choice.arms[i]->name == scenario.compare.baseline) choice.baseline = i;
  }
  return choice;
}

}  // namespace c2msim::cli
