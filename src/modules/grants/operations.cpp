// The grant programme's operations before the award: calls, applications (with their documents
// and the authority's confirmation) and evaluation. On the platform's write path.
#include "platform/events.hpp"
#include "modules/grants/operations.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "modules/grants/access.hpp"
#include "modules/grants/kinds.hpp"
#include "modules/grants/repo.hpp"
#include "modules/grants/rules.hpp"
#include "modules/registry/registry.hpp"
#include "platform/documents.hpp"
#include "modules/registry/rules.hpp"
#include "platform/policy.hpp"
#include "store/data_version.hpp"

namespace sp::grants {
namespace {
namespace bj = boost::json;

// ------------------------------------------------------------------ calls

void check_districts(store::Tx& tx, Validator& v, const Call& c) {
  for (const auto& d : c.eligible_districts) {
    auto u = registry::find_unit(tx, d);
    if (!u || u->level != 2) v.add("eligible_districts", "not_found", "No such district: " + d);
  }
}

bj::value call_audited(store::Tx&, const Call& c) { return to_json(c, now_iso()); }

// ------------------------------------------------------------------ applications

// What the checks need to know about the applicant, given the application's documents.
Applicant applicant_of(store::Tx& tx, const Application& a, const std::vector<platform::Document>& docs) {
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
Applicant applicant_of(store::Tx& tx, const Application& a) { return applicant_of(tx, a, platform::documents_of(tx, "application", a.id)); }

bj::array errors_json(const std::vector<FieldError>& e) {
  bj::array out;
  for (const auto& x : e) out.push_back({{"field", x.field}, {"code", x.code}, {"message", x.message}});
  return out;
}

bool decided(const Call& c, const std::string& now) {
  auto s = effective_status(c, now);
  return s == "decided" || s == "archived";
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

bj::value application_audited(store::Tx&, const Application& a) { return to_json(a); }

platform::Refusal<Application> unless_applicant(const Caller& c) {
  return [&c](store::Tx& tx, const Application& a) -> std::optional<Say> {
    if (auto why = application_refusal(c)(tx, a)) return why;
    if (may_edit_application(c.me, a)) return std::nullopt;
    return say("applicant_staff_only", "Only the applicant's staff change its application");
  };
}

// ------------------------------------------------------------------ evaluation

bj::object evaluation_json(store::Tx& tx, const Evaluation& e, const Application& a, const Call& c, bool with_application) {
  bj::object o{{"id", e.id},
               {"application_id", e.subject_id},
               {"application_number", nullable(a.number)},
               {"call_id", c.id},
               {"call_code", c.code},
               {"currency", c.currency},
               {"blind", c.blind},
               {"status", e.status},
               {"scores", platform::evaluation::to_json(e.scores)},
               {"total", nullable(e.total)},
               {"max_total", c.max_total_score()},
               {"assigned_at", e.assigned_at},
               {"coi_declared_at", nullable(e.coi_declared_at)},
               {"submitted_at", nullable(e.submitted_at)},
               {"version", e.version}};
  // The applicant's identity only where the call is not blind; the project itself only once the
  // evaluator has declared no conflict of interest.
  if (!c.blind) o["organisation_name"] = organisation_name(tx, a.organisation_id);
  if (with_application && (e.status == "declared" || e.status == "submitted")) {
    auto app = to_json(a);
    for (const char* k : {"confirmed_at", "confirmation_note", "declined_at", "created_at", "updated_at", "snapshots", "version",
                          "consensus_score", "consensus_reason", "decision", "decision_reason", "awarded_minor"})
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

platform::Kind<EvalCtx> evaluation_kind() {
  return {"No such evaluation", "The evaluation was changed by someone else",
          [](store::Tx& tx, std::int64_t id) -> std::optional<EvalCtx> {
            auto e = platform::evaluation::find(tx, id);
            if (!e || e->subject != "application") return std::nullopt;
            auto a = *find_application(tx, e->subject_id);
            return EvalCtx{*e, a, *find_call(tx, a.call_id)};
          },
          [](const EvalCtx& x) { return x.e.version; },
          [](const EvalCtx& x) { return platform::Subject{"evaluation", x.e.id, x.a.number.value_or("")}; },
          [](store::Tx& tx, const EvalCtx& x) { return evaluation_json(tx, x.e, x.a, x.c, true); }};
}

std::optional<Say> evaluation_refusal(const auth::Principal& me, const EvalCtx& x) {
  if (policy::is_evaluator(me) ? x.e.evaluator_id != me.user_id : !reads_all(me)) return say("evaluation_not_yours", "This evaluation is assigned to someone else");
  return std::nullopt;
}

platform::Refusal<EvalCtx> unless_evaluator(const Caller& c) {
  return [&c](store::Tx&, const EvalCtx& x) -> std::optional<Say> {
    if (auto why = evaluation_refusal(c.me, x)) return why;
    if (!policy::is_evaluator(c.me)) return say("assigned_evaluator_only", "Only the assigned evaluator declares and scores");
    return std::nullopt;
  };
}
}  // namespace

// ------------------------------------------------------------------ shared kinds (kinds.hpp)

bj::object call_json(store::Tx& tx, const Call& c, const std::string& now) {
  auto o = to_json(c, now);
  o["amendments"] = list_amendments(tx, c.id);
  return o;
}

platform::Kind<Call> call_kind(const auth::Principal& me) {
  return {"No such call", "The call was changed by someone else",
          [&me](store::Tx& tx, std::int64_t id) -> std::optional<Call> {
            auto c = find_call(tx, id);
            // A draft is the foundation's work in progress: to everyone else it does not exist yet.
            if (!c || (c->status == "draft" && !is_staff(me))) return std::nullopt;
            return c;
          },
          [](const Call& c) { return c.version; }, [](const Call& c) { return platform::Subject{"call", c.id, c.title.ro}; },
          [](store::Tx& tx, const Call& c) { return call_json(tx, c, now_iso()); }};
}

bj::object application_json(store::Tx& tx, const Application& a, const Call& c, const std::string& now) {
  auto o = to_json(a);
  o["organisation_name"] = organisation_name(tx, a.organisation_id);
  o["partner_authority_name"] = a.partner_authority_id ? bj::value(authority_name(tx, *a.partner_authority_id)) : bj::value(nullptr);
  o["call"] = {{"id", c.id},
               {"code", c.code},
               {"title", to_json(c.title)},
               {"currency", c.currency},
               {"closes_at", utc_to_chisinau(c.closes_at).substr(0, 16)},
               {"status", effective_status(c, now)}};
  auto docs = platform::documents_of(tx, "application", a.id);
  bj::array docs_json;
  for (const auto& d : docs) docs_json.push_back(platform::document_json(d));
  o["documents"] = std::move(docs_json);
  o["periods"] = a.periods(c);
  o["checks"] = errors_json(check_application(c, a, applicant_of(tx, a, docs), now));
  o["editable"] = a.status == "draft" && now < c.closes_at;
  auto g = agreement_of_application(tx, a.id);
  o["agreement_id"] = g ? bj::value(g->id) : bj::value(nullptr);
  return o;
}

platform::Kind<Application> application_kind() {
  return {"No such application", "The application was changed by someone else", find_application,
          [](const Application& a) { return a.version; }, [](const Application& a) { return platform::Subject{"application", a.id, a.title}; },
          [](store::Tx& tx, const Application& a) { return application_json(tx, a, *find_call(tx, a.call_id), now_iso()); }};
}

platform::Refusal<Application> application_refusal(const Caller& c) {
  return [&c](store::Tx&, const Application& a) { return application_read_refusal(c.me, a); };
}

// ------------------------------------------------------------------ calls

Written calls_list(App& app, const Caller& c, const std::string& status) {
  auto now = now_iso();
  auto tx = app.db->read();
  bj::array items;
  for (const auto& x : list_calls(tx, is_staff(c.me))) {
    auto o = to_json(x, now);
    if (!status.empty() && o["status"].as_string() != status) continue;
    o["applications"] = submitted_in_call(tx, x.id);
    items.push_back(std::move(o));
  }
  return {bj::object{{"items", std::move(items)}}};
}

Written call_get(App& app, const Caller& c, std::int64_t id) {
  auto tx = app.db->read();
  auto x = load_call(tx, id, c.me);
  return {call_json(tx, x, now_iso()), x.version};
}

Written call_create(App& app, const Caller& c, const json::object& body) {
  Validator v(body);
  auto x = read_call(body, v);
  return platform::create<Call>(*app.db, c, v, call_kind(c.me),
                                {.action = "create",
                                 .check =
                                     [&](store::Tx& tx, Validator& v) {
                                       check_districts(tx, v, x);
                                       if (!x.code.empty() && call_code_taken(tx, x.code, 0)) v.add("code", "taken", "Another call has this code");
                                     },
                                 .insert =
                                     [&](store::Tx& tx) {
                                       x.status = "draft";
                                       return insert_call(tx, x);
                                     },
                                 .audited = {}});
}

Written call_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& patch) {
  json::object none;
  Validator v(none);
  Call x;
  return platform::change<Call>(
      *app.db, c, id, version, v, call_kind(c.me),
      {.action = "update",
       .refuse = {},
       .check =
           [&](store::Tx& tx, const Call& before, Validator&) {
             if (before.status != "draft")
               throw Conflict(say("call_published_amend_only", "A published call changes only by a recorded amendment (POST /api/v1/calls/{id}/amendments)"));
             auto merged = registry::merge(to_json(before, now_iso()), patch);
             Validator mv(merged);
             x = read_call(merged, mv);
             check_districts(tx, mv, x);
             if (!x.code.empty() && call_code_taken(tx, x.code, id)) mv.add("code", "taken", "Another call has this code");
             mv.finish();
             x.id = id;
             x.status = before.status;
           },
       .apply = [&](store::Tx& tx, const Call& before) { return update_call(tx, x, before.version); },
       .before = call_audited,
       .after = {}});
}

Written call_transition(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"to"});
  auto to = v.one_of("to", Need::Required, {"published", "under_evaluation", "decided", "archived"});
  v.finish();
  return platform::change<Call>(
      *app.db, c, id, version, v, call_kind(c.me),
      {.action = *to == "published" ? "publish" : "status",
       .refuse = {},
       .check =
           [&](store::Tx& tx, const Call& x, Validator&) {
             if (auto why = transition_error(x, *to, now_iso())) throw Conflict(*why);
             if (*to == "decided")
               if (auto undecided = undecided_in_call(tx, id))
                 throw Conflict(say("undecided_applications", "{count} submitted application(s) have no decision yet", {{"count", std::to_string(undecided)}}));
           },
       .apply =
           [&](store::Tx& tx, const Call& before) {
             auto x = before;
             auto now = now_iso();
             x.status = *to;
             if (*to == "published") x.published_at = now;
             if (*to == "decided") x.decided_at = now;
             if (!update_call(tx, x, before.version)) return false;
             if (*to == "published")
               notify(tx, users_with_role(tx, policy::role_of(policy::Audience::CsoStaff)), "call_published", "call", id,
                      {{"title", x.title.ro}, {"code", x.code}});
             if (*to == "decided") notify(tx, applicants_of(tx, id), "result", "call", id, {{"title", x.title.ro}, {"code", x.code}});
             return true;
           },
       .before = call_audited,
       .after = {}});
}

Written call_amend(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
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
  Call n;
  bj::object before_json;
  int number = 0;
  auto w = platform::change<Call>(
      *app.db, c, id, version, v, call_kind(c.me),
      {.action = "amend",
       .refuse = {},
       .check =
           [&](store::Tx& tx, const Call& x, Validator&) {
             auto now = now_iso();
             auto status = effective_status(x, now);
             if (status != "published") throw Conflict(say("amend_needs_published", "Only a published call before its deadline is amended (now: {status})", {{"status", status}}));
             before_json = to_json(x, now);
             auto merged = registry::merge(before_json, *changes);
             Validator cv(merged);
             n = read_call(merged, cv);
             check_districts(tx, cv, n);
             // Errors name the field inside "changes", where the officer wrote it.
             std::vector<FieldError> errs;
             for (auto& e : cv.errors()) errs.push_back({"changes." + e.field, e.code, e.message});
             if (!errs.empty()) throw Invalid(errs);
             if (n.closes_at <= now) throw Invalid({{"changes.closes_at", "in_past", "The new deadline must be in the future"}});
             n.id = x.id;
             n.status = x.status;
             n.published_at = x.published_at;
           },
       .apply =
           [&](store::Tx& tx, const Call& x) {
             if (!update_call(tx, n, x.version)) return false;
             auto after_obj = to_json(*find_call(tx, id), now_iso());
             bj::object diff;
             for (const auto& kv : *changes) diff[kv.key()] = {{"before", before_json.at(kv.key())}, {"after", after_obj.at(kv.key())}};
             number = insert_amendment(tx, id, *reason, bj::serialize(diff), c.me.user_id);
             notify(tx, applicants_of(tx, id), "call_amended", "call", id, {{"title", x.title.ro}, {"code", x.code}, {"number", number}});
             return true;
           },
       .before = call_audited,
       .after = {}});
  w.status = 201;
  return w;
}

// ------------------------------------------------------------------ applications

Written applications_list(App& app, const Caller& c, const ApplicationQuery& q) {
  const auto& me = c.me;
  ApplicationFilter f;
  if (q.call_id) f.call_id = q.call_id;
  f.status = q.status;
  auto scope = list_scope(me, reads_all(me), say("applications_restricted", "Applications are read by the applicant, its partner authority and the programme's officers"));
  f.organisation_id = scope.organisation_id;
  f.authority_id = scope.authority_id;
  // Readers see what was submitted, not others' drafts.
  if (!f.organisation_id && !f.authority_id) f.submitted_only = f.status.empty();
  auto tx = app.db->read();
  auto now = now_iso();
  bj::array items;
  std::map<std::int64_t, Call> calls;
  for (const auto& a : list_applications(tx, f)) {
    if (!calls.count(a.call_id)) calls[a.call_id] = *find_call(tx, a.call_id);
    const auto& x = calls[a.call_id];
    items.push_back({{"id", a.id},
                     {"number", nullable(a.number)},
                     {"call_id", a.call_id},
                     {"call_code", x.code},
                     {"lot", nullable(a.lot)},
                     {"title", a.title},
                     {"organisation_id", a.organisation_id},
                     {"organisation_name", organisation_name(tx, a.organisation_id)},
                     {"district", nullable(a.district)},
                     {"grant_minor", a.grant_minor},
                     {"total_minor", a.total_minor},
                     {"currency", x.currency},
                     {"status", a.status},
                     {"submitted_at", nullable(a.submitted_at)},
                     {"confirmed", a.confirmed_authority_minor.has_value()},
                     {"decision", reads_all(me) || decided(x, now) ? nullable(a.decision) : bj::value(nullptr)},
                     {"version", a.version}});
  }
  return {bj::object{{"items", std::move(items)}}};
}

// The decision and the consensus are the programme's until the call is decided: the applicant and
// its authority see them with the results, not before.
Written application_get(App& app, const Caller& c, std::int64_t id) {
  auto tx = app.db->read();
  auto a = load_application(tx, id, c.me);
  auto x = *find_call(tx, a.call_id);
  auto now = now_iso();
  auto o = application_json(tx, a, x, now);
  if (!reads_all(c.me) && !decided(x, now))
    for (const char* k : {"consensus_score", "consensus_reason", "decision", "decision_reason", "awarded_minor"}) o[k] = nullptr;
  return {std::move(o), a.version};
}

// The partner authority hears of an application that names it (when it is named, or named anew) and of
// a change of the co-financing it had confirmed: the confirmation no longer stands.
namespace {
void tell_partner_authority(store::Tx& tx, const Application& a, std::int64_t id, const std::optional<Application>& before) {
  if (!a.partner_authority_id) return;
  auto staff = users_with_role(tx, policy::role_of(policy::Audience::AuthorityStaff), std::nullopt, a.partner_authority_id);
  if (staff.empty()) return;
  if (!before || before->partner_authority_id != a.partner_authority_id)
    notify(tx, staff, "application_names_authority", "application", id,
           {{"title", a.title}, {"organisation", organisation_name(tx, a.organisation_id)}});
  else if (before->confirmed_at && a.authority_minor != before->confirmed_authority_minor.value_or(-1))
    notify(tx, staff, "cofinancing_outdated", "application", id, {{"title", a.title}});
}
}  // namespace

Written application_create(App& app, const Caller& c, const json::object& body) {
  const auto& me = c.me;
  if (!me.organisation_id) throw Forbidden(say("account_without_organisation", "Your account is not linked to an organisation"));
  Validator v(body);
  v.only({"call_id", "title", "summary", "lot", "district", "locality", "starts_on", "duration_months", "partner_authority_id",
          "target_groups", "workplan", "budget"});
  auto call_id = v.integer("call_id", Need::Required, 1, INT64_MAX);
  v.finish();
  Application a;
  return platform::create<Application>(
      *app.db, c, v, application_kind(),
      {.action = "create",
       .check =
           [&](store::Tx& tx, Validator& v) {
             auto x = load_call(tx, *call_id, me);
             auto now = now_iso();
             if (effective_status(x, now) != "published" || now < x.opens_at)
               throw Conflict(now >= x.closes_at ? say("deadline_passed", "The deadline for this call has passed") : say("call_not_open", "The call is not open for applications"));
             a = read_application(body, v, x);
             check_application_refs(tx, v, a);
             a.call_id = x.id;
             a.organisation_id = *me.organisation_id;
           },
       .insert =
           [&](store::Tx& tx) {
             auto id = insert_application(tx, a, me.user_id);
             tell_partner_authority(tx, a, id, std::nullopt);
             return id;
           },
       .audited = application_audited});
}

Written application_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& patch) {
  Validator pv(patch);
  pv.only({"title", "summary", "lot", "district", "locality", "starts_on", "duration_months", "partner_authority_id", "target_groups",
           "workplan", "budget"});
  Application a;
  return platform::change<Application>(
      *app.db, c, id, version, pv, application_kind(),
      {.action = "update",
       .refuse = unless_applicant(c),
       .check =
           [&](store::Tx& tx, const Application& before, Validator& pv) {
             pv.finish();
             auto x = *find_call(tx, before.call_id);
             if (now_iso() >= x.closes_at) throw Conflict(say("deadline_passed", "The deadline has passed: the application can no longer be changed"));
             if (before.status != "draft") throw Conflict(say("application_frozen", "A submitted application is frozen: reopen it first (before the deadline)"));
             auto base = to_json(before);
             for (const char* k : {"id", "call_id", "organisation_id", "number", "people_expected", "grant_minor", "applicant_minor",
                                   "authority_minor", "total_minor", "confirmed_authority_minor", "confirmed_at", "confirmation_note",
                                   "declined_at", "status", "submitted_at",
                                   "snapshots", "version", "created_at", "updated_at", "consensus_score", "consensus_reason", "decision",
                                   "decision_reason", "awarded_minor"})
               base.erase(k);
             auto merged = registry::merge(base, patch);
             Validator v(merged);
             a = read_application(merged, v, x);
             check_application_refs(tx, v, a);
             v.finish();
             a.id = id;
             a.call_id = before.call_id;
             a.organisation_id = before.organisation_id;
             a.number = before.number;
             a.created_by = before.created_by;
             a.status = before.status;
             a.snapshots = before.snapshots;
             a.submitted_at = before.submitted_at;
             // A confirmation stands for one authority and one amount; a different authority needs a new one.
             if (a.partner_authority_id == before.partner_authority_id) {
               a.confirmed_authority_minor = before.confirmed_authority_minor;
               a.confirmed_at = before.confirmed_at;
               a.confirmation_note = before.confirmation_note;
               // A decline stands for the budget it was given; a changed budget asks again.
               if (a.authority_minor == before.authority_minor) a.declined_at = before.declined_at;
             }
           },
       .apply =
           [&](store::Tx& tx, const Application& before) {
             if (!update_application(tx, a, before.version)) return false;
             tell_partner_authority(tx, a, a.id, before);
             return true;
           },
       .before = application_audited,
       .after = application_audited});
}

Written application_checks(App& app, const Caller& c, std::int64_t id) {
  auto tx = app.db->read();
  auto a = load_application(tx, id, c.me);
  auto x = *find_call(tx, a.call_id);
  auto e = check_application(x, a, applicant_of(tx, a), now_iso());
  return {bj::object{{"submittable", e.empty()}, {"errors", errors_json(e)}}};
}

// submit | withdraw | reopen.
Written application_act(App& app, const Caller& c, std::int64_t id, std::int64_t version, const std::string& action) {
  json::object none;
  Validator v(none);
  Application a;
  Call x;
  return platform::change<Application>(
      *app.db, c, id, version, v, application_kind(),
      {.action = action,
       .refuse = unless_applicant(c),
       .check =
           [&](store::Tx& tx, const Application& before, Validator&) {
             a = before;
             x = *find_call(tx, a.call_id);
             auto now = now_iso();
             if (action == "submit") {
               if (now >= x.closes_at) throw Conflict(say("deadline_passed", "The deadline has passed: the application can no longer be submitted"));
               if (a.status != "draft") throw Conflict(say("submit_needs_draft", "Only a draft is submitted"));
               auto errs = check_application(x, a, applicant_of(tx, a), now);
               if (!errs.empty()) throw Invalid(errs, say("application_incomplete", "The application cannot be submitted: {count} problem(s)",
                                                      {{"count", std::to_string(errs.size())}}));
               if (!a.number) a.number = next_application_number(tx, x);
               a.status = "submitted";
               a.submitted_at = now;
               a.snapshots += 1;
             } else {
               if (now >= x.closes_at) throw Conflict(say("deadline_passed", "The deadline has passed: nothing can be changed"));
               if (action == "withdraw") {
                 if (a.status == "withdrawn") throw Conflict(say("already_withdrawn", "Already withdrawn"));
                 a.status = "withdrawn";
               } else {  // reopen
                 if (a.status != "submitted") throw Conflict(say("reopen_needs_submitted", "Only a submitted application is reopened"));
                 a.status = "draft";
               }
             }
           },
       .apply =
           [&](store::Tx& tx, const Application& before) {
             if (!update_application(tx, a, before.version)) return false;
             if (action != "submit") return true;
             auto stored = *find_application(tx, id);
             insert_snapshot(tx, id, stored.snapshots, bj::serialize(application_json(tx, stored, x, now_iso())), c.me.user_id);
             auto officers = users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers));
             auto cso = users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), stored.organisation_id);
             officers.insert(officers.end(), cso.begin(), cso.end());
             notify(tx, officers, "application_submitted", "application", id,
                    {{"number", *stored.number}, {"title", stored.title}, {"call", x.code}});
             platform::emit(tx, {.type = "application.submitted",
                                 .entity = "application",
                                 .entity_id = id,
                                 .audience = policy::EventAudience::Programme,
                                 .organisations = {stored.organisation_id},
                                 .authorities = {},
                                 .data = {{"application_id", id}, {"number", *stored.number}, {"call_id", stored.call_id}, {"call", x.code},
                                          {"organisation_id", stored.organisation_id}}});
             return true;
           },
       .before = application_audited,
       .after = application_audited});
}

