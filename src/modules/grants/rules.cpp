#include "modules/grants/rules.hpp"

#include <algorithm>
#include <cctype>

#include "common/money.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "modules/registry/model.hpp"

namespace sp::grants {
namespace {
namespace bj = boost::json;

bool contains(const std::vector<std::string>& v, std::string_view s) { return std::find(v.begin(), v.end(), s) != v.end(); }

bool valid_code(std::string_view s, bool upper) {
  if (s.empty() || s.size() > 40) return false;
  for (char c : s) {
    bool ok = (c >= '0' && c <= '9') || c == '-' || c == '_' || (upper ? (c >= 'A' && c <= 'Z') : (c >= 'a' && c <= 'z'));
    if (!ok) return false;
  }
  return true;
}

std::optional<std::string> code_field(Validator& v, std::string_view field, bool upper) {
  auto s = v.text(field, Need::Required, 40);
  if (s && !valid_code(*s, upper)) {
    v.add(field, "invalid_code", upper ? "Capital letters, digits and '-' only" : "Small letters, digits and '_' only");
    return std::nullopt;
  }
  return s;
}

// {"ro": required, "ru", "en"}
I18n read_i18n(Validator& v, std::string_view field, std::size_t max_len, bool multiline) {
  I18n t;
  const json::object* o = v.object(field, Need::Required);
  if (!o) return t;
  Validator tv(*o, v.path(field));
  tv.only({"ro", "ru", "en"});
  t.ro = tv.text("ro", Need::Required, max_len, multiline).value_or("");
  t.ru = tv.text("ru", Need::Optional, max_len, multiline).value_or("");
  t.en = tv.text("en", Need::Optional, max_len, multiline).value_or("");
  absorb(v, tv);
  return t;
}

std::optional<std::string> local_time(Validator& v, std::string_view field) {
  auto s = v.text(field, Need::Required, 25);
  if (!s) return std::nullopt;
  auto utc = chisinau_to_utc(*s);
  if (!utc) v.add(field, "invalid_datetime", "Must be a date and time YYYY-MM-DDTHH:MM (Chisinau time)");
  return utc;
}


std::string idx(std::string_view field, std::size_t i) { return std::string(field) + "[" + std::to_string(i) + "]"; }
}  // namespace

const std::vector<std::string>& call_kinds() {
  static const std::vector<std::string> v = {"service_grant", "service_contract", "other"};
  return v;
}
const std::vector<std::string>& call_statuses() {
  static const std::vector<std::string> v = {"draft", "published", "closed", "under_evaluation", "decided", "archived"};
  return v;
}
const std::vector<std::string>& budget_categories() {
  static const std::vector<std::string> v = {"staff", "operating", "equipment", "travel", "training", "other"};
  return v;
}
const std::vector<std::string>& lot_codes() {
  static const std::vector<std::string> v = {"create", "develop", "extend", "improve"};
  return v;
}

int Call::max_total_score() const {
  int s = 0;
  for (const auto& c : criteria) s += c.max_score;
  return s;
}

int Application::periods(const Call& c) const {
  int months = duration_months.value_or(c.max_duration_months);
  int p = c.period_months > 0 ? (months + c.period_months - 1) / c.period_months : 1;
  return std::max(1, p);
}

// ---------------------------------------------------------------- calls

Call read_call(const json::object& o, Validator& v) {
  Call c;
  (void)o;
  c.code = code_field(v, "code", true).value_or("");
  c.title = read_i18n(v, "title", 300, false);
  c.description = read_i18n(v, "description", 8000, true);
  c.kind = v.one_of("kind", Need::Required, call_kinds()).value_or("");
  c.currency = v.one_of("currency", Need::Required, {"MDL", "EUR"}).value_or("MDL");
  c.envelope_minor = v.integer("envelope_minor", Need::Required, 1, kMaxMinor).value_or(0);
  c.min_grant_minor = v.integer("min_grant_minor", Need::Required, 0, kMaxMinor).value_or(0);
  c.max_grant_minor = v.integer("max_grant_minor", Need::Required, 1, kMaxMinor).value_or(0);
  if (c.max_grant_minor && c.min_grant_minor > c.max_grant_minor)
    v.add("max_grant_minor", "below_min", "Must not be below the minimum grant");
  if (c.max_grant_minor > c.envelope_minor && c.envelope_minor)
    v.add("max_grant_minor", "above_envelope", "Must not exceed the envelope");
  c.min_applicant_share_bp = static_cast<int>(v.integer("min_applicant_share_bp", Need::Optional, 0, 10000).value_or(0));
  c.min_authority_share_bp = static_cast<int>(v.integer("min_authority_share_bp", Need::Optional, 0, 10000).value_or(0));
  if (c.min_applicant_share_bp + c.min_authority_share_bp > 10000)
    v.add("min_authority_share_bp", "too_large", "The co-financing shares together must not exceed 100%");
  c.eligible_legal_forms = v.string_list("eligible_legal_forms", Need::Optional, registry::legal_forms(), 10).value_or(std::vector<std::string>{});
  c.eligible_districts = v.string_list("eligible_districts", Need::Optional, {}, 40).value_or(std::vector<std::string>{});
  c.eligible_target_groups = v.string_list("eligible_target_groups", Need::Optional, registry::target_groups(), 20).value_or(std::vector<std::string>{});
  c.requires_authority_partner = v.boolean("requires_authority_partner", Need::Optional).value_or(true);
  auto opens = local_time(v, "opens_at");
  auto closes = local_time(v, "closes_at");
  c.opens_at = opens.value_or("");
  c.closes_at = closes.value_or("");
  if (opens && closes && *closes <= *opens) v.add("closes_at", "date_order", "Must be after the opening");
  c.max_duration_months = static_cast<int>(v.integer("max_duration_months", Need::Optional, 1, 60).value_or(24));
  c.period_months = static_cast<int>(v.integer("period_months", Need::Optional, 1, 24).value_or(6));
  c.blind = v.boolean("blind", Need::Optional).value_or(false);
  c.score_gap = static_cast<int>(v.integer("score_gap", Need::Optional, 0, 1000).value_or(20));
  c.reallocation_free_bp = static_cast<int>(v.integer("reallocation_free_bp", Need::Optional, 0, 10000).value_or(1000));

  std::set<std::string> seen;
  v.each_object("required_documents", Need::Optional, 30, [&](Validator& d, std::size_t) {
    d.only({"code", "name"});
    RequiredDocument r;
    r.code = code_field(d, "code", false).value_or("");
    r.name = read_i18n(d, "name", 200, false);
    if (!r.code.empty() && !seen.insert("d" + r.code).second) d.add("code", "duplicate", "Listed twice");
    c.required_documents.push_back(std::move(r));
  });
  std::int64_t lot_sum = 0;
  v.each_object("lots", Need::Optional, 20, [&](Validator& l, std::size_t) {
    l.only({"code", "name", "envelope_minor"});
    Lot lot;
    lot.code = code_field(l, "code", false).value_or("");
    lot.name = read_i18n(l, "name", 200, false);
    lot.envelope_minor = l.integer("envelope_minor", Need::Optional, 1, kMaxMinor);
    lot_sum += lot.envelope_minor.value_or(0);
    if (!lot.code.empty() && !seen.insert("l" + lot.code).second) l.add("code", "duplicate", "Listed twice");
    c.lots.push_back(std::move(lot));
  });
  if (lot_sum > c.envelope_minor && c.envelope_minor)
    v.add("lots", "above_envelope", "The lots' envelopes together exceed the call's envelope");
  v.each_object("criteria", Need::Optional, 30, [&](Validator& k, std::size_t) {
    k.only({"code", "name", "description", "max_score", "threshold"});
    Criterion cr;
    cr.code = code_field(k, "code", false).value_or("");
    cr.name = read_i18n(k, "name", 200, false);
    cr.description = k.text("description", Need::Optional, 2000, true).value_or("");
    cr.max_score = static_cast<int>(k.integer("max_score", Need::Required, 1, 1000).value_or(0));
    auto th = k.integer("threshold", Need::Optional, 0, 1000);
    if (th && cr.max_score && *th > cr.max_score) k.add("threshold", "above_max", "Must not exceed the maximum score");
    if (th) cr.threshold = static_cast<int>(*th);
    if (!cr.code.empty() && !seen.insert("c" + cr.code).second) k.add("code", "duplicate", "Listed twice");
    c.criteria.push_back(std::move(cr));
  });
  return c;
}

json::object to_json(const I18n& t) { return {{"ro", t.ro}, {"ru", t.ru}, {"en", t.en}}; }

std::string effective_status(const Call& c, std::string_view now) {
  if (c.status == "published" && !c.closes_at.empty() && now >= c.closes_at) return "closed";
  return c.status;
}

json::object to_json(const Call& c, std::string_view now) {
  bj::array docs, lots, crit;
  for (const auto& d : c.required_documents) docs.push_back({{"code", d.code}, {"name", to_json(d.name)}});
  for (const auto& l : c.lots) lots.push_back({{"code", l.code}, {"name", to_json(l.name)}, {"envelope_minor", nullable(l.envelope_minor)}});
  for (const auto& k : c.criteria)
    crit.push_back({{"code", k.code}, {"name", to_json(k.name)}, {"description", k.description},
                    {"max_score", k.max_score}, {"threshold", nullable(k.threshold)}});
  auto status = effective_status(c, now);
  return {{"id", c.id},
          {"code", c.code},
          {"title", to_json(c.title)},
          {"description", to_json(c.description)},
          {"kind", c.kind},
          {"currency", c.currency},
          {"envelope_minor", c.envelope_minor},
          {"min_grant_minor", c.min_grant_minor},
          {"max_grant_minor", c.max_grant_minor},
          {"min_applicant_share_bp", c.min_applicant_share_bp},
          {"min_authority_share_bp", c.min_authority_share_bp},
          {"eligible_legal_forms", string_array(c.eligible_legal_forms)},
          {"eligible_districts", string_array(c.eligible_districts)},
          {"eligible_target_groups", string_array(c.eligible_target_groups)},
          {"requires_authority_partner", c.requires_authority_partner},
          {"opens_at", utc_to_chisinau(c.opens_at).substr(0, 16)},
          {"closes_at", utc_to_chisinau(c.closes_at).substr(0, 16)},
          {"opens_at_utc", c.opens_at},
          {"closes_at_utc", c.closes_at},
          {"max_duration_months", c.max_duration_months},
          {"period_months", c.period_months},
          {"blind", c.blind},
          {"score_gap", c.score_gap},
          {"reallocation_free_bp", c.reallocation_free_bp},
          {"required_documents", std::move(docs)},
          {"lots", std::move(lots)},
          {"criteria", std::move(crit)},
          {"max_total_score", c.max_total_score()},
          {"status", status},
          {"open", status == "published" && now >= c.opens_at},
          {"published_at", nullable(c.published_at)},
          {"decided_at", nullable(c.decided_at)},
          {"version", c.version},
          {"created_at", c.created_at},
          {"updated_at", c.updated_at}};
}

std::optional<Say> transition_error(const Call& c, std::string_view to, std::string_view now) {
  auto from = effective_status(c, now);
  if (to == "published") {
    if (from != "draft") return say("publish_needs_draft", "Only a draft call can be published");
    if (c.criteria.empty()) return say("publish_needs_criteria", "A call needs at least one evaluation criterion before it is published");
    if (c.closes_at <= now) return say("closing_date_passed", "The closing date has already passed");
    return std::nullopt;
  }
  if (to == "under_evaluation") {
    if (from != "closed") return say("evaluation_after_deadline", "Evaluation starts after the deadline has passed");
    return std::nullopt;
  }
  if (to == "decided")
    return from == "under_evaluation" ? std::nullopt
                                      : std::optional(say("decide_call_needs_evaluation", "Only a call under evaluation can be decided"));
  if (to == "archived")
    return from == "decided" || from == "draft"
               ? std::nullopt
               : std::optional(say("archive_needs_decided", "Only a decided (or draft) call can be archived"));
  return say("status_change_refused", "This change of status is not allowed");
}

bool amendable_field(std::string_view f) {
  static const std::vector<std::string> fields = {
      "title", "description", "closes_at", "envelope_minor", "min_grant_minor", "max_grant_minor", "required_documents",
      "eligible_districts", "eligible_target_groups", "eligible_legal_forms", "lots", "criteria", "score_gap",
      "max_duration_months", "min_applicant_share_bp", "min_authority_share_bp", "requires_authority_partner",
      "reallocation_free_bp"};
  return contains(fields, f);
}

// ---------------------------------------------------------------- applications

Application read_application(const json::object& o, Validator& v, const Call& c) {
  (void)o;
  Application a;
  a.title = v.text("title", Need::Required, 300).value_or("");
  a.summary = v.text("summary", Need::Optional, 8000, true);
  a.lot = v.text("lot", Need::Optional, 40);
  if (a.lot && std::none_of(c.lots.begin(), c.lots.end(), [&](const Lot& l) { return l.code == *a.lot; }))
    v.add("lot", "not_found", "No such lot in this call");
  a.district = v.text("district", Need::Optional, 10);
  a.locality = v.text("locality", Need::Optional, 20);
  a.starts_on = v.date("starts_on", Need::Optional);
  auto dur = v.integer("duration_months", Need::Optional, 1, 60);
  if (dur) a.duration_months = static_cast<int>(*dur);
  a.partner_authority_id = v.integer("partner_authority_id", Need::Optional, 1, INT64_MAX);
  std::set<std::string> groups;
  v.each_object("target_groups", Need::Optional, 20, [&](Validator& g, std::size_t) {
    g.only({"group", "people"});
    TargetGroupCount t;
    t.group = g.one_of("group", Need::Required, registry::target_groups()).value_or("");
    t.people = static_cast<int>(g.integer("people", Need::Required, 0, 1000000).value_or(0));
    if (!t.group.empty() && !groups.insert(t.group).second) g.add("group", "duplicate", "Listed twice");
    a.target_groups.push_back(std::move(t));
  });
  int max_period = std::max(1, (60 + c.period_months - 1) / std::max(1, c.period_months));
  v.each_object("workplan", Need::Optional, 200, [&](Validator& w, std::size_t) {
    w.only({"period", "activity", "description"});
    Activity act;
    act.period = static_cast<int>(w.integer("period", Need::Required, 1, max_period).value_or(1));
    act.activity = w.text("activity", Need::Required, 300).value_or("");
    act.description = w.text("description", Need::Optional, 2000, true).value_or("");
    a.workplan.push_back(std::move(act));
  });
  v.each_object("budget", Need::Optional, 500, [&](Validator& b, std::size_t) {
    b.only({"category", "description", "period", "total_minor", "grant_minor", "applicant_minor", "authority_minor"});
    BudgetLine l;
    l.category = b.one_of("category", Need::Required, budget_categories()).value_or("");
    l.description = b.text("description", Need::Required, 300).value_or("");
    l.period = static_cast<int>(b.integer("period", Need::Required, 1, max_period).value_or(1));
    l.grant_minor = b.integer("grant_minor", Need::Optional, 0, kMaxMinor).value_or(0);
    l.applicant_minor = b.integer("applicant_minor", Need::Optional, 0, kMaxMinor).value_or(0);
    l.authority_minor = b.integer("authority_minor", Need::Optional, 0, kMaxMinor).value_or(0);
    // The line's total as the applicant states it; check_application refuses one that does not add up.
    l.total_minor = b.integer("total_minor", Need::Optional, 0, kMaxMinor).value_or(l.grant_minor + l.applicant_minor + l.authority_minor);
    a.budget.push_back(std::move(l));
  });
  recompute_totals(a);
  return a;
}

void recompute_totals(Application& a) {
  a.grant_minor = a.applicant_minor = a.authority_minor = a.total_minor = 0;
  for (const auto& l : a.budget) {
    a.grant_minor += l.grant_minor;
    a.applicant_minor += l.applicant_minor;
    a.authority_minor += l.authority_minor;
    a.total_minor += l.grant_minor + l.applicant_minor + l.authority_minor;
  }
}

json::object to_json(const Application& a) {
  bj::array groups, plan, budget;
  for (const auto& g : a.target_groups) groups.push_back({{"group", g.group}, {"people", g.people}});
  for (const auto& w : a.workplan) plan.push_back({{"period", w.period}, {"activity", w.activity}, {"description", w.description}});
  for (const auto& l : a.budget)
    budget.push_back({{"category", l.category}, {"description", l.description}, {"period", l.period},
                      {"total_minor", l.total_minor}, {"grant_minor", l.grant_minor},
                      {"applicant_minor", l.applicant_minor}, {"authority_minor", l.authority_minor}});
  int people = 0;
  for (const auto& g : a.target_groups) people += g.people;
  return {{"id", a.id},
          {"call_id", a.call_id},
          {"organisation_id", a.organisation_id},
          {"number", nullable(a.number)},
          {"lot", nullable(a.lot)},
          {"title", a.title},
          {"summary", nullable(a.summary)},
          {"district", nullable(a.district)},
          {"locality", nullable(a.locality)},
          {"starts_on", nullable(a.starts_on)},
          {"duration_months", nullable(a.duration_months)},
          {"partner_authority_id", nullable(a.partner_authority_id)},
          {"target_groups", std::move(groups)},
          {"people_expected", people},
          {"workplan", std::move(plan)},
          {"budget", std::move(budget)},
          {"grant_minor", a.grant_minor},
          {"applicant_minor", a.applicant_minor},
          {"authority_minor", a.authority_minor},
          {"total_minor", a.total_minor},
          {"confirmed_authority_minor", nullable(a.confirmed_authority_minor)},
          {"confirmed_at", nullable(a.confirmed_at)},
          {"confirmation_note", nullable(a.confirmation_note)},
          {"declined_at", nullable(a.declined_at)},
          {"status", a.status},
          {"submitted_at", nullable(a.submitted_at)},
          {"snapshots", a.snapshots},
          {"consensus_score", nullable(a.consensus_score)},
          {"consensus_reason", nullable(a.consensus_reason)},
          {"decision", nullable(a.decision)},
          {"decision_reason", nullable(a.decision_reason)},
          {"awarded_minor", nullable(a.awarded_minor)},
          {"version", a.version},
          {"created_at", a.created_at},
          {"updated_at", a.updated_at}};
}

std::vector<FieldError> check_application(const Call& c, const Application& a, const Applicant& who, std::string_view now) {
  std::vector<FieldError> e;
  auto add = [&](std::string field, std::string code, std::string msg, Params params = {}) {
    e.push_back({std::move(field), std::move(code), std::move(msg), std::move(params)});
  };
  // The deadline first: past it, nothing else matters.
  if (now >= c.closes_at) add("call", "deadline_passed", "The deadline for this call has passed");
  else if (effective_status(c, now) != "published" || now < c.opens_at) add("call", "not_open", "The call is not open for applications");
  // Eligibility.
  if (who.status != "active") add("organisation", "organisation_inactive", "The organisation is not active in the registry");
  if (!c.eligible_legal_forms.empty() && !contains(c.eligible_legal_forms, who.legal_form))
    add("organisation", "not_eligible_legal_form", "The call is not open to this legal form");
  if (!a.district) add("district", "required", "Say where the service will run");
  else if (!c.eligible_districts.empty() && !contains(c.eligible_districts, *a.district))
    add("district", "not_eligible_district", "The call is not open to this district");
  if (!c.lots.empty() && !a.lot) add("lot", "required", "Choose the lot you apply for");
  int people = 0;
  bool group_ok = c.eligible_target_groups.empty();
  for (const auto& g : a.target_groups) {
    people += g.people;
    if (contains(c.eligible_target_groups, g.group)) group_ok = true;
  }
  if (a.target_groups.empty() || people == 0) add("target_groups", "required", "Give the target groups and how many people you expect to serve");
  else if (!group_ok) add("target_groups", "not_eligible_target_group", "None of the target groups is eligible in this call");
  if (a.summary.value_or("").empty()) add("summary", "required", "Describe the project");
  if (!a.starts_on) add("starts_on", "required", "Give the start date");
  if (!a.duration_months) add("duration_months", "required", "Give the duration");
  else if (*a.duration_months > c.max_duration_months)
    add("duration_months", "too_many_months", "At most " + std::to_string(c.max_duration_months) + " months in this call",
        {{"max", std::to_string(c.max_duration_months)}});
  // Partner authority and its confirmation.
  if (c.requires_authority_partner) {
    if (!a.partner_authority_id) add("partner_authority_id", "required", "The call requires a partner public authority");
    else if (!who.authority_is_partner) add("partner_authority_id", "not_found", "No such active public authority");
    else if (!a.confirmed_authority_minor)
      add("confirmation", "not_confirmed", "The partner authority has not yet confirmed the partnership and its co-financing");
    else if (*a.confirmed_authority_minor != a.authority_minor)
      add("confirmation", "confirmation_outdated", "The budget changed after the authority confirmed its co-financing: ask it to confirm again");
  }
  // Work plan and budget.
  int periods = a.periods(c);
  if (a.workplan.empty()) add("workplan", "required", "The work plan needs at least one activity");
  for (std::size_t i = 0; i < a.workplan.size(); ++i)
    if (a.workplan[i].period > periods) add(idx("workplan", i) + ".period", "no_such_period", "The project has " + std::to_string(periods) + " period(s)", {{"periods", std::to_string(periods)}});
  if (a.budget.empty()) add("budget", "required", "The budget needs at least one line");
  for (std::size_t i = 0; i < a.budget.size(); ++i) {
    const auto& l = a.budget[i];
    auto parts = l.grant_minor + l.applicant_minor + l.authority_minor;
    if (parts != l.total_minor)
      add(idx("budget", i) + ".total_minor", "does_not_add_up",
          "Line " + std::to_string(i + 1) + " (" + l.description + "): the total differs from grant + co-financing",
          {{"line", std::to_string(i + 1)}});
    if (l.period > periods) add(idx("budget", i) + ".period", "no_such_period", "The project has " + std::to_string(periods) + " period(s)", {{"periods", std::to_string(periods)}});
  }
  if (!a.budget.empty()) {
    if (a.grant_minor < c.min_grant_minor) add("grant_minor", "below_min", "The grant requested is below the call's minimum");
    if (a.grant_minor > c.max_grant_minor) add("grant_minor", "above_max", "The grant requested is above the call's maximum");
    if (a.total_minor > 0) {
      // Shares compared in integers: part × 10000 ≥ rule × total.
      if (a.applicant_minor * 10000 < static_cast<std::int64_t>(c.min_applicant_share_bp) * a.total_minor)
        add("applicant_minor", "cofinancing_below_rule", "The applicant's co-financing is below the call's minimum share");
      if (a.authority_minor * 10000 < static_cast<std::int64_t>(c.min_authority_share_bp) * a.total_minor)
        add("authority_minor", "cofinancing_below_rule", "The authority's co-financing is below the call's minimum share");
    }
  }
  // Required documents.
  for (const auto& d : c.required_documents)
    if (!contains(who.document_kinds, d.code)) add("documents." + d.code, "missing", "Attach: " + d.name.ro, {{"document", d.code}});
  return e;
}

// ---------------------------------------------------------------- evaluation

std::vector<platform::evaluation::Criterion> scoring(const Call& c) {
  std::vector<platform::evaluation::Criterion> out;
  for (const auto& k : c.criteria) out.push_back({k.code, k.max_score, k.threshold});
  return out;
}

Aggregate aggregate(const Call& c, const std::vector<Evaluation>& submitted, std::optional<int> consensus) {
  return platform::evaluation::aggregate(scoring(c), c.score_gap, submitted, consensus);
}

// ---------------------------------------------------------------- awards, agreements, reports

std::optional<Say> envelope_error(const Call& c, const std::string& lot, std::int64_t amount, std::int64_t awarded_call,
                           std::int64_t awarded_lot) {
  if (awarded_call + amount > c.envelope_minor)
    return say("call_envelope_exceeded", "The awards would exceed the call's envelope ({left} left)",
               {{"left", std::to_string(c.envelope_minor - awarded_call)}});
  for (const auto& l : c.lots)
    if (l.code == lot && l.envelope_minor && awarded_lot + amount > *l.envelope_minor)
      return say("lot_envelope_exceeded", "The awards would exceed the lot's envelope ({left} left)",
                 {{"left", std::to_string(*l.envelope_minor - awarded_lot)}});
  return std::nullopt;
}

std::vector<TrancheSpec> read_tranches(const json::object& o, Validator& v, std::int64_t amount) {
  (void)o;
  std::vector<TrancheSpec> out;
  int sum = 0;
  std::size_t n = v.each_object("tranches", Need::Required, 12, [&](Validator& t, std::size_t i) {
    t.only({"share_bp", "condition"});
    TrancheSpec s;
    s.number = static_cast<int>(i) + 1;
    s.share_bp = static_cast<int>(t.integer("share_bp", Need::Required, 1, 10000).value_or(0));
    s.condition = t.one_of("condition", Need::Optional, {"signature", "report_approved"})
                      .value_or(i == 0 ? "signature" : "report_approved");
    if (i == 0 && s.condition != "signature") t.add("condition", "first_on_signature", "The first tranche is paid on signature");
    if (i > 0 && s.condition != "report_approved")
      t.add("condition", "after_report", "A later tranche is paid after the previous report is approved");
    sum += s.share_bp;
    out.push_back(s);
  });
  if (n && v.ok() && sum != 10000) v.add("tranches", "not_100", "The tranches must add up to 100% (now " + std::to_string(sum / 100.0).substr(0, 6) + "%)",
                                          {{"now", std::to_string(sum / 100.0).substr(0, 6)}});
  std::int64_t given = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i].amount_minor = i + 1 == out.size() ? amount - given : amount * out[i].share_bp / 10000;
    given += out[i].amount_minor;
  }
  return out;
}

