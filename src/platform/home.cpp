#include "platform/home.hpp"

#include "common/time.hpp"

namespace sp::platform {
namespace bj = boost::json;

std::vector<WaitingItem> waiting_rows(store::Tx& tx, std::string_view sql, const store::Params& params) {
  std::vector<WaitingItem> out;
  auto c = tx.query(sql, params);
  const bool has_detail = c->columns() > 3;
  while (c->next())
    out.push_back({c->i64(0), c->str(1), c->is_null(2) ? std::string() : c->str(2).substr(0, 10),
                   has_detail && !c->is_null(3) ? c->str(3) : std::string()});
  return out;
}

bj::object home_of(store::Tx& tx, const auth::Principal& me, const std::vector<const Waiting*>& kinds, const std::string& today,
                   std::size_t per_kind) {
  bj::array sections;
  const auto soon = add_days(today, 7);
  for (const auto* w : kinds) {
    if (!w->for_whom || !w->for_whom(me)) continue;
    auto items = w->items(tx, me, today);
    std::int64_t overdue = 0, due_soon = 0;
    bj::array shown;
    for (const auto& it : items) {
      bool late = !w->happened && !it.due_on.empty() && it.due_on < today;
      if (late) ++overdue;
      else if (!w->happened && !it.due_on.empty() && it.due_on <= soon) ++due_soon;
      if (shown.size() < per_kind)
        shown.push_back({{"id", it.id},
                         {"label", it.label},
                         {"due_on", it.due_on.empty() ? bj::value(nullptr) : bj::value(it.due_on)},
                         {"detail", it.detail.empty() ? bj::value(nullptr) : bj::value(it.detail)},
                         {"overdue", late}});
    }
    sections.push_back({{"kind", w->kind},
                        {"entity", w->entity},
                        {"happened", w->happened},
                        {"reference", w->reference},
                        {"count", static_cast<std::int64_t>(items.size())},
                        {"overdue", overdue},
                        {"due_soon", due_soon},
                        {"items", std::move(shown)}});
  }
  return {{"today", today}, {"sections", std::move(sections)}};
}

bj::object home(App& app, const auth::Principal& me, const std::vector<const Waiting*>& kinds) {
  auto tx = app.db->read();
  return home_of(tx, me, kinds, today());
}
}  // namespace sp::platform
