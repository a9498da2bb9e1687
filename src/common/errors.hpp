#pragma once
// Errors that end a request. Each maps to one RFC 9457 problem+json answer in one place
// (http/problem.cpp). Expected outcomes are return values; these are for "stop here".
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sp {

// The parameters a sentence names, in order: {"status", "approved"}, {"max", "10"}.
using Params = std::vector<std::pair<std::string, std::string>>;

// What the server says to a person: a code the UI translates in the user's language
// (web/src/i18n: problems.<code> for a whole answer, errors.<code> for one field), the parameters
// the sentence names, and the same sentence in English for API clients and logs. Every code a
// source file says is checked to have its translations (scripts/check-messages, part of make test).
struct Say {
  std::string code;
  std::string text;
  Params params = {};
};
// `english` names each parameter as {name}; the text is it with the values put in.
Say say(std::string code, std::string_view english, Params params = {});

struct FieldError {
  std::string field;    // JSON pointer-ish path: "name", "parties[1].amount"
  std::string code;     // machine code: "required", "too_long", "invalid_idno", ... (errors.<code>)
  std::string message;  // English sentence; the UI translates by code
  Params params = {};   // what the sentence names: {"max", "200"}
};

class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string type, std::string title, Say said, std::vector<FieldError> errors = {})
      : std::runtime_error(said.text), status_(status), type_(std::move(type)), title_(std::move(title)),
        code_(std::move(said.code)), params_(std::move(said.params)), errors_(std::move(errors)) {}
  int status() const { return status_; }
  const std::string& type() const { return type_; }
  const std::string& title() const { return title_; }
  const std::string& code() const { return code_; }
  const Params& params() const { return params_; }
  const std::vector<FieldError>& errors() const { return errors_; }

 private:
  int status_;
  std::string type_, title_, code_;
  Params params_;
  std::vector<FieldError> errors_;
};

struct BadRequest : HttpError {
  explicit BadRequest(Say s, std::vector<FieldError> errors = {})
      : HttpError(400, "bad-request", "Bad request", std::move(s), std::move(errors)) {}
};
struct Unauthorized : HttpError {
  Unauthorized() : HttpError(401, "unauthorized", "Unauthorized", {"unauthorized", "Authentication required"}) {}
};
struct Forbidden : HttpError {
  explicit Forbidden(Say s = {"forbidden", "You do not have permission for this action"})
      : HttpError(403, "forbidden", "Forbidden", std::move(s)) {}
};
struct NotFound : HttpError {
  explicit NotFound(Say s = {"not_found", "Not found"}) : HttpError(404, "not-found", "Not found", std::move(s)) {}
};
struct MethodNotAllowed : HttpError {
  MethodNotAllowed() : HttpError(405, "method-not-allowed", "Method not allowed", {"method_not_allowed", "Method not allowed"}) {}
};
struct Conflict : HttpError {
  explicit Conflict(Say s, std::vector<FieldError> errors = {})
      : HttpError(409, "conflict", "Conflict", std::move(s), std::move(errors)) {}
};
struct PreconditionFailed : HttpError {
  explicit PreconditionFailed(Say s = {"stale_version", "The record changed since you read it: read it again and repeat the change"})
      : HttpError(412, "stale-version", "Precondition failed", std::move(s)) {}
};
struct PayloadTooLarge : HttpError {
  explicit PayloadTooLarge(Say s = {"payload_too_large", "Request body too large"})
      : HttpError(413, "payload-too-large", "Payload too large", std::move(s)) {}
};
struct UnsupportedMediaType : HttpError {
  explicit UnsupportedMediaType(Say s)
      : HttpError(415, "unsupported-media-type", "Unsupported media type", std::move(s)) {}
};
struct Invalid : HttpError {
  explicit Invalid(std::vector<FieldError> errors, Say s = {"validation", "Some fields are not valid"})
      : HttpError(422, "validation", "Validation failed", std::move(s), std::move(errors)) {}
};
struct PreconditionRequired : HttpError {
  PreconditionRequired()
      : HttpError(428, "precondition-required", "Precondition required",
                  {"precondition_required", "If-Match header with the record's version is required"}) {}
};
struct TooManyRequests : HttpError {
  explicit TooManyRequests(Say s) : HttpError(429, "too-many-requests", "Too many requests", std::move(s)) {}
};

}  // namespace sp
