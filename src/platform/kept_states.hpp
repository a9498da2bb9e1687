#pragma once
// Aggregates kept per query and brought up to date by what changed, instead of recounted (issue 11,
// decision 0016). Where KeptAnswers (kept_answers.hpp) recomputes an answer whole after any change,
// KeptStates keeps the parts an answer is made of (a services overview's districts) with the data's
// version they were counted at; a request at a newer version hands the kept state and its version to
// `bring`, which asks the audit trail what changed since (audit::changes) and recounts only the parts
// those changes touched. One request at a time brings a state up to date; the others asking for the
// same query wait for it and take its answer (single flight). Thread-safe.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/metrics.hpp"

namespace sp::platform {
template <class State>
class KeptStates {
 public:
  explicit KeptStates(std::size_t max_entries = 16) : max_entries_(max_entries) {}

  // `bring(state, kept_version)` makes the state (when `state` is empty) or brings it from
  // `kept_version` up to the data as the request's transaction reads it, and answers the text. If it
  // throws, the kept state is dropped (it may be half brought) and the exception reaches the caller.
  using Bring = std::function<std::string(std::optional<State>& state, std::int64_t kept_version)>;

  // The answer to `key` at data version `version` or newer.
  std::shared_ptr<const std::string> get(const std::string& key, std::int64_t version, const Bring& bring) {
    auto e = entry(key);
    std::lock_guard lock(e->mu);  // single flight: the others wait here
    if (e->answer && e->version >= version) {
      metrics::add("socialpact_kept_answers_total", {{"kind", "state"}, {"result", "served"}});
      return e->answer;
    }
    metrics::add("socialpact_kept_answers_total", {{"kind", "state"}, {"result", e->state ? "brought_up_to_date" : "counted"}});
    try {
      auto text = bring(e->state, e->state ? e->version : -1);
      e->answer = std::make_shared<const std::string>(std::move(text));
      e->version = version;
      return e->answer;
    } catch (...) {
      e->state.reset();
      e->answer.reset();
      e->version = -1;
      throw;
    }
  }

 private:
  struct Entry {
    std::mutex mu;
    std::int64_t version = -1;                  // GUARDED_BY(mu)
    std::optional<State> state;                 // GUARDED_BY(mu)
    std::shared_ptr<const std::string> answer;  // GUARDED_BY(mu)
    std::uint64_t used = 0;                     // GUARDED_BY(KeptStates::mu_)
  };

  std::shared_ptr<Entry> entry(const std::string& key) {
    std::lock_guard lock(mu_);
    auto& e = entries_[key];
    if (!e) {
      e = std::make_shared<Entry>();
      if (entries_.size() > max_entries_) {  // forget the least recently used other query
        auto oldest = entries_.end();
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
          if (it->first != key && (oldest == entries_.end() || it->second->used < oldest->second->used)) oldest = it;
        if (oldest != entries_.end()) entries_.erase(oldest);  // a request still holding it finishes with its own copy
      }
    }
    e->used = ++clock_;
    return e;
  }

  std::size_t max_entries_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<Entry>> entries_;  // GUARDED_BY(mu_)
  std::uint64_t clock_ = 0;                                // GUARDED_BY(mu_)
};
}  // namespace sp::platform