// The partner authority confirms (or declines) the partnership and the co-financing it commits,
// against the version of the application it read.
Written application_confirm(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"confirm", "authority_minor", "note"});
  auto confirm = v.boolean("confirm", Need::Required);
  auto amount = v.integer("authority_minor", confirm.value_or(false) ? Need::Required : Need::Optional, 0, kMaxMinor);
  auto note = v.text("note", Need::Optional, 2000, true);
  v.finish();
  auto kind = application_kind();
  kind.stale = "The application was changed since you read it: reload it and confirm again";
  return platform::change<Application>(
      *app.db, c, id, version, v, kind,
      {.action = *confirm ? "confirm" : "decline",
       .refuse =
           [&](store::Tx&, const Application& a) -> std::optional<Say> {
             if (c.me.authority_id && a.partner_authority_id && *c.me.authority_id == *a.partner_authority_id) return std::nullopt;
             return say("partner_confirms", "Only the partner authority confirms its co-financing");
           },
       .check =
           [&](store::Tx& tx, const Application& a, Validator&) {
             auto x = *find_call(tx, a.call_id);
             if (now_iso() >= x.closes_at) throw Conflict(say("deadline_passed", "The deadline has passed"));
             if (a.status != "draft") throw Conflict(say("application_already_submitted", "The application is already submitted"));
             if (*confirm && *amount != a.authority_minor)
               throw Invalid({{"authority_minor", "mismatch",
                               "The budget asks the authority for " + std::to_string(a.authority_minor) +
                                   "; confirm that amount or ask the applicant to change the budget"}});
           },
       .apply =
           [&](store::Tx& tx, const Application& before) {
             auto a = before;
             if (*confirm) {
               a.confirmed_authority_minor = *amount;
               a.confirmed_at = now_iso();
               a.declined_at.reset();
             } else {
               a.confirmed_authority_minor.reset();
               a.confirmed_at.reset();
               a.declined_at = now_iso();
             }
             a.confirmation_note = note;
             if (!update_application(tx, a, before.version)) return false;
             set_confirmed_by(tx, id, c.me.user_id);
             notify(tx, users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), a.organisation_id),
                    *confirm ? "cofinancing_confirmed" : "cofinancing_declined", "application", id,
                    {{"title", a.title}, {"authority", authority_name(tx, *a.partner_authority_id)}});
             return true;
           },
       .before = application_audited,
       .after = application_audited});
}

