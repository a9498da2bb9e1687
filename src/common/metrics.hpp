#pragma once
// The running server's metrics, exposed at /metrics in the Prometheus text format (version 0.0.4):
// counters kept as things happen (requests by route and status with their latency, kept answers
// served or computed, jobs, e-mails, webhooks), and gauges read when scraped (the database's pools,
// the data's version) from collectors the application registers. Names begin with socialpact_.
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp::metrics {
using Labels = std::vector<std::pair<std::string, std::string>>;

// Adds to a counter (declared once with its help text by `counter`).
void counter(std::string_view name, std::string_view help);
void add(std::string_view name, const Labels& labels = {}, double by = 1);
// A request answered: counted by route pattern, method and status, its duration in the route's histogram.
void request(std::string_view route, std::string_view method, int status, double seconds);

// Requests being answered now: +1 when one starts, -1 when it ends.
void in_flight(int delta);

// A gauge read at each scrape.
struct Sample {
  std::string name;
  Labels labels;
  double value = 0;
};
struct Gauge {
  std::string name, help;
};
// Registers a collector of gauges (their names and help, and a function that reads them).
void collect(std::vector<Gauge> gauges, std::function<std::vector<Sample>()> read);

// Everything, in the text format.
std::string exposition();
}  // namespace sp::metrics
