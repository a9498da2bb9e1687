// Offers, their evaluation by the authority's committee (the platform's evaluation mechanism, the
// grants' own), the ranking per lot with the price criterion, the award, the standstill and
// complaints (issue 14, decision 0022).
#include <algorithm>
#include <map>
#include <set>

#include "common/errors.hpp"
#include "common/time.hpp"
#include "modules/contracting/kinds.hpp"
#include "modules/contracting/operations.hpp"
#include "modules/contracting/repo.hpp"
#include "modules/contracting/rules.hpp"
#include "modules/registry/registry.hpp"
#include "modules/services/services.hpp"
#include "platform/directory.hpp"
#include "platform/documents.hpp"
#include "platform/evaluation.hpp"
#include "platform/notifications.hpp"
#include "platform/policy.hpp"
#include "store/data_version.hpp"

namespace sp::contracting {
namespace {
namespace bj = boost::json;
namespace ev = platform::evaluation;

bool deadline_passed(const Purchase& p) { return p.offer_deadline && now_iso() >= *p.offer_deadline; }
std::string deadline_day(const Purchase& p) { return p.offer_deadline ? utc_to_chisinau(*p.offer_deadline).substr(0, 10) : today(); }
bool open_for_offers(const Purchase& p) {
  auto s = effective_status(p, now_iso());
  return s == "published" || s == "clarifications";
}
std::vector<std::int64_t> committee_of(const Purchase& p) {
  std::vector<std::int64_t> out;
  for (const auto& m : p.committee) out.push_back(std::stoll(m));
  return out;
}
bool on_committee_id(const Purchase& p, std::int64_t user_id) {
  return std::find(p.committee.begin(), p.committee.end(), std::to_string(user_id)) != p.committee.end();
}
bool on_committee(const auth::Principal& me, const Purchase& p) { return on_committee_id(p, me.user_id); }
std::vector<ev::Criterion> scoring(const Purchase& p) {
  std::vector<ev::Criterion> out;
  for (const auto& c : p.criteria) out.push_back({c.code, c.weight, std::nullopt});
  return out;
}

// ---------------------------------------------------------------- offers

bj::array documents_json(store::Tx& tx, std::int64_t offer_id) {
  bj::array out;
  for (const auto& d : platform::documents_of(tx, "offer", offer_id)) out.push_back(platform::document_json(d));
  return out;
}

bj::object offer_json(store::Tx& tx, const Offer& o, const Purchase& p) {
  return {{"id", o.id},
          {"purchase_id", o.purchase_id},
          {"purchase_number", nullable(p.number)},
          {"organisation_id", o.organisation_id},
          {"organisation_name", organisation_name(tx, o.organisation_id)},
          {"lots", to_json(o.lots)},
          {"quality", to_json(o.quality)},
          {"staff", o.staff},
          {"capacity", o.capacity},
          {"justification", nullable(o.justification)},
          {"justification_accepted", o.justification_accepted ? bj::value(*o.justification_accepted) : bj::value(nullptr)},
          {"justification_note", nullable(o.justification_note)},
          {"consensus_score", nullable(o.consensus_score)},
          {"consensus_reason", nullable(o.consensus_reason)},
          {"status", o.status},
          {"submitted_at", nullable(o.submitted_at)},
          {"withdrawn_at", nullable(o.withdrawn_at)},
          {"version", o.version},
          {"created_at", o.created_at},
          {"updated_at", o.updated_at},
          {"documents", documents_json(tx, o.id)}};
}

struct OfferCtx {
  Offer o;
  Purchase p;
};

platform::Kind<OfferCtx> offer_kind() {
  return {.not_found = "No such offer",
          .stale = "The offer changed since you read it",
          .find = [](store::Tx& tx, std::int64_t id) -> std::optional<OfferCtx> {
            auto o = find_offer(tx, id);
            if (!o) return std::nullopt;
            return OfferCtx{*o, *find_purchase(tx, o->purchase_id)};
          },
          .version = [](const OfferCtx& x) { return x.o.version; },
          .subject = [](const OfferCtx& x) { return platform::Subject{"offer", x.o.id, x.p.number.value_or("") + "/" + std::to_string(x.o.organisation_id)}; },
          .show = [](store::Tx& tx, const OfferCtx& x) { return offer_json(tx, x.o, x.p); }};
}

// Only the provider's own staff change its offer, and only until the deadline.
platform::Refusal<OfferCtx> unless_provider(const auth::Principal& me) {
  return [&me](store::Tx&, const OfferCtx& x) -> std::optional<Say> {
    if (policy::may_offer(me) && me.organisation_id && *me.organisation_id == x.o.organisation_id) return std::nullopt;
    return say("offer_not_yours", "Only the provider that made it and, after the deadline, the purchasing authority read an offer");
  };
}
platform::Refusal<OfferCtx> unless_keeper_after_deadline(const auth::Principal& me) {
  return [&me](store::Tx&, const OfferCtx& x) -> std::optional<Say> {
    if (!policy::may_keep_contracting(me, x.p.authority_id))
      return say("contracting_not_yours", "Only the authority's own staff change its contracting records");
    if (!deadline_passed(x.p)) return say("offer_sealed", "Offers are sealed until the offer deadline");
    return std::nullopt;
  };
}
void until_deadline(const Purchase& p) {
  if (!open_for_offers(p)) throw Conflict(say("offers_closed", "Offers are made, changed and withdrawn until the offer deadline"));
}

}  // namespace

// ---------------------------------------------------------------- documents

// A document the purchase asks for (`kind`: one of its required documents' codes), attached by the
// provider to its offer until the deadline; sealed with the offer (read by whom may read the offer).
Written offer_document_add(App& app, const Caller& c, std::int64_t id, const std::string& kind, std::string_view file, std::string_view filename) {
  return platform::upload_document<OfferCtx>(
      app, c, "offer", id, offer_kind(), unless_provider(c.me),
      [&](store::Tx&, const OfferCtx& x) -> std::string {
        until_deadline(x.p);
        if (x.o.status == "withdrawn") throw Conflict(say("offer_withdrawn", "The offer was withdrawn"));
        if (!kind.empty() && std::none_of(x.p.documents.begin(), x.p.documents.end(), [&](const auto& d) { return d.code == kind; }))
          throw Invalid({{"kind", "not_found", "The purchase asks for no such document"}});
        return kind.empty() ? "other" : kind;
      },
      file, filename);
}

void register_offer_documents() {
  platform::register_document_owner("offer", {[](const auth::Principal& me, store::Tx& tx, std::int64_t id) {
                                               auto o = find_offer(tx, id);
                                               auto p = o ? find_purchase(tx, o->purchase_id) : std::nullopt;
                                               return p && !policy::offer_read_refusal(me, o->organisation_id, p->authority_id, deadline_passed(*p));
                                             },
                                             [](const auth::Principal& me, store::Tx& tx, std::int64_t id) {
                                               auto o = find_offer(tx, id);
                                               auto p = o ? find_purchase(tx, o->purchase_id) : std::nullopt;
                                               return p && policy::may_offer(me) && me.organisation_id && *me.organisation_id == o->organisation_id &&
                                                      open_for_offers(*p);
                                             },
                                             [](store::Tx&, std::int64_t) {}});
}

namespace {
// ---------------------------------------------------------------- the committee's evaluations

struct EvalCtx {
  ev::Evaluation e;
  Offer o;
  Purchase p;
};

bj::object evaluation_json(store::Tx& tx, const EvalCtx& x, bool whole) {
  bj::object out{{"id", x.e.id},
                 {"offer_id", x.o.id},
                 {"purchase_id", x.p.id},
                 {"purchase_number", nullable(x.p.number)},
                 {"evaluator_id", x.e.evaluator_id},
                 {"status", x.e.status},
                 {"scores", ev::to_json(x.e.scores)},
                 {"total", nullable(x.e.total)},
                 {"max_total", 100 - x.p.price_weight},
                 {"assigned_at", x.e.assigned_at},
                 {"submitted_at", nullable(x.e.submitted_at)},
                 {"version", x.e.version}};
  // The provider is named (evaluations exist only once the deadline passed and the offers were
  // opened): a member declares a conflict of interest with someone. Its proposal once declared.
  out["organisation_name"] = organisation_name(tx, x.o.organisation_id);
  if (whole && (x.e.status == "declared" || x.e.status == "submitted")) {
    out["offer"] = offer_json(tx, x.o, x.p);
    out["criteria"] = to_json(x.p.criteria);
  }
  return out;
}

platform::Kind<EvalCtx> evaluation_kind() {
  return {.not_found = "No such evaluation",
          .stale = "The evaluation was changed by someone else",
          .find = [](store::Tx& tx, std::int64_t id) -> std::optional<EvalCtx> {
            auto e = ev::find(tx, id);
            if (!e || e->subject != "offer") return std::nullopt;
            auto o = *find_offer(tx, e->subject_id);
            return EvalCtx{*e, o, *find_purchase(tx, o.purchase_id)};
          },
          .version = [](const EvalCtx& x) { return x.e.version; },
          .subject = [](const EvalCtx& x) { return platform::Subject{"offer_evaluation", x.e.id, x.p.number.value_or("")}; },
          .show = [](store::Tx& tx, const EvalCtx& x) { return evaluation_json(tx, x, true); }};
}

platform::Refusal<EvalCtx> unless_member(const auth::Principal& me) {
  return [&me](store::Tx&, const EvalCtx& x) -> std::optional<Say> {
    if (x.e.evaluator_id != me.user_id) return say("evaluation_not_yours", "This evaluation is assigned to someone else");
    return std::nullopt;
  };
}

// The standing of every submitted offer: the committee's quality score (consensus, or the average of
// two or more close evaluations), and whether it is out.
struct Standing {
  std::vector<OfferStanding> offers;
  std::int64_t outstanding = 0;                   // evaluations not yet submitted (conflicts aside)
  std::vector<std::int64_t> needs_consensus, justification_pending;
  std::map<std::int64_t, ev::Aggregate> aggregates;
};

Standing standing_of(store::Tx& tx, const Purchase& p) {
  Standing s;
  auto criteria = scoring(p);
  for (const auto& o : offers_of(tx, p.id)) {
    if (o.status != "submitted") continue;
    std::vector<ev::Evaluation> submitted;
    for (const auto& e : ev::of(tx, "offer", o.id)) {
      if (e.status == "submitted") submitted.push_back(e);
      else if (e.status != "conflict") ++s.outstanding;
    }
    auto g = ev::aggregate(criteria, p.score_gap, submitted, o.consensus_score);
    const bool low = std::any_of(o.lots.begin(), o.lots.end(), [](const OfferLot& l) { return l.abnormally_low; });
    if (g.needs_consensus && !o.consensus_score) s.needs_consensus.push_back(o.id);
    if (low && !o.justification_accepted) s.justification_pending.push_back(o.id);
    OfferStanding st{o.id, o.organisation_id, o.submitted_at.value_or(""), g.final_score,
                     criteria.empty() ? 0 : g.criterion_avg[criteria.front().code], low && o.justification_accepted == false, o.lots};
    s.aggregates[o.id] = g;
    s.offers.push_back(std::move(st));
  }
  return s;
}
}  // namespace

// ---------------------------------------------------------------- offers

Written my_offers(App& app, const auth::Principal& me) {
  auto tx = app.db->read();
  bj::array items;
  if (me.organisation_id)
    for (const auto& o : offers_by(tx, *me.organisation_id)) {
      auto p = find_purchase(tx, o.purchase_id);
      items.push_back({{"id", o.id}, {"purchase_id", o.purchase_id}, {"purchase_number", nullable(p->number)}, {"purchase_title", p->title},
                       {"purchase_status", effective_status(*p, now_iso())}, {"offer_deadline", nullable(p->offer_deadline)},
                       {"status", o.status}, {"lots", to_json(o.lots)}, {"updated_at", o.updated_at}});
    }
  return {bj::object{{"items", std::move(items)}}};
}

Written offers_list(App& app, const Caller& c, std::int64_t purchase_id) {
  return platform::read_audited(*app.db, c, [&](store::Tx& tx) -> platform::Audited {
    auto p = readable_purchase(tx, c.me, purchase_id);
    bj::array items;
    // A provider reads its own; the authority all once the deadline passed (the opening is audited).
    if (policy::may_offer(c.me) && c.me.organisation_id) {
      if (auto o = offer_of(tx, p.id, *c.me.organisation_id)) items.push_back(offer_json(tx, *o, p));
      return {{bj::object{{"items", std::move(items)}}}, "read", "purchase", p.id, p.number.value_or("")};
    }
    if (auto why = policy::offer_read_refusal(c.me, 0, p.authority_id, deadline_passed(p))) throw Forbidden(*why);
    for (const auto& o : offers_of(tx, p.id))
      if (o.status == "submitted") items.push_back(offer_json(tx, o, p));
    return {{bj::object{{"items", std::move(items)}}}, "open_offers", "purchase", p.id, p.number.value_or("")};
  });
}

Written offer_get(App& app, const Caller& c, std::int64_t id) {
  return platform::read_audited(*app.db, c, [&](store::Tx& tx) -> platform::Audited {
    auto x = offer_kind().find(tx, id);
    if (!x) throw NotFound(say("not_found", "No such offer"));
    if (auto why = policy::offer_read_refusal(c.me, x->o.organisation_id, x->p.authority_id, deadline_passed(x->p))) throw Forbidden(*why);
    const bool own = c.me.organisation_id && *c.me.organisation_id == x->o.organisation_id;
    return {{offer_json(tx, x->o, x->p), x->o.version}, own ? "read" : "open_offer", "offer", x->o.id, x->p.number.value_or("")};
  });
}

Written offer_create(App& app, const Caller& c, std::int64_t purchase_id, const json::object& body) {
  Validator v(body);
  Offer o;
  return platform::add<Purchase>(
      *app.db, c, purchase_id, v, purchase_kind(c.me),
      {.action = "offer",
       .refuse =
           [&c](store::Tx& tx, const Purchase& p) -> std::optional<Say> {
             if (!policy::may_offer(c.me)) return say("providers_offer", "Offers are made by the staff of a provider");
             if (!published(p)) return say("purchase_not_published", "The purchase is not published yet");
             // Only a provider accredited for the type, its certificate valid on the offer deadline.
             if (!services::accredited_for(tx, *c.me.organisation_id, p.type_code, deadline_day(p)))
               return say("not_accredited", "Your organisation has no service of this type accredited on {date}", {{"date", deadline_day(p)}});
             return std::nullopt;
           },
       .check =
           [&](store::Tx& tx, const Purchase& p, Validator& v) {
             until_deadline(p);
             if (offer_of(tx, p.id, *c.me.organisation_id)) throw Conflict(say("offer_exists", "Your organisation has an offer to this purchase: change it"));
             read_offer(v, o, p);
             if (p.standard_unit_cost_minor) mark_abnormally_low(o, *p.standard_unit_cost_minor);
           },
       .insert =
           [&](store::Tx& tx, const Purchase& p) {
             o.purchase_id = p.id;
             o.organisation_id = *c.me.organisation_id;
             o.created_by = c.me.user_id;
             o.id = insert_offer(tx, o);
             auto made = *find_offer(tx, o.id);
             return platform::Added{{offer_json(tx, made, p), made.version, 201}, bj::object{{"offer_id", made.id}}};
           }});
}

Written offer_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  Offer changed;
  return platform::change<OfferCtx>(*app.db, c, id, version, v, offer_kind(),
                                    {.action = "update",
                                     .refuse = unless_provider(c.me),
                                     .check =
                                         [&](store::Tx&, const OfferCtx& x, Validator& v) {
                                           until_deadline(x.p);
                                           changed = x.o;
                                           read_offer(v, changed, x.p);
                                           if (x.p.standard_unit_cost_minor) mark_abnormally_low(changed, *x.p.standard_unit_cost_minor);
                                           // A submitted offer stays submitted only while it still could be.
                                           if (changed.status == "submitted")
                                             for (auto& e : offer_errors(changed, x.p)) v.add(e.field, e.code, e.message, e.params);
                                         },
                                     .apply = [&](store::Tx& tx, const OfferCtx& x) { return update_offer(tx, changed, x.o.version); },
                                     .before = {},
                                     .after = [](store::Tx&, const OfferCtx&) -> bj::value { return bj::object{{"sealed", true}}; }});
}

