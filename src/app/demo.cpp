#include "app/demo.hpp"

#include "audit/audit.hpp"
#include "auth/users.hpp"
#include "common/crypto.hpp"

namespace sp {
void load_demo(App& app) {
  // One hash for every demo account: Argon2id is slow by design and the password is public anyway.
  auto hash = password_hash(kDemoPassword);
  auto tx = app.db->write();
  struct Demo {
    const char* email;
    const char* name;
    const char* role;
  };
  const Demo accounts[] = {
      {"admin@socialpact.md", "Ion Administrator", "admin"},
      {"ofiter@socialpact.md", "Ana Ciobanu", "officer"},
      {"evaluator@socialpact.md", "Mihai Țurcanu", "evaluator"},
      {"ong@socialpact.md", "Elena Bălan", "cso_staff"},
      {"asistent@socialpact.md", "Vasile Rusu", "case_worker"},
      {"primarie@socialpact.md", "Tatiana Lungu", "lpa_staff"},
      {"monitor@socialpact.md", "Sergiu Popa", "monitor"},
      {"auditor@socialpact.md", "Natalia Ștefănescu", "auditor"},
  };
  for (const auto& a : accounts) {
    auth::NewUser u;
    u.email = a.email;
    u.name = a.name;
    u.role = a.role;
    auto id = auth::insert_user(tx, u, hash);
    audit::record(tx, audit::system_actor("demo"), "create", "user", id, nullptr, nullptr, "demo account");
  }
  tx.commit();
}
}  // namespace sp
