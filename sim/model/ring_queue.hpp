#pragma once
// A FIFO on a growable ring buffer. std::deque allocates and frees a block every few hundred
// pushes even at a constant length; this one only allocates when it grows, so a model that has
// reached its working size allocates nothing per event.

#include <cstddef>
#include <stdexcept>
#include <utility>
#include <vector>

namespace c2msim::model {

template <class T>
class RingQueue {
 public:
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

  void push_back(T value) {
    if (size_ == buffer_.size()) grow();
    buffer_[(head_ + size_) & (buffer_.size() - 1)] = std::move(value);
    ++size_;
  }
  [[nodiscard]] T& front() {
    if (size_ == 0) throw std::logic_error("front of an empty queue");
    return buffer_[head_];
  }
  void pop_front() {
    if (size_ == 0) throw std::logic_error("pop from an empty queue");
    head_ = (head_ + 1) & (buffer_.size() - 1);
    --size_;
  }
  // The i-th element from the front.
  [[nodiscard]] const T& operator[](std::size_t i) const {
    return buffer_[(head_ + i) & (buffer_.size() - 1)];
  }
  [[nodiscard]] T& operator[](std::size_t i) { return buffer_[(head_ + i) & (buffer_.size() - 1)]; }
  // Removes the elements for which pred(element) is true, keeping the others in order.
  template <class Pred>
  void erase_if(Pred pred) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < size_; ++i) {
      T& x = buffer_[(head_ + i) & (buffer_.size() - 1)];
      if (pred(x)) continue;
      if (kept != i) buffer_[(head_ + kept) & (buffer_.size() - 1)] = std::move(x);
      ++kept;
    }
    size_ = kept;
  }
  void clear() noexcept {
    head_ = 0;
    size_ = 0;
  }

 private:
  void grow() {
    std::vector<T> bigger(buffer_.empty() ? 8 : buffer_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i)
      bigger[i] = std::move(buffer_[(head_ + i) & (buffer_.size() - 1)]);
    buffer_ = std::move(bigger);
    head_ = 0;
  }

  std::vector<T> buffer_;  // capacity is a power of two
  std::size_t head_ = 0;
  std::size_t size_ = 0;
};

}  // namespace c2msim::model
