#include "app/auth.h"

#include "app/audit.h"
#include "app/notifications.h"
#include "app/secrets.h"
#include "domain/validation.h"
#include "domain/wording.h"

namespace parcours {
namespace {

const char* const kBadCredentials = "Adresse e-mail ou mot de passe incorrect.";
const char* const kThrottled =
    "Trop de tentatives de connexion ont échoué. Par sécurité, patientez quelques minutes avant "
    "de réessayer. Si ce compte existe, un courriel a été envoyé à son adresse avec un lien pour "
    "le débloquer.";

// SEC-5: the failures of one account from one address; the prefix alone names the account's.
std::string account_prefix(const std::string& email) {
  return "compte-adresse:" + ascii_lower(trim(email)) + "|";
}
std::string account_address_key(const std::string& email, const std::string& addr) {
  return account_prefix(email) + addr;
}
std::string address_key(const std::string& addr) {
  return "adresse:" + addr;
}

const char* const kLinkUnknown = "Ce lien n’est pas valide. Vérifiez qu’il a été copié en entier.";

std::string mail_footer() {
  return "\n\n-- \nCe message vous a été envoyé automatiquement par Parcours ; merci de ne pas "
         "y répondre.";
}

// Creates a one-time link for the user and returns its token in clear (only the digest is
// stored).
std::string new_link(Repos& r, Instant now, Id user_id, const std::string& purpose,
                     std::chrono::seconds lifetime) {
  std::string token = random_token();
  r.auth.insert_link(
      AccountLink{0, user_id, purpose, token_digest(token), now, now + lifetime, std::nullopt});
  return token;
}

// SEC-5: an e-mail with a one-time link that clears the account's failures.
void send_unlock(Repos& r, const Clock& clock, const User& u, const std::string& remote_addr,
                 const AuthPolicy& policy) {
  const std::string token = new_link(r, clock.now(), u.id, "unlock", policy.unlock_lifetime);
  const long long minutes =
      std::chrono::duration_cast<std::chrono::minutes>(policy.failure_window).count();
  const std::string body =
      "Bonjour " + u.full_name + ",\n\nPlusieurs tentatives de connexion à votre compte Parcours " +
      "ont échoué depuis l’adresse " + remote_addr +
      ". Par sécurité, les connexions à votre compte depuis cette adresse sont suspendues " +
      "pendant " + count_of(minutes, "minute", "minutes") +
      ".\n\nSi c’était vous, ce lien débloque votre compte tout de suite (il ne sert qu’une " +
      "fois et reste valable 24\u00a0heures) :\n" + mail_settings().base_url + "/deblocage/" +
      token +
      "\n\nSi ce n’était pas vous, votre mot de passe n’a pas été trouvé : vous n’avez rien à " +
      "faire. Prévenez tout de même l’administrateur de votre structure." + mail_footer();
  enqueue_email(r, clock, u.id, u.email, "account_unlock",
                "Parcours — connexions à votre compte suspendues", body);
}

// The link behind `token` if it is one of `purpose`, unused and not expired.
Result<AccountLink> usable_link(Repos& r, const std::string& token, const std::string& purpose,
                                Instant now) {
  auto l = r.auth.find_link(token_digest(token));
  if (!l || l->purpose != purpose) return not_found(kLinkUnknown);
  if (l->used_at)
    return rule_violation(purpose == "invitation"
                              ? "Ce lien a déjà été utilisé : votre mot de passe est choisi. "
                                "Connectez-vous avec votre adresse e-mail."
                              : "Ce lien a déjà été utilisé.");
  if (now >= l->expires_at)
    return rule_violation(purpose == "invitation"
                              ? "Ce lien a expiré. Demandez à l’administrateur de votre "
                                "structure de vous envoyer une nouvelle invitation."
                              : "Ce lien a expiré. Attendez quelques minutes, puis reconnectez-"
                                "vous.");
  auto u = r.users.find(l->user_id);
  if (!u || !u->active) return not_found(kLinkUnknown);
  return *l;
}

}  // namespace

void send_invitation(Repos& r, const Clock& clock, const User& u, const std::string& context,
                     std::chrono::seconds lifetime) {
  const Instant now = clock.now();
  r.auth.expire_links_of(u.id, "invitation", now);
  const std::string token = new_link(r, now, u.id, "invitation", lifetime);
  const long long days = std::chrono::duration_cast<std::chrono::hours>(lifetime).count() / 24;
  const std::string body =
      "Bonjour " + u.full_name + ",\n\nUn compte Parcours a été créé pour vous" +
      (context.empty() ? "" : " (" + context + ")") +
      ".\n\nPour choisir votre mot de passe, ouvrez ce lien dans les " +
      count_of(days, "jour", "jours") + " (il ne sert qu’une fois) :\n" + mail_settings().base_url +
      "/invitation/" + token +
      "\n\nVous vous connecterez ensuite avec votre adresse e-mail : " + u.email +
      ".\nSi le lien a expiré, demandez à l’administrateur de votre structure de vous renvoyer "
      "une invitation." +
      mail_footer();
  enqueue_email(r, clock, u.id, u.email, "account_invitation",
                "Parcours — votre compte vous attend", body);
}

AuthService::AuthService(Store& store, const Clock& clock, AuthPolicy policy)
    : store_(store), clock_(clock), policy_(policy) {}

Result<SignedIn> AuthService::login(const std::string& email, const std::string& password,
                                    const std::string& remote_addr) {
  const Instant now = clock_.now();
  const Instant since = now - policy_.failure_window;
  const std::string pair_key = account_address_key(email, remote_addr);
  // Throttling check, then verification: failures are recorded in their own transaction so
  // that they are kept even though the sign-in fails.
  auto throttled = read<bool>(store_, [&](Repos& r) -> Result<bool> {
    return r.auth.count_login_failures(pair_key, since) >=
               policy_.max_failures_per_account_and_address ||
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
      r.auth.record_login_failure(pair_key, now);
      r.auth.record_login_failure(address_key(remote_addr), now);
      // SEC-5: when the account's throttle trips, its owner gets a link that lifts it.
      if (found->has_value() && !(*found)->first.email.empty() &&
          r.auth.count_login_failures(pair_key, since) ==
              policy_.max_failures_per_account_and_address)
        send_unlock(r, clock_, (*found)->first, remote_addr, policy_);
      return {};
    });
    if (!s.ok()) return s.error();
    return invalid(kBadCredentials);
  }
  SignedIn out{random_token(), random_token(), {}};
  auto s = store_.transact([&](Repos& r) -> Status {
    r.auth.clear_login_failures(pair_key);
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
  const std::string digest = token_digest(session_token);
  std::optional<Error> ended;  // the session exists but may no longer be used
  bool touch = false;
  // A read transaction: every signed-in request used to open a write transaction (one at a
  // time on SQLite) only to read its session; the touch, due at most once a minute, has a
  // write transaction of its own below (issue 13).
  auto out = read<SessionActor>(store_, [&](Repos& r) -> Result<SessionActor> {
    auto s = r.auth.find_session(digest);
    if (!s) return not_found("Session inconnue ou expirée.");
    if (now - s->last_seen_at > policy_.idle_timeout ||
        now - s->created_at > policy_.absolute_timeout) {
      ended = not_found("Votre session a expiré. Veuillez vous reconnecter.");
      return *ended;
    }
    auto u = r.users.find(s->user_id);
    if (!u || !u->active) {
      ended = not_found("Compte désactivé.");
      return *ended;
    }
    // Touch at most once a minute to keep writes low.
    touch = now - s->last_seen_at > std::chrono::minutes(1);
    return SessionActor{load_actor(r, *u), s->csrf_token};
  });
  // SEC-5: the row of an ended session is deleted in its own transaction.
  if (ended) {
    if (Status s = store_.transact([&](Repos& r) -> Status {
          r.auth.delete_session(digest);
          return {};
        });
        !s.ok())
      return s.error();
  }
  // A touch that fails (database busy) leaves the session as it was: the next request tries
  // again, and the answer needs nothing from it.
  if (out.ok() && touch)
    (void)store_.transact([&](Repos& r) -> Status {
      r.auth.touch_session(digest, now);
      return {};
    });
  return out;
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
  r.auth.revoke_api_tokens_of(user_id);  // SEC-5
  r.auth.expire_links_of(user_id, "invitation", Instant{});
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
    r.auth.revoke_api_tokens_of(actor.user.id);  // SEC-5: made with the old password
    record(r, clock_, actor, "account.password_change", "user", actor.user.id);  // SEC-2
    // Other sessions of this account end: whoever knew the old password is signed out.
    const std::string keep = token_digest(current_session_token);
    auto kept = r.auth.find_session(keep);
    r.auth.delete_sessions_of(actor.user.id);
    if (kept) r.auth.insert_session(*kept);
    return {};
  });
}

