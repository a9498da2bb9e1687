#include "platform/kept_answers.hpp"

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
}  // namespace sp::platform
