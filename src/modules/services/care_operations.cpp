// What happens around a person's file: consents given and withdrawn, the course of an enrolment
// (admitted from the waiting list, exited), referrals between services (carrying only what the
// consent allows), the subject-access export and anonymisation. On the platform's write path.
#include <algorithm>

#include "audit/audit.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "common/time.hpp"
#include "modules/services/operations.hpp"
#include "modules/services/people.hpp"
#include "modules/services/repo.hpp"
#include "modules/services/rules.hpp"
#include "platform/policy.hpp"
#include "store/query.hpp"

namespace sp::services {
namespace {

// ------------------------------------------------------------------ consents

// A consent, versioned by the file of its person (If-Match carries the person's version).
struct ConsentOf {
  std::int64_t id = 0;
  Person person;
};

const platform::Kind<ConsentOf>& consent_kind() {
  static const platform::Kind<ConsentOf> k{
      "No such consent", "The person's file was changed since you read it: reload it",
      [](store::Tx& tx, std::int64_t id) -> std::optional<ConsentOf> {
        auto person = person_of_consent(tx, id);
        auto p = person ? find_person(tx, *person) : std::nullopt;
        if (!p) return std::nullopt;
        return ConsentOf{id, *p};
      },
      [](const ConsentOf& x) { return x.person.version; },
      [](const ConsentOf& x) { return platform::Subject{"person", x.person.id, x.person.code}; },
      [](store::Tx& tx, const ConsentOf& x) { return json::object{{"items", consents_of(tx, x.person.id)}}; }};
  return k;
}

// ------------------------------------------------------------------ enrolments

struct EnrolmentOf {
  Enrolment e;
  Person person;
  ServiceUnit s;
};

json::object enrolment_json(const EnrolmentOf& x) {
  auto out = to_json(x.e);
  out["service_name"] = x.s.name;
  return out;
}

const platform::Kind<EnrolmentOf>& enrolment_kind() {
  static const platform::Kind<EnrolmentOf> k{
      "No such enrolment", "The enrolment was changed by someone else",
      [](store::Tx& tx, std::int64_t id) -> std::optional<EnrolmentOf> {
        auto e = find_enrolment(tx, id);
        if (!e) return std::nullopt;
        auto p = find_person(tx, e->person_id);
        auto s = find_service(tx, e->service_id);
        if (!p || !s) return std::nullopt;
        return EnrolmentOf{*e, *p, *s};
      },
      [](const EnrolmentOf& x) { return x.e.version; },
      [](const EnrolmentOf& x) { return platform::Subject{"person", x.person.id, x.person.code}; },
      [](store::Tx&, const EnrolmentOf& x) { return enrolment_json(x); }};
  return k;
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

// The sending side: the organisation's staff for CSO staff, else the case worker who sent it.
bool sent(const auth::Principal& me, const Referral& x) {
  if (policy::is_cso_staff(me)) return x.from_organisation_id && x.from_organisation_id == me.organisation_id;
  return x.from_user_id == me.user_id;
}

json::object referral_json(store::Tx& tx, const Referral& x) {
  auto s = find_service(tx, x.to_service_id);
  return {{"id", x.id},
          {"person_id", x.person_id},
          {"person_code", person_code_of(tx, x.person_id)},
          {"from_organisation_id", nullable(x.from_organisation_id)},
          {"from_organisation_name", x.from_organisation_id ? organisation_name_of(tx, *x.from_organisation_id) : std::string()},
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

struct ReferralOf {
  Referral x;
  ServiceUnit s;
  std::string code;  // the person's
};

const platform::Kind<ReferralOf>& referral_kind() {
  static const platform::Kind<ReferralOf> k{
      "No such referral", "The referral was changed since you read it: reload it",
      [](store::Tx& tx, std::int64_t id) -> std::optional<ReferralOf> {
        auto x = find_referral(tx, id);
        if (!x) return std::nullopt;
        auto s = find_service(tx, x->to_service_id);
        if (!s) return std::nullopt;
        return ReferralOf{*x, *s, person_code_of(tx, x->person_id)};
      },
      [](const ReferralOf& r) { return r.x.version; },
      [](const ReferralOf& r) { return platform::Subject{"person", r.x.person_id, r.code}; },
      [](store::Tx& tx, const ReferralOf& r) { return referral_json(tx, r.x); }};
  return k;
}
}  // namespace

// ------------------------------------------------------------------ consents

Written consent_add(App& app, const Caller& c, std::int64_t person_id, const json::object& body) {
  Validator v(body);
  v.only({"consent"});
  auto consent = read_consent(body, v, "consent");
  return platform::add<Person>(*app.db, c, person_id, v, person_kind(),
                               {.action = "consent",
                                .refuse = unless_reader(c),
                                .check = {},
                                .insert = [&](store::Tx& tx, const Person& p) {
                                  auto id = insert_consent(tx, p.id, consent, c.me.user_id);
                                  touch_person(tx, p.id, p.version);
                                  return platform::Added{{json::object{{"items", consents_of(tx, p.id)}}, 0, 201}, json::object{{"consent", id}}};
                                }});
}

// Withdrawing a consent stops what it allowed from then on: without a consent to share, the
// person's pending referrals to other organisations are cancelled.
Written consent_withdraw(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"withdrawn_on"});
  auto on = v.date("withdrawn_on", Need::Optional).value_or(today());
  if (on > today()) v.add("withdrawn_on", "in_future", "The withdrawal cannot be dated in the future");
  std::int64_t cancelled = 0;
  auto w = platform::change<ConsentOf>(
      *app.db, c, id, version, v, consent_kind(),
      {.action = "withdraw_consent",
       .refuse = [&](store::Tx& tx, const ConsentOf& x) { return unless_reader(c)(tx, x.person); },
       .check = {},
       .apply =
           [&](store::Tx& tx, const ConsentOf& x) {
             if (!touch_person(tx, x.person.id, x.person.version)) return false;
             if (!withdraw_consent(tx, x.id, on)) throw Conflict(say("consent_already_withdrawn", "The consent was already withdrawn"));
             if (!sharing_of(tx, x.person.id).allowed) cancelled = cancel_referrals_elsewhere(tx, x.person.id);
             return true;
           },
       .before = {},
       .after =
           [&](store::Tx&, const ConsentOf&) {
             return json::value(json::object{{"consent", id}, {"withdrawn_on", on}, {"referrals_cancelled", cancelled}});
           }});
  w.body["referrals_cancelled"] = cancelled;
  return w;
}

// ------------------------------------------------------------------ enrolments

// Admitting from the waiting list (when a place is free) or ending an enrolment with its reason.
Written enrolment_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"status", "started_on", "ended_on", "exit_reason"});
  auto status = v.one_of("status", Need::Required, {"active", "exited"});
  auto started = v.date("started_on", Need::Optional);
  auto ended = v.date("ended_on", Need::Optional);
  auto reason = v.one_of("exit_reason", Need::Optional, exit_reasons());
  return platform::change<EnrolmentOf>(
      *app.db, c, id, version, v, enrolment_kind(),
      {.action = status == "active" ? "admit" : "exit",
       .refuse = [&](store::Tx& tx, const EnrolmentOf& x) { return unless_reader(c)(tx, x.person); },
       .check =
           [&](store::Tx&, const EnrolmentOf& x, Validator& v) {
             const auto& e = x.e;
             if (status == "active") {
               if (e.status != "waiting") v.add("status", "transition", "Only a person on the waiting list is admitted");
               if (!started) started = today();
               if (*started > today()) v.add("started_on", "in_future", "The start is in the future");
             }
             if (status == "exited") {
               if (e.status == "exited") v.add("status", "transition", "The enrolment has already ended");
               if (!ended) v.add("ended_on", "required", "Say when the person left the service");
               if (!reason) v.add("exit_reason", "required", "Say why the person left the service");
               if (ended && *ended > today()) v.add("ended_on", "in_future", "The end is in the future");
               if (ended && e.started_on && *ended < *e.started_on) v.add("ended_on", "date_order", "The end comes after the start");
             }
           },
       .apply =
           [&](store::Tx& tx, const EnrolmentOf& x) {
             if (status == "exited") {
               announce_enrolment(tx, x.s, x.e.id, "exited", *ended);
               return exit_enrolment(tx, x.e.id, x.e.version, *ended, *reason);
             }
             lock_service(tx, x.s.id);  // the free place is counted after the lock
             if (enrolment_status(x.s.capacity, count_enrolments(tx, x.s.id, "active")) != "active")
               throw Conflict(say("service_full", "The service is full: a place must be free first"));
             announce_enrolment(tx, x.s, x.e.id, "active", *started);
             return admit_enrolment(tx, x.e.id, x.e.version, *started);
           },
       .before = [](store::Tx&, const EnrolmentOf& x) { return json::value(to_json(x.e)); },
       .after = {}});
}

