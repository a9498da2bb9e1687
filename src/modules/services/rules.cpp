#include "modules/services/rules.hpp"

#include "common/idno.hpp"
#include "common/text.hpp"
#include "common/time.hpp"
#include "modules/registry/model.hpp"

namespace sp::services {
namespace {
std::optional<std::int64_t> opt_id(Validator& v, std::string_view field) {
  return v.integer(field, Need::Optional, 1, INT64_MAX);
}
}  // namespace

const std::vector<std::string>& service_statuses() {
  static const std::vector<std::string> v = {"planned", "active", "suspended", "closed"};
  return v;
}
const std::vector<std::string>& funding_sources() {
  static const std::vector<std::string> v = {"grant", "public_contract", "local_budget", "other"};
  return v;
}
const std::vector<std::string>& disability_types() {
  static const std::vector<std::string> v = {"intellectual", "psychosocial", "physical", "sensory", "multiple"};
  return v;
}
const std::vector<std::string>& disability_degrees() {
  static const std::vector<std::string> v = {"severe", "accentuated", "medium"};
  return v;
}
const std::vector<std::string>& consent_purposes() {
  static const std::vector<std::string> v = {"services", "data_processing", "sharing", "photos"};
  return v;
}
const std::vector<std::string>& exit_reasons() {
  static const std::vector<std::string> v = {"goals_reached", "moved", "family", "other_service", "institution", "died", "other"};
  return v;
}

ServiceUnit read_service_unit(const json::object& body, Validator& v) {
  v.only({"id", "type_code", "name", "provider_organisation_id", "provider_authority_id", "partner_authority_id",
          "district", "locality", "capacity", "opened_on", "status", "accreditation_number", "accredited_on",
          "accreditation_expires_on", "staff_positions", "funding", "version", "created_at", "updated_at", "type",
          "occupancy", "waiting", "accreditation_days_left", "provider_name", "partner_authority_name", "staff"});
  (void)body;
  ServiceUnit s;
  s.type_code = v.text("type_code", Need::Required, 40).value_or("");
  s.name = v.text("name", Need::Required, 200).value_or("");
  s.provider_organisation_id = opt_id(v, "provider_organisation_id");
  s.provider_authority_id = opt_id(v, "provider_authority_id");
  s.partner_authority_id = opt_id(v, "partner_authority_id");
  if (s.provider_organisation_id.has_value() == s.provider_authority_id.has_value() && v.ok())
    v.add("provider_organisation_id", "one_party", "The provider is either an organisation or an authority");
  s.district = v.text("district", Need::Required, 10).value_or("");
  s.locality = v.text("locality", Need::Optional, 20);
  s.capacity = static_cast<int>(v.integer("capacity", Need::Required, 1, 100000).value_or(0));
  s.opened_on = v.date("opened_on", Need::Optional);
  s.status = v.one_of("status", Need::Optional, service_statuses()).value_or("planned");
  s.accreditation_number = v.text("accreditation_number", Need::Optional, 60);
  s.accredited_on = v.date("accredited_on", Need::Optional);
  s.accreditation_expires_on = v.date("accreditation_expires_on", Need::Optional);
  if (s.accredited_on && s.accreditation_expires_on && *s.accreditation_expires_on <= *s.accredited_on)
    v.add("accreditation_expires_on", "date_order", "The certificate expires after it is issued");
  if ((s.accredited_on || s.accreditation_expires_on) && !s.accreditation_number)
    v.add("accreditation_number", "required", "Give the certificate's number");
  v.each_object("staff_positions", Need::Optional, 100, [&](Validator& p, std::size_t) {
    p.only({"title", "fte_hundredths"});
    StaffPosition x;
    x.title = p.text("title", Need::Required, 120).value_or("");
    x.fte_hundredths = static_cast<int>(p.integer("fte_hundredths", Need::Optional, 1, 10000).value_or(100));
    s.staff_positions.push_back(x);
  });
  v.each_object("funding", Need::Optional, 20, [&](Validator& f, std::size_t) {
    f.only({"source", "agreement_id", "note"});
    Funding x;
    x.source = f.one_of("source", Need::Required, funding_sources()).value_or("");
    x.agreement_id = opt_id(f, "agreement_id");
    if (x.source == "grant" && !x.agreement_id) f.add("agreement_id", "required", "Name the grant agreement");
    x.note = f.text("note", Need::Optional, 500).value_or("");
    s.funding.push_back(x);
  });
  return s;
}

json::object to_json(const ServiceUnit& s) {
  json::array staff, funding;
  for (const auto& p : s.staff_positions) staff.push_back({{"title", p.title}, {"fte_hundredths", p.fte_hundredths}});
  for (const auto& f : s.funding) funding.push_back({{"source", f.source}, {"agreement_id", nullable(f.agreement_id)}, {"note", f.note}});
  return {{"id", s.id},
          {"type_code", s.type_code},
          {"name", s.name},
          {"provider_organisation_id", nullable(s.provider_organisation_id)},
          {"provider_authority_id", nullable(s.provider_authority_id)},
          {"partner_authority_id", nullable(s.partner_authority_id)},
          {"district", s.district},
          {"locality", nullable(s.locality)},
          {"capacity", s.capacity},
          {"opened_on", nullable(s.opened_on)},
          {"status", s.status},
          {"accreditation_number", nullable(s.accreditation_number)},
          {"accredited_on", nullable(s.accredited_on)},
          {"accreditation_expires_on", nullable(s.accreditation_expires_on)},
          {"staff_positions", std::move(staff)},
          {"funding", std::move(funding)},
          {"version", s.version},
          {"created_at", s.created_at},
          {"updated_at", s.updated_at}};
}

std::optional<int> accreditation_days_left(const ServiceUnit& s, const std::string& today) {
  if (!s.accreditation_expires_on) return std::nullopt;
  return days_between(today, *s.accreditation_expires_on);
}

json::object to_json(const Identity& i) {
  return {{"first_name", i.first_name}, {"last_name", i.last_name}, {"birth_date", i.birth_date},
          {"idnp", nullable(i.idnp)},   {"address", nullable(i.address)}, {"representative", nullable(i.representative)}};
}

Identity identity_from_json(const json::object& o) {
  auto s = [&](const char* k) -> std::optional<std::string> {
    auto it = o.find(k);
    return it != o.end() && it->value().is_string() ? std::optional<std::string>(std::string(it->value().get_string())) : std::nullopt;
  };
  return {s("first_name").value_or(""), s("last_name").value_or(""), s("birth_date").value_or(""), s("idnp"), s("address"),
          s("representative")};
}

bool valid_idnp(std::string_view s) { return valid_idno(s); }

PersonInput read_person(const json::object& body, Validator& v) {
  (void)body;
  PersonInput p;
  if (const auto* o = v.object("identity", Need::Required)) {
    Validator c(*o, v.path("identity"));
    c.only({"first_name", "last_name", "birth_date", "idnp", "address", "representative"});
    p.identity.first_name = c.text("first_name", Need::Required, 100).value_or("");
    p.identity.last_name = c.text("last_name", Need::Required, 100).value_or("");
    p.identity.birth_date = c.date("birth_date", Need::Required).value_or("");
    if (!p.identity.birth_date.empty() && p.identity.birth_date > today())
      c.add("birth_date", "in_future", "The birth date is in the future");
    p.identity.idnp = c.text("idnp", Need::Optional, 13);
    if (p.identity.idnp && !valid_idnp(*p.identity.idnp))
      c.add("idnp", "invalid_idnp", "An IDNP is 13 digits and its last one is the check digit");
    p.identity.address = c.text("address", Need::Optional, 300);
    p.identity.representative = c.text("representative", Need::Optional, 200);
    absorb(v, c);
  }
  p.sex = v.one_of("sex", Need::Required, {"female", "male"}).value_or("");
  p.district = v.text("district", Need::Required, 10).value_or("");
  p.locality = v.text("locality", Need::Optional, 20);
  p.disability_type = v.one_of("disability_type", Need::Optional, disability_types());
  p.disability_degree = v.one_of("disability_degree", Need::Optional, disability_degrees());
  if (p.disability_degree && !p.disability_type) v.add("disability_type", "required", "Say which disability the degree is of");
  p.target_groups = v.string_list("target_groups", Need::Required, registry::target_groups(), 20).value_or(std::vector<std::string>{});
  if (p.target_groups.empty() && !v.has("target_groups")) v.add("target_groups", "required", "Give at least one target group");
  p.case_worker_id = v.integer("case_worker_id", Need::Optional, 1, INT64_MAX);
  return p;
}

Consent read_consent(const json::object& body, Validator& v, std::string_view field) {
  (void)body;
  Consent c;
  if (const auto* o = v.object(field, Need::Required)) {
    Validator x(*o, v.path(field));
    x.only({"purposes", "shared_with", "given_on", "given_by"});
    c.purposes = x.string_list("purposes", Need::Required, consent_purposes(), 10).value_or(std::vector<std::string>{});
    if (c.purposes.empty() && !x.has("purposes")) x.add("purposes", "required", "Say what the consent is for");
    if (const auto* a = x.array("shared_with", Need::Optional, 50))
      for (const auto& e : *a) {
        if (e.is_int64() && e.get_int64() > 0) c.shared_with.push_back(e.get_int64());
        else x.add("shared_with", "type", "Organisation ids");
      }
    c.given_on = x.date("given_on", Need::Required).value_or("");
    if (!c.given_on.empty() && c.given_on > today()) x.add("given_on", "in_future", "The consent cannot be dated in the future");
    c.given_by = x.one_of("given_by", Need::Required, {"person", "legal_representative"}).value_or("");
    absorb(v, x);
  }
  return c;
}

std::string name_dob_key(const Identity& i) {
  return fold_for_search(trim(i.first_name) + " " + trim(i.last_name)) + "|" + i.birth_date;
}

std::string person_code(const unsigned char random[6]) {
  static const char alphabet[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";  // 32 characters
  std::string s = "P-";
  for (int i = 0; i < 6; ++i) s += alphabet[random[i] % 32];
  return s;
}

std::string enrolment_status(int capacity, int active) { return active < capacity ? "active" : "waiting"; }

int age_on(const std::string& birth_date, const std::string& on) {
  if (birth_date.size() < 10 || on.size() < 10) return 0;
  int age = std::stoi(on.substr(0, 4)) - std::stoi(birth_date.substr(0, 4));
  if (on.substr(5, 5) < birth_date.substr(5, 5)) --age;
  return age < 0 ? 0 : age;
}

std::string age_group(int age) {
  if (age <= 6) return "0-6";
  if (age <= 17) return "7-17";
  if (age <= 34) return "18-34";
  if (age <= 64) return "35-64";
  return "65+";
}

json::value suppressed(std::int64_t count) {
  if (count > 0 && count < 5) return json::value("<5");
  return json::value(count);
}

std::vector<Shown> suppress_group(const std::vector<std::int64_t>& counts) {
  std::vector<Shown> how(counts.size(), Shown::Value);
  int hidden = 0;
  for (std::size_t i = 0; i < counts.size(); ++i)
    if (counts[i] > 0 && counts[i] < 5) {
      how[i] = Shown::Small;
      ++hidden;
    }
  if (hidden == 1) {
    std::optional<std::size_t> smallest;
    for (std::size_t i = 0; i < counts.size(); ++i)
      if (how[i] == Shown::Value && counts[i] > 0 && (!smallest || counts[i] < counts[*smallest])) smallest = i;
    if (smallest) how[*smallest] = Shown::Secondary;
  }
  return how;
}

json::value shown(std::int64_t count, Shown how) {
  if (how == Shown::Small) return json::value("<5");
  if (how == Shown::Secondary) return json::value("\u2265" "5");
  return json::value(count);
}
}  // namespace sp::services
