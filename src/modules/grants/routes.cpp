// HTTP for the grant programme: parse and validate → check scope → rules/repo → serialise.
#include "modules/grants/routes.hpp"
#include "platform/policy.hpp"

#include <boost/json.hpp>

#include "audit/routes.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "http/respond.hpp"
#include "modules/grants/access.hpp"
#include "modules/grants/repo.hpp"
#include "modules/grants/rules.hpp"
#include "modules/registry/documents.hpp"
#include "modules/registry/repo.hpp"
#include "modules/registry/rules.hpp"

namespace sp::grants {
namespace {
namespace bj = boost::json;
using http::Request;
using http::Response;
using http::with_etag;

// ------------------------------------------------------------------ calls

void check_districts(store::Tx& tx, Validator& v, const Call& c) {
  for (std::size_t i = 0; i < c.eligible_districts.size(); ++i) {
    auto u = registry::find_unit(tx, c.eligible_districts[i]);
    if (!u || u->level != 2) v.add("eligible_districts", "not_found", "No such district: " + c.eligible_districts[i]);
  }
}

bj::object call_json(store::Tx& tx, const Call& c, const std::string& now) {
  auto o = to_json(c, now);
  o["amendments"] = list_amendments(tx, c.id);
  return o;
}

Response list_calls_route(App& app, Request& r) {
  auto now = now_iso();
  auto tx = app.db->read();
  auto status = http::query_in(r, "status", call_statuses());
  bj::array items;
  for (const auto& c : list_calls(tx, is_staff(r.me()))) {
    auto o = to_json(c, now);
    if (!status.empty() && o["status"].as_string() != status) continue;
    o["applications"] = tx.scalar("SELECT COUNT(*) FROM applications WHERE call_id = $1 AND status = 'submitted'", {c.id}).value_or(0);
    items.push_back(std::move(o));
  }
  return Response::json(bj::object{{"items", std::move(items)}});
}

Response get_call(App& app, Request& r) {
  auto tx = app.db->read();
  return with_etag(call_json(tx, load_call(tx, r.id(), r.me()), now_iso()));
}

Response create_call(App& app, Request& r) {
  auto body = parse_object(r.body);
  Validator v(body);
  auto c = read_call(body, v);
  auto tx = app.db->write();
  check_districts(tx, v, c);
  if (!c.code.empty() && call_code_taken(tx, c.code, 0)) v.add("code", "taken", "Another call has this code");
  v.finish();
  c.status = "draft";
  c.id = insert_call(tx, c);
  auto after = call_json(tx, *find_call(tx, c.id), now_iso());
  audit::record(tx, audit::actor_of(r), "create", "call", c.id, nullptr, after, c.title.ro);
  tx.commit();
  return with_etag(after, 201);
}

Response update_call_route(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto patch = parse_object(r.body);
  auto tx = app.db->write();
  auto before = load_call(tx, id, r.me());
  auto now = now_iso();
  if (before.status != "draft")
    throw Conflict("A published call changes only by a recorded amendment (POST /api/v1/calls/{id}/amendments)");
  auto merged = registry::merge(to_json(before, now), patch);
  Validator v(merged);
  auto c = read_call(merged, v);
  check_districts(tx, v, c);
  if (!c.code.empty() && call_code_taken(tx, c.code, id)) v.add("code", "taken", "Another call has this code");
  v.finish();
  c.id = id;
  c.status = before.status;
  if (!update_call(tx, c, version)) throw PreconditionFailed("The call was changed by someone else");
  auto after = call_json(tx, *find_call(tx, id), now);
  audit::record(tx, audit::actor_of(r), "update", "call", id, to_json(before, now), after, c.title.ro);
  tx.commit();
  return with_etag(after);
}

// Who hears about a call: every CSO account when it is published; the applicants when it is amended.
std::vector<std::int64_t> applicants_of(store::Tx& tx, std::int64_t call_id) {
  std::vector<std::int64_t> users;
  auto c = tx.query("SELECT DISTINCT u.id FROM users u JOIN applications a ON a.organisation_id = u.organisation_id "
                    "WHERE a.call_id = $1 AND u.status = 'active' AND a.status <> 'withdrawn' ORDER BY u.id",
                    {call_id});
  while (c->next()) users.push_back(c->i64(0));
  return users;
}

Response transition_call(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"to"});
  auto to = v.one_of("to", Need::Required, {"published", "under_evaluation", "decided", "archived"});
  v.finish();
  auto tx = app.db->write();
  auto c = load_call(tx, id, r.me());
  auto now = now_iso();
  auto before = to_json(c, now);
  if (auto why = transition_error(c, *to, now); !why.empty()) throw Conflict(why);
  if (*to == "decided") {
    auto undecided = tx.scalar("SELECT COUNT(*) FROM applications WHERE call_id = $1 AND status = 'submitted' AND decision IS NULL", {id});
    if (undecided.value_or(0) > 0)
      throw Conflict(std::to_string(*undecided) + " submitted application(s) have no decision yet");
  }
  c.status = *to;
  if (*to == "published") c.published_at = now;
  if (*to == "decided") c.decided_at = now;
  if (!update_call(tx, c, version)) throw PreconditionFailed("The call was changed by someone else");
  if (*to == "published") notify(tx, users_with_role(tx, policy::role_of(policy::Audience::CsoStaff)), "call_published", "call", id, {{"title", c.title.ro}, {"code", c.code}});
  if (*to == "decided") notify(tx, applicants_of(tx, id), "result", "call", id, {{"title", c.title.ro}, {"code", c.code}});
  auto after = call_json(tx, *find_call(tx, id), now);
  audit::record(tx, audit::actor_of(r), *to == "published" ? "publish" : "status", "call", id, before, after, c.title.ro + " → " + *to);
  tx.commit();
  return with_etag(after);
}

