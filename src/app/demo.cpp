#include "app/demo.hpp"

#include <chrono>

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "audit/audit.hpp"
#include "auth/users.hpp"
#include "common/crypto.hpp"
#include "app/app.hpp"

namespace sp {
void load_demo(App& app, const std::string& scale) {
  // One hash for every demo account: Argon2id is slow by design and the password is public anyway.
  auto hash = password_hash(kDemoPassword);
  auto tx = app.db->write();
  platform::DemoContext d{.tx = tx, .vault = *app.vault, .national = scale == "national", .sample_district = {}, .second_district = {}, .accounts = {}, .add_account = {}};
  struct Demo {
    const char* email;
    const char* name;
    const char* role;
    bool council = false;  // works for the sample district's council rather than the mayoralty
    bool second = false;   // works for the second district's council
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
      // The district council's social assistance department: one builds the standard costs, the
      // other approves them (maker-checker).
      {"consiliu@socialpact.md", "Maria Cojocaru", "lpa_staff", true},
      {"consiliu2@socialpact.md", "Igor Munteanu", "lpa_staff", true},
      // The second district council that contracts services (Ungheni): a purchase open for offers.
      {"ungheni@socialpact.md", "Larisa Moraru", "lpa_staff", true, true},
      // The evaluation committee: three evaluations per application need more than one evaluator.
      {"evaluator2@socialpact.md", "Lilia Ceban", "evaluator"},
      {"evaluator3@socialpact.md", "Petru Guțu", "evaluator"},
      {"evaluator4@socialpact.md", "Olga Rotaru", "evaluator"},
      {"evaluator5@socialpact.md", "Andrei Vrabie", "evaluator"},
  };
  // The demo accounts belong to the registry's sample organisation, authority and district.
  auto make_accounts = [&] {
    for (const auto& a : accounts) {
      auth::NewUser u;
      u.email = a.email;
      u.name = a.name;
      u.role = a.role;
      if (u.role == "cso_staff" || u.role == "case_worker") u.organisation_id = d.sample_organisation;
      if (u.role == "lpa_staff") u.authority_id = a.second ? d.second_council : a.council ? d.sample_council : d.sample_authority;
      if (u.role == "lpa_staff" || u.role == "monitor") u.district = a.second ? d.second_district : d.sample_district;
      if (a.second && !d.second_council) continue;
      auto id = auth::insert_user(tx, u, hash);
      d.accounts[u.role].push_back(id);
      audit::record(tx, audit::system_actor("demo"), "create", "user", id, nullptr, nullptr, "demo account");
    }
  };
  d.add_account = [&](const std::string& email, const std::string& name, const std::string& role, std::int64_t organisation_id) {
    auth::NewUser u;
    u.email = email;
    u.name = name;
    u.role = role;
    u.organisation_id = organisation_id;
    auto id = auth::insert_user(tx, u, hash);
    d.accounts[u.role].push_back(id);
    audit::record(tx, audit::system_actor("demo"), "create", "user", id, nullptr, nullptr, "demo account");
    return id;
  };
  std::string loaded;
  bool accounts_made = false;
  for (const auto& m : modules()) {
    if (!m.demo) continue;
    if (!m.demo_before_accounts && !accounts_made) {
      make_accounts();
      accounts_made = true;
    }
    const auto started = std::chrono::steady_clock::now();
    auto what = m.demo(d);
    spdlog::info("demo data: {} in {} ms", m.name,
                 std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count());
    std::string line;
    for (const auto& [k, v] : what) line += (line.empty() ? "" : ", ") + boost::json::serialize(v) + " " + std::string(k);
    audit::record(tx, audit::system_actor("demo"), "demo", std::string(m.name), std::nullopt, nullptr, what,
                  "demo data loaded (" + scale + " scale): " + line);
    loaded += (loaded.empty() ? "" : "; ") + std::string(m.name) + ": " + line;
  }
  if (!accounts_made) make_accounts();
  tx.commit();
  spdlog::info("demo data: {}", loaded);
}
}  // namespace sp