Written application_document_add(App& app, const Caller& c, std::int64_t id, const std::string& kind, std::string_view body,
                                 std::string_view filename) {
  return platform::upload_document<Application>(
      app, c, "application", id, application_kind(), unless_applicant(c),
      [&](store::Tx& tx, const Application& a) -> std::string {
        auto x = *find_call(tx, a.call_id);
        if (now_iso() >= x.closes_at) throw Conflict(say("deadline_passed", "The deadline has passed: nothing can be attached"));
        if (a.status != "draft") throw Conflict(say("application_frozen", "A submitted application is frozen: reopen it first"));
        if (!kind.empty() &&
            std::none_of(x.required_documents.begin(), x.required_documents.end(), [&](const RequiredDocument& r) { return r.code == kind; }))
          throw Invalid({{"kind", "not_found", "The call asks for no such document"}});
        return kind.empty() ? "other" : kind;
      },
      body, filename);
}

void register_application_documents() {
  platform::register_document_owner("application",
                                    {[](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
                                       auto a = find_application(tx, id);
                                       return a && !policy::is_evaluator(p) && may_read_application(p, *a);
                                     },
                                     [](const auth::Principal& p, store::Tx& tx, std::int64_t id) {
                                       auto a = find_application(tx, id);
                                       if (!a || !may_edit_application(p, *a) || a->status != "draft") return false;
                                       auto x = find_call(tx, a->call_id);
                                       return x && now_iso() < x->closes_at;
                                     },
                                     [](store::Tx& tx, std::int64_t id) { store::bump_version(tx, "applications", id); }});
}