Response amend_call(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"reason", "changes"});
  auto reason = v.text("reason", Need::Required, 2000, true);
  const bj::object* changes = v.object("changes", Need::Required);
  if (changes) {
    if (changes->empty()) v.add("changes", "required", "Say what the amendment changes");
    for (const auto& kv : *changes)
      if (!amendable_field(kv.key())) v.add("changes." + std::string(kv.key()), "not_amendable", "This field cannot be amended");
  }
  v.finish();
  auto tx = app.db->write();
  auto c = load_call(tx, id, r.me());
  auto now = now_iso();
  auto status = effective_status(c, now);
  if (status != "published") throw Conflict("Only a published call before its deadline is amended (now: " + status + ")");
  auto before = to_json(c, now);
  auto merged = registry::merge(before, *changes);
  Validator cv(merged);
  auto n = read_call(merged, cv);
  check_districts(tx, cv, n);
  // Errors name the field inside "changes", where the officer wrote it.
  std::vector<FieldError> errs;
  for (auto& e : cv.errors()) errs.push_back({"changes." + e.field, e.code, e.message});
  if (!errs.empty()) throw Invalid(errs);
  if (n.closes_at <= now) throw Invalid({{"changes.closes_at", "in_past", "The new deadline must be in the future"}});
  n.id = c.id;
  n.status = c.status;
  n.published_at = c.published_at;
  if (!update_call(tx, n, version)) throw PreconditionFailed("The call was changed by someone else");
  auto after_obj = to_json(*find_call(tx, id), now);
  bj::object diff;
  for (const auto& kv : *changes) diff[kv.key()] = {{"before", before.at(kv.key())}, {"after", after_obj.at(kv.key())}};
  auto number = insert_amendment(tx, id, *reason, bj::serialize(diff), r.me().user_id);
  notify(tx, applicants_of(tx, id), "call_amended", "call", id, {{"title", c.title.ro}, {"code", c.code}, {"number", number}});
  auto after = call_json(tx, *find_call(tx, id), now);
  audit::record(tx, audit::actor_of(r), "amend", "call", id, before, after, "Amendment " + std::to_string(number) + ": " + *reason);
  tx.commit();
  return with_etag(after, 201);
}

// ------------------------------------------------------------------ applications

// What the checks need to know about the applicant, given the application's documents.
Applicant applicant_of(store::Tx& tx, const Application& a, const std::vector<registry::Document>& docs) {
  Applicant w;
  if (auto o = registry::find_organisation(tx, a.organisation_id)) {
    w.legal_form = o->legal_form;
    w.status = o->status;
    w.district = o->district;
  }
  for (const auto& d : docs)
    if (!d.kind.empty()) w.document_kinds.push_back(d.kind);
  if (a.partner_authority_id) {
    auto au = registry::find_authority(tx, *a.partner_authority_id);
    w.authority_is_partner = au && au->status == "active";
  }
  return w;
}
Applicant applicant_of(store::Tx& tx, const Application& a) {
  return applicant_of(tx, a, registry::documents_of(tx, "application", a.id));
}

bj::array errors_json(const std::vector<FieldError>& e) {
  bj::array out;
  for (const auto& x : e) out.push_back({{"field", x.field}, {"code", x.code}, {"message", x.message}});
  return out;
}

bool decided(const Call& c, const std::string& now) {
  auto s = effective_status(c, now);
  return s == "decided" || s == "archived";
}

void hide_decision(bj::object& o) {
  for (const char* k : {"consensus_score", "consensus_reason", "decision", "decision_reason", "awarded_minor"}) o[k] = nullptr;
}

