#pragma once
// What is done with results: programmes (listed, read with their figures, made and changed by the
// programme's staff). The figures are read from the platform's tallies, never counted on read.
#include <cstdint>

#include "common/json.hpp"
#include "modules/results/model.hpp"
#include "platform/context.hpp"
#include "platform/write.hpp"

namespace sp::results {
using platform::Caller;
using platform::Written;

// The programme's own period as the tallies name it.
std::string span_of(const Programme& p);

Written programmes_list(App& app, const auth::Principal& me);
// The programme with its calls and its figures: people served in its period and in each of its years
// (the whole country, by sex, age group, disability and target group, small counts hidden), units
// delivered by service type.
Written programme_get(App& app, const auth::Principal& me, std::int64_t id);
Written programme_create(App& app, const Caller& c, const json::object& body);
// Its period changed: the tallies of its period are counted afresh in the same transaction.
Written programme_update(App& app, const Caller& c, std::int64_t id, std::int64_t version, const json::object& body);
}  // namespace sp::results