Result<CreatedToken> AuthService::create_api_token(const Actor& actor, const std::string& name,
                                                   const std::string& password) {
  std::string clean = trim(name);
  std::vector<FieldError> errors;
  if (clean.empty() || utf8_length(clean) > 100)
    errors.push_back({"name", "Le nom du jeton est obligatoire (100 caractères au plus)."});
  if (password.empty())
    errors.push_back({"password", "Saisissez votre mot de passe pour créer un jeton."});
  if (!errors.empty()) return invalid("Le jeton n’a pas été créé.", errors);
  const Instant now = clock_.now();
  CreatedToken out{ApiToken{0, actor.user.id, clean, "", now, std::nullopt, false,
                            now + policy_.api_token_lifetime},
                   "prc_" + random_token()};
  out.token.token_hash = token_digest(out.secret);
  auto s = store_.transact([&](Repos& r) -> Status {
    // SEC-5: whoever finds a signed-in browser cannot mint a lasting credential.
    auto h = r.users.password_hash(actor.user.id);
    if (!h || !verify_password(*h, password))
      return invalid("Le jeton n’a pas été créé.",
                     {{"password", "Le mot de passe est incorrect."}});
    out.token.id = r.auth.insert_api_token(out.token);
    record(r, clock_, actor, "api_token.create", "api_token", out.token.id);  // SEC-2
    return {};
  });
  if (!s.ok()) return s.error();
  return out;
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
  std::optional<Id> touch;
  // A read transaction, and the touch (at most once a minute) in a write of its own, as for
  // sessions.
  auto out = read<Actor>(store_, [&](Repos& r) -> Result<Actor> {
    auto t = r.auth.find_api_token(token_digest(bearer_token));
    if (!t || t->revoked) return not_found("Jeton d’API inconnu ou révoqué.");
    if (now >= t->expires_at) return not_found("Jeton d’API expiré.");  // SEC-5
    auto u = r.users.find(t->user_id);
    if (!u || !u->active) return not_found("Compte désactivé.");
    if (!t->last_used_at || now - *t->last_used_at > std::chrono::minutes(1)) touch = t->id;
    return load_actor(r, *u);
  });
  if (out.ok() && touch)
    (void)store_.transact([&](Repos& r) -> Status {
      r.auth.touch_api_token(*touch, now);
      return {};
    });
  return out;
}

