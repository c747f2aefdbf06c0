#include "sim/engine/heap_allocator.hpp"

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <vector>

using c2msim::engine::HeapAllocator;

namespace {

struct Entry24 {
  double time;
  std::uint64_t sequence;
  std::uint32_t payload;
};
struct Entry32 {
  double time;
  std::uint64_t sequence;
  std::uint32_t a, b, c;
};

std::uintptr_t address(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p);
}

template <class T>
void check_first_family_starts_a_line(std::size_t n) {
  HeapAllocator<T> allocator;
  T* p = allocator.allocate(n);
  CHECK(address(p + 1) % 64 == 0);
  allocator.deallocate(p, n);
}

}  // namespace

TEST_CASE("the heap's first family of children starts a cache line", "[engine][allocator]") {
  const std::size_t n =
      GENERATE(std::size_t{1}, std::size_t{9}, std::size_t{1000}, std::size_t{200000});
  check_first_family_starts_a_line<Entry24>(n);
  check_first_family_starts_a_line<Entry32>(n);
  check_first_family_starts_a_line<std::uint64_t>(n);
}

TEST_CASE("a heap vector on the allocator keeps its entries through growth",
          "[engine][allocator]") {
  std::vector<Entry24, HeapAllocator<Entry24>> heap;
  for (std::uint32_t i = 0; i < 200000; ++i) {  // grows past 2 MiB, onto huge-page blocks
    heap.push_back(Entry24{static_cast<double>(i), i, i});
    REQUIRE(address(heap.data() + 1) % 64 == 0);
  }
  for (std::uint32_t i = 0; i < 200000; ++i) {
    REQUIRE(heap[i].sequence == i);
    REQUIRE(heap[i].payload == i);
  }
  heap.clear();
  heap.shrink_to_fit();
  CHECK(heap.capacity() == 0);
}