bj::object application_json(store::Tx& tx, const Application& a, const Call& c, const std::string& now) {
  auto o = to_json(a);
  o["organisation_name"] = organisation_name(tx, a.organisation_id);
  o["partner_authority_name"] = a.partner_authority_id ? bj::value(authority_name(tx, *a.partner_authority_id)) : bj::value(nullptr);
  o["call"] = {{"id", c.id}, {"code", c.code}, {"title", to_json(c.title)}, {"currency", c.currency},
               {"closes_at", utc_to_chisinau(c.closes_at).substr(0, 16)}, {"status", effective_status(c, now)}};
  auto docs = registry::documents_of(tx, "application", a.id);
  bj::array docs_json;
  for (const auto& d : docs) docs_json.push_back(registry::to_json(d));
  o["documents"] = std::move(docs_json);
  o["periods"] = a.periods(c);
  o["checks"] = errors_json(check_application(c, a, applicant_of(tx, a, docs), now));
  o["editable"] = a.status == "draft" && now < c.closes_at;
  auto g = agreement_of_application(tx, a.id);
  o["agreement_id"] = g ? bj::value(g->id) : bj::value(nullptr);
  return o;
}

// The decision and the consensus are the programme's until the call is decided: the applicant and
// its authority see them with the results, not before.
bj::object application_view(store::Tx& tx, const Application& a, const Call& c, const std::string& now, const auth::Principal& me) {
  auto o = application_json(tx, a, c, now);
  if (!reads_all(me) && !decided(c, now)) hide_decision(o);
  return o;
}

Response list_applications_route(App& app, Request& r) {
  const auto& me = r.me();
  ApplicationFilter f;
  auto call = query_int(r.q("call_id"), "call_id", 0, 0, INT64_MAX);
  if (call) f.call_id = call;
  f.status = http::query_in(r, "status", {"draft", "submitted", "withdrawn"});
  if (policy::is_cso_staff(me)) {
    if (!me.organisation_id) throw Forbidden("Your account is not linked to an organisation");
    f.organisation_id = me.organisation_id;
  } else if (policy::is_authority_staff(me)) {
    if (!me.authority_id) throw Forbidden("Your account is not linked to an authority");
    f.authority_id = me.authority_id;
  } else if (!reads_all(me)) {
    throw Forbidden("Applications are read by the applicant, its partner authority and the programme's officers");
  } else {
    f.submitted_only = f.status.empty();  // officers see what was submitted, not others' drafts
  }
  auto tx = app.db->read();
  auto now = now_iso();
  bj::array items;
  std::map<std::int64_t, Call> calls;
  for (const auto& a : list_applications(tx, f)) {
    if (!calls.count(a.call_id)) calls[a.call_id] = *find_call(tx, a.call_id);
    const auto& c = calls[a.call_id];
    items.push_back({{"id", a.id}, {"number", nullable(a.number)},
                     {"call_id", a.call_id}, {"call_code", c.code}, {"lot", nullable(a.lot)},
                     {"title", a.title}, {"organisation_id", a.organisation_id},
                     {"organisation_name", organisation_name(tx, a.organisation_id)}, {"district", nullable(a.district)},
                     {"grant_minor", a.grant_minor}, {"total_minor", a.total_minor}, {"currency", c.currency},
                     {"status", a.status}, {"submitted_at", nullable(a.submitted_at)},
                     {"confirmed", a.confirmed_authority_minor.has_value()},
                     {"decision", reads_all(me) || decided(c, now) ? nullable(a.decision) : bj::value(nullptr)},
                     {"version", a.version}});
  }
  return Response::json(bj::object{{"items", std::move(items)}});
}

Response get_application(App& app, Request& r) {
  auto tx = app.db->read();
  auto a = load_application(tx, r.id(), r.me());
  auto c = *find_call(tx, a.call_id);
  return with_etag(application_view(tx, a, c, now_iso(), r.me()));
}

void check_application_refs(store::Tx& tx, Validator& v, const Application& a) {
  if (a.district) {
    auto d = registry::find_unit(tx, *a.district);
    if (!d || d->level != 2) v.add("district", "not_found", "No such district");
  }
  if (a.locality) {
    auto u = registry::find_unit(tx, *a.locality);
    if (!u || u->level != 1 || u->parent_code != a.district) v.add("locality", "not_found", "No such locality in this district");
  }
  if (a.partner_authority_id && !registry::find_authority(tx, *a.partner_authority_id))
    v.add("partner_authority_id", "not_found", "No such public authority");
}

