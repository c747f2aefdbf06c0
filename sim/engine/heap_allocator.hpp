#pragma once
// Storage for the calendar's heap, laid out for the way a d-ary heap reads memory.

#include <cstddef>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace c2msim::engine {

// An allocator for a std::vector holding a d-ary heap rooted at entry 0, whose families of
// children start at entries 1, 1 + d, 1 + 2d, ... Hand-written because no library allocator
// offsets its block:
// - Entry 1 starts a cache line, so that when d entries fill whole lines a family is read in
//   whole lines (8 entries of 24 bytes: three lines, never four).
// - A block of 2 MiB or more starts on a 2 MiB boundary and asks Linux for transparent huge pages:
//   a removal walks one entry per level from the root to a leaf, and beyond the cache each level
//   below the first few is on a page of its own, so with 4 KiB pages each also misses the TLB.
//   The kernel may refuse (or run with huge pages off); the block is then simply ordinary memory.
template <class T>
class HeapAllocator {
 public:
  using value_type = T;

  HeapAllocator() noexcept = default;
  template <class U>
  explicit HeapAllocator(const HeapAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    const std::size_t bytes = n * sizeof(T) + kOffset;
    void* block = ::operator new (bytes, std::align_val_t{alignment(bytes)});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= kHugePage) ::madvise(block, bytes, MADV_HUGEPAGE);  // advice only: may be refused
#endif
    return reinterpret_cast<T*>(static_cast<unsigned char*>(block) + kOffset);
  }

  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T) + kOffset;
    // The unsized form: clang declares the sized aligned one only with -fsized-deallocation.
    ::operator delete (reinterpret_cast<unsigned char*>(p) - kOffset,
                       std::align_val_t{alignment(bytes)});
  }

  template <class U>
  bool operator==(const HeapAllocator<U>&) const noexcept {
    return true;
  }

 private:
  static constexpr std::size_t kLine = 64;
  static constexpr std::size_t kHugePage = std::size_t{1} << 21;
  // Entry 0 ends where a line begins.
  static constexpr std::size_t kOffset = (kLine - sizeof(T) % kLine) % kLine;

  static constexpr std::size_t alignment(std::size_t bytes) noexcept {
    return bytes >= kHugePage ? kHugePage : kLine;
  }
};

}  // namespace c2msim::engine
