#pragma once
// Errors that end a request. Each maps to one RFC 9457 problem+json answer in one place
// (http/problem.cpp). Expected outcomes are return values; these are for "stop here".
#include <stdexcept>
#include <string>
#include <vector>

namespace sp {

struct FieldError {
  std::string field;    // JSON pointer-ish path: "name", "parties[1].amount"
  std::string code;     // machine code: "required", "too_long", "invalid_idno", ...
  std::string message;  // English sentence; the UI translates by code
};

class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string type, std::string title, std::string detail,
            std::vector<FieldError> errors = {})
      : std::runtime_error(detail), status_(status), type_(std::move(type)), title_(std::move(title)),
        errors_(std::move(errors)) {}
  int status() const { return status_; }
  const std::string& type() const { return type_; }
  const std::string& title() const { return title_; }
  const std::vector<FieldError>& errors() const { return errors_; }

 private:
  int status_;
  std::string type_, title_;
  std::vector<FieldError> errors_;
};

struct BadRequest : HttpError {
  explicit BadRequest(std::string detail, std::vector<FieldError> errors = {})
      : HttpError(400, "bad-request", "Bad request", std::move(detail), std::move(errors)) {}
};
struct Unauthorized : HttpError {
  explicit Unauthorized(std::string detail = "Authentication required")
      : HttpError(401, "unauthorized", "Unauthorized", std::move(detail)) {}
};
struct Forbidden : HttpError {
  explicit Forbidden(std::string detail = "You do not have permission for this action")
      : HttpError(403, "forbidden", "Forbidden", std::move(detail)) {}
};
struct NotFound : HttpError {
  explicit NotFound(std::string detail = "Not found") : HttpError(404, "not-found", "Not found", std::move(detail)) {}
};
struct MethodNotAllowed : HttpError {
  MethodNotAllowed() : HttpError(405, "method-not-allowed", "Method not allowed", "Method not allowed") {}
};
struct Conflict : HttpError {
  explicit Conflict(std::string detail, std::vector<FieldError> errors = {})
      : HttpError(409, "conflict", "Conflict", std::move(detail), std::move(errors)) {}
};
struct PreconditionFailed : HttpError {
  explicit PreconditionFailed(std::string detail)
      : HttpError(412, "stale-version", "Precondition failed", std::move(detail)) {}
};
struct PayloadTooLarge : HttpError {
  explicit PayloadTooLarge(std::string detail = "Request body too large")
      : HttpError(413, "payload-too-large", "Payload too large", std::move(detail)) {}
};
struct UnsupportedMediaType : HttpError {
  explicit UnsupportedMediaType(std::string detail)
      : HttpError(415, "unsupported-media-type", "Unsupported media type", std::move(detail)) {}
};
struct Invalid : HttpError {
  explicit Invalid(std::vector<FieldError> errors, std::string detail = "Some fields are not valid")
      : HttpError(422, "validation", "Validation failed", std::move(detail), std::move(errors)) {}
};
struct PreconditionRequired : HttpError {
  explicit PreconditionRequired(std::string detail = "If-Match header with the record's version is required")
      : HttpError(428, "precondition-required", "Precondition required", std::move(detail)) {}
};
struct TooManyRequests : HttpError {
  explicit TooManyRequests(std::string detail)
      : HttpError(429, "too-many-requests", "Too many requests", std::move(detail)) {}
};

}  // namespace sp