Response create_application(App& app, Request& r) {
  const auto& me = r.me();
  if (!me.organisation_id) throw Forbidden("Your account is not linked to an organisation");
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"call_id", "title", "summary", "lot", "district", "locality", "starts_on", "duration_months",
          "partner_authority_id", "target_groups", "workplan", "budget"});
  auto call_id = v.integer("call_id", Need::Required, 1, INT64_MAX);
  v.finish();
  auto tx = app.db->write();
  auto c = load_call(tx, *call_id, me);
  auto now = now_iso();
  if (effective_status(c, now) != "published" || now < c.opens_at)
    throw Conflict(now >= c.closes_at ? "The deadline for this call has passed" : "The call is not open for applications");
  auto a = read_application(body, v, c);
  check_application_refs(tx, v, a);
  v.finish();
  a.call_id = c.id;
  a.organisation_id = *me.organisation_id;
  a.id = insert_application(tx, a, me.user_id);
  auto stored = *find_application(tx, a.id);
  auto after = application_json(tx, stored, c, now);
  audit::record(tx, audit::actor_of(r), "create", "application", a.id, nullptr, to_json(stored), a.title);
  tx.commit();
  return with_etag(after, 201);
}

Response update_application_route(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto patch = parse_object(r.body);
  auto tx = app.db->write();
  auto before = load_application(tx, id, r.me());
  if (!may_edit_application(r.me(), before)) throw Forbidden("Only the applicant's staff change an application");
  auto c = *find_call(tx, before.call_id);
  auto now = now_iso();
  if (now >= c.closes_at) throw Conflict("The deadline has passed: the application can no longer be changed");
  if (before.status != "draft") throw Conflict("A submitted application is frozen: reopen it first (before the deadline)");
  auto base = to_json(before);
  for (const char* k : {"id", "call_id", "organisation_id", "number", "people_expected", "grant_minor", "applicant_minor",
                        "authority_minor", "total_minor", "confirmed_authority_minor", "confirmed_at", "status",
                        "submitted_at", "snapshots", "version", "created_at", "updated_at", "consensus_score",
                        "consensus_reason", "decision", "decision_reason", "awarded_minor"})
    base.erase(k);
  Validator pv(patch);
  pv.only({"title", "summary", "lot", "district", "locality", "starts_on", "duration_months", "partner_authority_id",
           "target_groups", "workplan", "budget"});
  pv.finish();
  auto merged = registry::merge(base, patch);
  Validator v(merged);
  auto a = read_application(merged, v, c);
  check_application_refs(tx, v, a);
  v.finish();
  a.id = id;
  a.call_id = before.call_id;
  a.organisation_id = before.organisation_id;
  a.number = before.number;
  a.status = before.status;
  a.snapshots = before.snapshots;
  a.submitted_at = before.submitted_at;
  // A confirmation stands for one authority and one amount; a different authority needs a new one.
  if (a.partner_authority_id == before.partner_authority_id) {
    a.confirmed_authority_minor = before.confirmed_authority_minor;
    a.confirmed_at = before.confirmed_at;
  }
  if (!update_application(tx, a, version)) throw PreconditionFailed("The application was changed by someone else");
  auto stored = *find_application(tx, id);
  audit::record(tx, audit::actor_of(r), "update", "application", id, to_json(before), to_json(stored), a.title);
  auto out = application_json(tx, stored, c, now);
  tx.commit();
  return with_etag(out);
}

Response application_checks(App& app, Request& r) {
  auto tx = app.db->read();
  auto a = load_application(tx, r.id(), r.me());
  auto c = *find_call(tx, a.call_id);
  auto e = check_application(c, a, applicant_of(tx, a), now_iso());
  return Response::json(bj::object{{"submittable", e.empty()}, {"errors", errors_json(e)}});
}

// submit | withdraw | reopen, each a POST with If-Match.
Response application_action(App& app, Request& r, const std::string& action) {
  auto id = r.id();
  auto version = r.if_match();
  auto tx = app.db->write();
  auto a = load_application(tx, id, r.me());
  if (!may_edit_application(r.me(), a)) throw Forbidden("Only the applicant's staff " + action + " an application");
  auto c = *find_call(tx, a.call_id);
  auto now = now_iso();
  auto before = to_json(a);
  if (action == "submit") {
    if (now >= c.closes_at) throw Conflict("The deadline has passed: the application can no longer be submitted");
    if (a.status != "draft") throw Conflict("Only a draft is submitted");
    auto errs = check_application(c, a, applicant_of(tx, a), now);
    if (!errs.empty()) throw Invalid(errs, "The application cannot be submitted: " + std::to_string(errs.size()) + " problem(s)");
    if (!a.number) a.number = next_application_number(tx, c);
    a.status = "submitted";
    a.submitted_at = now;
    a.snapshots += 1;
  } else {
    if (now >= c.closes_at) throw Conflict("The deadline has passed: nothing can be changed");
    if (action == "withdraw") {
      if (a.status == "withdrawn") throw Conflict("Already withdrawn");
      a.status = "withdrawn";
    } else {  // reopen
      if (a.status != "submitted") throw Conflict("Only a submitted application is reopened");
      a.status = "draft";
    }
  }
  if (!update_application(tx, a, version)) throw PreconditionFailed("The application was changed by someone else");
  auto stored = *find_application(tx, id);
  auto out = application_json(tx, stored, c, now);
  if (action == "submit") {
    insert_snapshot(tx, id, stored.snapshots, bj::serialize(out), r.me().user_id);
    auto officers = users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers));
    auto cso = users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), stored.organisation_id);
    officers.insert(officers.end(), cso.begin(), cso.end());
    notify(tx, officers, "application_submitted", "application", id,
           {{"number", *stored.number}, {"title", stored.title}, {"call", c.code}});
  }
  audit::record(tx, audit::actor_of(r), action, "application", id, before, to_json(stored), a.title);
  tx.commit();
  return with_etag(out);
}

