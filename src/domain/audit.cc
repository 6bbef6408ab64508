#include "domain/audit.h"

namespace parcours {
namespace {

void field(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
  out += ';';
}

void field(std::string& out, long long value) {
  field(out, std::to_string(value));
}

}  // namespace

// SEC-2: the hashed form of an entry; see the header for the format (version 1).
std::string audit_payload(const AuditEntry& e) {
  std::string out = "parcours-audit-v1;";
  field(out, e.seq);
  field(out, static_cast<long long>(e.at.time_since_epoch().count()));
  field(out, static_cast<long long>(e.actor_user_id));
  field(out, e.actor_label);
  field(out, e.remote_addr);
  field(out, e.action);
  field(out, e.subject_type);
  field(out, static_cast<long long>(e.subject_id));
  field(out, static_cast<long long>(e.person_id));
  field(out, e.detail);
  field(out, e.prev_hash);
  return out;
}

}  // namespace parcours
