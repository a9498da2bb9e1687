#include "platform/module.hpp"

#include "common/time.hpp"
#include "store/data_version.hpp"

namespace sp::platform {
std::function<int(App&)> reminders(std::function<int(store::Tx&, const std::string& today)> write) {
  return [write = std::move(write)](App& app) {
    auto tx = app.db->write();
    store::serialise_writers(tx);  // two servers' runs one after the other: each reminder written once
    int n = write(tx, today());
    tx.commit();
    return n;
  };
}
}  // namespace sp::platform
