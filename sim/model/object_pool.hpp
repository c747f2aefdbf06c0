#pragma once
// Records (orders, shipments, customers, jobs) addressed by a dense index that an event can carry.
// Released indices are reused, so a run in steady state allocates nothing.

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

namespace c2msim::model {

template <class T>
class ObjectPool {
 public:
  using Id = std::uint32_t;
  static constexpr std::size_t kMaxRecords = std::size_t{0xFFFFFFFF};

  Id add(T value) {
    if (++live_ > peak_) peak_ = live_;
    if (!free_.empty()) {
      const Id id = free_.back();
      free_.pop_back();
      items_[id] = std::move(value);
      return id;
    }
    // Ids are 32-bit; the last is kept free as "no record" (kNoRecord).
    if (items_.size() >= kMaxRecords) throw std::length_error("more than 2^32 - 1 records");
    items_.push_back(std::move(value));
    return static_cast<Id>(items_.size() - 1);
  }
  void release(Id id) {
    --live_;
    free_.push_back(id);
  }
  [[nodiscard]] T& operator[](Id id) { return items_[id]; }
  [[nodiscard]] const T& operator[](Id id) const { return items_[id]; }
  [[nodiscard]] std::size_t live() const noexcept { return live_; }
  // The most records alive at once.
  [[nodiscard]] std::size_t peak() const noexcept { return peak_; }

 private:
  std::vector<T> items_;
  std::vector<Id> free_;
  std::size_t live_ = 0;
  std::size_t peak_ = 0;
};

}  // namespace c2msim::model
