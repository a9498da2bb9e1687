#pragma once
// What the purchase operations (operations.cpp), the offer operations (offer_operations.cpp), the
// contract operations and the demo share: how a purchase is found, shown and audited, who keeps it,
// who reads it, who hears of it; a contract's delivery log of a month.
#include <boost/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "modules/contracting/model.hpp"
#include "modules/contracting/rules.hpp"
#include "platform/write.hpp"

namespace sp::contracting {
// A purchase as `me` reads it; `whole`: with its amendments, what `me` may do, its award and results.
boost::json::object purchase_json(store::Tx& tx, const auth::Principal& me, const Purchase& p, bool whole);
platform::Kind<Purchase> purchase_kind(const auth::Principal& me);
// The policy: only the purchase's authority's own staff change it.
platform::Refusal<Purchase> unless_purchase_keeper(const auth::Principal& me);
// From published on.
bool published(const Purchase& p);
// The purchase `me` may read: 404 when there is none, 403 while it is not published to `me`.
Purchase readable_purchase(store::Tx& tx, const auth::Principal& me, std::int64_t id);
// An organisation's name ("" when there is none).
std::string organisation_name(store::Tx& tx, std::int64_t id);
// The staff of every provider accredited for the type on the offer deadline, and of every asker.
std::vector<std::int64_t> interested(store::Tx& tx, const Purchase& p);
// The delivery log of a month of the contract's services in its unit, person by person (services.hpp).
std::vector<Recorded> recorded(store::Tx& tx, const Contract& c, const std::string& month);
// The same for every month from one to another, read in one pass: by month.
std::map<std::string, std::vector<Recorded>> recorded_months(store::Tx& tx, const Contract& c, const std::string& from_month,
                                                             const std::string& to_month);
}  // namespace sp::contracting