Written offer_submit(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  Offer changed;
  return platform::change<OfferCtx>(*app.db, c, id, version, v, offer_kind(),
                                    {.action = "submit",
                                     .refuse = unless_provider(c.me),
                                     .check =
                                         [&](store::Tx& tx, const OfferCtx& x, Validator& v) {
                                           until_deadline(x.p);
                                           if (!services::accredited_for(tx, x.o.organisation_id, x.p.type_code, deadline_day(x.p)))
                                             throw Forbidden(say("not_accredited", "Your organisation has no service of this type accredited on {date}",
                                                                 {{"date", deadline_day(x.p)}}));
                                           for (auto& e : offer_errors(x.o, x.p)) v.add(e.field, e.code, e.message, e.params);
                                           changed = x.o;
                                           changed.status = "submitted";
                                           changed.submitted_at = now_iso();
                                           changed.withdrawn_at.reset();
                                         },
                                     .apply = [&](store::Tx& tx, const OfferCtx& x) { return update_offer(tx, changed, x.o.version); },
                                     .before = {},
                                     .after = [](store::Tx&, const OfferCtx&) -> bj::value { return bj::object{{"sealed", true}}; }});
}

Written offer_withdraw(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  Offer changed;
  return platform::change<OfferCtx>(*app.db, c, id, version, v, offer_kind(),
                                    {.action = "withdraw",
                                     .refuse = unless_provider(c.me),
                                     .check =
                                         [&](store::Tx&, const OfferCtx& x, Validator&) {
                                           until_deadline(x.p);
                                           if (x.o.status != "submitted") throw Conflict(say("offer_not_submitted", "Only a submitted offer is withdrawn"));
                                           changed = x.o;
                                           changed.status = "withdrawn";
                                           changed.withdrawn_at = now_iso();
                                         },
                                     .apply = [&](store::Tx& tx, const OfferCtx& x) { return update_offer(tx, changed, x.o.version); },
                                     .before = {},
                                     .after = {}});
}

