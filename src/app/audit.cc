#include "app/audit.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <unordered_map>

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

namespace {

// An entry without its place in the chain (seq, prev_hash, hash).
AuditEntry draft(Instant at, const Actor& actor, const std::string& action,
                 const std::string& subject_type, Id subject_id, Id person_id,
                 const std::string& detail) {
  AuditEntry e;
  e.at = at;
  e.actor_user_id = actor.user.id;
  e.actor_label = audit_actor_label(actor);
  e.remote_addr = actor.remote_addr;
  e.action = action;
  e.subject_type = subject_type;
  e.subject_id = subject_id;
  e.person_id = person_id;
  e.detail = detail;
  return e;
}

// SEC-2: seq and prev_hash come from the head, locked until the transaction ends (PostgreSQL
// row lock; SQLite: BEGIN IMMEDIATE), so that entries appended by any transaction of any
// process — one change, or a batch of reads — join the one chain in order.
void append_to_chain(Repos& r, std::vector<AuditEntry>& entries) {
  if (entries.empty()) return;
  auto head = r.audit.head_for_update();
  if (!head) throw std::runtime_error("audit trail damaged: the audit_head row is missing");
  long long seq = head->first;
  std::string hash = head->second;
  for (auto& e : entries) {
    e.seq = ++seq;
    e.prev_hash = std::move(hash);
    e.hash = token_digest(audit_payload(e));
    hash = e.hash;
    r.audit.append(e);
  }
  r.audit.set_head(seq, hash);
}

// The group commit of the reads of one Store (record_read): a leader/follower queue.
class ReadJournal {
 public:
  Status record(Store& store, AuditEntry entry) {
    Waiter me{std::move(entry)};
    std::unique_lock lock(mutex_);
    queue_.push_back(&me);
    while (!me.done) {
      if (writing_) {
        changed_.wait(lock);
        continue;
      }
      // Leader: take what is queued (our own entry at least, unless an earlier batch was
      // full), write it without the lock, then hand the outcome to every waiter of the batch.
      writing_ = true;
      std::vector<Waiter*> batch;
      while (!queue_.empty() && batch.size() < kMaxBatch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
      lock.unlock();
      Status status = write(store, batch);
      lock.lock();
      for (Waiter* w : batch) {
        w->status = status;
        w->done = true;
      }
      if (status.ok()) {
        stats_.entries += static_cast<long long>(batch.size());
        ++stats_.transactions;
      } else {
        ++stats_.failed_batches;
      }
      writing_ = false;
      changed_.notify_all();
    }
    return me.status;
  }

  AuditReadStats stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
  }

 private:
  static constexpr std::size_t kMaxBatch = 256;

  struct Waiter {
    AuditEntry entry;
    Status status{};
    bool done = false;
  };

  static Status write(Store& store, const std::vector<Waiter*>& batch) {
    return store.transact([&](Repos& r) -> Status {
      std::vector<AuditEntry> entries;
      entries.reserve(batch.size());
      for (const Waiter* w : batch) entries.push_back(w->entry);
      append_to_chain(r, entries);
      return {};
    });
  }

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Waiter*> queue_;
  bool writing_ = false;
  AuditReadStats stats_;
};

// One journal per Store, created on first use and kept for the process's life. A journal
// holds no reference to its Store between batches (the leader writes through the Store its
// caller passed), so a Store destroyed and another built at the same address is harmless.
ReadJournal& journal_of(const Store& store) {
  static std::mutex registry_mutex;
  static std::unordered_map<const Store*, std::unique_ptr<ReadJournal>> registry;
  std::lock_guard lock(registry_mutex);
  auto& journal = registry[&store];
  if (!journal) journal = std::make_unique<ReadJournal>();
  return *journal;
}

}  // namespace

void record(Repos& r, const Clock& clock, const Actor& actor, const std::string& action,
            const std::string& subject_type, Id subject_id, Id person_id,
            const std::string& detail) {
  std::vector<AuditEntry> entries{
      draft(clock.now(), actor, action, subject_type, subject_id, person_id, detail)};
  append_to_chain(r, entries);
}

Status record_read(Store& store, const Clock& clock, const Actor& actor, const AuditedRead& read) {
  return journal_of(store).record(store, draft(clock.now(), actor, read.action, read.subject_type,
                                               read.subject_id, read.person_id, ""));
}

AuditReadStats audit_read_stats(const Store& store) {
  return journal_of(store).stats();
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
