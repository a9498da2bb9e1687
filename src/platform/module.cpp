#include "platform/module.hpp"

#include "common/time.hpp"

namespace sp::platform {
std::function<int(App&)> reminders(std::function<int(store::Tx&, const std::string& today)> write) {
  return [write = std::move(write)](App& app) {
    auto tx = app.db->write();
    int n = write(tx, today());
    tx.commit();
    return n;
  };
}
}  // namespace sp::platform