// ------------------------------------------------------------------ referrals

Written referral_create(App& app, const Caller& c, std::int64_t person_id, const json::object& body) {
  Validator v(body);
  v.only({"to_service_id", "reason", "share"});
  auto to = v.integer("to_service_id", Need::Required, 1, INT64_MAX);
  auto reason = v.text("reason", Need::Required, 4000, true);
  auto parts = v.string_list("share", Need::Optional, share_parts(), 2).value_or(std::vector<std::string>{});
  std::optional<ServiceUnit> s;
  return platform::add<Person>(
      *app.db, c, person_id, v, person_kind(),
      {.action = "refer",
       .refuse = unless_reader(c),
       .check =
           [&](store::Tx& tx, const Person& p, Validator& v) {
             if (to) {
               s = find_service(tx, *to);
               if (!s) v.add("to_service_id", "not_found", "No such service");
               else if (s->status != "active") v.add("to_service_id", "not_active", "The service is not active");
             }
             // Within the organisation that registered the person the data stays with the same
             // controller; anywhere else it goes only as far as the consent allows.
             if (s)
               if (auto refused = policy::hand_over_refusal(home_of(p), sharing_of(tx, p.id), provider_of(*s)))
                 v.add("to_service_id", "consent", refused->text);
             v.finish();
             for (const auto& e : enrolments_of(tx, p.id))
               if (e.service_id == s->id && e.status != "exited") throw Conflict(say("already_enrolled", "The person is already enrolled or waiting in this service"));
             if (referral_pending(tx, p.id, s->id)) throw Conflict(say("already_referred", "The person is already referred to this service"));
           },
       .insert =
           [&](store::Tx& tx, const Person& p) {
             Referral x;
             x.person_id = p.id;
             x.from_organisation_id = c.me.organisation_id;
             x.from_user_id = c.me.user_id;
             x.to_service_id = s->id;
             x.reason = *reason;
             x.shared = json::serialize(referral_snapshot(tx, p, parts));
             auto id = insert_referral(tx, x);
             auto stored = *find_referral(tx, id);
             announce_referral(tx, *s, stored);
             return platform::Added{{referral_json(tx, stored), stored.version, 201},
                                    json::object{{"referral", id}, {"to_service_id", s->id}, {"share", string_array(parts)}}};
           }});
}

