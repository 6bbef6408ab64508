// The `parcours` program's subcommands (DESIGN §1: cli calls app use cases).
#pragma once

#include <cstdint>
#include <string>

#include "cli/mail.h"

namespace parcours::cli {

struct ServeOptions {
  std::string database;
  std::string bind = "127.0.0.1";
  int port = 8080;
  std::string web_root;
  std::string assets_root;
  bool secure_cookies = false;
  bool behind_proxy = false;
  std::string metrics_token;      // SEC-5: bearer token for /metrics
  bool metrics_loopback = false;  // /metrics also from 127.0.0.1/::1 without a proxy
  int threads = 0;                // 0: 16 worker threads
  // SEC-6: connections at once, in total and from one address (over it: 503 + Retry-After).
  int max_connections = 10000;
  int max_connections_per_address = 1024;
  std::string programmes_dir = PARCOURS_SOURCE_DIR "/config/programmes";
  MailConfig mail;  // SPEC DL-2: without an SMTP URL, e-mails wait in the outbox
};

int serve(const ServeOptions& o);
int migrate(const std::string& database);
// Password read from stdin (never argv).
int user_add(const std::string& database, const std::string& email, const std::string& name,
             const std::string& role, const std::string& org_code);
// `parcours demo --people N`: the national dataset on top of the demo
// (storage/national_generator.h). people < 0: the demo alone.
struct DemoNationalOptions {
  long long people = -1;
  std::uint64_t seed = 20250101;  // storage::kDefaultNationalSeed
  std::string today;              // "YYYY-MM-DD"; empty: today from the system clock
};
int demo(const std::string& database, const std::string& reference_file,
         const std::string& programmes_dir, const DemoNationalOptions& national = {});
int import_file(const std::string& database, const std::string& kind, const std::string& file);
// SEC-2: walks the audit trail. 0 when intact, 1 when altered (the problem on stderr), 2 when
// it could not be verified (database unreachable or not migrated).
int audit_verify(const std::string& database);

// Reads a whole file; throws std::runtime_error with a French message.
std::string read_file(const std::string& path);

}  // namespace parcours::cli