// The partner authority confirms (or declines) the partnership and the co-financing it commits.
Response confirm_application(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();  // the application as the authority read it
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"confirm", "authority_minor", "note"});
  auto confirm = v.boolean("confirm", Need::Required);
  auto amount = v.integer("authority_minor", confirm.value_or(false) ? Need::Required : Need::Optional, 0, kMaxMinor);
  v.text("note", Need::Optional, 2000, true);
  v.finish();
  auto tx = app.db->write();
  auto a = find_application(tx, id);
  if (!a) throw NotFound("No such application");
  const auto& me = r.me();
  if (!me.authority_id || !a->partner_authority_id || *me.authority_id != *a->partner_authority_id)
    throw Forbidden("Only the partner authority confirms its co-financing");
  if (a->version != version) throw PreconditionFailed("The application was changed since you read it: reload it and confirm again");
  auto c = *find_call(tx, a->call_id);
  auto now = now_iso();
  if (now >= c.closes_at) throw Conflict("The deadline has passed");
  if (a->status != "draft") throw Conflict("The application is already submitted");
  if (*confirm && *amount != a->authority_minor)
    throw Invalid({{"authority_minor", "mismatch",
                    "The budget asks the authority for " + std::to_string(a->authority_minor) + "; confirm that amount or ask the applicant to change the budget"}});
  auto before = to_json(*a);
  if (*confirm) {
    a->confirmed_authority_minor = *amount;
    a->confirmed_at = now;
  } else {
    a->confirmed_authority_minor.reset();
    a->confirmed_at.reset();
  }
  if (!update_application(tx, *a, a->version)) throw PreconditionFailed("The application was changed by someone else");
  tx.exec("UPDATE applications SET confirmed_by = $1 WHERE id = $2", {me.user_id, id});
  notify(tx, users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), a->organisation_id), *confirm ? "cofinancing_confirmed" : "cofinancing_declined",
         "application", id, {{"title", a->title}, {"authority", authority_name(tx, *a->partner_authority_id)}});
  auto stored = *find_application(tx, id);
  audit::record(tx, audit::actor_of(r), *confirm ? "confirm" : "decline", "application", id, before, to_json(stored), a->title);
  auto out = application_json(tx, stored, c, now);
  tx.commit();
  return with_etag(out);
}

Response upload_application_doc(App& app, Request& r) {
  auto id = r.id();
  auto kind = http::query_text(r, "kind", 40);
  auto tx = app.db->write();
  auto a = load_application(tx, id, r.me());
  if (!may_edit_application(r.me(), a)) throw Forbidden("Only the applicant's staff attach documents");
  auto c = *find_call(tx, a.call_id);
  if (now_iso() >= c.closes_at) throw Conflict("The deadline has passed: nothing can be attached");
  if (a.status != "draft") throw Conflict("A submitted application is frozen: reopen it first");
  if (!kind.empty() && std::none_of(c.required_documents.begin(), c.required_documents.end(),
                                    [&](const RequiredDocument& x) { return x.code == kind; }))
    throw Invalid({{"kind", "not_found", "The call asks for no such document"}});
  // Stored only once the upload is allowed: a refused one never reaches the disk.
  auto d = registry::store_document_file(app, r.body, http::query_text(r, "filename", 300));
  d.kind = kind.empty() ? "other" : kind;
  auto doc = registry::attach_document(tx, r, "application", id, d);
  tx.commit();
  return Response::json(doc, 201);
}

// ------------------------------------------------------------------ evaluation