// Referrals `me` sent (outgoing) or may decide on (incoming), newest first.
Written referrals_list(App& app, const Caller& c, const std::string& direction, const std::string& status, int limit, std::int64_t cursor) {
  const auto& me = c.me;
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
  // The list carries people's codes and what was shared: audited.
  return platform::read_audited(*app.db, c, [&](store::Tx& tx) {
    auto found = find_referrals(tx, w, limit + 1, cursor);
    bool more = static_cast<int>(found.size()) > limit;
    if (more) found.pop_back();
    json::array items;
    for (const auto& x : found) items.push_back(referral_json(tx, x));
    json::object out{{"items", std::move(items)}, {"next_cursor", more ? json::value(std::to_string(found.back().id)) : json::value(nullptr)}};
    return platform::Audited{{std::move(out)}, "read", "person", std::nullopt, "referrals " + direction + ": " + std::to_string(found.size())};
  });
}

// A referral carries the person's profile and what their consent allowed to share: its read is audited.
Written referral_get(App& app, const Caller& c, std::int64_t id) {
  return platform::read_audited(*app.db, c, [&](store::Tx& tx) {
    auto r = referral_kind().find(tx, id);
    if (!r) throw NotFound(say("not_found", "No such referral"));
    if (!staffs_service(tx, c.me, r->s) && !sent(c.me, r->x)) throw Forbidden(say("referral_not_yours", "The referral is between other services"));
    return platform::Audited{{referral_json(tx, r->x), r->x.version}, "read", "person", r->x.person_id, "referral " + std::to_string(id)};
  });
}

