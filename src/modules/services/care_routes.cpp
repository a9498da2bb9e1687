// HTTP for what happens around a person's file: referrals between services (carrying only what the
// consent allows), consents given and withdrawn, the course of an enrolment (admitted from the
// waiting list, exited), the subject-access export and anonymisation.
#include <algorithm>
#include <set>

#include "audit/audit.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "http/respond.hpp"
#include "modules/services/people.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/routes.hpp"
#include "modules/services/rules.hpp"
#include "store/query.hpp"

namespace sp::services {
namespace {
using http::Request;
using http::Response;
using http::with_etag;

// ------------------------------------------------------------------ consents

Response add_consent(App& app, Request& r) {
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"consent"});
  auto consent = read_consent(body, v, "consent");
  auto tx = app.db->write();
  auto p = load_person(tx, r.id(), r.me());
  v.finish();
  auto id = insert_consent(tx, p.id, consent, r.me().user_id);
  touch_person(tx, p.id, p.version);
  audit::record(tx, audit::actor_of(r), "consent", "person", p.id, nullptr, json::object{{"consent", id}}, p.code);
  auto out = consents_of(tx, p.id);
  tx.commit();
  return Response::json(json::object{{"items", std::move(out)}}, 201);
}

// Withdrawing a consent stops what it allowed from then on: without a consent to share, the
// person's pending referrals to other organisations are cancelled.
Response withdraw_consent(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();  // the person's file, as read
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"withdrawn_on"});
  auto on = v.date("withdrawn_on", Need::Optional).value_or(today());
  if (on > today()) v.add("withdrawn_on", "out_of_range", "The withdrawal cannot be dated in the future");
  v.finish();
  auto tx = app.db->write();
  auto person_id = tx.scalar("SELECT person_id FROM consents WHERE id = $1", {id});
  if (!person_id) throw NotFound("No such consent");
  auto p = load_person(tx, *person_id, r.me());
  if (p.version != version || !touch_person(tx, p.id, version))
    throw PreconditionFailed("The person's file was changed since you read it: reload it");
  if (tx.exec("UPDATE consents SET withdrawn_on = $1 WHERE id = $2 AND withdrawn_on IS NULL", {on, id}) != 1)
    throw Conflict("The consent was already withdrawn");
  auto now = now_iso();
  std::int64_t cancelled = 0;
  if (!sharing_of(tx, p.id).allowed)
    cancelled = tx.exec("UPDATE referrals SET status = 'cancelled', shared = '{}', version = version + 1, updated_at = $1 "
                        "WHERE person_id = $2 AND status = 'pending' AND to_service_id IN "
                        "(SELECT id FROM service_units WHERE provider_organisation_id IS NULL OR provider_organisation_id <> "
                        "COALESCE(referrals.from_organisation_id, 0))",
                        {now, p.id});
  audit::record(tx, audit::actor_of(r), "withdraw_consent", "person", p.id, nullptr,
                json::object{{"consent", id}, {"withdrawn_on", on}, {"referrals_cancelled", cancelled}}, p.code);
  auto out = consents_of(tx, p.id);
  tx.commit();
  return Response::json(json::object{{"items", std::move(out)}, {"referrals_cancelled", cancelled}});
}

// ------------------------------------------------------------------ enrolments

