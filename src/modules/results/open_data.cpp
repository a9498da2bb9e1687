// The programmes as IATI 2.03 activities and their grants as 360Giving (decision 0025).
#include "modules/results/open_data.hpp"

#include <algorithm>
#include <set>

#include "common/csv.hpp"
#include "common/json.hpp"
#include "common/money.hpp"
#include "common/time.hpp"
#include "modules/results/rules.hpp"
#include "reports/xml.hpp"

namespace sp::results::open_data {
namespace bj = boost::json;
using reports::Xml;

std::pair<std::string, std::string> period_days(const std::string& period, const Programme& p) {
  if (period == "programme") return {p.starts_on, p.ends_on};
  if (period.size() == 4) return {period + "-01-01", period + "-12-31"};
  if (period.size() == 7 && period[5] == 'Q') {
    int q = period[6] - '0';
    auto first = period.substr(0, 4) + "-" + (q == 4 ? std::string("10") : "0" + std::to_string(3 * q - 2)) + "-01";
    return {first, add_days(add_months(first, 3), -1)};
  }
  auto first = period + "-01";
  return {first, add_days(add_months(first, 1), -1)};
}

std::vector<Slice> yearly(const std::string& from, const std::string& to, std::int64_t minor) {
  std::vector<Slice> out;
  if (from.empty() || to.empty() || to < from) return out;
  const auto all = days_between(from, to) + 1;
  std::int64_t given = 0;
  for (auto start = from; start <= to;) {
    auto end = std::min(add_days(add_months(start, 12), -1), to);
    auto days = days_between(start, end) + 1;
    auto share = end == to ? minor - given : minor * days / all;
    out.push_back({start, end, share});
    given += share;
    start = add_days(end, 1);
  }
  return out;
}

std::string iati_identifier(const Publisher& pub, const Programme& p) { return pub.org.ref + "-" + p.code; }
std::string iati_identifier(const Publisher& pub, const grants::Award& a) { return pub.org.ref + "-" + a.number; }

namespace {
bool numeric(const std::string& s) { return number_in(s).has_value(); }

// <narrative> in the activity's language (Romanian), then the others each with its xml:lang.
void narratives(Xml& x, const std::string& ro, const std::string& ru = {}, const std::string& en = {}) {
  x.leaf("narrative", ro);
  if (!ru.empty()) x.open("narrative").attr("xml:lang", "ru").text(ru).close();
  if (!en.empty()) x.open("narrative").attr("xml:lang", "en").text(en).close();
}

void org(Xml& x, const char* element, const Org& o, const char* role = nullptr, const std::string& activity_id = {},
         const char* activity_attr = nullptr) {
  x.open(element);
  if (!o.ref.empty()) x.attr("ref", o.ref);
  if (!o.type.empty()) x.attr("type", o.type);
  if (role) x.attr("role", role);
  if (activity_attr && !activity_id.empty()) x.attr(activity_attr, activity_id);
  narratives(x, o.name);
  x.close();
}

void date(Xml& x, const char* type, const std::string& on) { x.open("activity-date").attr("type", type).attr("iso-date", on).close(); }

void value(Xml& x, std::int64_t minor, const std::string& currency, const std::string& on) {
  x.open("value").attr("currency", currency).attr("value-date", on).text(decimal_text(minor)).close();
}

// The common classification of every activity (after its recipient country and location): social protection (DAC 16010) and civil
// society (15150) in equal parts; official development assistance as a standard project-type grant.
void classification(Xml& x) {
  x.open("sector").attr("vocabulary", "1").attr("code", "16010").attr("percentage", "50").close();
  x.open("sector").attr("vocabulary", "1").attr("code", "15150").attr("percentage", "50").close();
  x.open("default-flow-type").attr("code", "10").close();
  x.open("default-finance-type").attr("code", "110").close();
  x.open("default-aid-type").attr("code", "C01").close();
}

void budgets(Xml& x, const std::string& from, const std::string& to, std::int64_t minor, const std::string& currency) {
  for (const auto& s : yearly(from, to, minor)) {
    x.open("budget").attr("type", "1").attr("status", "2");
    x.open("period-start").attr("iso-date", s.from).close();
    x.open("period-end").attr("iso-date", s.to).close();
    value(x, s.minor, currency, s.from);
    x.close();
  }
}

const char* result_type(const std::string& level) {
  if (level == "output") return "1";
  if (level == "outcome") return "2";
  return "3";
}
const char* measure_of(const std::string& unit) {
  if (unit == "percentage") return "2";
  if (unit == "qualitative") return "5";
  return "1";
}

void results(Xml& x, const std::vector<MeasuredResult>& rs, int first_year) {
  for (const auto& r : rs) {
    if (r.indicators.empty()) continue;  // IATI: a result has at least one indicator
    x.open("result").attr("type", result_type(r.r.level));
    x.open("title");
    narratives(x, r.r.title_ro, r.r.title_ru, r.r.title_en);
    x.close();
    if (r.r.assumptions) {
      x.open("description");
      narratives(x, *r.r.assumptions);
      x.close();
    }
    for (const auto& m : r.indicators) {
      const auto& i = m.x;
      const bool qualitative = i.unit == "qualitative";
      x.open("indicator").attr("measure", measure_of(i.unit)).attr("ascending", i.ascending ? "1" : "0");
      x.open("title");
      narratives(x, i.code + " " + i.name_ro, i.code + " " + i.name_ru, i.code + " " + i.name_en);
      x.close();
      if (!i.definition_ro.empty()) {
        x.open("description");
        narratives(x, i.definition_ro, i.definition_ru, i.definition_en);
        x.close();
      }
      if (i.reference) x.open("reference").attr("vocabulary", "99").attr("code", *i.reference).close();
      if (i.baseline && (qualitative || numeric(*i.baseline))) {
        x.open("baseline").attr("year", std::to_string(i.baseline_year.value_or(first_year)));
        if (!qualitative) x.attr("value", *i.baseline);
        if (qualitative) {
          x.open("comment");
          narratives(x, *i.baseline);
          x.close();
        }
        x.close();
      }
      for (const auto& p : m.periods) {
        const bool target = p.target && (qualitative || numeric(*p.target));
        if (!target && !p.actual) continue;
        x.open("period");
        x.open("period-start").attr("iso-date", p.start).close();
        x.open("period-end").attr("iso-date", p.end).close();
        auto measured = [&](const char* element, const std::string& v) {
          x.open(element);
          if (qualitative) {
            x.open("comment");
            narratives(x, v);
            x.close();
          } else {
            x.attr("value", v);
          }
          x.close();
        };
        if (target) measured("target", *p.target);
        if (p.actual) {
          measured("actual", *p.actual);
          // One actual per part, each with its dimension (IATI 2.03 disaggregation).
          for (const auto& part : p.parts) {
            x.open("actual").attr("value", std::to_string(part.count));
            x.open("dimension").attr("name", part.category).attr("value", part.value).close();
            x.close();
          }
        }
        x.close();
      }
      x.close();
    }
    x.close();
  }
}

const char* programme_status(const Programme& p, const std::string& today) {
  if (p.status == "closed") return "4";
  if (today < p.starts_on) return "1";
  if (today > p.ends_on) return "3";
  return "2";
}
const char* award_status(const grants::Award& a) {
  if (a.status == "completed") return "4";
  if (a.status == "terminated") return "5";
  return "2";
}

Org party_org(const Party& party, const std::map<std::int64_t, Org>& known) {
  if (party.organisation_id)
    if (auto it = known.find(*party.organisation_id); it != known.end()) return it->second;
  return {"", party.name, ""};
}

// Planned dates always; actual ones only once they are past (an actual date is never in the future).
void dates(Xml& x, const std::string& from, const std::string& to, bool ended, const std::string& today) {
  date(x, "1", from);
  if (from <= today) date(x, "2", from);
  date(x, "3", to);
  if (ended && to <= today) date(x, "4", to);
}

void place(Xml& x, const std::string& district) {
  if (district.empty()) return;
  x.open("location");
  x.open("location-reach").attr("code", "1").close();
  x.open("name");
  narratives(x, district);
  x.close();
  x.close();
}

void transaction(Xml& x, const char* type, const std::string& on, std::int64_t minor, const std::string& currency,
                 const std::optional<Org>& provider, const std::string& provider_activity, const std::optional<Org>& receiver,
                 const std::string& receiver_activity) {
  x.open("transaction");
  x.open("transaction-type").attr("code", type).close();
  x.open("transaction-date").attr("iso-date", on).close();
  value(x, minor, currency, on);
  if (provider) org(x, "provider-org", *provider, nullptr, provider_activity, "provider-activity-id");
  if (receiver) org(x, "receiver-org", *receiver, nullptr, receiver_activity, "receiver-activity-id");
  x.close();
}

void link(Xml& x, const std::string& url, const char* format, const char* category, const std::string& ro, const std::string& ru,
          const std::string& en) {
  x.open("document-link").attr("url", url).attr("format", format);
  x.open("title");
  narratives(x, ro, ru, en);
  x.close();
  x.open("category").attr("code", category).close();
  x.close();
}

std::string latest(std::string a, const std::string& b) { return std::max(a, b); }

std::string programme_updated(const Activity& a) {
  auto at = a.p.updated_at;
  for (const auto& r : a.results) at = latest(at, r.r.updated_at);
  return at;
}

void programme_activity(Xml& x, const Activity& a, const Publisher& pub, const std::string& today) {
  const auto& p = a.p;
  const auto id = iati_identifier(pub, p);
  std::map<std::string, std::int64_t> by_currency;
  for (const auto& c : p.contributions) by_currency[c.currency] += c.amount_minor;
  const std::string currency = p.contributions.empty() ? "EUR" : p.contributions.front().currency;

  x.open("iati-activity").attr("last-updated-datetime", programme_updated(a)).attr("xml:lang", "ro");
  x.attr("default-currency", currency).attr("hierarchy", "1");
  x.leaf("iati-identifier", id);
  org(x, "reporting-org", pub.org);
  x.open("title");
  narratives(x, p.name_ro, p.name_ru, p.name_en);
  x.close();
  const auto n = std::to_string(a.grants.size());
  const auto when = p.starts_on + " – " + p.ends_on;
  x.open("description").attr("type", "1");
  narratives(x, p.name_ro + " (" + when + "): " + n + " granturi acordate organizațiilor societății civile pentru servicii sociale în comunitate.",
             p.name_ru + " (" + when + "): " + n + " грантов организациям гражданского общества на социальные услуги в сообществе.",
             p.name_en + " (" + when + "): " + n + " grants awarded to civil society organisations for community social services.");
  x.close();
  for (const auto& d : p.donors) org(x, "participating-org", party_org(d, a.parties), "1");
  org(x, "participating-org", pub.org, "2");
  for (const auto& partner : p.partners) org(x, "participating-org", party_org(partner, a.parties), "4");
  x.open("activity-status").attr("code", programme_status(p, today)).close();
  dates(x, p.starts_on, p.ends_on, p.status == "closed", today);
  x.open("recipient-country").attr("code", "MD").attr("percentage", "100").close();
  classification(x);
  for (const auto& [cur, minor] : by_currency) budgets(x, p.starts_on, p.ends_on, minor, cur);
  // What each contributor committed, received by the publisher when the programme started.
  if (p.starts_on <= today)
    for (const auto& c : p.contributions) transaction(x, "11", p.starts_on, c.amount_minor, c.currency, Org{"", c.by, ""}, "", pub.org, id);
  link(x, pub.base_url + "/results/programmes/" + std::to_string(p.id), "text/html", "A12", "Pagina programului", "Страница программы",
       "The programme's page");
  link(x, pub.base_url + "/api/v1/open-data/360giving.json?programme=" + std::to_string(p.id), "application/json", "A06",
       "Granturile programului (360Giving)", "Гранты программы (360Giving)", "The programme's grants (360Giving)");
  for (const auto& g : a.grants) x.open("related-activity").attr("ref", iati_identifier(pub, g.award)).attr("type", "2").close();
  results(x, a.results, std::stoi(p.starts_on.substr(0, 4)));
  x.close();
}

void grant_activity(Xml& x, const Activity& a, const Grant& g, const Publisher& pub, const std::string& today) {
  const auto& w = g.award;
  const auto id = iati_identifier(pub, w);
  const auto parent = iati_identifier(pub, a.p);
  x.open("iati-activity").attr("last-updated-datetime", w.updated_at).attr("xml:lang", "ro");
  x.attr("default-currency", w.currency).attr("hierarchy", "2");
  x.leaf("iati-identifier", id);
  org(x, "reporting-org", pub.org);
  x.open("title");
  narratives(x, w.title);
  x.close();
  x.open("description").attr("type", "1");
  narratives(x, w.summary && !w.summary->empty() ? *w.summary : w.title + " — " + g.recipient.name);
  x.close();
  org(x, "participating-org", pub.org, "1");
  if (g.cofunder) org(x, "participating-org", *g.cofunder, "1");
  org(x, "participating-org", pub.org, "3");
  org(x, "participating-org", g.recipient, "4");
  x.open("activity-status").attr("code", award_status(w)).close();
  dates(x, w.starts_on, w.ends_on, w.status != "signed", today);
  x.open("recipient-country").attr("code", "MD").attr("percentage", "100").close();
  place(x, g.district_name);
  classification(x);
  budgets(x, w.starts_on, w.ends_on, w.amount_minor, w.currency);
  const std::optional<Org> funder = pub.org, recipient = g.recipient;
  if (w.signed_on && *w.signed_on <= today) transaction(x, "2", *w.signed_on, w.amount_minor, w.currency, funder, parent, recipient, id);
  for (const auto& f : w.paid)
    if (f.on <= today) transaction(x, "3", f.on, f.minor, w.currency, funder, parent, recipient, id);
  for (const auto& f : w.spent)
    if (f.on <= today) transaction(x, "4", f.on, f.minor, w.currency, recipient, id, std::nullopt, "");
  x.open("related-activity").attr("ref", parent).attr("type", "1").close();
  if (auto it = a.projects.find(w.agreement_id); it != a.projects.end()) results(x, it->second, std::stoi(w.starts_on.substr(0, 4)));
  x.close();
}

std::string giving_id(const Publisher& pub, const grants::Award& w) { return pub.giving_prefix + "-" + w.number; }
std::string giving_org_id(const Publisher& pub, const Grant& g) {
  return g.recipient.ref.empty() ? pub.giving_prefix + "-org-" + std::to_string(g.award.organisation_id) : g.recipient.ref;
}
std::int64_t disbursed(const grants::Award& w) {
  std::int64_t n = 0;
  for (const auto& f : w.paid) n += f.minor;
  return n;
}
std::string months_between(const std::string& from, const std::string& to) {
  int months = 0;
  while (add_months(from, months + 1) <= add_days(to, 1)) ++months;
  return std::to_string(months);
}
}  // namespace

std::string iati_activities(const std::vector<Activity>& xs, const Publisher& pub, const std::string& today) {
  Xml x;
  x.open("iati-activities").attr("version", "2.03").attr("generated-datetime", pub.now);
  for (const auto& a : xs) {
    programme_activity(x, a, pub, today);
    for (const auto& g : a.grants) grant_activity(x, a, g, pub, today);
  }
  x.close();
  return x.finish();
}

bj::object giving_package(const std::vector<Activity>& xs, const Publisher& pub) {
  bj::array grants;
  for (const auto& a : xs)
    for (const auto& g : a.grants) {
      const auto& w = g.award;
      bj::object o{{"id", giving_id(pub, w)},
                   {"title", w.title},
                   {"description", w.summary && !w.summary->empty() ? *w.summary : w.title},
                   {"currency", w.currency},
                   {"amountAwarded", exact_number(w.amount_minor)},
                   {"awardDate", w.signed_on.value_or(w.starts_on)},
                   {"plannedDates", bj::array{bj::object{{"startDate", w.starts_on}, {"endDate", w.ends_on}, {"duration", std::stoi(months_between(w.starts_on, w.ends_on))}}}},
                   {"recipientOrganization", bj::array{bj::object{{"id", giving_org_id(pub, g)}, {"name", g.recipient.name}, {"addressCountry", "Moldova"}}}},
                   {"fundingOrganization", bj::array{bj::object{{"id", pub.org.ref}, {"name", pub.org.name}}}},
                   {"grantProgramme", bj::array{bj::object{{"code", a.p.code}, {"title", a.p.name_ro}}}},
                   {"fromOpenCall", "Yes"},
                   {"dateModified", w.updated_at}};
      if (!w.paid.empty()) o["amountDisbursed"] = exact_number(disbursed(w));
      if (!g.district_name.empty()) {
        bj::object where{{"name", g.district_name}, {"countryCode", "MD"}};
        o["beneficiaryLocation"] = bj::array{std::move(where)};
        o["recipientOrganization"].as_array()[0].as_object()["addressRegion"] = g.district_name;
      }
      grants.push_back(std::move(o));
    }
  return {{"version", "1.4"},
          {"title", "socialpact — " + pub.org.name},
          {"issued", pub.now},
          {"publisher", bj::object{{"name", pub.org.name}, {"identifier", pub.org.ref}}},
          {"license", "https://creativecommons.org/licenses/by/4.0/"},
          {"grants", std::move(grants)}};
}

std::string giving_csv(const std::vector<Activity>& xs, const Publisher& pub) {
  static const std::vector<std::string> head = {
      "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Amount Disbursed", "Award Date",
      "Planned Dates:Start Date", "Planned Dates:End Date", "Planned Dates:Duration (months)",
      "Recipient Org:Identifier", "Recipient Org:Name", "Recipient Org:County", "Recipient Org:Country",
      "Funding Org:Identifier", "Funding Org:Name", "Grant Programme:Code", "Grant Programme:Title",
      "Beneficiary Location:Name", "Beneficiary Location:Country Code", "From An Open Call?", "Last Modified"};
  std::string out;
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out.append(i ? "," : "").append(csv_escape(cells[i]));
    out.append("\r\n");
  };
  row(head);
  for (const auto& a : xs)
    for (const auto& g : a.grants) {
      const auto& w = g.award;
      row({giving_id(pub, w), w.title, w.summary && !w.summary->empty() ? *w.summary : w.title, w.currency, decimal_text(w.amount_minor),
           w.paid.empty() ? "" : decimal_text(disbursed(w)), w.signed_on.value_or(w.starts_on), w.starts_on, w.ends_on,
           months_between(w.starts_on, w.ends_on), giving_org_id(pub, g), g.recipient.name, g.district_name, "Moldova", pub.org.ref,
           pub.org.name, a.p.code, a.p.name_ro, g.district_name, g.district_name.empty() ? "" : "MD", "Yes", w.updated_at});
    }
  return out;
}
}  // namespace sp::results::open_data
