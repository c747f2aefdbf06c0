// Replaces the global operator new of the benchmark program to count every heap allocation, so
// that it can report how many the model makes per event once it has reached its working size.
// In a file of its own: replacing operator new in the same file as its callers makes g++ 12 warn
// falsely about mismatched new and delete.

#include <atomic>
#include <cstdlib>
#include <new>

#include "sim/bench/model_benchmark.hpp"

namespace {
std::atomic<std::uint64_t> g_allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

std::uint64_t c2msim::bench::allocations_so_far() {
  return g_allocations.load();
}
