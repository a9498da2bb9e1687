#include "auth/throttle.hpp"

namespace sp::auth {
bool Throttle::allow(const std::string& key) {
  auto now = std::chrono::steady_clock::now();
  std::lock_guard lk(mu_);
  if (events_.size() > 100000) events_.clear();  // bound memory under a flood of distinct keys
  auto& q = events_[key];
  while (!q.empty() && now - q.front() > window_) q.pop_front();
  if (static_cast<int>(q.size()) >= max_) return false;
  q.push_back(now);
  return true;
}
}  // namespace sp::auth