// Admitting from the waiting list (when a place is free) or ending an enrolment with its reason.
Response update_enrolment(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"status", "started_on", "ended_on", "exit_reason"});
  auto status = v.one_of("status", Need::Required, {"active", "exited"});
  auto started = v.date("started_on", Need::Optional);
  auto ended = v.date("ended_on", Need::Optional);
  auto reason = v.one_of("exit_reason", Need::Optional, exit_reasons());
  auto tx = app.db->write();
  auto e = find_enrolment(tx, id);
  if (!e) throw NotFound("No such enrolment");
  auto p = load_person(tx, e->person_id, r.me());
  if (e->version != version) throw PreconditionFailed("The enrolment was changed by someone else");
  auto s = find_service(tx, e->service_id);
  if (status == "active") {
    if (e->status != "waiting") v.add("status", "transition", "Only a person on the waiting list is admitted");
    if (!started) started = today();
    if (*started > today()) v.add("started_on", "out_of_range", "The start is in the future");
  }
  if (status == "exited") {
    if (e->status == "exited") v.add("status", "transition", "The enrolment has already ended");
    if (!ended) v.add("ended_on", "required", "Say when the person left the service");
    if (!reason) v.add("exit_reason", "required", "Say why the person left the service");
    if (ended && *ended > today()) v.add("ended_on", "out_of_range", "The end is in the future");
    if (ended && e->started_on && *ended < *e->started_on) v.add("ended_on", "date_order", "The end comes after the start");
  }
  v.finish();
  if (status == "active") lock_service(tx, s->id);  // the free place is counted after the lock
  if (status == "active" && enrolment_status(s->capacity, count_enrolments(tx, s->id, "active")) != "active")
    throw Conflict("The service is full: a place must be free first");
  std::int64_t changed =
      status == "active"
          ? tx.exec("UPDATE enrolments SET status = 'active', started_on = $1, version = version + 1, updated_at = $2 "
                    "WHERE id = $3 AND version = $4",
                    {*started, now_iso(), id, version})
          : tx.exec("UPDATE enrolments SET status = 'exited', ended_on = $1, exit_reason = $2, started_on = COALESCE(started_on, $1), "
                    "version = version + 1, updated_at = $3 WHERE id = $4 AND version = $5",
                    {*ended, *reason, now_iso(), id, version});
  if (changed != 1) throw PreconditionFailed("The enrolment was changed by someone else");
  auto out = to_json(*find_enrolment(tx, id));
  out["service_name"] = s->name;
  audit::record(tx, audit::actor_of(r), status == "active" ? "admit" : "exit", "person", p.id, to_json(*e), out, p.code);
  tx.commit();
  return with_etag(out);
}

// ------------------------------------------------------------------ referrals

const std::vector<std::string>& share_parts() {
  static const std::vector<std::string> v = {"assessment", "plan"};
  return v;
}

// What a referral carries: the pseudonymous profile needed to decide on it, and the latest
// assessment and the active plan when asked for and allowed. Never the identity.
json::object referral_snapshot(store::Tx& tx, const Person& p, const std::vector<std::string>& parts) {
  auto out = referral_profile(p, today());
  auto has = [&](const char* part) { return std::find(parts.begin(), parts.end(), part) != parts.end(); };
  if (has("assessment")) {
    auto a = assessments_of(tx, p.id);
    out["assessment"] = a.empty() ? json::value(nullptr) : a.back();
  }
  if (has("plan")) {
    json::value active = nullptr;
    for (auto& plan : plans_of(tx, p.id))
      if (plan.at("status") == "active") active = plan;
    if (active.is_object()) {
      // Goals and their progress; not who on the sending side is responsible.
      for (auto& g : active.as_object()["goals"].as_array()) g.as_object().erase("responsible_id");
    }
    out["plan"] = active;
  }
  return out;
}

struct Referral {
  std::int64_t id = 0, person_id = 0, from_user_id = 0, to_service_id = 0, version = 1;
  std::optional<std::int64_t> from_organisation_id, decided_by, enrolment_id;
  std::string reason, shared, status, created_at, updated_at;
  std::optional<std::string> decided_on, decline_reason;
};
constexpr const char* kReferralCols =
    "r.id, r.person_id, r.from_user_id, r.to_service_id, r.version, r.from_organisation_id, r.decided_by, r.enrolment_id, r.reason, "
    "r.shared, r.status, r.created_at, r.updated_at, r.decided_on, r.decline_reason";
Referral read_referral(const store::Cursor& c) {
  return {c.i64(0),     c.i64(1),     c.i64(2),     c.i64(3),     c.i64(4),      c.opt_i64(5),  c.opt_i64(6),  c.opt_i64(7),
          c.str(8),     c.str(9),     c.str(10),    c.str(11),    c.str(12),     c.opt_str(13), c.opt_str(14)};
}
std::optional<Referral> find_referral(store::Tx& tx, std::int64_t id) {
  auto c = tx.query(std::string("SELECT ") + kReferralCols + " FROM referrals r WHERE r.id = $1", {id});
  if (!c->next()) return std::nullopt;
  return read_referral(*c);
}

// The sending side: the organisation's staff for CSO staff, else the case worker who sent it.
bool sent(const auth::Principal& me, const Referral& x) {
  if (policy::is_cso_staff(me)) return x.from_organisation_id && x.from_organisation_id == me.organisation_id;
  return x.from_user_id == me.user_id;
}