std::vector<TrancheSpec> default_tranches(std::int64_t amount, int periods) {
  // 40% on signature, the rest split over the reports that precede the last period.
  int n = std::clamp(periods, 1, 4);
  std::vector<TrancheSpec> out;
  if (n == 1) return {{1, 10000, "signature", amount}};
  int first = 4000, rest = (10000 - first) / (n - 1);
  std::int64_t given = 0;
  for (int i = 0; i < n; ++i) {
    TrancheSpec s;
    s.number = i + 1;
    s.share_bp = i == 0 ? first : (i + 1 == n ? 10000 - first - rest * (n - 2) : rest);
    s.condition = i == 0 ? "signature" : "report_approved";
    s.amount_minor = i + 1 == n ? amount - given : amount * s.share_bp / 10000;
    given += s.amount_minor;
    out.push_back(s);
  }
  return out;
}

bool variance_needs_justification(std::int64_t budget, std::int64_t spent) {
  if (budget == 0) return spent != 0;
  auto diff = spent > budget ? spent - budget : budget - spent;
  return diff * 10 > budget;  // more than 10%
}

int reallocation_share_bp(const std::vector<std::int64_t>& before, const std::vector<std::int64_t>& after) {
  std::int64_t total = 0, moved = 0;
  for (auto b : before) total += b;
  for (std::size_t i = 0; i < after.size(); ++i) {
    auto b = i < before.size() ? before[i] : 0;
    if (after[i] > b) moved += after[i] - b;
  }
  if (total == 0) return moved ? 10000 : 0;
  return static_cast<int>((moved * 10000 + total - 1) / total);
}

