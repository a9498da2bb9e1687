#include "common/metrics.hpp"

#include <array>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <map>
#include <mutex>

namespace sp::metrics {
namespace {
// The latency buckets (seconds): the targets of the issues are 50 ms at p99.
constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};

struct Histogram {
  std::array<std::uint64_t, kBuckets.size()> le{};  // not cumulative here; summed when written
  std::uint64_t count = 0;
  double sum = 0;
};

struct Registry {
  std::mutex mu;
  std::map<std::string, std::string, std::less<>> help;                 // counters' help
  std::map<std::string, std::map<Labels, double>, std::less<>> counters;  // by name, then labels
  std::map<std::string, Histogram, std::less<>> latency;                // by route
  std::vector<std::pair<std::vector<Gauge>, std::function<std::vector<Sample>()>>> collectors;
};

Registry& registry() {
  static Registry r;
  static const bool described = [] {
    r.help["socialpact_http_requests_total"] = "Requests answered, by route pattern, method and status";
    return true;
  }();
  (void)described;
  return r;
}

std::atomic<std::int64_t> requests_in_flight{0};

// A label's value with \, " and newlines escaped, as the format asks.
std::string escaped(std::string_view v) {
  std::string out;
  for (char ch : v) {
    if (ch == '\\') out += "\\\\";
    else if (ch == '"') out += "\\\"";
    else if (ch == '\n') out += "\\n";
    else out += ch;
  }
  return out;
}

std::string labels_text(const Labels& labels, std::string_view extra = {}) {
  if (labels.empty() && extra.empty()) return "";
  std::string out = "{";
  for (const auto& [k, v] : labels) out += (out.size() > 1 ? "," : "") + k + "=\"" + escaped(v) + "\"";
  if (!extra.empty()) out += (out.size() > 1 ? "," : "") + std::string(extra);
  return out + "}";
}

std::string number(double v) {
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  if (v == std::floor(v) && std::abs(v) < 1e15) return std::to_string(static_cast<std::int64_t>(v));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}
}  // namespace

void counter(std::string_view name, std::string_view help) {
  auto& r = registry();
  std::lock_guard lock(r.mu);
  r.help.emplace(std::string(name), std::string(help));
  r.counters.try_emplace(std::string(name));
}

void add(std::string_view name, const Labels& labels, double by) {
  auto& r = registry();
  std::lock_guard lock(r.mu);
  auto it = r.counters.find(name);
  if (it == r.counters.end()) it = r.counters.emplace(std::string(name), std::map<Labels, double>{}).first;
  it->second[labels] += by;
}

void request(std::string_view route, std::string_view method, int status, double seconds) {
  auto& r = registry();
  std::lock_guard lock(r.mu);
  auto it = r.counters.find("socialpact_http_requests_total");
  if (it == r.counters.end()) it = r.counters.emplace("socialpact_http_requests_total", std::map<Labels, double>{}).first;
  it->second[{{"route", std::string(route)}, {"method", std::string(method)}, {"status", std::to_string(status)}}] += 1;
  auto h = r.latency.find(route);
  if (h == r.latency.end()) h = r.latency.emplace(std::string(route), Histogram{}).first;
  std::size_t i = 0;
  while (i < kBuckets.size() && seconds > kBuckets[i]) ++i;
  if (i < kBuckets.size()) ++h->second.le[i];
  ++h->second.count;
  h->second.sum += seconds;
}

void in_flight(int delta) { requests_in_flight += delta; }

void collect(std::vector<Gauge> gauges, std::function<std::vector<Sample>()> read) {
  auto& r = registry();
  std::lock_guard lock(r.mu);
  r.collectors.emplace_back(std::move(gauges), std::move(read));
}

std::string exposition() {
  auto& r = registry();
  std::vector<std::pair<std::vector<Gauge>, std::function<std::vector<Sample>()>>> collectors;
  std::string out;
  {
    std::lock_guard lock(r.mu);
    collectors = r.collectors;
    for (const auto& [name, values] : r.counters) {
      auto help = r.help.find(name);
      out += "# HELP " + name + " " + (help == r.help.end() ? name : help->second) + "\n# TYPE " + name + " counter\n";
      for (const auto& [labels, v] : values) out += name + labels_text(labels) + " " + number(v) + "\n";
    }
    out += "# HELP socialpact_http_request_duration_seconds Time from a request's first byte to its answer written, by route\n"
           "# TYPE socialpact_http_request_duration_seconds histogram\n";
    for (const auto& [route, h] : r.latency) {
      const Labels l{{"route", route}};
      std::uint64_t cumulative = 0;
      for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        cumulative += h.le[i];
        out += "socialpact_http_request_duration_seconds_bucket" + labels_text(l, "le=\"" + number(kBuckets[i]) + "\"") + " " +
               std::to_string(cumulative) + "\n";
      }
      out += "socialpact_http_request_duration_seconds_bucket" + labels_text(l, "le=\"+Inf\"") + " " + std::to_string(h.count) + "\n";
      out += "socialpact_http_request_duration_seconds_sum" + labels_text(l) + " " + number(h.sum) + "\n";
      out += "socialpact_http_request_duration_seconds_count" + labels_text(l) + " " + std::to_string(h.count) + "\n";
    }
  }
  out += "# HELP socialpact_http_requests_in_flight Requests being answered now\n# TYPE socialpact_http_requests_in_flight gauge\n"
         "socialpact_http_requests_in_flight " + std::to_string(requests_in_flight.load()) + "\n";
  // Gauges outside the lock: a collector may read the database.
  for (const auto& [gauges, read] : collectors) {
    auto samples = read();
    for (const auto& g : gauges) {
      out += "# HELP " + g.name + " " + g.help + "\n# TYPE " + g.name + " gauge\n";
      for (const auto& s : samples)
        if (s.name == g.name) out += s.name + labels_text(s.labels) + " " + number(s.value) + "\n";
    }
  }
  return out;
}
}  // namespace sp::metrics