json::object referral_json(store::Tx& tx, const Referral& x) {
  auto s = find_service(tx, x.to_service_id);
  auto code = tx.scalar_text("SELECT code FROM people WHERE id = $1", {x.person_id}).value_or("");
  std::string from_name;
  if (x.from_organisation_id) from_name = tx.scalar_text("SELECT name FROM organisations WHERE id = $1", {*x.from_organisation_id}).value_or("");
  return {{"id", x.id},
          {"person_id", x.person_id},
          {"person_code", code},
          {"from_organisation_id", nullable(x.from_organisation_id)},
          {"from_organisation_name", from_name},
          {"from_user_id", x.from_user_id},
          {"to_service_id", x.to_service_id},
          {"to_service_name", s ? s->name : ""},
          {"to_organisation_id", s ? nullable(s->provider_organisation_id) : json::value(nullptr)},
          {"reason", x.reason},
          {"shared", json::parse(x.shared)},
          {"status", x.status},
          {"decided_by", nullable(x.decided_by)},
          {"decided_on", nullable(x.decided_on)},
          {"decline_reason", nullable(x.decline_reason)},
          {"enrolment_id", nullable(x.enrolment_id)},
          {"version", x.version},
          {"created_at", x.created_at},
          {"updated_at", x.updated_at}};
}

Response create_referral(App& app, Request& r) {
  const auto& me = r.me();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"to_service_id", "reason", "share"});
  auto to = v.integer("to_service_id", Need::Required, 1, INT64_MAX);
  auto reason = v.text("reason", Need::Required, 4000, true);
  auto parts = v.string_list("share", Need::Optional, share_parts(), 2).value_or(std::vector<std::string>{});
  auto tx = app.db->write();
  auto p = load_person(tx, r.id(), me);
  std::optional<ServiceUnit> s;
  if (to) {
    s = find_service(tx, *to);
    if (!s) v.add("to_service_id", "not_found", "No such service");
    else if (s->status != "active") v.add("to_service_id", "not_active", "The service is not active");
  }
  // Within the organisation that registered the person the data stays with the same controller;
  // anywhere else it goes only as far as the consent allows.
  if (s)
    if (auto refused = policy::hand_over_refusal(home_of(p), sharing_of(tx, p.id), provider_of(*s))) v.add("to_service_id", "consent", *refused);
  v.finish();
  for (const auto& e : enrolments_of(tx, p.id))
    if (e.service_id == s->id && e.status != "exited") throw Conflict("The person is already enrolled or waiting in this service");
  if (tx.scalar("SELECT COUNT(*) FROM referrals WHERE person_id = $1 AND to_service_id = $2 AND status = 'pending'", {p.id, s->id})
          .value_or(0) > 0)
    throw Conflict("The person is already referred to this service");
  auto now = now_iso();
  auto id = *tx.scalar(
      "INSERT INTO referrals (person_id, from_organisation_id, from_user_id, to_service_id, reason, shared, created_at, updated_at) "
      "VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id",
      {p.id, store::opt(me.organisation_id), me.user_id, s->id, *reason, json::serialize(referral_snapshot(tx, p, parts)), now, now});
  auto out = referral_json(tx, *find_referral(tx, id));
  audit::record(tx, audit::actor_of(r), "refer", "person", p.id, nullptr,
                json::object{{"referral", id}, {"to_service_id", s->id}, {"share", string_array(parts)}}, p.code);
  tx.commit();
  return with_etag(out, 201);
}

// Referrals `me` sent (outgoing) or may decide on (incoming), newest first.
Response list_referrals(App& app, Request& r) {
  const auto& me = r.me();
  auto direction = http::query_in(r, "direction", {"incoming", "outgoing"});
  if (direction.empty()) direction = "incoming";
  auto status = http::query_in(r, "status", {"pending", "accepted", "declined", "cancelled"});
  store::Where w;
  if (direction == "outgoing") {
    if (policy::is_cso_staff(me)) w.add("r.from_organisation_id = ?", {me.organisation_id.value_or(0)});
    else w.add("r.from_user_id = ?", {me.user_id});
  } else if (policy::is_cso_staff(me) && me.organisation_id) {
    w.add("s.provider_organisation_id = ?", {*me.organisation_id});
  } else {
    w.add("EXISTS (SELECT 1 FROM service_staff st WHERE st.service_id = s.id AND st.user_id = ?)", {me.user_id});
  }
  if (!status.empty()) w.add("r.status = ?", {status});
  auto tx = app.db->write();  // the list carries people's codes and what was shared: audited
  std::vector<Referral> found;
  {
    auto c = tx.query(std::string("SELECT ") + kReferralCols + " FROM referrals r JOIN service_units s ON s.id = r.to_service_id" + w.sql() +
                          " ORDER BY r.id DESC LIMIT 200",
                      w.params());
    while (c->next()) found.push_back(read_referral(*c));
  }
  json::array items;
  for (const auto& x : found) items.push_back(referral_json(tx, x));
  audit::record(tx, audit::actor_of(r), "read", "person", std::nullopt, nullptr, nullptr,
                "referrals " + direction + ": " + std::to_string(found.size()));
  tx.commit();
  return Response::json(json::object{{"items", std::move(items)}});
}

