#pragma once
// Counter-based random streams: every draw is a pure function of (key, position), so any
// replication, purpose or entity can be generated independently, in any order, on any thread.

#include <Random123/philox.h>

#include <array>
#include <cstdint>

namespace c2msim::random {

// Identifies one independent stream. `purpose` says what the draws are for (customer arrivals,
// lead times, ...) and `entity` which market, lane or node draws them; the model assigns both.
// `member` splits an entity's stream into one per member (the k-th customer of a market), so that
// a member's draws do not depend on how many its predecessors made.
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t replication = 0;
  std::uint64_t purpose = 0;
  std::uint64_t entity = 0;
  std::uint64_t member = 0;

  friend bool operator==(const StreamKey&, const StreamKey&) = default;
};

// Philox4x64-10 (Salmon et al., SC'11) with key (seed, replication) and counter
// (purpose, entity, block, member): distinct keys and counters give distinct, statistically
// independent blocks of four 64-bit words, with 2^64 blocks per stream. A stream costs nothing
// until its first draw, so a model may make one for each draw it needs. Not a
// std::uniform_random_bit_generator on purpose: c2msim's distributions take a RandomStream so that
// their algorithms, and therefore the values, are the same on every platform (see
// distributions.hpp).
class RandomStream {
 public:
  explicit RandomStream(const StreamKey& key) noexcept
      : key_{{key.seed, key.replication}}, counter_{{key.purpose, key.entity, 0, key.member}} {}

  // The next 64 random bits.
  std::uint64_t next_u64() noexcept {
    if (used_ == kWordsPerBlock) refill();
    return block_[used_++];
  }

  // Uniform on [0, 1) with 53 random bits.
  double uniform01() noexcept { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

  // Uniform on (0, 1): never 0 or 1, safe for log().
  double uniform_open01() noexcept {
    return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53;
  }

  // Uniform integer in [0, n) for n > 0, without modulo bias (Lemire's multiply-and-reject;
  // mulhilo64 is Random123's portable 64x64->128 multiply).
  std::uint64_t below(std::uint64_t n) noexcept {
    std::uint64_t high = 0;
    std::uint64_t low = mulhilo64(next_u64(), n, &high);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;
      while (low < threshold) low = mulhilo64(next_u64(), n, &high);
    }
    return high;
  }

  // 64-bit words drawn so far.
  [[nodiscard]] std::uint64_t words_drawn() const noexcept {
    return counter_.v[2] * kWordsPerBlock - (kWordsPerBlock - used_);
  }

 private:
  static constexpr unsigned kWordsPerBlock = 4;
  using Philox = r123::Philox4x64;

  void refill() noexcept {
    const Philox::ctr_type out = Philox{}(counter_, key_);
    for (unsigned i = 0; i < kWordsPerBlock; ++i) block_[i] = out.v[i];
    ++counter_.v[2];
    used_ = 0;
  }

  Philox::key_type key_;
  Philox::ctr_type counter_;
  std::array<std::uint64_t, kWordsPerBlock> block_{};
  unsigned used_ = kWordsPerBlock;
};

}  // namespace c2msim::random
