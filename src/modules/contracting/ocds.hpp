#pragma once
// Open contracting (issue 14, decision 0023): each contracting process — a published purchase, its
// offers' providers after the deadline, the award once announced, the signed contracts and the paid
// monthly reports — as Open Contracting Data Standard 1.1.5 releases, a compiled record, and the
// packages they travel in. Pure: the caller reads what may be published and hands it over; nothing
// about a person is ever handed over (no report lines, no committee, no offer's content but the
// winning price). No SQL, no HTTP.
#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "modules/contracting/model.hpp"
#include "modules/contracting/rules.hpp"

namespace sp::contracting::ocds {

// An organisation in the process: the authority buying, a provider offering. Identified by IDNO
// (org-id.guide's MD-IDNO) where it has one.
struct Party {
  std::int64_t key = 0;  // the organisation's or authority's id in socialpact
  std::string name;
  std::optional<std::string> idno;
  std::optional<std::string> region, locality;  // the district's and the locality's names
};

// Everything of one process that may be published, read by the caller.
struct Process {
  Purchase purchase;
  std::string now;  // UTC "…Z": the purchase's state in time
  Party buyer;
  std::map<std::int64_t, Party> providers;  // by organisation id: those who offered (after the deadline)
  std::vector<std::int64_t> tenderers;      // organisation ids of the submitted offers, once opened
  std::string type_name, unit_name, procedure_name;  // in the release's language (Romanian)
  std::optional<std::string> budget_line;           // the purchase plan's, for the year
  std::vector<Amendment> amendments;
  bool has_enquiries = false;
  std::vector<LotRank> awarded;  // the first of each lot, once the award is announced
  bool complaint_open = false;
  std::vector<Contract> contracts;  // signed (or ended) ones
  std::map<std::int64_t, std::vector<MonthlyReport>> paid;  // by contract id: its paid reports
};

// Where the packages are published and by whom.
struct Publication {
  std::string ocid_prefix;  // registered with the Open Contracting Partnership, e.g. "ocds-spmd01"
  std::string base_url;     // the API's public address, e.g. "https://socialpact.md"
  std::string publisher;
  std::string published_date;  // UTC "…Z"
};

inline constexpr const char* kVersion = "1.1";
inline constexpr const char* kLicense = "https://creativecommons.org/licenses/by/4.0/";
inline constexpr const char* kLotsExtension =
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json";

// The process's identifier: prefix + "-" + the purchase's number.
std::string ocid(const Publication& pub, const Purchase& p);
// The service type's CPV code (social work services, 853…) and its description.
std::pair<std::string, std::string> cpv_of(std::string_view type_code);

// Each step as a release, oldest first: the tender (with the planning), each amendment, the
// tenderers once the offers are opened, the cancellation, the award once announced, each contract's
// signature, amendments and end, each paid monthly report as a transaction.
boost::json::array releases(const Process& x, const Publication& pub);
// The process as it stands: every section, tagged "compiled".
boost::json::object compiled_release(const Process& x, const Publication& pub);
boost::json::object record(const Process& x, const Publication& pub);
// A release package of one process; a record package of one or many.
boost::json::object release_package(const Process& x, const Publication& pub, const std::string& uri);
boost::json::object record_package(const std::vector<Process>& xs, const Publication& pub, const std::string& uri,
                                   const std::optional<std::string>& next);

}  // namespace sp::contracting::ocds