// Assigns evaluators so each submitted application has `per_application` (default 2) who have not
// declared a conflict, balancing the load over every active evaluator account.
Response assign_evaluators(App& app, Request& r) {
  auto id = r.id();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"per_application"});
  auto per = static_cast<int>(v.integer("per_application", Need::Optional, 2, 5).value_or(2));
  v.finish();
  auto tx = app.db->write();
  auto c = load_call(tx, id, r.me());
  auto now = now_iso();
  if (effective_status(c, now) != "under_evaluation") throw Conflict("Evaluators are assigned once the call is under evaluation");
  std::vector<std::int64_t> apps;
  ApplicationFilter f;
  f.call_id = id;
  f.submitted_only = true;
  for (const auto& a : list_applications(tx, f)) apps.push_back(a.id);
  auto evaluators = users_with_role(tx, policy::role_of(policy::Audience::Evaluators));
  std::map<std::int64_t, int> load;
  {
    auto cur = tx.query("SELECT evaluator_id, COUNT(*) FROM evaluations WHERE status <> 'conflict' GROUP BY evaluator_id");
    while (cur->next()) load[cur->i64(0)] = static_cast<int>(cur->i64(1));
  }
  std::set<std::pair<std::int64_t, std::int64_t>> taken;
  {
    auto cur = tx.query("SELECT e.application_id, e.evaluator_id, e.status FROM evaluations e JOIN applications a ON "
                        "a.id = e.application_id WHERE a.call_id = $1",
                        {id});
    while (cur->next()) taken.insert({cur->i64(0), cur->str(2) == "conflict" ? -cur->i64(1) : cur->i64(1)});
  }
  auto plan = plan_assignments(apps, evaluators, load, taken, per);
  std::map<std::int64_t, int> added;
  for (const auto& [app_id, ev] : plan) {
    insert_evaluation(tx, app_id, ev, r.me().user_id);
    ++added[ev];
  }
  for (const auto& [ev, n] : added) notify(tx, {ev}, "evaluation_assigned", "call", id, {{"call", c.code}, {"count", n}});
  // Applications still short of evaluators (too few without a conflict) are reported, not hidden.
  bj::array short_of;
  for (auto a : apps) {
    auto n = tx.scalar("SELECT COUNT(*) FROM evaluations WHERE application_id = $1 AND status <> 'conflict'", {a}).value_or(0);
    if (n < per) short_of.push_back(a);
  }
  audit::record(tx, audit::actor_of(r), "assign", "call", id, nullptr, bj::object{{"assignments", plan.size()}},
                std::to_string(plan.size()) + " evaluation(s) assigned");
  tx.commit();
  return Response::json(bj::object{{"assigned", plan.size()}, {"applications", apps.size()}, {"short_of_evaluators", std::move(short_of)}});
}

bj::object evaluation_json(store::Tx& tx, const Evaluation& e, const Application& a, const Call& c, bool with_application) {
  bj::array scores;
  for (const auto& s : e.scores) scores.push_back({{"criterion", s.criterion}, {"score", s.score}, {"justification", s.justification}});
  bj::object o{{"id", e.id}, {"application_id", e.application_id}, {"application_number", nullable(a.number)},
               {"call_id", c.id}, {"call_code", c.code}, {"currency", c.currency}, {"blind", c.blind}, {"status", e.status},
               {"scores", std::move(scores)}, {"total", nullable(e.total)},
               {"max_total", c.max_total_score()}, {"assigned_at", e.assigned_at},
               {"coi_declared_at", nullable(e.coi_declared_at)},
               {"submitted_at", nullable(e.submitted_at)}, {"version", e.version}};
  // The applicant's identity only where the call is not blind; the project itself only once the
  // evaluator has declared no conflict of interest.
  if (!c.blind) o["organisation_name"] = organisation_name(tx, a.organisation_id);
  if (with_application && (e.status == "declared" || e.status == "submitted")) {
    auto app = to_json(a);
    for (const char* k : {"confirmed_at", "created_at", "updated_at", "snapshots", "version", "consensus_score", "consensus_reason",
                          "decision", "decision_reason", "awarded_minor"})
      app.erase(k);
    if (c.blind) {
      app.erase("organisation_id");
      app.erase("partner_authority_id");
    } else {
      app["organisation_name"] = organisation_name(tx, a.organisation_id);
      app["partner_authority_name"] = a.partner_authority_id ? bj::value(authority_name(tx, *a.partner_authority_id)) : bj::value(nullptr);
    }
    o["application"] = std::move(app);
    o["criteria"] = to_json(c, now_iso()).at("criteria");
  }
  return o;
}

struct EvalCtx {
  Evaluation e;
  Application a;
  Call c;
};
EvalCtx load_evaluation(store::Tx& tx, std::int64_t id, const auth::Principal& me) {
  auto e = find_evaluation(tx, id);
  if (!e) throw NotFound("No such evaluation");
  if (policy::is_evaluator(me) ? e->evaluator_id != me.user_id : !reads_all(me))
    throw Forbidden("This evaluation is assigned to someone else");
  auto a = *find_application(tx, e->application_id);
  return {*e, a, *find_call(tx, a.call_id)};
}

