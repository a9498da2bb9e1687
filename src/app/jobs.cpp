#include "app/jobs.hpp"

#include <spdlog/spdlog.h>

#include "common/time.hpp"
#include "modules/grants/repo.hpp"
#include "modules/notifications/mailer.hpp"
#include "modules/services/repo.hpp"

namespace sp {
int run_jobs(App& app) {
  int n = 0;
  {
    auto tx = app.db->write();
    n = grants::remind_reports(tx, today()) + services::remind_followups(tx, today());
    tx.commit();
  }
  if (int mailed = notifications::send_pending_emails(app)) spdlog::info("jobs: {} notification(s) e-mailed", mailed);
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
      std::unique_lock lock(m_);
      cv_.wait_for(lock, stop, std::chrono::seconds(std::max(1, app_.cfg.jobs_interval_seconds)), [] { return false; });
    }
  });
}

Jobs::~Jobs() {
  thread_.request_stop();
  cv_.notify_all();
}
}  // namespace sp