// ---------------------------------------------------------------- evaluation

Written purchase_committee(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"members", "score_gap"});
  std::vector<std::int64_t> members;
  v.each_object("members", Need::Required, 9, [&](Validator& m, std::size_t) {
    m.only({"user_id"});
    members.push_back(m.integer("user_id", Need::Required, 1, INT64_MAX).value_or(0));
  });
  auto gap = v.integer("score_gap", Need::Optional, 1, 100);
  Purchase changed;
  return platform::change<Purchase>(
      *app.db, c, id, version, v, purchase_kind(c.me),
      {.action = "set_committee",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Purchase& p, Validator& v) {
             if (p.status != "published")
               throw Conflict(say("committee_fixed", "The committee is named before the evaluation starts"));
             auto staff = platform::users_with_role(tx, policy::role_of(policy::Audience::AuthorityStaff), {}, p.authority_id);
             std::set<std::int64_t> seen;
             for (std::size_t i = 0; i < members.size(); ++i) {
               if (std::find(staff.begin(), staff.end(), members[i]) == staff.end())
                 v.add("members[" + std::to_string(i) + "].user_id", "not_authority_staff", "Not an active member of the authority's staff");
               if (!seen.insert(members[i]).second) v.add("members[" + std::to_string(i) + "].user_id", "duplicate", "Named twice");
             }
             if (members.size() < 2) v.add("members", "too_few", "At least two members");
             changed = p;
             changed.committee.clear();
             for (auto m : members) changed.committee.push_back(std::to_string(m));
             if (gap) changed.score_gap = static_cast<int>(*gap);
           },
       .apply = [&](store::Tx& tx, const Purchase& p) { return update_purchase(tx, changed, p.version); },
       .before = [](store::Tx&, const Purchase& p) -> bj::value { return bj::object{{"committee", bj::value_from(p.committee)}}; },
       .after = [](store::Tx&, const Purchase& p) -> bj::value { return bj::object{{"committee", bj::value_from(p.committee)}, {"score_gap", p.score_gap}}; }});
}

