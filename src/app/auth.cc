#include "app/auth.h"

#include "app/audit.h"
#include "app/secrets.h"
#include "domain/validation.h"

namespace parcours {
namespace {

const char* const kBadCredentials = "Adresse e-mail ou mot de passe incorrect.";
const char* const kThrottled =
    "Trop de tentatives de connexion ont échoué. Par sécurité, patientez quelques minutes avant "
    "de réessayer.";

std::string account_key(const std::string& email) {
  return "compte:" + ascii_lower(trim(email));
}
std::string address_key(const std::string& addr) {
  return "adresse:" + addr;
}

}  // namespace

AuthService::AuthService(Store& store, const Clock& clock, AuthPolicy policy)
    : store_(store), clock_(clock), policy_(policy) {}

Result<SignedIn> AuthService::login(const std::string& email, const std::string& password,
                                    const std::string& remote_addr) {
  const Instant now = clock_.now();
  const Instant since = now - policy_.failure_window;
  // Throttling check, then verification: failures are recorded in their own transaction so
  // that they are kept even though the sign-in fails.
  auto throttled = read<bool>(store_, [&](Repos& r) -> Result<bool> {
    return r.auth.count_login_failures(account_key(email), since) >=
               policy_.max_failures_per_account ||
           r.auth.count_login_failures(address_key(remote_addr), since) >=
               policy_.max_failures_per_address;
  });
  if (!throttled.ok()) return throttled.error();
  if (*throttled) return rule_violation(kThrottled);

  auto found = read<std::optional<std::pair<User, std::string>>>(
      store_, [&](Repos& r) -> Result<std::optional<std::pair<User, std::string>>> {
        auto u = r.users.find_by_email(ascii_lower(trim(email)));
        if (!u || !u->active) return std::optional<std::pair<User, std::string>>{};
        auto h = r.users.password_hash(u->id);
        if (!h) return std::optional<std::pair<User, std::string>>{};
        return std::optional{std::pair{*u, *h}};
      });
  if (!found.ok()) return found.error();
  bool good = found->has_value() && verify_password((*found)->second, password);
  if (!good) {
    auto s = store_.transact([&](Repos& r) -> Status {
      r.auth.record_login_failure(account_key(email), now);
      r.auth.record_login_failure(address_key(remote_addr), now);
      return {};
    });
    if (!s.ok()) return s.error();
    return invalid(kBadCredentials);
  }
  SignedIn out{random_token(), random_token(), {}};
  auto s = store_.transact([&](Repos& r) -> Status {
    r.auth.clear_login_failures(account_key(email));
    // Housekeeping: sessions idle past the limit can never be used again.
    r.auth.delete_sessions_idle_since(now - policy_.idle_timeout);
    r.auth.insert_session(WebSession{token_digest(out.session_token), (*found)->first.id,
                                     out.csrf_token, now, now, remote_addr});
    out.actor = load_actor(r, (*found)->first);
    return {};
  });
  if (!s.ok()) return s.error();
  return out;
}

Result<SessionActor> AuthService::session(const std::string& session_token) {
  if (session_token.empty()) return not_found("Session absente.");
  const Instant now = clock_.now();
  return transact<SessionActor>(store_, [&](Repos& r) -> Result<SessionActor> {
    const std::string digest = token_digest(session_token);
    auto s = r.auth.find_session(digest);
    if (!s) return not_found("Session inconnue ou expirée.");
    if (now - s->last_seen_at > policy_.idle_timeout ||
        now - s->created_at > policy_.absolute_timeout) {
      r.auth.delete_session(digest);
      return not_found("Votre session a expiré. Veuillez vous reconnecter.");
    }
    auto u = r.users.find(s->user_id);
    if (!u || !u->active) {
      r.auth.delete_session(digest);
      return not_found("Compte désactivé.");
    }
    // Touch at most once a minute to keep writes low.
    if (now - s->last_seen_at > std::chrono::minutes(1)) r.auth.touch_session(digest, now);
    return SessionActor{load_actor(r, *u), s->csrf_token};
  });
}

Status AuthService::logout(const std::string& session_token) {
  return store_.transact([&](Repos& r) -> Status {
    r.auth.delete_session(token_digest(session_token));
    return {};
  });
}

Status set_user_password(Repos& r, Id user_id, const std::string& password) {
  if (auto s = validate_password(password); !s.ok()) return s;
  r.users.set_password_hash(user_id, hash_password(password));
  return {};
}

Status AuthService::change_password(const Actor& actor, const std::string& current_session_token,
                                    const std::string& current_password,
                                    const std::string& new_password,
                                    const std::string& confirmation) {
  if (new_password != confirmation)
    return invalid("La confirmation ne correspond pas au nouveau mot de passe.",
                   {{"confirm_password", "La confirmation ne correspond pas."}});
  if (auto s = validate_password(new_password); !s.ok())
    return invalid(s.error().message, {{"new_password", s.error().message}});
  return store_.transact([&](Repos& r) -> Status {
    auto h = r.users.password_hash(actor.user.id);
    if (!h || !verify_password(*h, current_password))
      return invalid("Le mot de passe actuel est incorrect.",
                     {{"current_password", "Le mot de passe actuel est incorrect."}});
    r.users.set_password_hash(actor.user.id, hash_password(new_password));
    record(r, clock_, actor, "account.password_change", "user", actor.user.id);  // SEC-2
    // Other sessions of this account end: whoever knew the old password is signed out.
    const std::string keep = token_digest(current_session_token);
    auto kept = r.auth.find_session(keep);
    r.auth.delete_sessions_of(actor.user.id);
    if (kept) r.auth.insert_session(*kept);
    return {};
  });
}

Result<std::string> AuthService::create_api_token(const Actor& actor, const std::string& name) {
  std::string clean = trim(name);
  if (clean.empty() || utf8_length(clean) > 100)
    return invalid("Donnez un nom au jeton (100 caractères au plus).",
                   {{"name", "Le nom du jeton est obligatoire."}});
  std::string token = "prc_" + random_token();
  auto s = store_.transact([&](Repos& r) -> Status {
    Id id = r.auth.insert_api_token(
        ApiToken{0, actor.user.id, clean, token_digest(token), clock_.now(), std::nullopt, false});
    record(r, clock_, actor, "api_token.create", "api_token", id);  // SEC-2
    return {};
  });
  if (!s.ok()) return s.error();
  return token;
}

Result<std::vector<ApiToken>> AuthService::api_tokens(const Actor& actor) {
  return read<std::vector<ApiToken>>(store_, [&](Repos& r) -> Result<std::vector<ApiToken>> {
    return r.auth.api_tokens_of(actor.user.id);
  });
}

Status AuthService::revoke_api_token(const Actor& actor, Id token_id) {
  return store_.transact([&](Repos& r) -> Status {
    for (const auto& t : r.auth.api_tokens_of(actor.user.id)) {
      if (t.id == token_id) {
        r.auth.revoke_api_token(token_id);
        record(r, clock_, actor, "api_token.revoke", "api_token", token_id);  // SEC-2
        return {};
      }
    }
    return not_found("Jeton introuvable.");
  });
}

Result<Actor> AuthService::api_actor(const std::string& bearer_token) {
  const Instant now = clock_.now();
  return transact<Actor>(store_, [&](Repos& r) -> Result<Actor> {
    auto t = r.auth.find_api_token(token_digest(bearer_token));
    if (!t || t->revoked) return not_found("Jeton d’API inconnu ou révoqué.");
    auto u = r.users.find(t->user_id);
    if (!u || !u->active) return not_found("Compte désactivé.");
    if (!t->last_used_at || now - *t->last_used_at > std::chrono::minutes(1))
      r.auth.touch_api_token(t->id, now);
    return load_actor(r, *u);
  });
}

}  // namespace parcours
