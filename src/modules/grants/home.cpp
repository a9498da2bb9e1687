// The grant programme's part of each home: an applicant's drafts and reports, the partner authority's
// confirmations, the officer's queues, the evaluator's scoring, the monitor's visits and the
// auditor's recent payments and decisions. Labels are numbers and titles, never people.
#include "modules/grants/home.hpp"

#include <boost/json.hpp>

#include <algorithm>

#include "common/time.hpp"
#include "platform/policy.hpp"

namespace sp::grants {
namespace {
using platform::WaitingItem;
using platform::waiting_rows;
using Me = const auth::Principal&;

std::int64_t org_of(Me me) { return me.organisation_id.value_or(0); }
std::int64_t authority_of(Me me) { return me.authority_id.value_or(0); }

// A signed agreement's visit falls due this long after the last one (or after signature).
constexpr int kVisitEveryDays = 180;
}  // namespace

std::vector<platform::Waiting> home_kinds() {
  return {
      // ---- the applicant (a CSO)
      {"application_drafts", "application", [](Me me) { return policy::is_cso_staff(me) && me.organisation_id; },
       [](store::Tx& tx, Me me, const std::string&) {
         return waiting_rows(tx,
                             "SELECT a.id, a.title, c.closes_at, c.code FROM applications a JOIN grant_calls c ON c.id = a.call_id "
                             "WHERE a.organisation_id = $1 AND a.status = 'draft' AND c.closes_at > $2 ORDER BY c.closes_at, a.id",
                             {org_of(me), now_iso()});
       }},
      {"reports_due", "report", [](Me me) { return policy::is_cso_staff(me) && me.organisation_id; },
       [](store::Tx& tx, Me me, const std::string& today) {
         return waiting_rows(tx,
                             "SELECT r.id, g.number, r.due_on, r.status FROM grant_reports r JOIN grant_agreements g ON g.id = r.agreement_id "
                             "WHERE g.organisation_id = $1 AND g.status = 'signed' AND r.status IN ('due', 'returned') AND r.due_on <= $2 "
                             "ORDER BY r.due_on, r.id",
                             {org_of(me), add_days(today, 45)});
       }},
      // ---- the partner authority
      {"applications_to_confirm", "application", [](Me me) { return policy::is_authority_staff(me) && me.authority_id; },
       [](store::Tx& tx, Me me, const std::string&) {
         return waiting_rows(tx,
                             "SELECT a.id, a.title, c.closes_at, c.code FROM applications a JOIN grant_calls c ON c.id = a.call_id "
                             "WHERE a.partner_authority_id = $1 AND a.status IN ('draft', 'submitted') AND a.authority_minor > 0 "
                             "AND (a.confirmed_at IS NULL OR a.confirmed_authority_minor IS NULL OR a.confirmed_authority_minor <> a.authority_minor) "
                             "AND a.declined_at IS NULL "
                             "AND c.closes_at > $2 ORDER BY c.closes_at, a.id",
                             {authority_of(me), now_iso()});
       }},
      // ---- the programme's officers
      {"reports_to_review", "report", [](Me me) { return policy::runs_programme(me); },
       [](store::Tx& tx, Me, const std::string&) {
         return waiting_rows(tx,
                             "SELECT r.id, g.number, r.submitted_at, r.number FROM grant_reports r "
                             "JOIN grant_agreements g ON g.id = r.agreement_id WHERE r.status = 'submitted' ORDER BY r.submitted_at, r.id",
                             {});
       },
       true},
      {"tranches_payable", "agreement", [](Me me) { return policy::runs_programme(me); },
       [](store::Tx& tx, Me, const std::string&) {
         return waiting_rows(tx,
                             "SELECT g.id, g.number, t.planned_on, t.number FROM tranches t JOIN grant_agreements g ON g.id = t.agreement_id "
                             "WHERE t.paid_on IS NULL AND g.status = 'signed' AND (t.condition = 'signature' OR EXISTS (SELECT 1 FROM "
                             "grant_reports r WHERE r.agreement_id = g.id AND r.number = t.number - 1 AND r.status = 'approved')) "
                             "ORDER BY t.planned_on, g.number, t.number",
                             {});
       }},
      {"evaluations_outstanding", "call", [](Me me) { return policy::runs_programme(me); },
       [](store::Tx& tx, Me, const std::string&) {
         return waiting_rows(tx,
                             "SELECT c.id, c.code, NULL, CAST(COUNT(*) AS TEXT) FROM evaluations e JOIN applications a ON e.subject = 'application' AND a.id = e.subject_id "
                             "JOIN grant_calls c ON c.id = a.call_id WHERE c.status = 'under_evaluation' "
                             "AND e.status IN ('assigned', 'declared') GROUP BY c.id, c.code ORDER BY c.code",
                             {});
       }},
      {"reports_overdue", "report", [](Me me) { return policy::runs_programme(me); },
       [](store::Tx& tx, Me, const std::string& today) {
         return waiting_rows(tx,
                             "SELECT r.id, g.number, r.due_on, r.number FROM grant_reports r JOIN grant_agreements g ON g.id = r.agreement_id "
                             "WHERE g.status = 'signed' AND r.status IN ('due', 'returned') AND r.due_on < $1 ORDER BY r.due_on, r.id",
                             {today});
       }},
      {"calls_closing", "call", [](Me me) { return policy::runs_programme(me); },
       [](store::Tx& tx, Me, const std::string& today) {
         return waiting_rows(tx,
                             "SELECT id, code, closes_at FROM grant_calls WHERE status = 'published' AND closes_at > $1 AND closes_at <= $2 "
                             "ORDER BY closes_at",
                             {now_iso(), add_days(today, 21) + "T23:59:59Z"});
       }},
      // ---- the evaluator
      {"my_evaluations", "evaluation", [](Me me) { return policy::is_evaluator(me); },
       [](store::Tx& tx, Me me, const std::string&) {
         return waiting_rows(tx,
                             "SELECT e.id, COALESCE(a.number, a.title), NULL, e.status FROM evaluations e JOIN applications a ON e.subject = 'application' AND a.id = "
                             "e.subject_id JOIN grant_calls c ON c.id = a.call_id WHERE e.evaluator_id = $1 AND e.status IN "
                             "('assigned', 'declared') AND c.status = 'under_evaluation' ORDER BY e.assigned_at, e.id",
                             {me.user_id});
       }},
      // ---- the monitor: visits that fall due, and what earlier visits left to do
      {"visits_due", "agreement", [](Me me) { return policy::is_monitor(me); },
       [](store::Tx& tx, Me, const std::string& today) {
         std::vector<WaitingItem> out;
         auto c = tx.query(
             "SELECT g.id, g.number, COALESCE(MAX(v.visited_on), g.signed_on, g.starts_on) FROM grant_agreements g "
             "LEFT JOIN visits v ON v.owner_type = 'agreement' AND v.owner_id = g.id WHERE g.status = 'signed' GROUP BY g.id, g.number, g.signed_on, "
             "g.starts_on ORDER BY 3, g.number");
         const auto horizon = add_days(today, 30);
         while (c->next()) {
           auto due = add_days(c->str(2).substr(0, 10), kVisitEveryDays);
           if (due <= horizon) out.push_back({c->i64(0), c->str(1), due, {}});
         }
         return out;
       }},
      {"visit_actions_open", "agreement", [](Me me) { return policy::is_monitor(me) || policy::runs_programme(me); },
       [](store::Tx& tx, Me, const std::string&) {
         std::vector<WaitingItem> out;
         auto c = tx.query(
             "SELECT g.id, g.number, v.actions FROM visits v JOIN grant_agreements g ON v.owner_type = 'agreement' AND g.id = v.owner_id "
             "WHERE g.status = 'signed' AND v.actions <> '[]' ORDER BY v.visited_on, v.id");
         while (c->next()) {
           auto actions = boost::json::parse(c->text(2));
           if (!actions.is_array()) continue;
           for (const auto& a : actions.as_array()) {
             if (!a.is_object()) continue;
             const auto& o = a.as_object();
             if (o.contains("done") && o.at("done").is_bool() && o.at("done").as_bool()) continue;
             auto text = [&](const char* k) { return o.contains(k) && o.at(k).is_string() ? std::string(o.at(k).as_string()) : std::string(); };
             out.push_back({c->i64(0), c->str(1), text("due_on"), text("action")});
           }
         }
         std::stable_sort(out.begin(), out.end(), [](const WaitingItem& a, const WaitingItem& b) {
           return (a.due_on.empty() ? "9" : a.due_on) < (b.due_on.empty() ? "9" : b.due_on);
         });
         return out;
       }},
      // ---- the auditor: what was paid and decided lately
      {"recent_payments", "agreement", [](Me me) { return policy::is_auditor(me); },
       [](store::Tx& tx, Me, const std::string& today) {
         return waiting_rows(tx,
                             "SELECT g.id, g.number, t.paid_on, t.number FROM tranches t JOIN grant_agreements g ON g.id = t.agreement_id "
                             "WHERE t.paid_on IS NOT NULL AND t.paid_on >= $1 ORDER BY t.paid_on DESC, g.number",
                             {add_days(today, -60)});
       },
       true},
      {"recent_decisions", "application", [](Me me) { return policy::is_auditor(me); },
       [](store::Tx& tx, Me, const std::string& today) {
         return waiting_rows(tx,
                             "SELECT a.id, COALESCE(a.number, a.title), COALESCE(a.decided_at, c.decided_at), a.decision FROM applications a "
                             "JOIN grant_calls c ON c.id = a.call_id WHERE a.decision IS NOT NULL AND COALESCE(a.decided_at, c.decided_at) >= $1 "
                             "ORDER BY COALESCE(a.decided_at, c.decided_at) DESC, a.number",
                             {add_days(today, -365)});
       },
       true},
  };
}
}  // namespace sp::grants
