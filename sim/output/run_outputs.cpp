#include "sim/output/run_outputs.hpp"

#include <openssl/evp.h>

#include <array>
#include <memory>
#include <stdexcept>

#include "sim/output/output_file.hpp"

namespace c2msim::output {

ReplicationsCsv::ReplicationsCsv(const std::string& path, std::vector<std::string> arms)
    : file_(path, {"arm", "replication", "scope", "metric", "value"}), arms_(std::move(arms)) {}

void ReplicationsCsv::write(const montecarlo::ReplicationBatch& batch) {
  for (std::size_t a = 0; a < batch.arms.size(); ++a) {
    const std::string arm = csv_field(arms_[a]);
    for (const model::MetricValue& m : batch.arms[a].metrics) {
      file_.row(arm, batch.replication, csv_field(m.scope), csv_field(m.metric),
                csv_number(m.value));
    }
  }
}

void write_summary_csv(const std::string& path, const std::vector<montecarlo::SummaryRow>& rows) {
  CsvFile file(path, {"arm", "scope", "metric", "n", "mean", "sd", "ci95_low", "ci95_high", "p05",
                      "p50", "p95"});
  for (const auto& r : rows) {
    const auto& s = r.summary;
    file.row(csv_field(r.arm), csv_field(r.key.scope), csv_field(r.key.metric), s.n,
             csv_number(s.mean), csv_number(s.sd), csv_number(s.ci95_low), csv_number(s.ci95_high),
             csv_number(s.p05), csv_number(s.p50), csv_number(s.p95));
  }
  file.close();
}

void write_comparison_csv(const std::string& path,
                          const std::vector<montecarlo::ComparisonRow>& rows) {
  CsvFile file(path, {"arm", "baseline", "scope", "metric", "n", "mean_difference", "ci95_low",
                      "ci95_high", "relative_change"});
  for (const auto& r : rows) {
    const auto& d = r.difference;
    file.row(csv_field(r.arm), csv_field(r.baseline), csv_field(r.key.scope),
             csv_field(r.key.metric), d.n, csv_number(d.mean), csv_number(d.ci95_low),
             csv_number(d.ci95_high), csv_number(r.relative_change));
  }
  file.close();
}

std::string sha256_hex(std::string_view bytes) {
  const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(),
                                                                    &EVP_MD_CTX_free);
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) {
    throw std::runtime_error("SHA-256 is unavailable");
  }
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) hex += fmt::format("{:02x}", digest[i]);
  return hex;
}

void write_json(const std::string& path, const nlohmann::json& document) {
  OutputFile file(path);
  file.stream() << document.dump(2) << '\n';
  file.close();
}

}  // namespace c2msim::output
