#include "platform/events.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/services.hpp"
#include "platform/policy.hpp"
#include "store/data_version.hpp"

#include <algorithm>
#include <set>
#include <cctype>

#include "common/text.hpp"
#include "common/time.hpp"
#include "platform/directory.hpp"
#include "platform/notifications.hpp"
#include "store/entity.hpp"
#include "store/query.hpp"

namespace sp::services {
namespace {
using store::Param;
using store::Params;
using store::join_codes;
using store::split_codes;

// A service unit's table, each column named once (store/entity.hpp). Staff positions and funding are
// kept as JSON text; the name's search key is derived from the name.
const store::Entity<ServiceUnit>& service_units() {
  using S = ServiceUnit;
  static const store::Entity<S> e{
      "service_units",
      {{store::key(&S::id), store::col("type_code", &S::type_code), store::col("name", &S::name),
        store::derived<S>("name_search", [](const S& x) -> Param { return fold_for_search(x.name); }),
        store::col("provider_organisation_id", &S::provider_organisation_id), store::col("provider_authority_id", &S::provider_authority_id),
        store::col("partner_authority_id", &S::partner_authority_id), store::col("district", &S::district), store::col("locality", &S::locality),
        store::col("capacity", &S::capacity), store::col("opened_on", &S::opened_on), store::col("status", &S::status),
        store::col("accreditation_number", &S::accreditation_number), store::col("accredited_on", &S::accredited_on),
        store::col("accreditation_expires_on", &S::accreditation_expires_on),
        store::custom<S>(
            "staff_positions",
            [](S& x, const store::Cursor& c, int i) {
              auto list = json::parse(c.text(i));
              for (const auto& p : list.as_array()) {
                const auto& o = p.as_object();
                x.staff_positions.push_back({std::string(o.at("title").as_string()), static_cast<int>(o.at("fte_hundredths").as_int64())});
              }
            },
            [](const S& x) -> Param { return json::serialize(to_json(x).at("staff_positions")); }),
        store::custom<S>(
            "funding",
            [](S& x, const store::Cursor& c, int i) {
              auto list = json::parse(c.text(i));
              for (const auto& p : list.as_array()) {
                const auto& o = p.as_object();
                Funding f;
                f.source = std::string(o.at("source").as_string());
                if (o.at("agreement_id").is_int64()) f.agreement_id = o.at("agreement_id").as_int64();
                f.note = std::string(o.at("note").as_string());
                x.funding.push_back(f);
              }
            },
            [](const S& x) -> Param { return json::serialize(to_json(x).at("funding")); })},
       store::stamps(&S::version, &S::created_at, &S::updated_at)}};
  return e;
}

// A person's table: the identity only sealed (common/vault), with its keyed lookup hashes.
const store::Entity<Person>& people() {
  using P = Person;
  auto hash = [](std::string P::*m) {
    return store::custom<P>(
        m == &P::idnp_hash ? "idnp_hash" : "name_dob_hash", [m](P& p, const store::Cursor& c, int i) { p.*m = c.is_null(i) ? "" : c.str(i); },
        [m](const P& p) -> Param { return (p.*m).empty() ? Param{} : Param{p.*m}; });
  };
  static const store::Entity<P> e{
      "people",
      {{store::key(&P::id), store::col("code", &P::code), store::col("identity", &P::sealed_identity), hash(&P::idnp_hash),
        hash(&P::name_dob_hash), store::col("sex", &P::sex), store::col("birth_year", &P::birth_year), store::col("district", &P::district),
        store::col("locality", &P::locality), store::col("disability_type", &P::disability_type),
        store::col("disability_degree", &P::disability_degree), store::codes("target_groups", &P::target_groups),
        store::col("organisation_id", &P::organisation_id), store::col("case_worker_id", &P::case_worker_id), store::col("status", &P::status)},
       store::stamps(&P::version, &P::created_at, &P::updated_at)}};
  return e;
}

// The visibility rule of may_read_person, as SQL over people `p`: $1 is the case worker's user id, or
// the CSO staff's organisation id.
// Written as a set of ids (assigned ∪ enrolled in one's services) so that the planner starts from the
// few people visible to one user instead of testing every person (200,000 at national scale).
constexpr const char* kVisibleToCaseWorker =
    "p.id IN (SELECT id FROM people WHERE case_worker_id = $1 UNION SELECT e.person_id FROM enrolments e "
    "JOIN service_staff st ON st.service_id = e.service_id WHERE st.user_id = $1 AND e.status <> 'exited')";
constexpr const char* kVisibleToCso =
    "p.id IN (SELECT id FROM people WHERE organisation_id = $1 UNION SELECT e.person_id FROM enrolments e "
    "JOIN service_units s ON s.id = e.service_id WHERE s.provider_organisation_id = $1 AND e.status <> 'exited')";

const store::Entity<Enrolment>& enrolments() {
  using E = Enrolment;
  static const store::Entity<E> e{
      "enrolments",
      {{store::key(&E::id), store::col("person_id", &E::person_id), store::col("service_id", &E::service_id), store::col("status", &E::status),
        store::col("requested_on", &E::requested_on), store::col("started_on", &E::started_on), store::col("ended_on", &E::ended_on),
        store::col("exit_reason", &E::exit_reason)},
       store::stamps(&E::version)}};
  return e;
}
}  // namespace

json::array service_types(store::Tx& tx) {
  json::array out;
  auto c = tx.query("SELECT code, name, level, unit, target_groups FROM service_types ORDER BY position");
  while (c->next())
    out.push_back({{"code", c->str(0)}, {"name", json::parse(c->text(1))}, {"level", c->str(2)}, {"unit", c->str(3)},
                   {"target_groups", string_array(split_codes(c->text(4)))}});
  return out;
}

bool service_type_exists(store::Tx& tx, std::string_view code) {
  return tx.scalar("SELECT COUNT(*) FROM service_types WHERE code = $1", {std::string(code)}).value_or(0) > 0;
}

store::Where service_where(const ServiceFilter& f) {
  store::Where w;
  if (!f.district.empty()) w.add("s.district = ?", {f.district});
  if (!f.districts.empty()) {
    std::string in = "s.district IN (?";
    for (std::size_t i = 1; i < f.districts.size(); ++i) in += ", ?";
    w.add(in + ")", store::Params(f.districts.begin(), f.districts.end()));
  }
  if (!f.type.empty()) w.add("s.type_code = ?", {f.type});
  if (!f.status.empty()) w.add("s.status = ?", {f.status});
  if (f.provider_organisation_id) w.add("s.provider_organisation_id = ?", {*f.provider_organisation_id});
  if (f.provider_authority_id) w.add("s.provider_authority_id = ?", {*f.provider_authority_id});
  if (f.staffed_by) w.add("EXISTS (SELECT 1 FROM service_staff ss WHERE ss.service_id = s.id AND ss.user_id = ?)", {*f.staffed_by});
  return w;
}

std::vector<ServiceUnit> list_services(store::Tx& tx, const ServiceFilter& f) {
  auto w = service_where(f);
  std::vector<ServiceUnit> out;
  auto c = tx.query("SELECT " + service_units().columns() + " FROM service_units s" + w.sql() + " ORDER BY name_search, id", w.params());
  while (c->next()) out.push_back(service_units().read(*c));
  return out;
}

std::optional<ServiceUnit> find_service(store::Tx& tx, std::int64_t id) { return service_units().find(tx, id); }

std::int64_t insert_service(store::Tx& tx, const ServiceUnit& s) { return service_units().insert(tx, s); }

bool update_service(store::Tx& tx, const ServiceUnit& s, std::int64_t version) { return service_units().update(tx, s.id, s, version); }

int count_enrolments(store::Tx& tx, std::int64_t service_id, std::string_view status) {
  return static_cast<int>(
      tx.scalar("SELECT COUNT(*) FROM enrolments WHERE service_id = $1 AND status = $2", {service_id, std::string(status)}).value_or(0));
}

namespace {
std::map<std::int64_t, ServiceLoad> loads_of(store::Tx& tx, const store::Where& w) {
  std::map<std::int64_t, ServiceLoad> out;
  std::string cond = w.sql().empty() ? " WHERE " : w.sql() + " AND ";
  {
    auto c = tx.query("SELECT e.service_id, e.status, COUNT(*) FROM enrolments e JOIN service_units s ON s.id = e.service_id" + cond +
                          "e.status IN ('active', 'waiting') GROUP BY e.service_id, e.status",
                      w.params());
    while (c->next()) (c->text(1) == "active" ? out[c->i64(0)].active : out[c->i64(0)].waiting) = static_cast<int>(c->i64(2));
  }
  auto c = tx.query("SELECT st.service_id, st.user_id FROM service_staff st JOIN service_units s ON s.id = st.service_id" + w.sql() +
                        " ORDER BY st.service_id, st.user_id",
                    w.params());
  while (c->next()) out[c->i64(0)].staff.push_back(c->i64(1));
  return out;
}
}  // namespace

std::map<std::int64_t, ServiceLoad> service_loads(store::Tx& tx, const ServiceFilter& f) { return loads_of(tx, service_where(f)); }

std::map<std::int64_t, ServiceLoad> service_loads(store::Tx& tx, std::int64_t service_id) {
  store::Where w;
  w.add("s.id = ?", {service_id});
  return loads_of(tx, w);
}

std::string unit_of_type(store::Tx& tx, const std::string& type_code) {
  return tx.scalar_text("SELECT unit FROM service_types WHERE code = $1", {type_code}).value_or("day");
}

policy::Party provider_of(const ServiceUnit& s) {
  if (s.provider_organisation_id) return {s.provider_organisation_id, std::nullopt};
  return {std::nullopt, s.provider_authority_id};
}

bool touch_service(store::Tx& tx, std::int64_t service_id, std::int64_t version) {
  return store::bump_version(tx, "service_units", service_id, version);
}

bool staffs_service(store::Tx& tx, const auth::Principal& me, const ServiceUnit& s) {
  if (policy::is_cso_staff(me)) return s.provider_organisation_id && s.provider_organisation_id == me.organisation_id;
  if (policy::is_case_worker(me)) {
    auto staff = service_staff(tx, s.id);
    return std::find(staff.begin(), staff.end(), me.user_id) != staff.end();
  }
  return false;
}

std::vector<std::int64_t> service_staff(store::Tx& tx, std::int64_t service_id) {
  std::vector<std::int64_t> out;
  auto c = tx.query("SELECT user_id FROM service_staff WHERE service_id = $1 ORDER BY user_id", {service_id});
  while (c->next()) out.push_back(c->i64(0));
  return out;
}

void set_service_staff(store::Tx& tx, std::int64_t service_id, const std::vector<std::int64_t>& users) {
  tx.exec("DELETE FROM service_staff WHERE service_id = $1", {service_id});
  for (auto u : users) tx.exec("INSERT INTO service_staff (service_id, user_id) VALUES ($1, $2)", {service_id, u});
}

json::object to_json(const Person& p, const std::string& today) {
  int age = std::stoi(today.substr(0, 4)) - p.birth_year;
  return {{"id", p.id},
          {"code", p.code},
          {"sex", p.sex},
          {"birth_year", p.birth_year},
          {"age", age},
          {"age_group", age_group(age)},
          {"district", p.district},
          {"locality", nullable(p.locality)},
          {"disability_type", nullable(p.disability_type)},
          {"disability_degree", nullable(p.disability_degree)},
          {"target_groups", string_array(p.target_groups)},
          {"organisation_id", nullable(p.organisation_id)},
          {"case_worker_id", nullable(p.case_worker_id)},
          {"status", p.status},
          {"version", p.version},
          {"created_at", p.created_at},
          {"updated_at", p.updated_at}};
}

std::optional<Person> find_person(store::Tx& tx, std::int64_t id) { return people().find(tx, id); }

std::int64_t insert_person(store::Tx& tx, const Person& p) { return people().insert(tx, p); }

std::vector<std::int64_t> possible_duplicates(store::Tx& tx, const std::string& idnp_hash, const std::string& name_dob_hash) {
  std::vector<std::int64_t> out;
  auto c = tx.query("SELECT id FROM people WHERE (idnp_hash = $1 OR name_dob_hash = $2) AND status = 'active' ORDER BY id",
                    {idnp_hash.empty() ? Param{} : Param{idnp_hash}, name_dob_hash});
  while (c->next()) out.push_back(c->i64(0));
  return out;
}

namespace {
// The rule for `me` and its one parameter; false when the role reads no person's file.
bool visibility(const auth::Principal& me, std::string& rule, Param& who) {
  if (policy::is_case_worker(me)) {
    rule = kVisibleToCaseWorker;
    who = me.user_id;
    return true;
  }
  if (policy::is_cso_staff(me) && me.organisation_id) {
    rule = kVisibleToCso;
    who = *me.organisation_id;
    return true;
  }
  return false;
}
}  // namespace

bool may_read_person(store::Tx& tx, const auth::Principal& me, const Person& p) {
  std::string rule;
  Param who;
  if (!visibility(me, rule, who)) return false;
  return tx.scalar("SELECT COUNT(*) FROM people p WHERE p.id = $2 AND " + rule, {who, p.id}).value_or(0) > 0;
}

namespace {
// The WHERE of a people list (after the visibility rule, whose parameter is $1), its parameters added.
std::string people_where(const auth::Principal& me, const PeopleFilter& f, Params& p) {
  std::string sql;
  if (!f.code.empty()) {  // a code or its beginning ("P-7K"), in any case: one range over the unique index
    std::string upper;
    for (char ch : f.code) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    p.push_back(upper);
    p.push_back(upper + "~");
    sql += " AND p.code >= $" + std::to_string(p.size() - 1) + " AND p.code < $" + std::to_string(p.size());
  }
  if (f.mine) {
    p.push_back(me.user_id);
    sql += " AND p.case_worker_id = $" + std::to_string(p.size());
  }
  // Each stage looked up per person the user may see (a caseload, an organisation's people: hundreds),
  // by the person's own indexes; a country's set of people with something due is never built.
  if (f.stage == "waiting" || f.stage == "enrolled") {
    p.push_back(std::string(f.stage == "waiting" ? "waiting" : "active"));
    sql += " AND EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id AND e.status = $" + std::to_string(p.size()) + ")";
  } else if (f.stage == "due") {
    p.push_back(add_days(today(), 14));
    auto by = "$" + std::to_string(p.size());
    sql += " AND (EXISTS (SELECT 1 FROM pathways w JOIN pathway_followups f ON f.pathway_id = w.id WHERE w.person_id = p.id AND "
           "f.done_on IS NULL AND f.due_on <= " + by + ") OR EXISTS (SELECT 1 FROM plans pl WHERE pl.person_id = p.id AND "
           "pl.status = 'active' AND pl.review_on <= " + by + "))";
  }
  return sql;
}
}  // namespace

std::vector<Person> list_people(store::Tx& tx, const auth::Principal& me, const PeopleFilter& f, int limit, std::int64_t before_id) {
  std::string rule;
  Param who;
  if (!visibility(me, rule, who)) return {};
  Params p{who};
  std::string sql = "SELECT " + people().columns("p") + " FROM people p WHERE p.status = 'active' AND " + rule + people_where(me, f, p);
  if (before_id > 0) {  // keyset: the page after the last id seen
    p.push_back(before_id);
    sql += " AND p.id < $" + std::to_string(p.size());
  }
  sql += " ORDER BY p.id DESC LIMIT " + std::to_string(limit);
  std::vector<Person> out;
  auto c = tx.query(sql, p);
  while (c->next()) out.push_back(people().read(*c));
  return out;
}

std::int64_t count_people(store::Tx& tx, const auth::Principal& me, const PeopleFilter& f) {
  std::string rule;
  Param who;
  if (!visibility(me, rule, who)) return 0;
  Params p{who};
  return tx.scalar("SELECT COUNT(*) FROM people p WHERE p.status = 'active' AND " + rule + people_where(me, f, p), p).value_or(0);
}

policy::Sharing sharing_of(store::Tx& tx, std::int64_t person_id) {
  policy::Sharing out;
  auto c = tx.query("SELECT purposes, shared_with FROM consents WHERE person_id = $1 AND withdrawn_on IS NULL", {person_id});
  while (c->next()) {
    auto purposes = split_codes(c->text(0));
    if (std::find(purposes.begin(), purposes.end(), "sharing") == purposes.end()) continue;
    out.allowed = true;
    for (const auto& o : split_codes(c->text(1))) out.organisations.insert(std::stoll(o));
  }
  return out;
}

bool touch_person(store::Tx& tx, std::int64_t person_id, std::int64_t version) { return store::bump_version(tx, "people", person_id, version); }

policy::Party home_of(const Person& p) { return {p.organisation_id, std::nullopt}; }

std::vector<Person> people_of_service(store::Tx& tx, std::int64_t service_id) {
  std::vector<Person> out;
  auto c = tx.query("SELECT " + people().columns("p") +
                        " FROM people p WHERE p.id IN (SELECT person_id FROM enrolments WHERE service_id = $1 AND status <> 'exited') ORDER BY p.id",
                    {service_id});
  while (c->next()) out.push_back(people().read(*c));
  return out;
}

std::int64_t insert_consent(store::Tx& tx, std::int64_t person_id, const Consent& c, std::int64_t user_id) {
  std::vector<std::string> shared;
  for (auto id : c.shared_with) shared.push_back(std::to_string(id));
  return *tx.scalar(
      "INSERT INTO consents (person_id, purposes, shared_with, given_on, given_by, recorded_by, created_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7) RETURNING id",
      {person_id, join_codes(c.purposes), join_codes(shared), c.given_on, c.given_by, user_id, now_iso()});
}

json::array consents_of(store::Tx& tx, std::int64_t person_id) {
  json::array out;
  auto c = tx.query("SELECT id, purposes, shared_with, given_on, given_by, withdrawn_on, created_at FROM consents "
                    "WHERE person_id = $1 ORDER BY id",
                    {person_id});
  while (c->next()) {
    json::array shared;
    for (const auto& s : split_codes(c->text(2))) shared.push_back(std::stoll(s));
    out.push_back({{"id", c->i64(0)}, {"purposes", string_array(split_codes(c->text(1)))}, {"shared_with", std::move(shared)},
                   {"given_on", c->str(3)}, {"given_by", c->str(4)}, {"withdrawn_on", nullable(c->opt_str(5))},
                   {"recorded_at", c->str(6)}});
  }
  return out;
}

json::object to_json(const Enrolment& e) {
  return {{"id", e.id},
          {"person_id", e.person_id},
          {"service_id", e.service_id},
          {"status", e.status},
          {"requested_on", e.requested_on},
          {"started_on", nullable(e.started_on)},
          {"ended_on", nullable(e.ended_on)},
          {"exit_reason", nullable(e.exit_reason)},
          {"version", e.version}};
}

std::optional<Enrolment> find_enrolment(store::Tx& tx, std::int64_t id) { return enrolments().find(tx, id); }

std::vector<Enrolment> enrolments_of(store::Tx& tx, std::int64_t person_id) {
  std::vector<Enrolment> out;
  auto c = tx.query("SELECT " + enrolments().columns() + " FROM enrolments WHERE person_id = $1 ORDER BY id", {person_id});
  while (c->next()) out.push_back(enrolments().read(*c));
  return out;
}

std::int64_t insert_enrolment(store::Tx& tx, const Enrolment& e) { return enrolments().insert(tx, e); }

void lock_service(store::Tx& tx, std::int64_t service_id) { store::lock_row(tx, "service_units", service_id); }

Enrolment open_enrolment(store::Tx& tx, std::int64_t person_id, const ServiceUnit& s, const std::string& requested_on) {
  lock_service(tx, s.id);  // the places are counted after the lock: two enrolments cannot both take the last one
  Enrolment e;
  e.person_id = person_id;
  e.service_id = s.id;
  e.requested_on = requested_on;
  e.status = enrolment_status(s.capacity, count_enrolments(tx, s.id, "active"));
  if (e.status == "active") e.started_on = requested_on;
  return *find_enrolment(tx, insert_enrolment(tx, e));
}

int remind_followups(store::Tx& tx, const std::string& today_) {
  struct Due {
    std::int64_t followup, person;
    std::optional<std::int64_t> case_worker, organisation;
    std::string code, due_on;
    std::int64_t months;
  };
  std::vector<Due> due;
  {
    auto c = tx.query(
        "SELECT f.id, p.id, p.case_worker_id, p.organisation_id, p.code, f.due_on, f.months FROM pathway_followups f "
        "JOIN pathways pw ON pw.id = f.pathway_id JOIN people p ON p.id = pw.person_id "
        "WHERE f.done_on IS NULL AND f.due_on <= $1 AND p.status = 'active' "
        "AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.entity = 'followup' AND n.entity_id = f.id) ORDER BY f.id",
        {add_days(today_, 7)});
    while (c->next()) due.push_back({c->i64(0), c->i64(1), c->opt_i64(2), c->opt_i64(3), c->str(4), c->str(5), c->i64(6)});
  }
  int written = 0;
  for (const auto& d : due) {
    std::vector<std::int64_t> users;
    if (d.case_worker) users.push_back(*d.case_worker);
    if (d.organisation)
      for (auto u : platform::users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), *d.organisation)) users.push_back(u);
    platform::notify(tx, users, "followup_due", "followup", d.followup, {{"code", d.code}, {"months", d.months}, {"due_on", d.due_on}, {"person_id", d.person}});
    written += static_cast<int>(users.size());
  }
  return written;
}
json::object referral_profile(const Person& p, const std::string& today) {
  auto full = to_json(p, today);
  json::object out;
  for (const char* k : {"code", "sex", "birth_year", "age", "age_group", "district", "locality", "disability_type", "disability_degree",
                        "target_groups"})
    out[k] = full[k];
  return out;
}
}  // namespace sp::services