// ------------------------------------------------------------------ evaluation

// Assigns evaluators so each submitted application has `per_application` (default 2) who have not
// declared a conflict, balancing the load over every active evaluator account.
Written evaluators_assign(App& app, const Caller& c, std::int64_t call_id, const json::object& body) {
  Validator v(body);
  v.only({"per_application"});
  auto per = static_cast<int>(v.integer("per_application", Need::Optional, 2, 5).value_or(2));
  std::size_t assigned = 0, applications = 0;
  bj::array short_of;
  auto w = platform::add<Call>(
      *app.db, c, call_id, v, call_kind(c.me),
      {.action = "assign",
       .refuse = {},
       .check =
           [&](store::Tx&, const Call& x, Validator&) {
             if (effective_status(x, now_iso()) != "under_evaluation")
               throw Conflict(say("assign_needs_evaluation", "Evaluators are assigned once the call is under evaluation"));
           },
       .insert =
           [&](store::Tx& tx, const Call& x) {
             std::vector<std::int64_t> apps;
             ApplicationFilter f;
             f.call_id = call_id;
             f.submitted_only = true;
             for (const auto& a : list_applications(tx, f)) apps.push_back(a.id);
             auto plan = platform::evaluation::assign(tx, "application", apps, users_with_role(tx, policy::role_of(policy::Audience::Evaluators)),
                                                      per, c.me.user_id);
             std::map<std::int64_t, int> added;
             for (const auto& p : plan) ++added[p.second];
             for (const auto& [ev, n] : added) notify(tx, {ev}, "evaluation_assigned", "call", call_id, {{"call", x.code}, {"count", n}});
             // Applications still short of evaluators (too few without a conflict) are reported, not hidden.
             for (auto a : apps)
               if (platform::evaluation::active_of(tx, "application", a) < per) short_of.push_back(a);
             assigned = plan.size();
             applications = apps.size();
             return platform::Added{{bj::object{{"assigned", assigned}, {"applications", applications}, {"short_of_evaluators", short_of}}},
                                    bj::object{{"assignments", assigned}}};
           }});
  w.status = 200;
  return w;
}