Status AuthService::check_link(const std::string& token, const std::string& purpose) {
  const Instant now = clock_.now();
  return store_.read([&](Repos& r) -> Status {
    auto l = usable_link(r, token, purpose, now);
    if (!l.ok()) return l.error();
    return {};
  });
}

Result<SignedIn> AuthService::accept_invitation(const std::string& token,
                                                const std::string& password,
                                                const std::string& confirmation,
                                                const std::string& remote_addr) {
  if (Status s = check_link(token, "invitation"); !s.ok()) return s.error();
  if (password != confirmation)
    return invalid("La confirmation ne correspond pas au mot de passe.",
                   {{"confirm_password", "La confirmation ne correspond pas."}});
  if (auto s = validate_password(password); !s.ok())
    return invalid(s.error().message, {{"password", s.error().message}});
  const Instant now = clock_.now();
  SignedIn out{random_token(), random_token(), {}};
  return transact<SignedIn>(store_, [&](Repos& r) -> Result<SignedIn> {
    auto l = usable_link(r, token, "invitation", now);
    if (!l.ok()) return l.error();
    if (!r.auth.use_link(l->id, now)) return rule_violation("Ce lien a déjà été utilisé.");
    auto u = r.users.find(l->user_id);
    if (auto s = set_user_password(r, u->id, password); !s.ok()) return s.error();
    Actor self = load_actor(r, *u);
    record(r, clock_, self, "account.invitation_accept", "user", u->id);  // SEC-2
    r.auth.insert_session(
        WebSession{token_digest(out.session_token), u->id, out.csrf_token, now, now, remote_addr});
    out.actor = self;
    return out;
  });
}

Result<std::string> AuthService::unlock(const std::string& token) {
  const Instant now = clock_.now();
  return transact<std::string>(store_, [&](Repos& r) -> Result<std::string> {
    auto l = usable_link(r, token, "unlock", now);
    if (!l.ok()) return l.error();
    if (!r.auth.use_link(l->id, now)) return rule_violation("Ce lien a déjà été utilisé.");
    auto u = r.users.find(l->user_id);
    r.auth.clear_login_failures_with_prefix(account_prefix(u->email));
    record(r, clock_, load_actor(r, *u), "account.unlock", "user", u->id);  // SEC-2
    return u->email;
  });
}

}  // namespace parcours