Written purchase_open(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  Purchase changed;
  std::size_t assigned = 0;
  return platform::change<Purchase>(
      *app.db, c, id, version, v, purchase_kind(c.me),
      {.action = "open_offers",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx&, const Purchase& p, Validator&) {
             if (effective_status(p, now_iso()) != "evaluation" || p.status != "published")
               throw Conflict(say("offer_sealed", "Offers are sealed until the offer deadline"));
             if (p.committee.size() < 2) throw Conflict(say("committee_missing", "Name the evaluation committee first"));
             changed = p;
             changed.status = "evaluation";
           },
       .apply =
           [&](store::Tx& tx, const Purchase& p) {
             if (!update_purchase(tx, changed, p.version)) return false;
             std::vector<std::int64_t> ids;
             for (const auto& o : offers_of(tx, p.id))
               if (o.status == "submitted") ids.push_back(o.id);
             auto members = committee_of(p);
             assigned = ev::assign(tx, "offer", ids, members, static_cast<int>(members.size()), c.me.user_id).size();
             platform::notify(tx, members, "offer_evaluation_assigned", "purchase", p.id,
                              {{"number", p.number.value_or("")}, {"count", ids.size()}});
             return true;
           },
       .before = {},
       .after = [&](store::Tx&, const Purchase&) -> bj::value { return bj::object{{"evaluations", assigned}}; }});
}

