#include "platform/tallies.hpp"

#include <algorithm>
#include <map>

namespace sp::platform::tallies {

std::string key_of(const Dims& d) {
  std::string out;
  for (const auto& [k, v] : d) {
    if (!out.empty()) out += ';';
    out += k + '=' + v;
  }
  return out;
}

Dims dims_of(std::string_view key) {
  Dims d;
  while (!key.empty()) {
    auto end = key.find(';');
    auto pair = key.substr(0, end);
    if (auto eq = pair.find('='); eq != std::string_view::npos) d[std::string(pair.substr(0, eq))] = std::string(pair.substr(eq + 1));
    if (end == std::string_view::npos) break;
    key.remove_prefix(end + 1);
  }
  return d;
}

std::string set_of(std::vector<std::string> codes) {
  std::sort(codes.begin(), codes.end());
  codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : "+") + c;
  return out;
}

std::vector<std::string> periods_of_month(std::string_view month) {
  const std::string m(month);
  const int mm = std::stoi(m.substr(5, 2));
  return {m, m.substr(0, 4) + "-Q" + std::to_string((mm - 1) / 3 + 1), m.substr(0, 4)};
}

std::vector<std::string> months_of(std::string_view period) {
  const std::string p(period);
  auto month = [&](int m) { return p.substr(0, 4) + (m < 10 ? "-0" : "-") + std::to_string(m); };
  std::vector<std::string> out;
  if (p.size() == 4 && std::all_of(p.begin(), p.end(), ::isdigit)) {
    for (int m = 1; m <= 12; ++m) out.push_back(month(m));
  } else if (p.size() == 7 && p[4] == '-' && p[5] == 'Q' && p[6] >= '1' && p[6] <= '4') {
    const int q = p[6] - '0';
    for (int m = 3 * q - 2; m <= 3 * q; ++m) out.push_back(month(m));
  } else if (p.size() == 7 && p[4] == '-' && std::isdigit(static_cast<unsigned char>(p[5]))) {
    out.push_back(p);
  }
  return out;
}

namespace {
std::function<std::vector<Span>(store::Tx&)>& span_source() {
  static std::function<std::vector<Span>(store::Tx&)> f;
  return f;
}
std::vector<std::function<void(store::Tx&, const Span&)>>& span_counters() {
  static std::vector<std::function<void(store::Tx&, const Span&)>> v;
  return v;
}
struct Rebuild {
  std::function<void(store::Tx&)> rebuild;
  std::function<std::vector<std::string>(store::Tx&)> check;
};
std::vector<Rebuild>& rebuilds() {
  static std::vector<Rebuild> v;
  return v;
}
std::map<std::string, std::int64_t> all_values(store::Tx& tx) {
  std::map<std::string, std::int64_t> out;
  auto c = tx.query("SELECT measure, period, place, dims, value FROM tally_values WHERE value <> 0");
  while (c->next()) out[c->str(0) + " " + c->str(1) + " " + c->str(2) + " [" + c->str(3) + "]"] = c->i64(4);
  return out;
}
}  // namespace

void register_rebuild(std::function<void(store::Tx&)> rebuild, std::function<std::vector<std::string>(store::Tx&)> check) {
  rebuilds().push_back({std::move(rebuild), std::move(check)});
}

void rebuild_all(store::Tx& tx) {
  for (const auto& r : rebuilds()) r.rebuild(tx);
}

std::vector<std::string> check_all(store::Tx& tx) {
  std::vector<std::string> out;
  auto kept = all_values(tx);
  rebuild_all(tx);
  auto counted = all_values(tx);
  for (const auto& [k, v] : kept)
    if (auto it = counted.find(k); it == counted.end() || it->second != v)
      out.push_back("kept " + k + " = " + std::to_string(v) + ", counted " + (it == counted.end() ? "0" : std::to_string(it->second)));
  for (const auto& [k, v] : counted)
    if (!kept.count(k)) out.push_back("kept " + k + " = 0, counted " + std::to_string(v));
  for (const auto& r : rebuilds())
    if (r.check)
      for (auto& d : r.check(tx)) out.push_back(std::move(d));
  return out;
}