Written evaluations_list(App& app, const Caller& c, std::int64_t call_id) {
  const auto& me = c.me;
  if (!policy::is_evaluator(me) && !reads_all(me))
    throw Forbidden(say("evaluations_restricted", "Evaluations are read by evaluators (their own) and the programme's officers"));
  auto tx = app.db->read();
  auto kind = evaluation_kind();
  bj::array items;
  for (auto id : evaluation_ids(tx, policy::is_evaluator(me) ? me.user_id : 0, call_id)) {
    auto x = *kind.find(tx, id);
    auto o = evaluation_json(tx, x.e, x.a, x.c, false);
    if (!policy::is_evaluator(me)) o["evaluator_id"] = x.e.evaluator_id;
    items.push_back(std::move(o));
  }
  return {bj::object{{"items", std::move(items)}}};
}

Written evaluation_get(App& app, const Caller& c, std::int64_t id) {
  auto tx = app.db->read();
  auto x = evaluation_kind().find(tx, id);
  if (!x) throw NotFound(say("not_found", "No such evaluation"));
  if (auto why = evaluation_refusal(c.me, *x)) throw Forbidden(*why);
  return {evaluation_json(tx, x->e, x->a, x->c, true), x->e.version};
}

// The evaluator declares no conflict of interest (then sees the project), or a conflict (and is
// replaced by the least-loaded evaluator without one).
Written evaluation_declare(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"conflict", "note"});
  auto conflict = v.boolean("conflict", Need::Required);
  auto note = v.text("note", conflict.value_or(false) ? Need::Required : Need::Optional, 2000, true);
  v.finish();
  bj::object result{{"declared", *conflict ? "conflict" : "no_conflict"}};
  std::int64_t application_id = 0;
  auto w = platform::change<EvalCtx>(
      *app.db, c, id, version, v, evaluation_kind(),
      {.action = *conflict ? "declare_conflict" : "declare_no_conflict",
       .refuse = unless_evaluator(c),
       .check =
           [&](store::Tx&, const EvalCtx& x, Validator&) {
             if (x.e.status != "assigned") throw Conflict(say("already_declared", "Already declared"));
           },
       .apply =
           [&](store::Tx& tx, const EvalCtx& x) {
             application_id = x.a.id;
             if (!platform::evaluation::declare(tx, x.e, *conflict, note)) return false;
             if (!*conflict) return true;
             auto ev = platform::evaluation::replace(tx, x.e, users_with_role(tx, policy::role_of(policy::Audience::Evaluators)), c.me.user_id);
             if (ev) {
               notify(tx, {ev}, "evaluation_assigned", "call", x.c.id, {{"call", x.c.code}, {"count", 1}});
               result["replaced_by_new_evaluation"] = true;
             } else {
               notify(tx, users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "evaluator_needed", "application", x.a.id,
                      {{"number", x.a.number.value_or("")}});
             }
             return true;
           },
       .before = {},
       .after = [&](store::Tx&, const EvalCtx&) { return bj::value(bj::object{{"application_id", application_id}, {"note", nullable(note)}}); }});
  w.body["result"] = std::move(result);
  return w;
}

Written evaluation_score(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"scores", "submit"});
  auto submit = v.boolean("submit", Need::Optional).value_or(false);
  std::vector<Score> scores;
  return platform::change<EvalCtx>(
      *app.db, c, id, version, v, evaluation_kind(),
      {.action = submit ? "submit_scores" : "save_scores",
       .refuse = unless_evaluator(c),
       .check =
           [&](store::Tx&, const EvalCtx& x, Validator& v) {
             if (auto why = platform::evaluation::scoring_refusal(x.e)) throw Conflict(*why);
             if (effective_status(x.c, now_iso()) != "under_evaluation") throw Conflict(say("call_not_evaluating", "The call is not under evaluation"));
             scores = platform::evaluation::read_scores(v, scoring(x.c), submit);
           },
       .apply = [&](store::Tx& tx, const EvalCtx& x) { return platform::evaluation::save_scores(tx, x.e, scores, submit); },
       .before = {},
       .after = [&](store::Tx&, const EvalCtx&) { return bj::value(platform::evaluation::to_json(scores)); }});
}
}  // namespace sp::grants