// The committee by name, and the authority's staff who may be named to it while it may change.
Written purchase_committee_get(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto p = find_purchase(tx, id);
  if (!p) throw NotFound(say("not_found", "No such purchase"));
  if (!policy::may_read_contracting_plans(me, p->authority_id))
    throw Forbidden(say("contracting_not_yours", "Only the authority's own staff change its contracting records"));
  bj::array members, candidates;
  auto staff = platform::authority_staff(tx, p->authority_id);
  for (const auto& m : committee_of(*p)) {
    auto it = std::find_if(staff.begin(), staff.end(), [&](const auto& s) { return s.id == m; });
    members.push_back({{"user_id", m}, {"name", it == staff.end() ? "#" + std::to_string(m) : it->name}});
  }
  for (const auto& s : staff)
    if (!on_committee_id(*p, s.id)) candidates.push_back({{"user_id", s.id}, {"name", s.name}});
  const bool may_change = p->status == "published" && policy::may_keep_contracting(me, p->authority_id);
  return {bj::object{{"members", std::move(members)}, {"candidates", std::move(candidates)}, {"score_gap", p->score_gap}, {"may_change", may_change}},
          p->version};
}

Written offer_evaluations_list(App& app, const auth::Principal& me, std::int64_t purchase_id) {
  auto tx = app.db->read();
  auto p = readable_purchase(tx, me, purchase_id);
  const bool keeper = policy::may_keep_contracting(me, p.authority_id) || policy::reads_all(me);
  if (!keeper && !on_committee(me, p)) throw Forbidden(say("committee_only", "The committee's evaluations are read by the authority"));
  bj::array items;
  auto kind = evaluation_kind();
  for (const auto& o : offers_of(tx, p.id))
    for (const auto& e : ev::of(tx, "offer", o.id)) {
      if (!keeper && e.evaluator_id != me.user_id) continue;
      items.push_back(evaluation_json(tx, {e, o, p}, false));
    }
  return {bj::object{{"items", std::move(items)}}};
}