Response list_evaluations(App& app, Request& r) {
  const auto& me = r.me();
  auto call = query_int(r.q("call_id"), "call_id", 0, 0, INT64_MAX);
  std::string sql = "SELECT e.id FROM evaluations e JOIN applications a ON a.id = e.application_id WHERE 1=1";
  store::Params p;
  if (policy::is_evaluator(me)) {
    p.push_back(me.user_id);
    sql += " AND e.evaluator_id = $" + std::to_string(p.size());
  } else if (!reads_all(me)) {
    throw Forbidden("Evaluations are read by evaluators (their own) and the programme's officers");
  }
  if (call) {
    p.push_back(call);
    sql += " AND a.call_id = $" + std::to_string(p.size());
  }
  sql += " ORDER BY e.id";
  auto tx = app.db->read();
  std::vector<std::int64_t> ids;
  {
    auto cur = tx.query(sql, p);
    while (cur->next()) ids.push_back(cur->i64(0));
  }
  bj::array items;
  for (auto id : ids) {
    auto x = load_evaluation(tx, id, me);
    auto o = evaluation_json(tx, x.e, x.a, x.c, false);
    if (!policy::is_evaluator(me)) o["evaluator_id"] = x.e.evaluator_id;
    items.push_back(std::move(o));
  }
  return Response::json(bj::object{{"items", std::move(items)}});
}

Response get_evaluation(App& app, Request& r) {
  auto tx = app.db->read();
  auto x = load_evaluation(tx, r.id(), r.me());
  return with_etag(evaluation_json(tx, x.e, x.a, x.c, true));
}

// The evaluator declares no conflict of interest (then sees the project), or a conflict (and is
// replaced by the least-loaded evaluator without one).
Response declare(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"conflict", "note"});
  auto conflict = v.boolean("conflict", Need::Required);
  auto note = v.text("note", *conflict ? Need::Required : Need::Optional, 2000, true);
  v.finish();
  auto tx = app.db->write();
  auto x = load_evaluation(tx, id, r.me());
  if (!policy::is_evaluator(r.me())) throw Forbidden("Only the assigned evaluator declares");
  if (x.e.status != "assigned") throw Conflict("Already declared");
  auto now = now_iso();
  if (tx.exec("UPDATE evaluations SET status = $1, coi_declared_at = $2, coi_note = $3, version = version + 1 "
              "WHERE id = $4 AND version = $5",
              {std::string(*conflict ? "conflict" : "declared"), now, store::opt(note), id, version}) != 1)
    throw PreconditionFailed("The evaluation was changed by someone else");
  bj::object result{{"declared", *conflict ? "conflict" : "no_conflict"}};
  if (*conflict) {
    std::map<std::int64_t, int> load;
    auto cur = tx.query("SELECT evaluator_id, COUNT(*) FROM evaluations WHERE status <> 'conflict' GROUP BY evaluator_id");
    while (cur->next()) load[cur->i64(0)] = static_cast<int>(cur->i64(1));
    cur.reset();
    std::set<std::pair<std::int64_t, std::int64_t>> taken;
    for (const auto& e : evaluations_of(tx, x.a.id)) taken.insert({x.a.id, e.status == "conflict" ? -e.evaluator_id : e.evaluator_id});
    int active = 0;
    for (const auto& t : taken) active += t.second > 0;
    auto plan = plan_assignments({x.a.id}, users_with_role(tx, policy::role_of(policy::Audience::Evaluators)), load, taken, active + 1);
    for (const auto& [a, ev] : plan) {
      insert_evaluation(tx, a, ev, r.me().user_id);
      notify(tx, {ev}, "evaluation_assigned", "call", x.c.id, {{"call", x.c.code}, {"count", 1}});
      result["replaced_by_new_evaluation"] = true;
    }
    if (plan.empty()) notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "evaluator_needed", "application", x.a.id, {{"number", x.a.number.value_or("")}});
  }
  audit::record(tx, audit::actor_of(r), *conflict ? "declare_conflict" : "declare_no_conflict", "evaluation", id, nullptr,
                bj::object{{"application_id", x.a.id}, {"note", nullable(note)}}, x.a.number.value_or(""));
  auto e = *find_evaluation(tx, id);
  auto out = evaluation_json(tx, e, x.a, x.c, true);
  out["result"] = std::move(result);
  tx.commit();
  return with_etag(out);
}

