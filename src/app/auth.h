// Sign-in, sessions, password change and API tokens (SPEC SEC-5).
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/ports.h"

namespace parcours {

struct AuthPolicy {
  std::chrono::seconds idle_timeout{std::chrono::minutes(30)};
  std::chrono::seconds absolute_timeout{std::chrono::hours(12)};
  // SEC-5: failures are counted per account and address together, so that nobody can lock an
  // account out from elsewhere, and per address alone (one address trying many accounts).
  int max_failures_per_account_and_address = 5;
  int max_failures_per_address = 20;
  std::chrono::seconds failure_window{std::chrono::minutes(15)};
  std::chrono::seconds api_token_lifetime{std::chrono::hours(24 * 90)};
  std::chrono::seconds invitation_lifetime{std::chrono::hours(24 * 7)};
  std::chrono::seconds unlock_lifetime{std::chrono::hours(24)};
};

struct SignedIn {
  std::string session_token;  // goes to the cookie; only its digest is stored
  std::string csrf_token;
  Actor actor;
};

struct CreatedToken {
  ApiToken token;      // as stored (digest)
  std::string secret;  // "prc_…", shown once
};

struct SessionActor {
  Actor actor;
  std::string csrf_token;
};

class AuthService {
 public:
  AuthService(Store& store, const Clock& clock, AuthPolicy policy = {});

  // Errors: `invalid` with one generic message for any bad e-mail/password pair;
  // `rule_violation` while throttled (too many recent failures for the account or address).
  Result<SignedIn> login(const std::string& email, const std::string& password,
                         const std::string& remote_addr);
  // `not_found` when the token is unknown, expired by idleness or age; touches the session.
  Result<SessionActor> session(const std::string& session_token);
  Status logout(const std::string& session_token);
  // Ends every session of the user but the current one.
  Status change_password(const Actor& actor, const std::string& current_session_token,
                         const std::string& current_password, const std::string& new_password,
                         const std::string& confirmation);

  // Returns the token in clear: shown once, only its digest is kept. SEC-5: asks the
  // password again (`invalid` on the field "password"); the token expires after
  // policy().api_token_lifetime.
  Result<CreatedToken> create_api_token(const Actor& actor, const std::string& name,
                                        const std::string& password);
  Result<std::vector<ApiToken>> api_tokens(const Actor& actor);
  Status revoke_api_token(const Actor& actor, Id token_id);
  // `not_found` when unknown, revoked or expired.
  Result<Actor> api_actor(const std::string& bearer_token);

  // One-time links (SEC-5). `not_found` for an unknown link; `rule_violation` with a French
  // message for a used or expired one.
  Status check_link(const std::string& token, const std::string& purpose);
  // Sets the password chosen by the invited person and signs them in.
  Result<SignedIn> accept_invitation(const std::string& token, const std::string& password,
                                     const std::string& confirmation,
                                     const std::string& remote_addr);
  // Clears the account's failed sign-ins; returns the account's e-mail.
  Result<std::string> unlock(const std::string& token);

  const AuthPolicy& policy() const { return policy_; }

 private:
  Store& store_;
  const Clock& clock_;
  AuthPolicy policy_;
};

// Sets a password for a user (CLI `user add`, admin creation); validates the policy. SEC-5:
// revokes the user's API tokens (a password change ends the credentials made with the old one).
Status set_user_password(Repos& r, Id user_id, const std::string& password);

// Inside the caller's transaction (ORG-2, SEC-5): a new invitation link for the user (the
// previous ones end) and its e-mail in the outbox. `context` names the first role and
// organisation (« CPIP — SPIP du Cher »), may be empty.
void send_invitation(Repos& r, const Clock& clock, const User& u, const std::string& context,
                     std::chrono::seconds lifetime = AuthPolicy{}.invitation_lifetime);

}  // namespace parcours
