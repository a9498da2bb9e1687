#include "http/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sp::http {
namespace {
namespace fs = std::filesystem;

std::string mime(const fs::path& p) {
  auto e = p.extension().string();
  if (e == ".html") return "text/html; charset=utf-8";
  if (e == ".js" || e == ".mjs") return "text/javascript; charset=utf-8";
  if (e == ".css") return "text/css; charset=utf-8";
  if (e == ".svg") return "image/svg+xml";
  if (e == ".png") return "image/png";
  if (e == ".ico") return "image/x-icon";
  if (e == ".json") return "application/json";
  if (e == ".woff2") return "font/woff2";
  if (e == ".woff") return "font/woff";
  if (e == ".txt" || e == ".md") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<Response> file_response(const fs::path& p, const std::string& cache) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  Response r;
  r.content_type = mime(p);
  r.body = ss.str();
  r.header("Cache-Control", cache);
  return r;
}
}  // namespace

std::optional<Response> serve_static(const std::string& root, const Request& req) {
  if (root.empty() || (req.method != "GET" && req.method != "HEAD")) return std::nullopt;
  const std::string& path = req.path;
  if (path.empty() || path[0] != '/' || path.find('\0') != std::string::npos || path.find('\\') != std::string::npos)
    return std::nullopt;
  // Refuse any ".." segment outright; then check the resolved file is still inside root.
  fs::path rel = fs::path(path.substr(1)).lexically_normal();
  for (const auto& part : rel)
    if (part == "..") return std::nullopt;
  std::error_code ec;
  fs::path base = fs::canonical(root, ec);
  if (ec) return std::nullopt;
  fs::path full = (base / rel).lexically_normal();
  auto [b, f] = std::mismatch(base.begin(), base.end(), full.begin(), full.end());
  if (b != base.end()) return std::nullopt;

  if (!rel.empty() && rel != "." && fs::is_regular_file(full, ec)) {
    fs::path real = fs::canonical(full, ec);  // symlinks must not lead outside root either
    if (ec || std::mismatch(base.begin(), base.end(), real.begin(), real.end()).first != base.end()) return std::nullopt;
    bool hashed = path.rfind("/assets/", 0) == 0;
    return file_response(real, hashed ? "public, max-age=31536000, immutable" : "no-cache");
  }
  // Client-side routes have no extension; a missing file with one is a 404.
  if (rel.has_extension() && rel.extension() != ".") return std::nullopt;
  return file_response(base / "index.html", "no-cache");
}
}  // namespace sp::http