namespace sp::services {
std::optional<ServiceUnit> find_service_unit(store::Tx& tx, std::int64_t id) { return find_service(tx, id); }
std::vector<ServiceUnit> all_service_units(store::Tx& tx) { return list_services(tx, {}); }
policy::Party provider_party(const ServiceUnit& s) { return provider_of(s); }
bool service_type_known(store::Tx& tx, std::string_view code) { return service_type_exists(tx, code); }
std::string service_type_unit(store::Tx& tx, const std::string& code) { return unit_of_type(tx, code); }
std::string service_type_name(store::Tx& tx, const std::string& code, std::string_view lang) {
  auto name = tx.scalar_text("SELECT name FROM service_types WHERE code = $1", {code});
  if (!name) return code;
  auto o = json::parse(*name).as_object();
  if (const auto* v = o.if_contains(lang); v && v->is_string() && !v->as_string().empty()) return std::string(v->as_string());
  if (const auto* v = o.if_contains("ro"); v && v->is_string()) return std::string(v->as_string());
  return code;
}

std::map<std::pair<std::string, std::string>, ServedWaiting> served_and_waiting(store::Tx& tx, const std::string& district) {
  std::map<std::pair<std::string, std::string>, ServedWaiting> out;
  auto c = tx.query(
      "SELECT COALESCE(p.locality, ''), p.target_groups, "
      "CASE WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id AND e.status = 'active') THEN 1 ELSE 0 END, "
      "CASE WHEN EXISTS (SELECT 1 FROM enrolments e WHERE e.person_id = p.id AND e.status = 'waiting') THEN 1 ELSE 0 END "
      "FROM people p WHERE p.district = $1 AND p.status = 'active'",
      {district});
  while (c->next()) {
    const bool served = c->i64(2) != 0, waiting = !served && c->i64(3) != 0;
    if (!served && !waiting) continue;
    for (const auto& g : store::split_codes(c->str(1))) {
      auto& n = out[{g, c->str(0)}];
      n.served += served;
      n.waiting += waiting;
    }
  }
  return out;
}

namespace {
// The weekdays (Monday to Friday) from one day to another, both counted: whole weeks and the rest,
// from the first day's distance to a known Monday.
int weekdays(const std::string& from, const std::string& to) {
  const int n = days_between(from, to) + 1;
  if (n <= 0) return 0;
  const int first = ((days_between("2024-01-01", from) % 7) + 7) % 7;  // 0: Monday
  int count = n / 7 * 5;
  for (int i = 0; i < n % 7; ++i) count += (first + i) % 7 < 5;
  return count;
}
}  // namespace

std::map<std::string, std::vector<PersonMonth>> delivered_in_months(store::Tx& tx, const std::vector<std::int64_t>& service_ids,
                                                                    const std::string& from_month, const std::string& to_month) {
  std::map<std::string, std::map<std::int64_t, PersonMonth>> by;  // month → person → figures
  const auto first = from_month + "-01";
  const auto last = add_days(add_months(to_month + "-01", 1), -1);
  for (auto sid : service_ids) {
    // One range of the (service, day) index for every month asked.
    // Grouped first, then each person's code looked up once per month rather than once per day.
    auto c = tx.query("SELECT g.m, g.person_id, p.code, g.u, g.n FROM (SELECT substr(on_date, 1, 7) AS m, person_id, SUM(units) AS u, "
                      "COUNT(DISTINCT on_date) AS n FROM deliveries WHERE service_id = $1 AND on_date BETWEEN $2 AND $3 "
                      "GROUP BY substr(on_date, 1, 7), person_id) g JOIN people p ON p.id = g.person_id",
                      {sid, first, last});
    while (c->next()) {
      auto& m = by[c->str(0)][c->i64(1)];
      m.person_id = c->i64(1);
      m.code = c->str(2);
      m.units += c->i64(3);
      m.days_present += static_cast<int>(c->i64(4));
    }
    auto e = tx.query("SELECT e.person_id, p.code, e.started_on, e.ended_on FROM enrolments e JOIN people p ON p.id = e.person_id "
                      "WHERE e.service_id = $1 AND e.started_on IS NOT NULL AND e.started_on <= $3 AND (e.ended_on IS NULL OR e.ended_on >= $2)",
                      {sid, first, last});
    while (e->next()) {
      const auto started = e->str(2);
      const auto ended = e->is_null(3) ? last : e->str(3);
      for (auto month = std::max(first, started).substr(0, 7); month <= std::min(last, ended).substr(0, 7);
           month = add_months(month + "-01", 1).substr(0, 7)) {
        const auto month_first = month + "-01";
        const auto month_last = add_days(add_months(month_first, 1), -1);
        auto& m = by[month][e->i64(0)];
        m.person_id = e->i64(0);
        m.code = e->str(1);
        m.days_enrolled += weekdays(std::max(month_first, started), std::min(month_last, ended));
      }
    }
  }
  std::map<std::string, std::vector<PersonMonth>> out;
  for (auto& [month, people] : by) {
    auto& v = out[month];
    for (auto& [id, m] : people) v.push_back(std::move(m));
    std::sort(v.begin(), v.end(), [](const PersonMonth& a, const PersonMonth& b) { return a.code < b.code; });
  }
  return out;
}

std::map<std::string, std::map<std::int64_t, std::int64_t>> delivery_versions(store::Tx& tx, const std::vector<std::int64_t>& service_ids,
                                                                              const std::string& from_month, const std::string& to_month) {
  std::map<std::string, std::map<std::int64_t, std::int64_t>> out;
  for (auto sid : service_ids) {
    auto c = tx.query("SELECT month, version FROM delivery_months WHERE service_id = $1 AND month BETWEEN $2 AND $3", {sid, from_month, to_month});
    while (c->next()) out[c->str(0)][sid] = c->i64(1);
  }
  return out;
}

std::vector<PersonMonth> delivered_in_month(store::Tx& tx, const std::vector<std::int64_t>& service_ids, const std::string& month) {
  auto by = delivered_in_months(tx, service_ids, month, month);
  return by.count(month) ? std::move(by[month]) : std::vector<PersonMonth>{};
}

Performance performance_of(store::Tx& tx, const std::vector<std::int64_t>& service_ids, const std::string& from, const std::string& to,
                           const std::string& today) {
  Performance out;
  std::int64_t on_time = 0, places = 0, waited = 0, started = 0, good_exits = 0;
  std::set<std::int64_t> people;
  for (auto sid : service_ids) {
    places += tx.scalar("SELECT capacity FROM service_units WHERE id = $1", {sid}).value_or(0);
    auto c = tx.query("SELECT e.person_id, CASE WHEN EXISTS (SELECT 1 FROM plans p WHERE p.person_id = e.person_id AND p.status = 'active' "
                      "AND p.review_on >= $2) THEN 1 ELSE 0 END FROM enrolments e WHERE e.service_id = $1 AND e.status = 'active'",
                      {sid, today});
    while (c->next())
      if (people.insert(c->i64(0)).second) on_time += c->i64(1);
    auto w = tx.query("SELECT requested_on, started_on FROM enrolments WHERE service_id = $1 AND started_on BETWEEN $2 AND $3", {sid, from, to});
    while (w->next()) {
      waited += std::max(0, days_between(w->str(0), w->str(1)));
      ++started;
    }
    auto x = tx.query("SELECT exit_reason FROM enrolments WHERE service_id = $1 AND status = 'exited' AND ended_on BETWEEN $2 AND $3", {sid, from, to});
    while (x->next()) {
      ++out.exits;
      auto r = x->is_null(0) ? std::string() : x->str(0);
      good_exits += r == "family" || r == "goals_reached";
    }
  }
  out.people = static_cast<std::int64_t>(people.size());
  auto pct = [](std::int64_t n, std::int64_t d) { return d ? std::optional<std::int64_t>((n * 200 + d) / (2 * d)) : std::nullopt; };
  out.plans_on_time_pct = pct(on_time, out.people);
  out.waiting_days = started ? std::optional<std::int64_t>((waited * 2 + started) / (2 * started)) : std::nullopt;
  out.exits_to_community_pct = pct(good_exits, out.exits);
  out.occupancy_pct = pct(out.people, places);
  return out;
}

namespace {
constexpr const char* kAccredited =
    "type_code = $1 AND accreditation_number IS NOT NULL AND accredited_on <= $2 AND accreditation_expires_on >= $2 "
    "AND status <> 'closed' AND provider_organisation_id IS NOT NULL";
}  // namespace

bool accredited_for(store::Tx& tx, std::int64_t organisation_id, const std::string& type_code, const std::string& date) {
  return tx.scalar(std::string("SELECT COUNT(*) FROM service_units WHERE ") + kAccredited + " AND provider_organisation_id = $3",
                   {type_code, date, organisation_id})
             .value_or(0) > 0;
}

std::vector<std::int64_t> accredited_providers(store::Tx& tx, const std::string& type_code, const std::string& date) {
  std::vector<std::int64_t> out;
  auto c = tx.query(std::string("SELECT DISTINCT provider_organisation_id FROM service_units WHERE ") + kAccredited + " ORDER BY 1",
                    {type_code, date});
  while (c->next()) out.push_back(c->i64(0));
  return out;
}

Delivered delivered_in_year(store::Tx& tx, std::int64_t service_id, int year) {
  const auto first = std::to_string(year) + "-01-01", last = std::to_string(year) + "-12-31";
  Delivered d;
  auto c = tx.query(
      "SELECT COALESCE(SUM(units), 0), COUNT(DISTINCT person_id), "
      "(SELECT COUNT(*) FROM (SELECT DISTINCT person_id, substr(on_date, 1, 7) FROM deliveries WHERE service_id = $1 AND on_date BETWEEN $2 AND $3) m), "
      "(SELECT COUNT(*) FROM (SELECT DISTINCT person_id, on_date FROM deliveries WHERE service_id = $1 AND on_date BETWEEN $2 AND $3) x) "
      "FROM deliveries WHERE service_id = $1 AND on_date BETWEEN $2 AND $3",
      {service_id, first, last});
  if (c->next()) {
    d.units = c->i64(0);
    d.people = c->i64(1);
    d.beneficiary_months = c->i64(2);
    d.beneficiary_days = c->i64(3);
  }
  return d;
}
namespace {
std::vector<std::int64_t> present(std::initializer_list<std::optional<std::int64_t>> ids) {
  std::vector<std::int64_t> out;
  for (const auto& id : ids)
    if (id) out.push_back(*id);
  return out;
}
}  // namespace

void announce_referral(store::Tx& tx, const ServiceUnit& to, const Referral& x) {
  platform::emit(tx, {.type = "referral.received",
                      .entity = "referral",
                      .entity_id = x.id,
                      .audience = policy::EventAudience::Parties,
                      .organisations = present({to.provider_organisation_id, x.from_organisation_id}),
                      .authorities = present({to.provider_authority_id}),
                      .data = {{"referral_id", x.id}, {"service_id", to.id}, {"from_organisation_id", nullable(x.from_organisation_id)},
                               {"status", x.status}}});
}

void announce_enrolment(store::Tx& tx, const ServiceUnit& s, std::int64_t enrolment_id, const std::string& status, const std::string& on) {
  platform::emit(tx, {.type = "enrolment.changed",
                      .entity = "enrolment",
                      .entity_id = enrolment_id,
                      .audience = policy::EventAudience::Parties,
                      .organisations = present({s.provider_organisation_id}),
                      .authorities = present({s.provider_authority_id}),
                      .data = {{"enrolment_id", enrolment_id}, {"service_id", s.id}, {"status", status}, {"on", on}}});
}
}  // namespace sp::services