void register_spans(std::function<std::vector<Span>(store::Tx&)> spans) { span_source() = std::move(spans); }
std::vector<Span> spans(store::Tx& tx) { return span_source() ? span_source()(tx) : std::vector<Span>{}; }

std::vector<Period> periods_for(store::Tx& tx, std::string_view month) {
  std::vector<Period> out;
  const int year = std::stoi(std::string(month.substr(0, 4)));
  for (auto& p : periods_of_month(month)) out.push_back({std::move(p), year});
  for (const auto& s : spans(tx))
    if (s.first_month <= month && month <= s.last_month) out.push_back({s.period, std::stoi(s.last_month.substr(0, 4)), s.calls});
  return out;
}

int year_of(std::string_view period, const std::vector<Span>& spans) {
  for (const auto& s : spans)
    if (s.period == period) return std::stoi(s.last_month.substr(0, 4));
  return std::stoi(std::string(period.substr(0, 4)));
}

void register_span_counter(std::function<void(store::Tx&, const Span&)> count) { span_counters().push_back(std::move(count)); }

void recount_span(store::Tx& tx, const Span& span) {
  forget_span(tx, span.period);
  for (const auto& c : span_counters()) c(tx, span);
}

void forget_span(store::Tx& tx, std::string_view period) {
  tx.exec("DELETE FROM tally_values WHERE period = $1", {std::string(period)});
  tx.exec("DELETE FROM tally_members WHERE period = $1", {std::string(period)});
}

namespace {
void bump(store::Tx& tx, std::string_view measure, const Where& w, std::int64_t delta) {
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) VALUES ($1, $2, $3, $4, $5) "
          "ON CONFLICT (measure, period, place, dims) DO UPDATE SET value = tally_values.value + excluded.value",
          {std::string(measure), w.period, w.place, w.dims, delta});
}
}  // namespace

void add(store::Tx& tx, std::string_view measure, const std::vector<Where>& at, std::int64_t delta) {
  if (delta == 0) return;
  for (const auto& w : at) bump(tx, measure, w, delta);
}

void weigh(store::Tx& tx, std::string_view measure, const std::vector<Where>& at, std::int64_t member, std::int64_t delta) {
  if (delta == 0) return;
  const std::string m(measure);
  for (const auto& w : at) {
    auto c = tx.query("SELECT weight, dims FROM tally_members WHERE measure = $1 AND period = $2 AND place = $3 AND member = $4",
                      {m, w.period, w.place, member});
    if (!c->next()) {
      c.reset();
      if (delta < 0) continue;  // nothing was counted: nothing to take back
      tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) VALUES ($1, $2, $3, $4, $5, $6)",
              {m, w.period, w.place, member, w.dims, delta});
      bump(tx, measure, w, 1);
      continue;
    }
    const auto weight = c->i64(0) + delta;
    const auto dims = c->str(1);
    c.reset();
    if (weight > 0) {
      tx.exec("UPDATE tally_members SET weight = $5 WHERE measure = $1 AND period = $2 AND place = $3 AND member = $4",
              {m, w.period, w.place, member, weight});
    } else {
      tx.exec("DELETE FROM tally_members WHERE measure = $1 AND period = $2 AND place = $3 AND member = $4", {m, w.period, w.place, member});
      bump(tx, measure, {w.period, w.place, dims}, -1);
    }
  }
}

void restate(store::Tx& tx, std::string_view measure, std::int64_t member,
             const std::function<std::string(const std::string& period, const std::string& place)>& dims_for) {
  const std::string m(measure);
  std::vector<Where> rows;
  {
    auto c = tx.query("SELECT period, place, dims FROM tally_members WHERE measure = $1 AND member = $2", {m, member});
    while (c->next()) rows.push_back({c->str(0), c->str(1), c->str(2)});
  }
  for (const auto& r : rows) {
    auto now = dims_for(r.period, r.place);
    if (now == r.dims) continue;
    bump(tx, measure, r, -1);
    bump(tx, measure, {r.period, r.place, now}, 1);
    tx.exec("UPDATE tally_members SET dims = $5 WHERE measure = $1 AND period = $2 AND place = $3 AND member = $4",
            {m, r.period, r.place, member, now});
  }
}

