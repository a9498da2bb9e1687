#pragma once
// Answers kept per query until the data changes (store/data_version.hpp), with single flight: when
// the kept answer is outdated, one request computes the new one and the others asking for the same
// query wait for it, instead of all computing it at once right after a change. Thread-safe.
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include <boost/json.hpp>

#include "http/request.hpp"

namespace sp::platform {
class KeptAnswers {
 public:
  explicit KeptAnswers(std::size_t max_entries = 500) : max_entries_(max_entries) {}
  // The answer to `key` at data version `version` (or newer): kept, being computed by another
  // request (waited for), or computed now by `compute`. An exception from `compute` reaches every
  // request waiting for it, and nothing is kept.
  std::string get(const std::string& key, std::int64_t version, const std::function<std::string()>& compute);
  // How many answers were computed (not served from what was kept): for tests and metrics.
  std::int64_t computed() const;

 private:
  struct Entry {
    std::int64_t version;
    std::shared_future<std::string> answer;
  };
  std::size_t max_entries_;
  mutable std::mutex mu_;
  std::map<std::string, Entry> entries_;  // GUARDED_BY(mu_)
  std::int64_t computed_ = 0;             // GUARDED_BY(mu_)
};

// A record's page kept the same way (a programme's figures, an indicator's page): read by every reader
// alike until the data changes, computed once per change. Its JSON and its version (the ETag).
struct KeptRecord {
  std::string json;
  std::int64_t version = 0;
};
KeptRecord kept_record(KeptAnswers& kept, const std::string& key, std::int64_t data_version,
                       const std::function<std::pair<boost::json::object, std::int64_t>()>& compute);
http::Response answer(const KeptRecord& r);
}  // namespace sp::platform
