#include "modules/registry/import.hpp"

#include <boost/json.hpp>

#include <map>
#include <set>

#include "common/csv.hpp"
#include "common/json.hpp"
#include "common/text.hpp"
#include "modules/registry/repo.hpp"
#include "modules/registry/rules.hpp"

namespace sp::registry {
namespace {
namespace bj = boost::json;

// Column names accepted in the header: the API's English names, or Romanian ones.
const std::map<std::string, std::string>& aliases() {
  static const std::map<std::string, std::string> m = {
      {"name", "name"},           {"denumire", "name"},           {"short_name", "short_name"},
      {"denumire_scurta", "short_name"}, {"legal_form", "legal_form"}, {"forma_juridica", "legal_form"},
      {"idno", "idno"},           {"registered_on", "registered_on"}, {"data_inregistrarii", "registered_on"},
      {"address", "address"},     {"adresa", "address"},          {"district", "district"},
      {"raion", "district"},      {"locality", "locality"},       {"localitate", "locality"},
      {"email", "email"},         {"phone", "phone"},             {"telefon", "phone"},
      {"website", "website"},     {"site", "website"},            {"fields", "fields"},
      {"domenii", "fields"},      {"target_groups", "target_groups"}, {"grupuri_tinta", "target_groups"},
      {"status", "status"},       {"statut", "status"},           {"description", "description"},
      {"descriere", "description"}};
  return m;
}

std::vector<std::string> split_multi(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s + "|") {
    if (c == '|') {
      auto t = trim(cur);
      if (!t.empty()) out.push_back(t);
      cur.clear();
    } else cur += c;
  }
  return out;
}
}  // namespace

ImportPlan plan_import(store::Tx& tx, std::string_view csv, std::size_t max_rows) {
  if (!valid_text(csv)) throw Invalid({{"file", "invalid_characters", "The file is not UTF-8 text"}});
  CsvTable t;
  try {
    t = parse_csv(csv);
  } catch (const std::invalid_argument& e) {
    throw Invalid({{"file", "malformed_csv", e.what()}});
  }
  std::vector<std::string> cols;
  std::vector<FieldError> head_errors;
  std::set<std::string> seen_cols;
  for (const auto& h : t.header) {
    auto key = fold_for_search(h);
    for (auto& c : key)
      if (c == ' ') c = '_';
    auto it = aliases().find(key);
    if (it == aliases().end()) head_errors.push_back({"header." + h, "unknown", "Unknown column"});
    else if (!seen_cols.insert(it->second).second) head_errors.push_back({"header." + h, "duplicate", "Column given twice"});
    cols.push_back(it == aliases().end() ? "" : it->second);
  }
  for (const char* need : {"name", "legal_form", "idno", "district"})
    if (!seen_cols.count(need)) head_errors.push_back({std::string("header.") + need, "required", "Required column missing"});
  if (!head_errors.empty()) throw Invalid(head_errors, say("import_header_unusable", "The header row is not usable"));
  if (t.rows.size() > max_rows)
    throw Invalid({{"file", "too_many", "At most " + std::to_string(max_rows) + " rows in one import", {{"max", std::to_string(max_rows)}}}});

  // District names and codes → code, folded, so "Călărași", "Calarasi" and "MD-CL" all work.
  std::map<std::string, std::string> districts;
  for (const auto& u : list_units(tx, 2, std::nullopt)) {
    districts[fold_for_search(u.name)] = u.code;
    districts[fold_for_search(u.code)] = u.code;
  }
  std::set<std::string> idnos_in_file;
  ImportPlan plan;
  plan.rows = t.rows.size();
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    std::size_t line = t.line_of[r];
    json::object o;
    for (std::size_t c = 0; c < cols.size() && c < row.size(); ++c) {
      if (cols[c].empty()) continue;
      auto v = trim(row[c]);
      if (v.empty()) continue;
      if (cols[c] == "fields" || cols[c] == "target_groups") {
        bj::array a;
        for (auto& x : split_multi(v)) a.emplace_back(x);
        o[cols[c]] = std::move(a);
      } else if (cols[c] == "district") {
        auto it = districts.find(fold_for_search(v));
        o["district"] = it == districts.end() ? "?" + v : it->second;
      } else {
        o[cols[c]] = v;
      }
    }
    Validator v(o);
    auto org = read_organisation(o, v);
    if (!org.district.empty() && org.district[0] == '?') {
      v.errors().push_back({"district", "not_found", "No such district: " + org.district.substr(1)});
    }
    if (org.locality) {
      auto u = find_unit(tx, *org.locality);
      if (!u || u->parent_code != org.district) v.add("locality", "not_found", "No such locality in this district");
    }
    if (!org.idno.empty()) {
      if (!idnos_in_file.insert(org.idno).second) v.add("idno", "duplicate", "The same IDNO appears earlier in the file");
      else if (idno_taken(tx, org.idno, 0)) v.add("idno", "taken", "An organisation with this IDNO is already registered");
    }
    if (v.ok()) plan.valid.push_back(std::move(org));
    else
      for (auto& e : v.errors()) plan.errors.push_back({line, e.field, e.code, e.message});
  }
  return plan;
}

bj::object to_json(const ImportPlan& p, bool include_preview) {
  bj::array errs;
  std::set<std::size_t> bad_lines;
  for (const auto& e : p.errors) {
    bad_lines.insert(e.line);
    errs.push_back({{"line", e.line}, {"field", e.field}, {"code", e.code}, {"message", e.message}});
  }
  bj::object o{{"rows", p.rows}, {"valid", p.valid.size()}, {"invalid", bad_lines.size()}, {"errors", std::move(errs)}};
  if (include_preview) {
    bj::array prev;
    // What would be imported, as input: not yet records, so without an id, a version or timestamps.
    for (std::size_t i = 0; i < p.valid.size() && i < 20; ++i) {
      auto row = to_json(p.valid[i]);
      for (const char* k : {"id", "version", "created_at", "updated_at"}) row.erase(k);
      prev.push_back(std::move(row));
    }
    o["preview"] = std::move(prev);
  }
  return o;
}
}  // namespace sp::registry
