#include "platform/kept_answers.hpp"

#include "common/metrics.hpp"
#include "http/respond.hpp"

namespace sp::platform {
std::string KeptAnswers::get(const std::string& key, std::int64_t version, const std::function<std::string()>& compute) {
  std::shared_future<std::string> waiting;  // kept, or being computed by another request
  std::promise<std::string> mine;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.version >= version) {
      waiting = it->second.answer;
    } else {
      if (entries_.size() >= max_entries_)  // forget what is complete; keep what others wait for
        for (auto e = entries_.begin(); e != entries_.end();)
          e = e->second.answer.wait_for(std::chrono::seconds(0)) == std::future_status::ready ? entries_.erase(e) : std::next(e);
      entries_[key] = {version, mine.get_future().share()};
      ++computed_;
    }
  }
  metrics::add("socialpact_kept_answers_total", {{"kind", "answer"}, {"result", waiting.valid() ? "served" : "computed"}});
  if (waiting.valid()) return waiting.get();  // outside the lock
  try {
    auto answer = compute();
    mine.set_value(answer);
    return answer;
  } catch (...) {
    mine.set_exception(std::current_exception());
    std::lock_guard lock(mu_);
    if (auto it = entries_.find(key); it != entries_.end() && it->second.version == version) entries_.erase(it);
    throw;
  }
}

std::int64_t KeptAnswers::computed() const {
  std::lock_guard lock(mu_);
  return computed_;
}

KeptRecord kept_record(KeptAnswers& kept, const std::string& key, std::int64_t data_version,
                       const std::function<std::pair<boost::json::object, std::int64_t>()>& compute) {
  // Kept as "<version>\n<json>": one string per answer, split on the way out.
  auto text = kept.get(key, data_version, [&] {
    auto [o, version] = compute();
    return std::to_string(version) + "\n" + boost::json::serialize(o);
  });
  auto nl = text.find('\n');
  return {text.substr(nl + 1), std::stoll(text.substr(0, nl))};
}

http::Response answer(const KeptRecord& r) {
  auto res = http::json_text(r.json);
  if (r.version > 0) res.header("ETag", "\"" + std::to_string(r.version) + "\"");
  return res;
}
}  // namespace sp::platform
