#include "app/audit.h"

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/secrets.h"

namespace parcours {
namespace {

constexpr int kVerifyPage = 1000;
constexpr const char* kCommandLine = "Ligne de commande";

std::string number(long long n) {
  return "n° " + std::to_string(n);
}

// "1 entrée", "40 entrées"
std::string entries_text(long long n) {
  return std::to_string(n) + (n > 1 ? " entrées" : " entrée");
}

// "38 sont présentes", "1 est présente", "aucune n’est présente"
std::string present_text(long long n) {
  if (n == 0) return "aucune n’est présente";
  return std::to_string(n) + (n > 1 ? " sont présentes" : " est présente");
}

AuditVerification failure(long long checked, long long seq, std::string problem) {
  return AuditVerification{false, checked, seq, std::move(problem)};
}

// Checks entries one by one against the chain so far (SEC-2).
class ChainWalk {
 public:
  // nullopt while the chain holds; the failure otherwise.
  std::optional<AuditVerification> check(const AuditEntry& e) {
    const long long expected = last_seq_ + 1;
    if (e.seq > expected) return missing(expected, e.seq - 1);
    if (e.seq < expected)
      return failure(checked_, e.seq,
                     "Entrée " + number(e.seq) + " en double : la chaîne est rompue.");
    if (token_digest(audit_payload(e)) != e.hash)
      return failure(checked_, e.seq,
                     "Entrée " + number(e.seq) +
                         " modifiée : son empreinte ne correspond plus à son contenu.");
    if (e.prev_hash != last_hash_) return broken_link(e.seq);
    last_seq_ = e.seq;
    last_hash_ = e.hash;
    ++checked_;
    return std::nullopt;
  }

  // Compares the end of the chain with the head (seq and hash of the last entry).
  AuditVerification finish(long long head_seq, const std::string& head_hash) const {
    if (last_seq_ < head_seq)
      return failure(checked_, last_seq_ + 1,
                     "Les dernières entrées ont été supprimées : la tête du journal indique " +
                         entries_text(head_seq) + ", " + present_text(checked_) + ".");
    if (head_hash != last_hash_)
      return failure(checked_, head_seq == 0 ? 1 : head_seq,
                     "La tête du journal ne correspond pas à l’entrée " + number(head_seq) +
                         " : elle a été modifiée ou remplacée.");
    return AuditVerification{true, checked_, 0, ""};
  }

  long long last_seq() const { return last_seq_; }

 private:
  AuditVerification missing(long long from, long long to) const {
    if (from == to)
      return failure(checked_, from,
                     "Entrée " + number(from) + " manquante : la chaîne est rompue.");
    return failure(checked_, from,
                   "Entrées " + number(from) + " à " + std::to_string(to) +
                       " manquantes : la chaîne est rompue.");
  }

  // The entry is intact but does not follow the previous one: the previous one was replaced
  // (hash recomputed), or this one was forged from another chain.
  AuditVerification broken_link(long long seq) const {
    if (seq == 1)
      return failure(checked_, 1,
                     "Entrée n° 1 : elle devrait ouvrir le journal mais suit une autre entrée.");
    return failure(checked_, seq - 1,
                   "Entrée " + number(seq) + " : son lien avec l’entrée " + number(seq - 1) +
                       " est rompu ; l’une des deux a été modifiée ou remplacée.");
  }

  long long last_seq_ = 0;
  std::string last_hash_;
  long long checked_ = 0;
};

AuditVerification verify(Repos& r) {
  auto head = r.audit.head();
  if (!head)
    return failure(0, 1, "La tête du journal d’audit a été supprimée : le journal est altéré.");
  ChainWalk walk;
  for (;;) {
    auto page = r.audit.entries_after(walk.last_seq(), kVerifyPage);
    for (const auto& e : page) {
      if (e.seq > head->first) return walk.finish(head->first, head->second);
      if (auto bad = walk.check(e)) return *bad;
    }
    if (static_cast<int>(page.size()) < kVerifyPage) break;
  }
  return walk.finish(head->first, head->second);
}

}  // namespace

std::string audit_actor_label(const Actor& actor) {
  if (actor.user.id != 0) return actor.user.full_name;
  const std::string& name = actor.user.full_name;
  if (name.empty() || name == kCommandLine) return kCommandLine;
  return name + " (ligne de commande)";
}

// SEC-2: seq and prev_hash come from the locked head, so the entry joins the one chain.
void record(Repos& r, const Clock& clock, const Actor& actor, const std::string& action,
            const std::string& subject_type, Id subject_id, Id person_id,
            const std::string& detail) {
  auto head = r.audit.head_for_update();
  if (!head) throw std::runtime_error("audit trail damaged: the audit_head row is missing");
  AuditEntry e;
  e.seq = head->first + 1;
  e.at = clock.now();
  e.actor_user_id = actor.user.id;
  e.actor_label = audit_actor_label(actor);
  e.remote_addr = actor.remote_addr;
  e.action = action;
  e.subject_type = subject_type;
  e.subject_id = subject_id;
  e.person_id = person_id;
  e.detail = detail;
  e.prev_hash = head->second;
  e.hash = token_digest(audit_payload(e));
  r.audit.append(e);
  r.audit.set_head(e.seq, e.hash);
}

void record_denied(Store& store, const Clock& clock, const Actor& actor, const std::string& action,
                   const std::string& subject_type, Id subject_id) {
  (void)store.transact([&](Repos& r) -> Status {
    record(r, clock, actor, "access.denied", subject_type, subject_id, 0,
           nlohmann::json{{"action", action}}.dump());
    return {};
  });
}

Result<AuditVerification> verify_audit(Store& store) {
  return read<AuditVerification>(store,
                                 [](Repos& r) -> Result<AuditVerification> { return verify(r); });
}

}  // namespace parcours