Referral load_referral(store::Tx& tx, std::int64_t id, const auth::Principal& me, ServiceUnit& s) {
  auto x = find_referral(tx, id);
  if (!x) throw NotFound("No such referral");
  s = *find_service(tx, x->to_service_id);
  if (!staffs_service(tx, me, s) && !sent(me, *x)) throw Forbidden("The referral is between other services");
  return *x;
}

// A referral carries the person's profile and what their consent allowed to share: its read is audited.
Response get_referral(App& app, Request& r) {
  auto tx = app.db->write();
  ServiceUnit s;
  auto x = load_referral(tx, r.id(), r.me(), s);
  auto out = referral_json(tx, x);
  audit::record(tx, audit::actor_of(r), "read", "person", x.person_id, nullptr, nullptr, "referral " + std::to_string(x.id));
  tx.commit();
  return with_etag(out);
}

// The receiving side (staffs_service) decides: accepting enrols the person (or puts them on the
// waiting list when the service is full), after which the service's staff may open their file;
// declining says why and drops what was shared.
Response decide_referral(App& app, Request& r, bool accept) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = r.body.empty() ? json::object{} : parse_object(r.body);
  Validator v(body);
  v.only({"reason"});
  auto reason = v.text("reason", accept ? Need::Optional : Need::Required, 4000, true);
  v.finish();
  auto tx = app.db->write();
  ServiceUnit s;
  auto x = load_referral(tx, id, r.me(), s);
  if (!staffs_service(tx, r.me(), s)) throw Forbidden("Only the receiving service decides on a referral");
  if (x.version != version) throw PreconditionFailed("The referral was changed since you read it: reload it");
  if (x.status != "pending") throw Conflict("The referral was already " + x.status);
  auto now = now_iso();
  std::optional<std::int64_t> enrolment;
  std::string code = tx.scalar_text("SELECT code FROM people WHERE id = $1", {x.person_id}).value_or("");
  if (accept) {
    for (const auto& e : enrolments_of(tx, x.person_id))
      if (e.service_id == s.id && e.status != "exited") enrolment = e.id;
    if (!enrolment) enrolment = open_enrolment(tx, x.person_id, s, today()).id;
  }
  if (tx.exec("UPDATE referrals SET status = $1, decided_by = $2, decided_on = $3, decline_reason = $4, enrolment_id = $5, "
              "shared = CASE WHEN $1 = 'declined' THEN '{}' ELSE shared END, version = version + 1, updated_at = $6 "
              "WHERE id = $7 AND status = 'pending' AND version = $8",
              {accept ? "accepted" : "declined", r.me().user_id, today(), accept ? store::Param{} : store::opt(reason),
               store::opt(enrolment), now, id, version}) != 1)
    throw Conflict("The referral was decided by someone else");
  auto out = referral_json(tx, *find_referral(tx, id));
  audit::record(tx, audit::actor_of(r), accept ? "accept_referral" : "decline_referral", "person", x.person_id, nullptr,
                json::object{{"referral", id}, {"enrolment", nullable(enrolment)}},
                code);
  tx.commit();
  return with_etag(out);
}

// ------------------------------------------------------------------ subject access and anonymisation

// Everything the system holds about a person, identity included, with who read or changed their
// file and when: the answer to a subject-access request. The export itself is audited.
Response export_person(App& app, Request& r) {
  auto tx = app.db->write();
  auto p = load_person(tx, r.id(), r.me());
  auto out = person_json(tx, p);
  out["identity"] = p.status == "anonymised" ? json::value(nullptr) : json::parse(app.vault->open(p.sealed_identity));
  json::array deliveries;
  {
    auto c = tx.query("SELECT d.on_date, s.name, d.units, d.mode, d.activity FROM deliveries d JOIN service_units s ON s.id = d.service_id "
                      "WHERE d.person_id = $1 ORDER BY d.on_date, s.name",
                      {p.id});
    while (c->next())
      deliveries.push_back({{"on_date", c->str(0)}, {"service", c->str(1)}, {"units", c->i64(2)}, {"mode", c->str(3)},
                            {"activity", nullable(c->opt_str(4))}});
  }
  out["deliveries"] = std::move(deliveries);
  json::array referrals;
  {
    std::vector<Referral> found;
    auto c = tx.query(std::string("SELECT ") + kReferralCols + " FROM referrals r WHERE r.person_id = $1 ORDER BY r.id", {p.id});
    while (c->next()) found.push_back(read_referral(*c));
    c.reset();
    for (const auto& x : found) referrals.push_back(referral_json(tx, x));
  }
  out["referrals"] = std::move(referrals);
  json::array trail;
  {
    auto c = tx.query("SELECT at, user_email, action FROM audit_log WHERE entity = 'person' AND entity_id = $1 ORDER BY id", {p.id});
    while (c->next()) trail.push_back({{"at", c->str(0)}, {"by", c->str(1)}, {"action", c->str(2)}});
  }
  out["access_log"] = std::move(trail);
  out["exported_at"] = now_iso();
  audit::record(tx, audit::actor_of(r), "export", "person", p.id, nullptr, nullptr, p.code);
  tx.commit();
  auto res = Response::json(out);
  res.header("Content-Disposition", "attachment; filename=\"" + p.code + "-" + today() + ".json\"");
  return res;
}