Written offer_evaluation_get(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto x = evaluation_kind().find(tx, id);
  if (!x) throw NotFound(say("not_found", "No such evaluation"));
  if (x->e.evaluator_id != me.user_id && !policy::may_keep_contracting(me, x->p.authority_id) && !policy::reads_all(me))
    throw Forbidden(say("evaluation_not_yours", "This evaluation is assigned to someone else"));
  return {evaluation_json(tx, *x, true), x->e.version};
}

Written offer_evaluation_declare(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"conflict", "note"});
  auto conflict = v.boolean("conflict", Need::Required);
  auto note = v.text("note", conflict.value_or(false) ? Need::Required : Need::Optional, 2000, true);
  v.finish();
  return platform::change<EvalCtx>(*app.db, c, id, version, v, evaluation_kind(),
                                   {.action = *conflict ? "declare_conflict" : "declare_no_conflict",
                                    .refuse = unless_member(c.me),
                                    .check =
                                        [&](store::Tx&, const EvalCtx& x, Validator&) {
                                          if (x.e.status != "assigned") throw Conflict(say("already_declared", "Already declared"));
                                        },
                                    .apply =
                                        [&](store::Tx& tx, const EvalCtx& x) {
                                          if (!ev::declare(tx, x.e, *conflict, note)) return false;
                                          // A member with a conflict is not replaced: the rest of the committee evaluates.
                                          return true;
                                        },
                                    .before = {},
                                    .after = [&](store::Tx&, const EvalCtx& x) -> bj::value {
                                      return bj::object{{"offer_id", x.o.id}, {"note", nullable(note)}};
                                    }});
}

Written offer_evaluation_score(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"scores", "submit"});
  auto submit = v.boolean("submit", Need::Optional).value_or(false);
  std::vector<ev::Score> scores;
  return platform::change<EvalCtx>(*app.db, c, id, version, v, evaluation_kind(),
                                   {.action = submit ? "submit_scores" : "save_scores",
                                    .refuse = unless_member(c.me),
                                    .check =
                                        [&](store::Tx&, const EvalCtx& x, Validator& v) {
                                          if (auto why = ev::scoring_refusal(x.e)) throw Conflict(*why);
                                          if (x.p.status != "evaluation")
                                            throw Conflict(say("purchase_not_evaluating", "The purchase is not under evaluation"));
                                          scores = ev::read_scores(v, scoring(x.p), submit);
                                        },
                                    .apply = [&](store::Tx& tx, const EvalCtx& x) { return ev::save_scores(tx, x.e, scores, submit); },
                                    .before = {},
                                    .after = [&](store::Tx&, const EvalCtx&) -> bj::value { return ev::to_json(scores); }});
}

Written offer_justification(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"accepted", "note"});
  auto accepted = v.boolean("accepted", Need::Required);
  auto note = v.reason("note", 10, 4000);
  Offer changed;
  return platform::change<OfferCtx>(
      *app.db, c, id, version, v, offer_kind(),
      {.action = "decide_justification",
       .refuse = unless_keeper_after_deadline(c.me),
       .check =
           [&](store::Tx&, const OfferCtx& x, Validator&) {
             if (x.p.status != "evaluation") throw Conflict(say("purchase_not_evaluating", "The purchase is not under evaluation"));
             if (std::none_of(x.o.lots.begin(), x.o.lots.end(), [](const OfferLot& l) { return l.abnormally_low; }))
               throw Conflict(say("not_abnormally_low", "The offer has no abnormally low price to justify"));
             changed = x.o;
             changed.justification_accepted = accepted.value_or(false);
             changed.justification_note = note;
           },
       .apply = [&](store::Tx& tx, const OfferCtx& x) { return update_offer(tx, changed, x.o.version); },
       .before = {},
       .after = [&](store::Tx&, const OfferCtx&) -> bj::value { return bj::object{{"accepted", accepted.value_or(false)}, {"note", note}}; }});
}

