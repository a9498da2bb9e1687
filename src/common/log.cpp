#include "common/log.hpp"

#include <boost/json.hpp>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <memory>

namespace sp::log {
namespace {
thread_local std::string_view current;
Format format_in_use = Format::Text;

void append_json_string(std::string_view s, spdlog::memory_buf_t& dest) {
  auto quoted = boost::json::serialize(boost::json::string_view(s.data(), s.size()));
  dest.append(quoted.data(), quoted.data() + quoted.size());
}

// A request's line carries its fields, already JSON, after this mark (log::request).
constexpr std::string_view kFields = "\x01fields:";

// %* in a JSON pattern: the message as a JSON string — or, for a request's line, `"request",` and its
// fields.
class JsonMessage : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg& msg, const std::tm&, spdlog::memory_buf_t& dest) override {
    std::string_view text(msg.payload.data(), msg.payload.size());
    if (text.rfind(kFields, 0) == 0) {
      static constexpr std::string_view request = "\"request\",";
      dest.append(request.data(), request.data() + request.size());
      text.remove_prefix(kFields.size());
      dest.append(text.data(), text.data() + text.size());
      return;
    }
    append_json_string(text, dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonMessage>(); }
};

// %~ in a JSON pattern: `,"request_id":"…"` while the thread works for a request, else nothing.
class JsonRequestId : public spdlog::custom_flag_formatter {
 public:
  void format(const spdlog::details::log_msg&, const std::tm&, spdlog::memory_buf_t& dest) override {
    if (current.empty()) return;
    static constexpr std::string_view key = ",\"request_id\":";
    dest.append(key.data(), key.data() + key.size());
    append_json_string(current, dest);
  }
  std::unique_ptr<custom_flag_formatter> clone() const override { return std::make_unique<JsonRequestId>(); }
};
}  // namespace

void setup(Format format, bool requests) {
  format_in_use = format;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(std::cout, false);
  auto logger = std::make_shared<spdlog::logger>("socialpact", sink);
  if (format == Format::Json) {
    auto f = std::make_unique<spdlog::pattern_formatter>(spdlog::pattern_time_type::utc);
    f->add_flag<JsonMessage>('*').add_flag<JsonRequestId>('~').set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l"%~,"msg":%*})");
    logger->set_formatter(std::move(f));
  }
  logger->flush_on(spdlog::level::warn);
  logger->set_level(requests ? spdlog::level::info : spdlog::level::warn);
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

void request(const RequestLine& r) {
  if (!spdlog::default_logger_raw()->should_log(spdlog::level::info)) return;
  const auto path = r.path.substr(0, 200);
  if (format_in_use == Format::Text) {
    spdlog::info("id={} user={} {} {} route={} status={} ms={:.2f} remote={}", r.id, r.user, r.method, path, r.route, r.status, r.ms, r.remote);
    return;
  }
  auto q = [](std::string_view s) { return boost::json::serialize(boost::json::string_view(s.data(), s.size())); };
  RequestScope scope(r.id);
  spdlog::info("{}\"method\":{},\"path\":{},\"route\":{},\"status\":{},\"ms\":{:.2f},\"user\":{},\"remote\":{}", kFields, q(r.method), q(path),
               q(r.route), r.status, r.ms, r.user, q(r.remote));
}

RequestScope::RequestScope(std::string_view id) : previous_(current) { current = id; }
RequestScope::~RequestScope() { current = previous_; }
std::string_view current_request() { return current; }
}  // namespace sp::log
