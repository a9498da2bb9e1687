#include "app/jobs.hpp"

#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "common/metrics.hpp"

namespace sp {
// Each capability's jobs, counted in /metrics by capability and outcome; one failing does not keep
// the others from running (it is tried again at the next interval).
int run_jobs(App& app) {
  int n = 0;
  std::string failed;
  for (const auto& m : modules()) {
    if (!m.jobs) continue;
    const std::string name(m.name);
    try {
      n += m.jobs(app);
      metrics::add("socialpact_jobs_total", {{"capability", name}, {"result", "done"}});
    } catch (const std::exception& e) {
      metrics::add("socialpact_jobs_total", {{"capability", name}, {"result", "failed"}});
      spdlog::warn("jobs of {}: {}", m.name, e.what());
      failed += (failed.empty() ? "" : ", ") + name;
    }
  }
  if (!failed.empty()) throw std::runtime_error("failed: " + failed);
  return n;
}

int run_frequent(App& app) {
  int n = 0;
  for (const auto& m : modules()) {
    if (!m.frequent) continue;
    try {
      n += m.frequent(app);
    } catch (const std::exception& e) {
      metrics::add("socialpact_jobs_total", {{"capability", std::string(m.name)}, {"result", "failed"}});
      spdlog::warn("frequent work of {}: {}", m.name, e.what());  // tried again at the next interval
    }
  }
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
  frequent_ = std::jthread([this](std::stop_token stop) {
    while (!stop.stop_requested()) {
      run_frequent(app_);
      app_.deliveries->wait(stop, std::chrono::seconds(std::max(1, app_.cfg.webhooks_interval_seconds)));
    }
  });
}

Jobs::~Jobs() {
  thread_.request_stop();
  frequent_.request_stop();
}  // the stop token wakes the bell's wait
}  // namespace sp
