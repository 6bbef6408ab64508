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
  int max_failures_per_account = 5;   // then the account waits…
  int max_failures_per_address = 20;  // …and so does the address
  std::chrono::seconds failure_window{std::chrono::minutes(15)};
};

struct SignedIn {
  std::string session_token;  // goes to the cookie; only its digest is stored
  std::string csrf_token;
  Actor actor;
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

  // Returns the token in clear: shown once, only its digest is kept.
  Result<std::string> create_api_token(const Actor& actor, const std::string& name);
  Result<std::vector<ApiToken>> api_tokens(const Actor& actor);
  Status revoke_api_token(const Actor& actor, Id token_id);
  Result<Actor> api_actor(const std::string& bearer_token);

  const AuthPolicy& policy() const { return policy_; }

 private:
  Store& store_;
  const Clock& clock_;
  AuthPolicy policy_;
};

// Sets a password for a user (CLI `user add`, admin creation); validates the policy.
Status set_user_password(Repos& r, Id user_id, const std::string& password);

}  // namespace parcours