void clear(store::Tx& tx, std::string_view measure) {
  tx.exec("DELETE FROM tally_values WHERE measure = $1", {std::string(measure)});
  tx.exec("DELETE FROM tally_members WHERE measure = $1", {std::string(measure)});
}

std::optional<std::string> first_month(store::Tx& tx, std::string_view measure) {
  return tx.scalar_text("SELECT MIN(period) FROM tally_values WHERE measure = $1 AND place = $2 AND length(period) = 7 AND substr(period, 6, 1) <> 'Q' "
                        "AND value > 0",
                        {std::string(measure), std::string(kCountry)});
}

std::vector<Value> read(store::Tx& tx, std::string_view measure, const std::vector<std::string>& periods,
                        const std::vector<std::string>& places) {
  std::vector<Value> out;
  if (periods.empty()) return out;
  store::Params p{std::string(measure)};
  std::string sql = "SELECT period, place, dims, value FROM tally_values WHERE measure = $1 AND value <> 0 AND period IN (";
  for (std::size_t i = 0; i < periods.size(); ++i) {
    p.push_back(periods[i]);
    sql += (i ? ",$" : "$") + std::to_string(p.size());
  }
  sql += ")";
  if (!places.empty()) {
    sql += " AND place IN (";
    for (std::size_t i = 0; i < places.size(); ++i) {
      p.push_back(places[i]);
      sql += (i ? ",$" : "$") + std::to_string(p.size());
    }
    sql += ")";
  }
  auto c = tx.query(sql + " ORDER BY period, place, dims", p);
  while (c->next()) out.push_back({c->str(0), c->str(1), c->str(2), c->i64(3)});
  return out;
}

std::map<std::string, Rollup, std::less<>> roll_up(const std::vector<Value>& rows, const std::vector<std::string_view>& categories) {
  std::map<std::string, Rollup, std::less<>> out;
  for (auto c : categories) out[std::string(c)];
  for (const auto& v : rows) {
    const auto d = dims_of(v.dims);
    for (auto& [category, r] : out) {
      r.total += v.value;
      auto it = d.find(category);
      std::string_view values = it == d.end() || it->second.empty() ? std::string_view("unknown") : std::string_view(it->second);
      while (true) {
        auto plus = values.find('+');
        if (plus + 1 == values.size()) plus = std::string_view::npos;  // "65+": a code, not a set
        r.by[std::string(values.substr(0, plus))] += v.value;
        if (plus == std::string_view::npos) break;
        values.remove_prefix(plus + 1);
      }
    }
  }
  return out;
}

Rollup roll_up(const std::vector<Value>& rows, std::string_view category) { return std::move(roll_up(rows, std::vector{category})[std::string(category)]); }

std::vector<Where> here_and_country(const std::vector<Period>& periods, const std::string& place, const std::function<std::string(int)>& dims) {
  std::vector<Where> out;
  for (const auto& p : periods) {
    auto d = dims(p.year);
    if (!place.empty()) out.push_back({p.name, place, d});
    out.push_back({p.name, std::string(kCountry), d});
  }
  return out;
}

const std::string kQuarterOf = "substr(period, 1, 4) || '-Q' || CAST((CAST(substr(period, 6, 2) AS INTEGER) + 2) / 3 AS TEXT)";