Written offer_consensus(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"score", "reason"});
  auto score = v.integer("score", Need::Required, 0, 10000);
  auto reason = v.reason("reason", 10, 4000);
  Offer changed;
  return platform::change<OfferCtx>(
      *app.db, c, id, version, v, offer_kind(),
      {.action = "consensus",
       .refuse = unless_keeper_after_deadline(c.me),
       .check =
           [&](store::Tx& tx, const OfferCtx& x, Validator& v) {
             if (x.p.status != "evaluation") throw Conflict(say("purchase_not_evaluating", "The purchase is not under evaluation"));
             auto s = standing_of(tx, x.p);
             auto it = s.aggregates.find(x.o.id);
             if (it == s.aggregates.end() || !it->second.needs_consensus)
               throw Conflict(say("consensus_not_needed", "The members' scores are close enough: no consensus is needed"));
             if (score && *score > (100 - x.p.price_weight) * 100)
               v.add("score", "above_max_points", "At most {max} points", {{"max", std::to_string(100 - x.p.price_weight)}});
             changed = x.o;
             changed.consensus_score = static_cast<int>(score.value_or(0));
             changed.consensus_reason = reason;
           },
       .apply = [&](store::Tx& tx, const OfferCtx& x) { return update_offer(tx, changed, x.o.version); },
       .before = {},
       .after = {}});
}

namespace {
bj::object ranking_json(store::Tx& tx, const Purchase& p, const Standing& s, const std::vector<LotRank>& ranks) {
  bj::array lots;
  for (const auto& l : p.lots) {
    bj::array rows;
    for (const auto& r : ranks)
      if (r.lot == l.code) {
        auto row = to_json(std::vector<LotRank>{r}).at(0).as_object();
        row["organisation_name"] = organisation_name(tx, r.organisation_id);
        rows.push_back(std::move(row));
      }
    lots.push_back({{"lot", l.code}, {"name", l.name}, {"offers", std::move(rows)}});
  }
  bj::array excluded;
  for (const auto& o : s.offers)
    if (o.excluded) excluded.push_back(o.offer_id);
  return {{"lots", std::move(lots)},
          {"tie_break", ev::kTieBreak},
          {"evaluations_outstanding", s.outstanding},
          {"needs_consensus", bj::value_from(s.needs_consensus)},
          {"justification_pending", bj::value_from(s.justification_pending)},
          {"excluded", std::move(excluded)},
          {"frozen", p.ranking.has_value()}};
}
}  // namespace

Written purchase_ranking(App& app, const auth::Principal& me, std::int64_t id) {
  auto tx = app.db->read();
  auto p = readable_purchase(tx, me, id);
  if (auto why = policy::offer_read_refusal(me, 0, p.authority_id, deadline_passed(p))) throw Forbidden(*why);
  auto s = standing_of(tx, p);
  auto ranks = p.ranking ? lot_ranks_of(bj::parse(*p.ranking)) : rank_offers(s.offers, p.price_weight);
  return {ranking_json(tx, p, s, ranks)};
}

Written purchase_award(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  Purchase changed;
  return platform::change<Purchase>(
      *app.db, c, id, version, v, purchase_kind(c.me),
      {.action = "award",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Purchase& p, Validator&) {
             if (p.status != "evaluation") throw Conflict(say("purchase_not_evaluating", "The purchase is not under evaluation"));
             auto s = standing_of(tx, p);
             if (s.outstanding) throw Conflict(say("evaluations_outstanding", "{count} evaluations are not submitted yet", {{"count", std::to_string(s.outstanding)}}));
             if (!s.justification_pending.empty())
               throw Conflict(say("justification_pending", "Decide on the justification of every abnormally low price first"));
             if (!s.needs_consensus.empty()) throw Conflict(say("consensus_needed", "Record the committee's consensus where the members differ first"));
             auto ranks = rank_offers(s.offers, p.price_weight);
             if (ranks.empty()) throw Conflict(say("nothing_to_award", "No offer can be awarded: cancel the purchase with the reason"));
             changed = p;
             changed.ranking = bj::serialize(to_json(ranks));
             changed.status = "awarded";
             changed.awarded_at = now_iso();
           },
       .apply = [&](store::Tx& tx, const Purchase& p) { return update_purchase(tx, changed, p.version); },
       .before = {},
       .after = [&](store::Tx&, const Purchase& p) -> bj::value { return bj::parse(p.ranking.value_or("[]")); }});
}

Written purchase_announce(App& app, const Caller& c, std::int64_t id, std::int64_t version) {
  json::object none;
  Validator v(none);
  Purchase changed;
  return platform::change<Purchase>(
      *app.db, c, id, version, v, purchase_kind(c.me),
      {.action = "announce",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx&, const Purchase& p, Validator&) {
             if (p.status != "awarded") throw Conflict(say("purchase_not_awarded", "The award is decided first"));
             changed = p;
             changed.status = "standstill";
             changed.announced_at = now_iso();
             changed.standstill_until = add_days(today(), p.standstill_days);
           },
       .apply =
           [&](store::Tx& tx, const Purchase& p) {
             if (!update_purchase(tx, changed, p.version)) return false;
             // Each provider that offered hears its own result.
             auto ranks = lot_ranks_of(bj::parse(p.ranking.value_or("[]")));
             auto role = policy::role_of(policy::Audience::CsoStaff);
             for (const auto& o : offers_of(tx, p.id)) {
               if (o.status != "submitted") continue;
               int won = 0;
               for (const auto& r : ranks) won += r.offer_id == o.id && r.rank == 1;
               platform::notify(tx, platform::users_with_role(tx, role, o.organisation_id), won ? "offer_awarded" : "offer_not_awarded", "purchase",
                                p.id, {{"number", p.number.value_or("")}, {"until", *changed.standstill_until}});
             }
             return true;
           },
       .before = {},
       .after = [&](store::Tx&, const Purchase& p) -> bj::value { return bj::object{{"standstill_until", nullable(p.standstill_until)}}; }});
}

