#pragma once
// The account requests' table.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace sp::onboarding {
struct AccountRequest {
  std::int64_t id = 0;
  std::string organisation_name, idno, district, contact_name, email;
  std::optional<std::string> phone, message;
  std::string language = "ro", status = "pending";
  std::optional<std::int64_t> organisation_id, user_id, decided_by;
  std::optional<std::string> decided_at, decline_reason;
  std::int64_t version = 1;
  std::string created_at, updated_at;
};

std::optional<AccountRequest> find_request(store::Tx& tx, std::int64_t id);
// Newest first; only those of a status when given.
std::vector<AccountRequest> list_requests(store::Tx& tx, const std::optional<std::string>& status);
std::int64_t insert_request(store::Tx& tx, const AccountRequest& r);
// Against the version read: false when it moved meanwhile.
bool update_request(store::Tx& tx, const AccountRequest& r, std::int64_t version);
// A request still waiting with this IDNO or this e-mail.
bool pending_request_for(store::Tx& tx, const std::string& idno, const std::string& email);
// The pending requests, oldest first (the officers' home).
std::vector<AccountRequest> pending_requests(store::Tx& tx);
}  // namespace sp::onboarding
