#pragma once
// A set of event sequence numbers: the calendar's record of cancelled events that are still in
// its heap or zero-delay queue.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace c2msim::engine {

// Open addressing with linear probing in one flat table, so that inserting and erasing allocate
// nothing once the table has grown to its working size: std::unordered_set allocates a node per
// element and Boost 1.74 (Debian's) has no flat hash set yet.
class SequenceSet {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

  [[nodiscard]] bool contains(std::uint64_t key) const noexcept {
    if (size_ == 0) return false;
    for (std::size_t i = home(key);; i = next(i)) {
      if (table_[i] == key) return true;
      if (table_[i] == kEmpty) return false;
    }
  }

  // Adds a key that is not in the set (the largest value is reserved).
  void insert(std::uint64_t key) {
    if (2 * (size_ + 1) > table_.size()) grow();
    place(key);
    ++size_;
  }

  // Removes the key; false if it was not in the set.
  bool erase(std::uint64_t key) noexcept {
    if (size_ == 0) return false;
    std::size_t i = home(key);
    while (table_[i] != key) {
      if (table_[i] == kEmpty) return false;
      i = next(i);
    }
    // Backward-shift deletion: pull later members of the probe run into the gap, so that no
    // lookup stops early at it and no tombstones accumulate.
    for (std::size_t j = next(i); table_[j] != kEmpty; j = next(j)) {
      const std::size_t h = home(table_[j]);
      const bool between = i <= j ? (i < h && h <= j) : (i < h || h <= j);
      if (!between) {
        table_[i] = table_[j];
        i = j;
      }
    }
    table_[i] = kEmpty;
    --size_;
    return true;
  }

  // Empties the set and keeps its table.
  void clear() noexcept {
    if (size_ == 0) return;
    for (std::uint64_t& slot : table_) slot = kEmpty;
    size_ = 0;
  }

 private:
  static constexpr std::uint64_t kEmpty = std::numeric_limits<std::uint64_t>::max();
  static constexpr std::size_t kMinimumCapacity = 16;

  // Sequence numbers are nearly consecutive; a multiplicative mix spreads regular strides (every
  // k-th event cancelled) over the table. The product is taken in 128 bits, so nothing wraps.
  [[nodiscard]] std::size_t home(std::uint64_t key) const noexcept {
    __extension__ using Wide = unsigned __int128;
    const Wide product = static_cast<Wide>(key) * Wide{0x9e3779b97f4a7c15u};
    const auto mixed =
        static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
    return static_cast<std::size_t>(mixed) & (table_.size() - 1);
  }
  [[nodiscard]] std::size_t next(std::size_t i) const noexcept {
    return (i + 1) & (table_.size() - 1);
  }

  void place(std::uint64_t key) noexcept {
    std::size_t i = home(key);
    while (table_[i] != kEmpty) i = next(i);
    table_[i] = key;
  }

  void grow() {
    std::vector<std::uint64_t> old(
        table_.size() < kMinimumCapacity ? kMinimumCapacity : 2 * table_.size(), kEmpty);
    old.swap(table_);
    for (const std::uint64_t key : old) {
      if (key != kEmpty) place(key);
    }
  }

  std::vector<std::uint64_t> table_;
  std::size_t size_ = 0;
};

}  // namespace c2msim::engine
