// Authentication state (SPEC SEC-5): browser sessions, login throttling, API tokens. Only hashes
// of session and API tokens are stored.
#include "storage/error_mapping.h"
#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kSessionColumns =
    "SELECT token_hash, user_id, csrf_token, created_at, last_seen_at, remote_addr "
    "FROM web_sessions";

constexpr const char* kTokenColumns =
    "SELECT id, user_id, name, token_hash, created_at, last_used_at, revoked, expires_at "
    "FROM api_tokens";

constexpr const char* kLinkColumns =
    "SELECT id, user_id, purpose, token_hash, created_at, expires_at, used_at FROM account_links";

WebSession read_session(const soci::row& row) {
  RowReader r(row);
  WebSession s;
  s.token_hash = r.text();
  s.user_id = r.integer();
  s.csrf_token = r.text();
  s.created_at = r.instant();
  s.last_seen_at = r.instant();
  s.remote_addr = r.text();
  return s;
}

ApiToken read_token(const soci::row& row) {
  RowReader r(row);
  ApiToken t;
  t.id = r.integer();
  t.user_id = r.integer();
  t.name = r.text();
  t.token_hash = r.text();
  t.created_at = r.instant();
  t.last_used_at = r.instant_or_null();
  t.revoked = r.boolean();
  t.expires_at = r.instant();
  return t;
}

AccountLink read_link(const soci::row& row) {
  RowReader r(row);
  AccountLink l;
  l.id = r.integer();
  l.user_id = r.integer();
  l.purpose = r.text();
  l.token_hash = r.text();
  l.created_at = r.instant();
  l.expires_at = r.instant();
  l.used_at = r.instant_or_null();
  return l;
}

// LIKE pattern matching the text literally at the start (`\` escapes).
std::string prefix_pattern(const std::string& prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

}  // namespace

void SqlAuthRepository::insert_session(const WebSession& s) {
  execute(sql_,
          "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, "
          "remote_addr) VALUES (:token_hash, :user_id, :csrf_token, :created_at, :last_seen_at, "
          ":remote_addr)",
          Params()
              .text(s.token_hash)
              .integer(s.user_id)
              .text(s.csrf_token)
              .instant(s.created_at)
              .instant(s.last_seen_at)
              .text(s.remote_addr));
}

std::optional<WebSession> SqlAuthRepository::find_session(const std::string& token_hash) {
  std::optional<WebSession> out;
  fetch_one(sql_, std::string(kSessionColumns) + " WHERE token_hash = :token_hash",
            Params().text(token_hash), [&](const soci::row& row) { out = read_session(row); });
  return out;
}

void SqlAuthRepository::touch_session(const std::string& token_hash, Instant at) {
  execute(sql_, "UPDATE web_sessions SET last_seen_at = :at WHERE token_hash = :token_hash",
          Params().instant(at).text(token_hash));
}

void SqlAuthRepository::delete_session(const std::string& token_hash) {
  execute(sql_, "DELETE FROM web_sessions WHERE token_hash = :token_hash",
          Params().text(token_hash));
}

void SqlAuthRepository::delete_sessions_of(Id user_id) {
  execute(sql_, "DELETE FROM web_sessions WHERE user_id = :user_id", Params().integer(user_id));
}

// Sessions last seen strictly before `before` (SEC-5 expiry); returns how many were deleted.
int SqlAuthRepository::delete_sessions_idle_since(Instant before) {
  return static_cast<int>(execute(sql_, "DELETE FROM web_sessions WHERE last_seen_at < :before",
                                  Params().instant(before)));
}

void SqlAuthRepository::record_login_failure(const std::string& key, Instant at) {
  execute(sql_, "INSERT INTO login_failures (key, at) VALUES (:key, :at)",
          Params().text(key).instant(at));
}

// Failures for `key` at or after `since` (SEC-5 brute-force throttling window).
int SqlAuthRepository::count_login_failures(const std::string& key, Instant since) {
  int count = 0;
  fetch_one(sql_, "SELECT COUNT(*) FROM login_failures WHERE key = :key AND at >= :since",
            Params().text(key).instant(since),
            [&](const soci::row& row) { count = RowReader(row).int32(); });
  return count;
}