std::vector<AgreementLine> agreement_lines(const Application& a, std::int64_t awarded) {
  std::vector<AgreementLine> out;
  std::int64_t asked = a.grant_minor, given = 0;
  std::size_t largest = 0;
  for (std::size_t i = 0; i < a.budget.size(); ++i) {
    const auto& b = a.budget[i];
    AgreementLine l;
    l.position = static_cast<int>(i) + 1;
    l.category = b.category;
    l.description = b.description;
    l.period = b.period;
    // 128-bit intermediate: amounts go up to 10^15 minor units, their product beyond 64 bits.
    __extension__ using wide = __int128;
    l.grant_minor = asked > 0 ? static_cast<std::int64_t>(static_cast<wide>(b.grant_minor) * awarded / asked) : 0;
    l.cofinancing_minor = b.applicant_minor + b.authority_minor;
    given += l.grant_minor;
    if (b.grant_minor > a.budget[largest].grant_minor) largest = i;
    out.push_back(std::move(l));
  }
  if (!out.empty()) out[largest].grant_minor += awarded - given;
  return out;
}

std::vector<ReportDue> report_schedule(const std::string& starts_on, int duration_months, int period_months, int days_after) {
  std::vector<ReportDue> out;
  if (!valid_date(starts_on) || duration_months < 1 || period_months < 1) return out;
  int n = (duration_months + period_months - 1) / period_months;
  for (int i = 0; i < n; ++i) {
    ReportDue d;
    d.number = i + 1;
    d.final = i + 1 == n;
    d.period_from = add_months(starts_on, i * period_months);
    d.period_to = add_days(add_months(starts_on, std::min((i + 1) * period_months, duration_months)), -1);
    d.due_on = add_days(d.period_to, days_after);
    out.push_back(std::move(d));
  }
  return out;
}

