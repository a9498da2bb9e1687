#include "modules/onboarding/operations.hpp"

#include "auth/accounts.hpp"
#include "auth/users.hpp"
#include "common/crypto.hpp"
#include "common/errors.hpp"
#include "common/idno.hpp"
#include "common/time.hpp"
#include "modules/onboarding/repo.hpp"
#include "modules/registry/registry.hpp"
#include "platform/directory.hpp"
#include "platform/notifications.hpp"
#include "platform/policy.hpp"

namespace sp::onboarding {
namespace {
using platform::Written;

json::object to_json(store::Tx& tx, const AccountRequest& r) {
  json::object o{{"id", r.id},
                 {"organisation_name", r.organisation_name},
                 {"idno", r.idno},
                 {"district", r.district},
                 {"contact_name", r.contact_name},
                 {"email", r.email},
                 {"phone", nullable(r.phone)},
                 {"message", nullable(r.message)},
                 {"language", r.language},
                 {"status", r.status},
                 {"organisation_id", nullable(r.organisation_id)},
                 {"user_id", nullable(r.user_id)},
                 {"decided_at", nullable(r.decided_at)},
                 {"decline_reason", nullable(r.decline_reason)},
                 {"version", r.version},
                 {"created_at", r.created_at}};
  // What the officer checks before approving: the registry's organisation of this IDNO, and whether
  // the e-mail already signs in.
  auto org = registry::find_organisation_by_idno(tx, r.idno);
  o["registered"] = org ? json::value(json::object{{"id", org->id}, {"name", org->name}, {"status", org->status}}) : json::value(nullptr);
  o["email_has_account"] = auth::find_user_by_email(tx, r.email).has_value();
  return o;
}

platform::Kind<AccountRequest> request_kind() {
  return {.not_found = "No such account request",
          .stale = "The request was decided or changed since you read it",
          .find = find_request,
          .version = [](const AccountRequest& r) { return r.version; },
          .subject = [](const AccountRequest& r) { return platform::Subject{"account_request", r.id, r.organisation_name}; },
          .show = [](store::Tx& tx, const AccountRequest& r) { return to_json(tx, r); }};
}

void pending_only(const AccountRequest& r) {
  if (r.status != "pending") throw Conflict(say("account_request_decided", "The request is already {status}", {{"status", r.status}}));
}
}  // namespace

Written request_create(App& app, auth::Throttle& throttle, const json::object& body, const audit::Actor& from) {
  if (!throttle.allow("request:" + from.ip))
    throw TooManyRequests(say("sign_in_throttled", "Too many sign-in attempts from this address; wait a minute and try again"));
  Validator v(body);
  v.only({"organisation_name", "idno", "district", "contact_name", "email", "phone", "message", "language"});
  AccountRequest r;
  r.organisation_name = v.text("organisation_name", Need::Required, 300).value_or("");
  r.idno = v.text("idno", Need::Required, 13).value_or("");
  if (!r.idno.empty() && !valid_idno(r.idno)) v.add("idno", "invalid_idno", "Must be 13 digits with a valid check digit");
  r.district = v.text("district", Need::Required, 10).value_or("");
  r.contact_name = v.text("contact_name", Need::Required, 200).value_or("");
  r.email = auth::normalise_email(v.email("email", Need::Required).value_or(""));
  r.phone = v.text("phone", Need::Optional, 40);
  r.message = v.text("message", Need::Optional, 2000, true);
  r.language = v.one_of("language", Need::Optional, {"ro", "ru", "en"}).value_or("ro");
  auto w = platform::create<AccountRequest>(
      *app.db, from, v, request_kind(),
      {.action = "create",
       .check =
           [&](store::Tx& tx, Validator& v) {
             if (!r.district.empty()) registry::check_place(tx, v, r.district, std::nullopt);
             v.finish();
             if (pending_request_for(tx, r.idno, r.email))
               throw Conflict(say("account_request_pending", "A request for this organisation or this e-mail is already waiting for the programme"));
           },
       .insert =
           [&](store::Tx& tx) {
             auto id = insert_request(tx, r);
             platform::notify(tx, platform::users_with_role(tx, policy::role_of(policy::Audience::ProgrammeOfficers)), "account_requested",
                              "account_request", id, {{"organisation", r.organisation_name}, {"idno", r.idno}});
             return id;
           },
       .audited = [](store::Tx&, const AccountRequest& made) -> json::value {
         return json::object{{"organisation_name", made.organisation_name}, {"idno", made.idno}, {"district", made.district}};
       }});
  // The requester reads only that it was received: nothing of the registry or of accounts.
  return {json::object{{"status", w.body.at("status")}}, 0, 201};
}

Written requests_list(App& app, const std::optional<std::string>& status) {
  if (status && *status != "pending" && *status != "approved" && *status != "declined")
    throw Invalid({{"status", "not_allowed", "Must be one of: pending, approved, declined"}});
  auto tx = app.db->read();
  json::array items;
  for (const auto& r : list_requests(tx, status)) items.push_back(to_json(tx, r));
  return {json::object{{"items", std::move(items)}}};
}

Written request_approve(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"organisation_id"});
  auto org_id = v.integer("organisation_id", Need::Required, 1, INT64_MAX);
  auto unusable = password_hash(random_token());  // slow, outside the transaction: the first password comes from the e-mail
  auto w = platform::change<AccountRequest>(
      *app.db, c, id, version, v, request_kind(),
      {.action = "approve",
       .refuse = {},
       .check =
           [&](store::Tx& tx, const AccountRequest& r, Validator& v) {
             pending_only(r);
             if (!org_id) return;
             auto org = registry::find_organisation(tx, *org_id);
             if (!org || org->status != "active") v.add("organisation_id", "not_found", "No such active organisation");
             else if (org->idno != r.idno) v.add("organisation_id", "idno_mismatch", "The organisation's IDNO is not the one asked for");
             if (auth::find_user_by_email(tx, r.email))
               throw Conflict(say("email_taken", "An account with this e-mail already exists"));
           },
       .apply =
           [&](store::Tx& tx, const AccountRequest& before) {
             auto org = *registry::find_organisation(tx, *org_id);
             auth::NewUser u;
             u.email = before.email;
             u.name = before.contact_name;
             u.role = policy::role_of(policy::Audience::CsoStaff);
             u.language = before.language;
             u.organisation_id = org.id;
             u.district = org.district;
             auto user_id = auth::create_account(tx, c.actor, u, unusable);
             auth::issue_password_mail(tx, *app.vault, user_id, "welcome", auth::kWelcomeLinkHours);
             auto r = before;
             r.status = "approved";
             r.organisation_id = org.id;
             r.user_id = user_id;
             r.decided_by = c.me.user_id;
             r.decided_at = now_iso();
             return update_request(tx, r, before.version);
           },
       .before = {},
       .after = {}});
  app.bell->ring();  // the welcome e-mail leaves now
  return w;
}

// The requester is told by e-mail, in the language they wrote in, with the reason.
Written request_decline(App& app, const platform::Caller& c, std::int64_t id, std::int64_t version, const json::object& body) {
  Validator v(body);
  v.only({"reason"});
  auto reason = v.text("reason", Need::Required, 2000, true);
  auto w = platform::change<AccountRequest>(*app.db, c, id, version, v, request_kind(),
                                          {.action = "decline",
                                           .refuse = {},
                                           .check = [&](store::Tx&, const AccountRequest& r, Validator&) { pending_only(r); },
                                           .apply =
                                               [&](store::Tx& tx, const AccountRequest& before) {
                                                 auto r = before;
                                                 r.status = "declined";
                                                 r.decline_reason = reason;
                                                 r.decided_by = c.me.user_id;
                                                 r.decided_at = now_iso();
                                                 if (!update_request(tx, r, before.version)) return false;
                                                 platform::mail_address(tx, r.email, r.language, "account_request_declined",
                                                                        {{"organisation", r.organisation_name},
                                                                         {"reason", r.decline_reason.value_or("")}});
                                                 return true;
                                               },
                                           .before = {},
                                           .after = {}});
  app.bell->ring();  // the answer leaves now
  return w;
}
}  // namespace sp::onboarding
