#pragma once
// Periodic work of a running server: reminders (reports due and overdue). Runs once at start, then
// every cfg.jobs_interval_seconds on its own thread; stops when destroyed. Each run is one write
// transaction, so two servers on one database write each reminder once.
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/app.hpp"

namespace sp {
// One run of every job; returns the notifications written. Used by the thread and by `socialpact remind`.
int run_jobs(App& app);
// One run of every capability's frequent work (Module::frequent).
int run_frequent(App& app);

class Jobs {
 public:
  explicit Jobs(App& app);
  ~Jobs();
  Jobs(const Jobs&) = delete;
  Jobs& operator=(const Jobs&) = delete;

 private:
  App& app_;
  std::jthread thread_, frequent_;
};
}  // namespace sp
