#pragma once
// Suggestions for misspelt keys and words: "unknown key 'capcity_per_day'; did you mean
// 'capacity_per_day'?".

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace c2msim::scenario {

// Optimal string alignment distance (Levenshtein with adjacent transpositions), ignoring case.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, if it is close enough to be what was meant: within an edit
// distance of about a third of the word's length, or a key that the word is the start of (so
// `horizon` suggests `horizon_days` and `lead_time` suggests `lead_time_days`). Ties go to the
// first candidate.
std::optional<std::string_view> did_you_mean(std::string_view word,
                                             std::span<const std::string_view> candidates);

}  // namespace c2msim::scenario
