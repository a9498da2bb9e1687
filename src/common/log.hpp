#pragma once
// The server's log: one line per request and the lines of what happens meanwhile, as text or as JSON
// lines ([log] format), each line of a request carrying its id (the X-Request-Id it answered with).
#include <cstdint>
#include <string>
#include <string_view>

namespace sp::log {
enum class Format { Text, Json };
// Sets up the default logger on standard output: buffered, flushed every second and at once for
// warnings; the request lines only when `requests` (else warnings and errors alone).
void setup(Format format, bool requests);

struct RequestLine {
  std::string_view id, method, path, route, remote;
  int status = 0;
  double ms = 0;
  std::int64_t user = 0;
};
// The line of a finished request.
void request(const RequestLine& r);

// The request the calling thread works for: its id on every line logged until the scope ends.
class RequestScope {
 public:
  explicit RequestScope(std::string_view id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string_view previous_;
};
std::string_view current_request();
}  // namespace sp::log
