#pragma once
// Nearest-rank quantiles and the mean of a stream of non-negative values (customers' lead times)
// in bounded memory. While the stream holds at most `exact_capacity` values they are kept and the
// quantiles are exact: the ceil(q n)-th smallest value (the first for q = 0). Past that, the
// values go into a histogram with logarithmic bins (Boost.Histogram) whose edges are a factor
// 1 + 2^-10 apart, and a quantile is the geometric middle of the bin holding that rank, within
// 0.05% of the exact value; values below `smallest` share one bin, whose quantile is the smallest
// value seen. Either way a quantile lies between the smallest and largest values seen.
// Zeros (the lead time of every customer served at once from a shop's shelf) are counted, not
// stored: below every other value, they take the lowest ranks, and only the rest is selected among.

#include <algorithm>
#include <boost/histogram.hpp>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace c2msim::stats {

class StreamQuantiles {
 public:
  static constexpr std::size_t kDefaultExactCapacity = std::size_t{1} << 17;  // 1 MiB of doubles

  explicit StreamQuantiles(std::size_t exact_capacity = kDefaultExactCapacity,
                           double smallest = 1e-6, double largest = 1e7)
      : capacity_(exact_capacity), smallest_(smallest), largest_(largest) {}

  void add(double x) {
    ++n_;
    sum_ += x;
    min_ = std::min(min_, x);
    max_ = std::max(max_, x);
    if (!binned()) {
      if (n_ <= capacity_) {
        if (x == 0.0) {
          ++zeros_;
        } else {
          exact_.push_back(x);
        }
        return;
      }
      start_binning();
    }
    (*histogram_)(x);
  }

  [[nodiscard]] std::uint64_t count() const noexcept { return n_; }
  // The sum over the count, the sum taken in arrival order; NaN when empty.
  [[nodiscard]] double mean() const noexcept {
    return n_ > 0 ? sum_ / static_cast<double>(n_) : std::numeric_limits<double>::quiet_NaN();
  }
  // Whether the quantiles are exact (the stream fitted in the exact buffer).
  [[nodiscard]] bool exact() const noexcept { return !binned(); }

  // The nearest-rank quantile of each q in [0, 1]; NaN when empty.
  [[nodiscard]] std::vector<double> quantiles(std::span<const double> qs) const {
    std::vector<double> out;
    out.reserve(qs.size());
    if (n_ == 0) {
      out.assign(qs.size(), std::numeric_limits<double>::quiet_NaN());
      return out;
    }
    if (!binned()) {
      // Ranks in ascending order, each selected among the values above the last one selected:
      // after nth_element at rank k, everything past k is no smaller, so the next rank's
      // selection needs only that part (about half the work of selecting each in all values).
      std::vector<std::size_t> order(qs.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(),
                [&](std::size_t a, std::size_t b) { return rank(qs[a]) < rank(qs[b]); });
      std::vector<double> values = exact_;
      // The zeros take the lowest ranks, unless a negative value (outside the contract, but kept
      // exact) ranks below them: then they join the values selected among.
      std::size_t zeros = zeros_;
      if (min_ < 0.0) {
        values.insert(values.end(), zeros, 0.0);
        zeros = 0;
      }
      out.resize(qs.size());
      auto from = values.begin();
      for (const std::size_t i : order) {
        const std::size_t k = rank(qs[i]);
        if (k < zeros) {
          out[i] = 0.0;
          continue;
        }
        const auto kth = values.begin() + static_cast<std::ptrdiff_t>(k - zeros);
        if (kth >= from) {
          std::nth_element(from, kth, values.end());
          from = kth + 1;
        }
        out[i] = *kth;
      }
      return out;
    }
    for (double q : qs) out.push_back(binned_quantile(rank(q)));
    return out;
  }

  void clear() {
    exact_.clear();
    zeros_ = 0;
    histogram_.reset();
    n_ = 0;
    sum_ = 0;
    min_ = std::numeric_limits<double>::infinity();
    max_ = -std::numeric_limits<double>::infinity();
  }

 private:
  using LogAxis = boost::histogram::axis::regular<double, boost::histogram::axis::transform::log>;
  using Histogram = decltype(boost::histogram::make_histogram(std::declval<LogAxis>()));

  [[nodiscard]] bool binned() const noexcept { return histogram_.has_value(); }

  // The 0-based rank of the nearest-rank q-quantile of n values.
  [[nodiscard]] std::size_t rank(double q) const {
    const auto r = static_cast<std::size_t>(std::ceil(q * static_cast<double>(n_)));
    return std::min<std::size_t>(n_ - 1, r == 0 ? 0 : r - 1);
  }

  void start_binning() {
    const auto bins = static_cast<unsigned>(
        std::ceil(std::log(largest_ / smallest_) / std::log1p(std::ldexp(1.0, -10))));
    histogram_.emplace(boost::histogram::make_histogram(LogAxis(bins, smallest_, largest_)));
    for (double x : exact_) (*histogram_)(x);
    for (std::size_t i = 0; i < zeros_; ++i) (*histogram_)(0.0);
    std::vector<double>().swap(exact_);  // give the buffer's memory back
    zeros_ = 0;
  }

  [[nodiscard]] double binned_quantile(std::size_t k) const {
    double below = 0;  // values in the bins before this one
    for (auto&& bin : boost::histogram::indexed(*histogram_, boost::histogram::coverage::all)) {
      below += *bin;
      if (below <= static_cast<double>(k)) continue;
      if (bin.index() < 0) return min_;  // below the smallest edge
      if (bin.index() >= static_cast<int>(histogram_->axis().size())) return max_;
      const double middle = std::sqrt(bin.bin().lower() * bin.bin().upper());
      return std::clamp(middle, min_, max_);
    }
    return max_;
  }

  std::size_t capacity_;
  double smallest_, largest_;
  std::vector<double> exact_;  // the values other than zero, while exact
  std::size_t zeros_ = 0;      // the zeros, while exact
  std::optional<Histogram> histogram_;
  std::uint64_t n_ = 0;
  double sum_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace c2msim::stats