void derive_members(store::Tx& tx, std::string_view measure) {
  const store::Params m{std::string(measure)};
  tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
          "SELECT measure, period, 'MD', member, MIN(dims), SUM(weight) FROM tally_members WHERE measure = $1 "
          "GROUP BY measure, period, member",
          m);
  tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
          "SELECT measure, " + kQuarterOf + ", place, member, MIN(dims), SUM(weight) FROM tally_members WHERE measure = $1 "
          "AND length(period) = 7 GROUP BY measure, " + kQuarterOf + ", place, member",
          m);
  tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
          "SELECT measure, substr(period, 1, 4), place, member, MIN(dims), SUM(weight) FROM tally_members WHERE measure = $1 "
          "AND length(period) = 7 AND substr(period, 6, 1) <> 'Q' GROUP BY measure, substr(period, 1, 4), place, member",
          m);
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT measure, period, place, dims, COUNT(*) FROM tally_members WHERE measure = $1 GROUP BY measure, period, place, dims",
          m);
}

void derive_sums(store::Tx& tx, std::string_view measure) {
  const store::Params m{std::string(measure)};
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT measure, period, 'MD', dims, SUM(value) FROM tally_values WHERE measure = $1 GROUP BY measure, period, dims",
          m);
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT measure, " + kQuarterOf + ", place, dims, SUM(value) FROM tally_values WHERE measure = $1 "
          "AND length(period) = 7 GROUP BY measure, " + kQuarterOf + ", place, dims",
          m);
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT measure, substr(period, 1, 4), place, dims, SUM(value) FROM tally_values WHERE measure = $1 "
          "AND length(period) = 7 AND substr(period, 6, 1) <> 'Q' GROUP BY measure, substr(period, 1, 4), place, dims",
          m);
}

void drop_placeless(store::Tx& tx, std::string_view measure) {
  tx.exec("DELETE FROM tally_values WHERE measure = $1 AND place = ''", {std::string(measure)});
  tx.exec("DELETE FROM tally_members WHERE measure = $1 AND place = ''", {std::string(measure)});
}

namespace {
const std::string kMonthsOfSpan = "t.period BETWEEN $2 AND $3 AND length(t.period) = 7 AND substr(t.period, 6, 1) <> 'Q'";
}

void count_span_sums(store::Tx& tx, std::string_view measure, const Span& s, const std::string& only) {
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT $4, $1, t.place, t.dims, SUM(t.value) FROM tally_values t WHERE t.measure = $4 AND " + kMonthsOfSpan +
          (only.empty() ? "" : " AND (" + only + ")") + " GROUP BY t.place, t.dims",
          {s.period, s.first_month, s.last_month, std::string(measure)});
}

void count_span_members(store::Tx& tx, std::string_view measure, const Span& s, const std::string& only) {
  tx.exec("INSERT INTO tally_members (measure, period, place, member, dims, weight) "
          "SELECT $4, $1, t.place, t.member, MIN(t.dims), SUM(t.weight) FROM tally_members t WHERE t.measure = $4 AND " + kMonthsOfSpan +
          (only.empty() ? "" : " AND (" + only + ")") + " GROUP BY t.place, t.member",
          {s.period, s.first_month, s.last_month, std::string(measure)});
  tx.exec("INSERT INTO tally_values (measure, period, place, dims, value) "
          "SELECT measure, period, place, dims, COUNT(*) FROM tally_members WHERE measure = $2 AND period = $1 GROUP BY measure, period, place, dims",
          {s.period, std::string(measure)});
}

void count_into(store::Tx& tx, const std::string& sql, Counted& into) {
  auto c = tx.query(sql);
  while (c->next()) into[{c->str(0), c->str(1)}] += c->i64(2);
}

std::vector<std::string> differences(store::Tx& tx, std::string_view measure, const Counted& counted) {
  std::vector<std::string> out;
  for (const auto& [at, want] : counted) {
    const auto& [year, place] = at;
    auto got = roll_up(read(tx, measure, {year}, {place}), "").total;
    if (got != want)
      out.push_back(std::string(measure) + " " + year + " " + place + ": tallied " + std::to_string(got) + ", counted " + std::to_string(want));
  }
  return out;
}
}  // namespace sp::platform::tallies
