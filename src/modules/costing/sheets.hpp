#pragma once
// A cost model as an accountant audits it and as it is printed (issue 13): the XLSX with live
// formulas (each figure a formula of the inputs, its cached result the API's), and the PDF cost sheet
// (cover, inputs, the formulas in words, results, the cost structure), in the reader's language.
#include <cstdint>

#include "auth/principal.hpp"
#include "common/words.hpp"
#include "platform/context.hpp"
#include "reports/xlsx.hpp"

namespace sp::costing {
reports::Spreadsheet model_xlsx(App& app, const auth::Principal& me, std::int64_t id, const Words& w);
// The same {name, bytes} for the PDF.
reports::Spreadsheet model_pdf(App& app, const auth::Principal& me, std::int64_t id, const Words& w);
}  // namespace sp::costing
