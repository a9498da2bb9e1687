#pragma once
// The one write path (issue 11). Every change of mutable state goes through one of three shapes,
// each doing the same steps in the same order inside one transaction:
//
//   change  a versioned record: load or 404 → policy (403 with the reason) → If-Match (412) →
//           validation, every wrong field at once (422) → update against the version read (412 when
//           someone else got there first) → re-read → audit with before and after → commit → ETag
//   create  a new record:       validation (422) → insert → re-read → audit → commit → 201 + ETag
//   add     a record beneath a parent (an enrolment of a person, a report of an agreement):
//           load the parent or 404 → policy → validation → insert → audit under the parent → commit
//
// The audit row bumps the data's version (audit::record), so caches keyed by it see the change.
// Operations describe a record once (a Kind) and each change by its steps; they never open a
// transaction or write the audit themselves. The 428 for a missing If-Match is the request's
// (http::Request::if_match), before any of this runs.
#include <boost/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "audit/audit.hpp"
#include "auth/principal.hpp"
#include "common/errors.hpp"
#include "common/json.hpp"
#include "store/database.hpp"

namespace sp::http {
struct Request;
struct Response;
}  // namespace sp::http

namespace sp::platform {

// Who writes: the principal the policy asks about, and how the audit trail names them.
struct Caller {
  const auth::Principal& me;
  audit::Actor actor;
};
Caller caller_of(const http::Request& r);
// The operator at the command line or the server's own scheduled work: the administrator's rights,
// no account (user id 0), named in the trail by `actor`.
Caller system_caller(audit::Actor actor);

// What a write answers: the record as its reader sees it, its version for the ETag (none when 0)
// and the HTTP status.
struct Written {
  boost::json::object body;
  std::int64_t version = 0;
  int status = 200;
};
// The answer as HTTP: the body, with `ETag: "version"` when there is one.
http::Response answer(const Written& w);

// How the audit trail names a record: its entity ("service", "person"…), the id and a label a reader
// recognises (a name, a person's code — never an identity).
struct Subject {
  std::string_view entity;
  std::int64_t id;
  std::string label;
};

// One kind of versioned record, described once: how it is found, its version, how the trail names
// it, the sentences of its 404 and 412, and the answer its readers get.
template <class R>
struct Kind {
  std::string_view not_found;
  std::string_view stale;
  std::function<std::optional<R>(store::Tx&, std::int64_t)> find;
  std::function<std::int64_t(const R&)> version;
  std::function<Subject(const R&)> subject;
  std::function<boost::json::object(store::Tx&, const R&)> show;
};

// The policy's answer for a caller and a record: the reason it may not, or nothing.
template <class R>
using Refusal = std::function<std::optional<Say>(store::Tx&, const R&)>;

// One change of a record of some kind.
template <class R>
struct Change {
  std::string_view action;  // the audit trail's verb: "update", "set_staff", "review_plan"…
  Refusal<R> refuse;  // the policy (403 with the reason)
  // Every wrong field into v; may prepare what `apply` writes. Runs after the version check.
  std::function<void(store::Tx&, const R&, Validator&)> check;
  // The update, conditioned on the version of the record read: false when it moved meanwhile.
  std::function<bool(store::Tx&, const R&)> apply;
  // What the trail keeps of the record before the change (default: nothing) and after it (default:
  // the answer). `before` runs before `apply`.
  std::function<boost::json::value(store::Tx&, const R&)> before;
  std::function<boost::json::value(store::Tx&, const R&)> after;
};

namespace detail {
[[noreturn]] void refuse(Say why);
[[noreturn]] void not_found(std::string_view what);
[[noreturn]] void stale(std::string_view what);
}  // namespace detail

template <class R>
Written change(store::Database& db, const Caller& c, std::int64_t id, std::int64_t if_match, Validator& v, const Kind<R>& k,
               const Change<R>& ch) {
  auto tx = db.write();
  auto before = k.find(tx, id);
  if (!before) detail::not_found(k.not_found);
  if (ch.refuse)
    if (auto why = ch.refuse(tx, *before)) detail::refuse(std::move(*why));
  if (k.version(*before) != if_match) detail::stale(k.stale);
  if (ch.check) ch.check(tx, *before, v);
  v.finish();
  auto kept_before = ch.before ? ch.before(tx, *before) : boost::json::value(nullptr);
  if (!ch.apply(tx, *before)) detail::stale(k.stale);
  auto after = k.find(tx, id);
  if (!after) detail::not_found(k.not_found);
  Written w{k.show(tx, *after), k.version(*after)};
  auto s = k.subject(*after);
  audit::record(tx, c.actor, ch.action, s.entity, s.id, kept_before, ch.after ? ch.after(tx, *after) : boost::json::value(w.body),
                s.label);
  tx.commit();
  return w;
}

// A new record: `check` puts every wrong field into v (and may refuse with 403 itself, before
// anything is written), `insert` writes it and returns its id.
template <class R>
struct Creation {
  std::string_view action = "create";
  std::function<void(store::Tx&, Validator&)> check;
  std::function<std::int64_t(store::Tx&)> insert;
  // What the trail keeps of the new record (default: the answer).
  std::function<boost::json::value(store::Tx&, const R&)> audited;
};

// By whoever acts: a signed-in caller, or a person without an account (an account request), named in
// the trail by their address.
template <class R>
Written create(store::Database& db, const audit::Actor& actor, Validator& v, const Kind<R>& k, const Creation<R>& cr) {
  auto tx = db.write();
  if (cr.check) cr.check(tx, v);
  v.finish();
  auto id = cr.insert(tx);
  auto made = k.find(tx, id);
  if (!made) detail::not_found(k.not_found);
  Written w{k.show(tx, *made), k.version(*made), 201};
  auto s = k.subject(*made);
  audit::record(tx, actor, cr.action, s.entity, s.id, nullptr, cr.audited ? cr.audited(tx, *made) : boost::json::value(w.body), s.label);
  tx.commit();
  return w;
}
template <class R>
Written create(store::Database& db, const Caller& c, Validator& v, const Kind<R>& k, const Creation<R>& cr) {
  return create(db, c.actor, v, k, cr);
}

struct Added {
  Written answer;
  boost::json::value kept;
  std::string action = {};
};

// A record beneath a versioned parent (a consent, an enrolment, a plan of a person): the parent is
// loaded and the policy asked about it; `insert` writes and answers; the trail names the parent.
template <class P>
struct Addition {
  std::string_view action;
  Refusal<P> refuse;
  std::function<void(store::Tx&, const P&, Validator&)> check;
  // Writes the new record and gives the answer, what the trail keeps of it and, when the verb
  // depends on what happened ("enrol" or "wait_list"), the trail's verb.
  std::function<Added(store::Tx&, const P&)> insert;
};

template <class P>
Written add(store::Database& db, const Caller& c, std::int64_t parent_id, Validator& v, const Kind<P>& k, const Addition<P>& a) {
  auto tx = db.write();
  auto parent = k.find(tx, parent_id);
  if (!parent) detail::not_found(k.not_found);
  if (a.refuse)
    if (auto why = a.refuse(tx, *parent)) detail::refuse(std::move(*why));
  if (a.check) a.check(tx, *parent, v);
  v.finish();
  auto added = a.insert(tx, *parent);
  auto s = k.subject(*parent);
  audit::record(tx, c.actor, added.action.empty() ? a.action : std::string_view(added.action), s.entity, s.id, nullptr, added.kept,
                s.label);
  tx.commit();
  return std::move(added.answer);
}

// A read of personal data: it leaves an audit row, so it runs in a write transaction that commits
// only with its row. `read` gives the answer and the subject the row names (an id of nothing for a
// list) with its action.
struct Audited {
  Written answer;
  std::string_view action = "read";
  std::string_view entity;
  std::optional<std::int64_t> id;
  std::string label;
};
Written read_audited(store::Database& db, const Caller& c, const std::function<Audited(store::Tx&)>& read);
}  // namespace sp::platform
