// The two database backends of the storage layer (DESIGN §1): SQLite embedded by default,
// PostgreSQL to scale out.
#pragma once

namespace parcours {

enum class Backend { sqlite, postgresql };

// "sqlite" or "postgresql", as returned by Store::backend().
inline const char* backend_name(Backend b) {
  return b == Backend::sqlite ? "sqlite" : "postgresql";
}

}  // namespace parcours
