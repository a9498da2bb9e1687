#pragma once
// Sliding-window limiter keyed by a string (an IP address for login attempts). In memory: a
// restart forgets, which is acceptable for throttling (the per-account lock is in the database).
#include <chrono>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sp::auth {
class Throttle {
 public:
  Throttle(int max_events, std::chrono::seconds window) : max_(max_events), window_(window) {}
  // Records an attempt; false when the key already had max_events in the window.
  bool allow(const std::string& key);

 private:
  int max_;
  std::chrono::seconds window_;
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<std::chrono::steady_clock::time_point>> events_;  // GUARDED_BY(mu_)
};
}  // namespace sp::auth
