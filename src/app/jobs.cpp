#include "app/jobs.hpp"

#include <spdlog/spdlog.h>

#include "app/app.hpp"

namespace sp {
int run_jobs(App& app) {
  int n = 0;
  for (const auto& m : modules())
    if (m.jobs) n += m.jobs(app);
  return n;
}

Jobs::Jobs(App& app) : app_(app) {
  thread_ = std::jthread([this](std::stop_token stop) {
    while (!stop.stop_requested()) {
      try {
        if (int n = run_jobs(app_)) spdlog::info("jobs: {} reminder(s) written", n);
      } catch (const std::exception& e) {
        spdlog::warn("jobs: {}", e.what());  // tried again at the next interval
      }
      app_.bell->wait(stop, std::chrono::seconds(std::max(1, app_.cfg.jobs_interval_seconds)));
    }
  });
}

Jobs::~Jobs() { thread_.request_stop(); }  // the stop token wakes the bell's wait
}  // namespace sp