Written complaint_lodge(App& app, const Caller& c, std::int64_t purchase_id, const json::object& body) {
  Validator v(body);
  v.only({"text"});
  auto text = v.reason("text", 30, 8000);
  return platform::add<Purchase>(
      *app.db, c, purchase_id, v, purchase_kind(c.me),
      {.action = "complain",
       .refuse =
           [&c](store::Tx& tx, const Purchase& p) -> std::optional<Say> {
             if (!policy::may_offer(c.me)) return say("complaint_by_bidder", "A provider that offered complains");
             auto o = offer_of(tx, p.id, *c.me.organisation_id);
             if (!o || o->status != "submitted") return say("complaint_by_bidder", "A provider that offered complains");
             return std::nullopt;
           },
       .check =
           [&](store::Tx&, const Purchase& p, Validator&) {
             if (p.status != "standstill" || !p.standstill_until || today() > *p.standstill_until)
               throw Conflict(say("complaint_outside_standstill", "Complaints are lodged during the standstill"));
           },
       .insert =
           [&](store::Tx& tx, const Purchase& p) {
             Complaint k;
             k.purchase_id = p.id;
             k.organisation_id = *c.me.organisation_id;
             k.text = text;
             k.lodged_by = c.me.user_id;
             k.lodged_at = now_iso();
             k.id = insert_complaint(tx, k);
             platform::notify(tx, platform::users_with_role(tx, policy::role_of(policy::Audience::AuthorityStaff), {}, p.authority_id),
                              "complaint_lodged", "purchase", p.id, {{"number", p.number.value_or("")}});
             auto made = *find_complaint(tx, k.id);
             bj::object shown{{"id", made.id}, {"purchase_id", p.id}, {"text", made.text}, {"status", made.status}, {"decision", nullptr},
                              {"lodged_at", made.lodged_at}, {"decided_at", nullptr}, {"version", made.version}};
             return platform::Added{{shown, made.version, 201}, bj::object{{"complaint_id", made.id}}};
           }});
}

Written complaint_decide(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"upheld", "decision"});
  auto upheld = v.boolean("upheld", Need::Required);
  auto decision = v.reason("decision", 10, 8000);
  v.finish();
  std::optional<Complaint> k;
  {
    auto tx = app.db->read();
    k = find_complaint(tx, id);
  }
  if (!k) throw NotFound(say("not_found", "No such complaint"));
  Purchase changed;
  Complaint decided;
  // The decision is a change of the purchase (the award suspended or annulled), audited on it.
  return platform::change<Purchase>(
      *app.db, c, k->purchase_id, version, v, purchase_kind(c.me),
      {.action = *upheld ? "uphold_complaint" : "reject_complaint",
       .refuse = unless_purchase_keeper(c.me),
       .check =
           [&](store::Tx& tx, const Purchase& p, Validator&) {
             auto now = find_complaint(tx, id);
             if (now->status != "open") throw Conflict(say("complaint_decided", "The complaint is decided already"));
             decided = *now;
             decided.status = *upheld ? "upheld" : "rejected";
             decided.decision = decision;
             decided.decided_by = c.me.user_id;
             decided.decided_at = now_iso();
             changed = p;
             if (*upheld) {
               // The award is annulled; the committee evaluates again.
               changed.status = "evaluation";
               changed.ranking.reset();
               changed.awarded_at.reset();
               changed.announced_at.reset();
               changed.standstill_until.reset();
             }
           },
       .apply =
           [&](store::Tx& tx, const Purchase& p) {
             if (!update_complaint(tx, decided, decided.version)) return false;
             if (*upheld && !update_purchase(tx, changed, p.version)) return false;
             if (!*upheld) store::bump_version(tx, "purchases", p.id, p.version);
             platform::notify(tx, platform::users_with_role(tx, policy::role_of(policy::Audience::CsoStaff), decided.organisation_id),
                              "complaint_decided", "purchase", p.id, {{"number", p.number.value_or("")}});
             return true;
           },
       .before = {},
       .after = [&](store::Tx&, const Purchase&) -> bj::value {
         return bj::object{{"complaint_id", id}, {"upheld", *upheld}, {"decision", decision}};
       }});
}
}  // namespace sp::contracting