Response score(App& app, Request& r) {
  auto id = r.id();
  auto version = r.if_match();
  auto body = parse_object(r.body);
  Validator v(body);
  v.only({"scores", "submit"});
  auto submit = v.boolean("submit", Need::Optional).value_or(false);
  auto tx = app.db->write();
  auto x = load_evaluation(tx, id, r.me());
  if (!policy::is_evaluator(r.me())) throw Forbidden("Only the assigned evaluator scores");
  if (x.e.status == "assigned") throw Conflict("Declare that you have no conflict of interest with this applicant before scoring");
  if (x.e.status == "conflict") throw Conflict("You declared a conflict of interest: this application is evaluated by someone else");
  if (x.e.status == "submitted") throw Conflict("The evaluation is already submitted");
  if (effective_status(x.c, now_iso()) != "under_evaluation") throw Conflict("The call is not under evaluation");
  auto scores = read_scores(body, v, x.c, submit);
  v.finish();
  bj::array stored;
  for (const auto& s : scores) stored.push_back({{"criterion", s.criterion}, {"score", s.score}, {"justification", s.justification}});
  auto now = now_iso();
  if (tx.exec("UPDATE evaluations SET scores = $1, total = $2, status = $3, submitted_at = $4, version = version + 1 "
              "WHERE id = $5 AND version = $6",
              {bj::serialize(stored), submit ? store::Param{static_cast<std::int64_t>(total_of(scores))} : store::Param{},
               std::string(submit ? "submitted" : "declared"), submit ? store::Param{now} : store::Param{}, id, version}) != 1)
    throw PreconditionFailed("The evaluation was changed by someone else");
  auto e = *find_evaluation(tx, id);
  audit::record(tx, audit::actor_of(r), submit ? "submit_scores" : "save_scores", "evaluation", id, nullptr, stored,
                x.a.number.value_or(""));
  auto out = evaluation_json(tx, e, x.a, x.c, true);
  tx.commit();
  return with_etag(out);
}
}  // namespace

void register_routes(App& app, http::Router& r) {
  auto h = handler_of(app);
  auto act = [&app](std::string action) { return [&app, action](Request& req) { return application_action(app, req, action); }; };

  registry::register_document_owner(
      "application",
      {[](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
         auto a = find_application(tx, id);
         return a && !policy::is_evaluator(p) && may_read_application(p, *a);
       },
       [](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
         auto a = find_application(tx, id);
         if (!a || !may_edit_application(p, *a) || a->status != "draft") return false;
         auto c = find_call(tx, a->call_id);
         return c && now_iso() < c->closes_at;
       },
       [](store::Tx& tx, std::int64_t id) {
         tx.exec("UPDATE applications SET version = version + 1, updated_at = $1 WHERE id = $2", {now_iso(), id});
       }});

  r.add("GET", "/api/v1/calls", "grants.read", h(list_calls_route));
  r.add("POST", "/api/v1/calls", "calls.manage", h(create_call));
  r.add("GET", "/api/v1/calls/{id}", "grants.read", h(get_call));
  r.add("PATCH", "/api/v1/calls/{id}", "calls.manage", h(update_call_route));
  r.add("POST", "/api/v1/calls/{id}/transition", "calls.manage", h(transition_call));
  r.add("POST", "/api/v1/calls/{id}/amendments", "calls.manage", h(amend_call));

  r.add("GET", "/api/v1/applications", "grants.read", h(list_applications_route));
  r.add("POST", "/api/v1/applications", "applications.write", h(create_application));
  r.add("GET", "/api/v1/applications/{id}", "grants.read", h(get_application));
  r.add("PATCH", "/api/v1/applications/{id}", "applications.write", h(update_application_route));
  r.add("GET", "/api/v1/applications/{id}/checks", "grants.read", h(application_checks));
  r.add("POST", "/api/v1/applications/{id}/submit", "applications.write", act("submit"));
  r.add("POST", "/api/v1/applications/{id}/withdraw", "applications.write", act("withdraw"));
  r.add("POST", "/api/v1/applications/{id}/reopen", "applications.write", act("reopen"));
  r.add("POST", "/api/v1/applications/{id}/confirmation", "applications.confirm", h(confirm_application));
  r.add("POST", "/api/v1/applications/{id}/documents", "applications.write", h(upload_application_doc));
  r.set_max_body(registry::kMaxDocumentBytes);

  r.add("POST", "/api/v1/calls/{id}/assignments", "evaluations.manage", h(assign_evaluators));
  r.add("GET", "/api/v1/evaluations", "grants.read", h(list_evaluations));
  r.add("GET", "/api/v1/evaluations/{id}", "grants.read", h(get_evaluation));
  r.add("POST", "/api/v1/evaluations/{id}/declaration", "evaluations.score", h(declare));
  r.add("PUT", "/api/v1/evaluations/{id}/scores", "evaluations.score", h(score));

  register_award_routes(app, r);
  register_agreement_routes(app, r);
}
}  // namespace sp::grants
