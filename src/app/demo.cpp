#include "app/demo.hpp"

#include <boost/json.hpp>
#include <spdlog/spdlog.h>

#include "audit/audit.hpp"
#include "auth/users.hpp"
#include "common/crypto.hpp"
#include "modules/grants/demo.hpp"
#include "modules/registry/demo.hpp"
#include "modules/services/demo.hpp"

namespace sp {
void load_demo(App& app, const std::string& scale) {
  // One hash for every demo account: Argon2id is slow by design and the password is public anyway.
  auto hash = password_hash(kDemoPassword);
  auto tx = app.db->write();
  auto reg = registry::load_demo(tx, scale == "national" ? registry::DemoScale::national() : registry::DemoScale::programme());
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
      // The evaluation committee: three evaluations per application need more than one evaluator.
      {"evaluator2@socialpact.md", "Lilia Ceban", "evaluator"},
      {"evaluator3@socialpact.md", "Petru Guțu", "evaluator"},
      {"evaluator4@socialpact.md", "Olga Rotaru", "evaluator"},
      {"evaluator5@socialpact.md", "Andrei Vrabie", "evaluator"},
  };
  grants::DemoPeople people;
  services::DemoAccounts care;
  care.sample_organisation = reg.sample_organisation;
  care.sample_authority = reg.sample_authority;
  people.sample_organisation = reg.sample_organisation;
  people.sample_authority = reg.sample_authority;
  for (const auto& a : accounts) {
    auth::NewUser u;
    u.email = a.email;
    u.name = a.name;
    u.role = a.role;
    if (u.role == "cso_staff" || u.role == "case_worker") u.organisation_id = reg.sample_organisation;
    if (u.role == "lpa_staff") u.authority_id = reg.sample_authority;
    if (u.role == "lpa_staff" || u.role == "monitor") u.district = reg.sample_district;
    auto id = auth::insert_user(tx, u, hash);
    if (u.role == "officer") people.officer = id;
    if (u.role == "evaluator") people.evaluators.push_back(id);
    if (u.role == "case_worker") care.case_worker = id;
    if (u.role == "cso_staff") care.cso_staff = id;
    audit::record(tx, audit::system_actor("demo"), "create", "user", id, nullptr, nullptr, "demo account");
  }
  auto gr = grants::load_demo(tx, people, scale == "national" ? 5.5 : 1.0);
  audit::record(tx, audit::system_actor("demo"), "demo", "grants", std::nullopt, nullptr,
                boost::json::object{{"calls", gr.calls}, {"applications", gr.applications}, {"evaluations", gr.evaluations},
                                    {"agreements", gr.agreements}},
                "demo grant programme loaded");
  auto sv = services::load_demo(tx, *app.vault, care,
                                scale == "national" ? services::DemoScale::national() : services::DemoScale::programme());
  audit::record(tx, audit::system_actor("demo"), "demo", "services", std::nullopt, nullptr,
                boost::json::object{{"services", sv.services}, {"people", sv.people}, {"pathways", sv.pathways},
                                    {"deliveries", sv.deliveries}, {"referrals", sv.referrals}},
                "demo social services loaded (fictitious people)");
  audit::record(tx, audit::system_actor("demo"), "demo", "registry", std::nullopt, nullptr,
                boost::json::object{{"organisations", reg.organisations}, {"authorities", reg.authorities},
                                    {"partnerships", reg.partnerships}},
                "demo data loaded (" + scale + " scale)");
  tx.commit();
  spdlog::info("demo data: {} organisations, {} authorities, {} partnerships; {} calls, {} applications, {} evaluations, "
               "{} agreements; {} services, {} people ({} deinstitutionalised), {} deliveries",
               reg.organisations, reg.authorities, reg.partnerships, gr.calls, gr.applications, gr.evaluations, gr.agreements,
               sv.services, sv.people, sv.pathways, sv.deliveries);
}
}  // namespace sp