// The receiving side (staffs_service) decides: accepting enrols the person (or puts them on the
// waiting list when the service is full), after which the service's staff may open their file;
// declining says why and drops what was shared.
Written referral_decide(App& app, const Caller& c, std::int64_t id, std::int64_t version, bool accept, const json::object& body) {
  Validator v(body);
  v.only({"reason"});
  auto reason = v.text("reason", accept ? Need::Optional : Need::Required, 4000, true);
  std::optional<std::int64_t> enrolment;
  return platform::change<ReferralOf>(
      *app.db, c, id, version, v, referral_kind(),
      {.action = accept ? "accept_referral" : "decline_referral",
       .refuse =
           [&](store::Tx& tx, const ReferralOf& r) -> std::optional<Say> {
             if (staffs_service(tx, c.me, r.s)) return std::nullopt;
             return sent(c.me, r.x) ? say("receiver_decides_referral", "Only the receiving service decides on a referral")
                                    : say("referral_not_yours", "The referral is between other services");
           },
       .check =
           [&](store::Tx&, const ReferralOf& r, Validator&) {
             if (r.x.status != "pending") throw Conflict(say("referral_decided", "The referral was already {status}", {{"status", r.x.status}}));
           },
       .apply =
           [&](store::Tx& tx, const ReferralOf& r) {
             if (accept) {
               for (const auto& e : enrolments_of(tx, r.x.person_id))
                 if (e.service_id == r.s.id && e.status != "exited") enrolment = e.id;
               if (!enrolment) {
                 auto e = open_enrolment(tx, r.x.person_id, r.s, today());
                 enrolment = e.id;
                 announce_enrolment(tx, r.s, e.id, e.status, e.started_on.value_or(e.requested_on));
               }
             }
             return decide_referral(tx, r.x, accept, c.me.user_id, reason, enrolment);
           },
       .before = {},
       .after = [&](store::Tx&, const ReferralOf&) { return json::value(json::object{{"referral", id}, {"enrolment", nullable(enrolment)}}); }});
}

// ------------------------------------------------------------------ subject access and anonymisation

// Everything the system holds about a person, identity included, with who read or changed their
// file and when: the answer to a subject-access request. The export itself is audited.
Export person_export(App& app, const Caller& c, std::int64_t id) {
  std::string filename;
  auto w = platform::read_audited(*app.db, c, [&](store::Tx& tx) {
    auto p = load_person(tx, id, c.me);
    auto out = person_json(tx, p);
    out["identity"] = p.status == "anonymised" ? json::value(nullptr) : json::parse(app.vault->open(p.sealed_identity));
    out["deliveries"] = deliveries_of_person(tx, p.id);
    json::array referrals;
    for (const auto& x : referrals_of_person(tx, p.id)) referrals.push_back(referral_json(tx, x));
    out["referrals"] = std::move(referrals);
    out["access_log"] = audit::trail_of(tx, "person", p.id);
    out["exported_at"] = now_iso();
    filename = p.code + "-" + today() + ".json";
    return platform::Audited{{std::move(out)}, "export", "person", p.id, p.code};
  });
  return {std::move(w.body), filename};
}

// Anonymisation, once the person has left every service: the identity, the keys of the duplicate
// check, the locality, free text (assessment notes, plan goals, follow-up notes, referral reasons) and
// the changes recorded in the audit trail are erased; sex, birth year, district, disability, target
// groups, enrolments, deliveries and pathway dates stay — so every aggregate is unchanged.
Written person_anonymise(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"reason"});
  auto reason = v.text("reason", Need::Required, 2000, true);
  return platform::change<Person>(
      *app.db, c, id, version, v, person_kind(),
      {.action = "anonymise",
       .refuse = unless_reader(c),
       .check =
           [&](store::Tx& tx, const Person& p, Validator&) {
             if (p.status == "anonymised") throw Conflict(say("already_anonymised", "The person's file is already anonymised"));
             for (const auto& e : enrolments_of(tx, p.id))
               if (e.status != "exited") throw Conflict(say("still_enrolled", "The person is still enrolled or waiting in a service: end the enrolment first"));
           },
       .apply =
           [&](store::Tx& tx, const Person& p) {
             if (!anonymise(tx, p.id, p.version, app.vault->seal("{}"))) return false;
             audit::erase_bodies(tx, "person", p.id);
             return true;
           },
       .before = {},
       .after = [&](store::Tx&, const Person&) { return json::value(json::object{{"reason", *reason}}); }});
}
}  // namespace sp::services