// Anonymisation, once the person has left every service: the identity, the keys of the duplicate
// check, the locality, free text (assessment notes, plan goals, follow-up notes, referral reasons) and
// the changes recorded in the audit trail are erased; sex, birth year, district, disability, target
// groups, enrolments, deliveries and pathway dates stay — so every aggregate is unchanged.
Response anonymise_person(App& app, Request& r) {
  auto version = r.if_match();  // the person's file, as read
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"reason"});
  auto reason = v.text("reason", Need::Required, 2000, true);
  v.finish();
  auto tx = app.db->write();
  auto p = load_person(tx, r.id(), r.me());
  if (p.version != version) throw PreconditionFailed("The person's file was changed since you read it: reload it");
  if (p.status == "anonymised") throw Conflict("The person's file is already anonymised");
  for (const auto& e : enrolments_of(tx, p.id))
    if (e.status != "exited") throw Conflict("The person is still enrolled or waiting in a service: end the enrolment first");
  auto id = p.id;
  auto now = now_iso();
  tx.exec("UPDATE people SET identity = $1, idnp_hash = NULL, name_dob_hash = $2, locality = NULL, status = 'anonymised', "
          "version = version + 1, updated_at = $3 WHERE id = $4",
          {app.vault->seal("{}"), "anonymised:" + std::to_string(id), now, id});
  tx.exec("UPDATE assessments SET summary = '', domains = '[]' WHERE person_id = $1", {id});
  tx.exec("UPDATE plans SET goals = '[]', status = 'closed' WHERE person_id = $1", {id});
  tx.exec("UPDATE pathways SET transition_plan = '', institution = '' WHERE person_id = $1", {id});
  tx.exec("UPDATE pathway_followups SET notes = NULL WHERE pathway_id IN (SELECT id FROM pathways WHERE person_id = $1)", {id});
  tx.exec("UPDATE referrals SET reason = '', shared = '{}', decline_reason = NULL, "
          "status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END WHERE person_id = $1",
          {id});
  tx.exec("UPDATE deliveries SET activity = NULL WHERE person_id = $1", {id});
  tx.exec("UPDATE audit_log SET before_json = NULL, after_json = NULL WHERE entity = 'person' AND entity_id = $1", {id});
  audit::record(tx, audit::actor_of(r), "anonymise", "person", id, nullptr, json::object{{"reason", *reason}}, p.code);
  auto out = person_json(tx, *find_person(tx, id));
  tx.commit();
  return with_etag(out);
}
}  // namespace

void register_care_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  r.add("POST", "/api/v1/people/{id}/consents", "people.write", h(add_consent));
  r.add("POST", "/api/v1/consents/{id}/withdraw", "people.write", h(withdraw_consent));
  r.add("PATCH", "/api/v1/enrolments/{id}", "people.write", h(update_enrolment));
  r.add("POST", "/api/v1/people/{id}/referrals", "people.write", h(create_referral));
  r.add("GET", "/api/v1/referrals", "people.read", h(list_referrals));
  r.add("GET", "/api/v1/referrals/{id}", "people.read", h(get_referral));
  r.add("POST", "/api/v1/referrals/{id}/accept", "people.write",
        [&app](Request& req) { return decide_referral(app, req, true); });
  r.add("POST", "/api/v1/referrals/{id}/decline", "people.write",
        [&app](Request& req) { return decide_referral(app, req, false); });
  r.add("GET", "/api/v1/people/{id}/export", "people.read", h(export_person));
  r.add("POST", "/api/v1/people/{id}/anonymise", "people.write", h(anonymise_person));
}
}  // namespace sp::services