std::optional<Say> tranche_error(const Agreement& ag, const Tranche& t, const std::optional<std::string>& previous_report) {
  auto n = std::to_string(t.number);
  if (t.paid_on) return say("tranche_paid", "Tranche {number} is already paid", {{"number", n}});
  if (ag.status != "signed") return say("agreement_not_signed", "The agreement is not signed: attach the signed copy first");
  if (t.condition == "signature") return std::nullopt;
  if (!previous_report) return say("tranche_no_report", "There is no report before tranche {number}", {{"number", n}});
  if (*previous_report != "approved")
    return say("tranche_waits_report", "Tranche {number} is paid once the report of period {period} is approved (now: {status})",
               {{"number", n}, {"period", std::to_string(t.number - 1)}, {"status", *previous_report}});
  return std::nullopt;
}

std::vector<AgreementLine> lines_of_report(const std::vector<AgreementLine>& lines, const Report& r) {
  std::vector<AgreementLine> out;
  for (const auto& l : lines)
    if (l.period == r.number || (r.final && l.period > r.number)) out.push_back(l);
  return out;
}

void read_report(Validator& v, Report& r, const std::vector<AgreementLine>& covered, bool submit) {
  // What is sent replaces what was saved; submission checks the result as a whole.
  if (const json::object* n = v.object("narrative", Need::Optional)) {
    Validator nv(*n, v.path("narrative"));
    nv.only({"activities", "people_served", "problems"});
    if (nv.has("activities")) r.activities = nv.text("activities", Need::Optional, 20000, true).value_or("");
    if (nv.has("problems")) r.problems = nv.text("problems", Need::Optional, 20000, true).value_or("");
    if (nv.has("people_served")) r.people_served = static_cast<int>(nv.integer("people_served", Need::Optional, 0, 1000000).value_or(0));
    absorb(v, nv);
  }
  if (submit && v.ok() && r.activities.empty())
    v.add("narrative.activities", "required", "Describe the activities of the period");
  auto errors_before_lines = v.errors().size();
  if (v.has("lines")) {
    r.lines.clear();
    std::set<std::int64_t> seen;
    v.each_object("lines", Need::Optional, 500, [&](Validator& lv, std::size_t) {
      lv.only({"line_id", "spent_minor", "justification"});
      ReportLine x;
      x.line_id = lv.integer("line_id", Need::Required, 1, INT64_MAX).value_or(0);
      x.spent_minor = lv.integer("spent_minor", Need::Required, 0, kMaxMinor).value_or(0);
      x.justification = lv.text("justification", Need::Optional, 4000, true).value_or("");
      if (x.line_id && std::none_of(covered.begin(), covered.end(), [&](const AgreementLine& l) { return l.id == x.line_id; }))
        lv.add("line_id", "not_in_period", "This budget line is not part of the period this report covers");
      else if (x.line_id && !seen.insert(x.line_id).second)
        lv.add("line_id", "duplicate", "Reported twice");
      r.lines.push_back(std::move(x));
    });
  }
  r.spent_minor = 0;
  for (const auto& l : r.lines) r.spent_minor += l.spent_minor;
  if (!submit || v.errors().size() != errors_before_lines) return;
  for (const auto& l : covered) {
    auto it = std::find_if(r.lines.begin(), r.lines.end(), [&](const ReportLine& x) { return x.line_id == l.id; });
    auto label = l.description.empty() ? l.category : l.description;
    if (it == r.lines.end()) {
      v.add("lines", "missing_line", "Say what was spent on \"" + label + "\" (line " + std::to_string(l.position) + ")");
      continue;
    }
    auto i = static_cast<std::size_t>(it - r.lines.begin());
    if (variance_needs_justification(l.grant_minor, it->spent_minor) && it->justification.size() < 10)
      v.add("lines[" + std::to_string(i) + "].justification", "variance_unjustified",
            "\"" + label + "\" differs from its budget by more than 10%: explain why (at least 10 characters)");
  }
}

json::object to_json(const Report& r) {
  json::array lines;
  for (const auto& l : r.lines)
    lines.push_back({{"line_id", l.line_id}, {"spent_minor", l.spent_minor}, {"justification", l.justification}});
  return {{"id", r.id}, {"agreement_id", r.agreement_id}, {"number", r.number}, {"final", r.final}, {"due_on", r.due_on},
          {"status", r.status},
          {"narrative", {{"activities", r.activities}, {"people_served", r.people_served}, {"problems", r.problems}}},
          {"lines", std::move(lines)}, {"spent_minor", r.spent_minor}, {"submitted_at", nullable(r.submitted_at)},
          {"approved_at", nullable(r.approved_at)}, {"version", r.version}};
}
}  // namespace sp::grants