void SqlAuthRepository::clear_login_failures(const std::string& key) {
  execute(sql_, "DELETE FROM login_failures WHERE key = :key", Params().text(key));
}

void SqlAuthRepository::clear_login_failures_with_prefix(const std::string& prefix) {
  execute(sql_, "DELETE FROM login_failures WHERE key LIKE :pattern ESCAPE '\\'",
          Params().text(prefix_pattern(prefix)));
}

Id SqlAuthRepository::insert_api_token(const ApiToken& t) {
  return insert_returning_id(
      sql_,
      "INSERT INTO api_tokens (user_id, name, token_hash, created_at, last_used_at, revoked, "
      "expires_at) VALUES (:user_id, :name, :token_hash, :created_at, :last_used_at, :revoked, "
      ":expires_at) RETURNING id",
      Params()
          .integer(t.user_id)
          .text(t.name)
          .text(t.token_hash)
          .instant(t.created_at)
          .instant_or_null(t.last_used_at)
          .boolean(t.revoked)
          .instant(t.expires_at));
}

std::optional<ApiToken> SqlAuthRepository::find_api_token(const std::string& token_hash) {
  std::optional<ApiToken> out;
  fetch_one(sql_, std::string(kTokenColumns) + " WHERE token_hash = :token_hash",
            Params().text(token_hash), [&](const soci::row& row) { out = read_token(row); });
  return out;
}

std::vector<ApiToken> SqlAuthRepository::api_tokens_of(Id user_id) {
  std::vector<ApiToken> out;
  for_each_row(
      sql_, std::string(kTokenColumns) + " WHERE user_id = :user_id ORDER BY created_at, id",
      Params().integer(user_id), [&](const soci::row& row) { out.push_back(read_token(row)); });
  return out;
}

void SqlAuthRepository::touch_api_token(Id id, Instant at) {
  execute(sql_, "UPDATE api_tokens SET last_used_at = :at WHERE id = :id",
          Params().instant(at).integer(id));
}

void SqlAuthRepository::revoke_api_token(Id id) {
  execute(sql_, "UPDATE api_tokens SET revoked = 1 WHERE id = :id", Params().integer(id));
}

void SqlAuthRepository::revoke_api_tokens_of(Id user_id) {
  execute(sql_, "UPDATE api_tokens SET revoked = 1 WHERE user_id = :user_id AND revoked = 0",
          Params().integer(user_id));
}

Id SqlAuthRepository::insert_link(const AccountLink& l) {
  return insert_returning_id(
      sql_,
      "INSERT INTO account_links (user_id, purpose, token_hash, created_at, expires_at, used_at) "
      "VALUES (:user_id, :purpose, :token_hash, :created_at, :expires_at, :used_at) RETURNING id",
      Params()
          .integer(l.user_id)
          .text(l.purpose)
          .text(l.token_hash)
          .instant(l.created_at)
          .instant(l.expires_at)
          .instant_or_null(l.used_at));
}

std::optional<AccountLink> SqlAuthRepository::find_link(const std::string& token_hash) {
  std::optional<AccountLink> out;
  fetch_one(sql_, std::string(kLinkColumns) + " WHERE token_hash = :token_hash",
            Params().text(token_hash), [&](const soci::row& row) { out = read_link(row); });
  return out;
}

bool SqlAuthRepository::use_link(Id id, Instant at) {
  return execute(sql_, "UPDATE account_links SET used_at = :at WHERE id = :id AND used_at IS NULL",
                 Params().instant(at).integer(id)) == 1;
}

void SqlAuthRepository::expire_links_of(Id user_id, const std::string& purpose, Instant at) {
  execute(sql_,
          "UPDATE account_links SET expires_at = :at WHERE user_id = :user_id AND purpose = "
          ":purpose AND used_at IS NULL AND expires_at > :at2",
          Params().instant(at).integer(user_id).text(purpose).instant(at));
}

bool SqlAuthRepository::has_pending_invitation(Id user_id, Instant now) {
  int count = 0;
  fetch_one(sql_,
            "SELECT COUNT(*) FROM account_links WHERE user_id = :user_id AND purpose = "
            "'invitation' AND used_at IS NULL AND expires_at > :now",
            Params().integer(user_id).instant(now),
            [&](const soci::row& row) { count = RowReader(row).int32(); });
  return count > 0;
}

}  // namespace parcours::storage
