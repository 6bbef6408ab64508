// Prepared statements kept per SQLite connection (issue 13): preparing the same queries again
// at every request was about a quarter of a daily page's cost. row_util.h's helpers use it;
// SociStore turns it on for each SQLite connection and clears it before the connection is
// closed or reopened.
//
// One statement per query text and connection, reused when the same text comes back with the
// same parameter types; a statement already running (a query issued from inside another's
// row callback) is never shared: the caller then prepares a one-time statement. The number of
// statements kept per connection is bounded. PostgreSQL connections keep no statement (each
// query stays one PQexecParams).
#pragma once

#include <functional>
#include <string>

#include <soci/soci.h>

namespace parcours::storage {

class Params;

// Keeps prepared statements for this (SQLite) connection from now on.
void keep_statements(soci::session& sql);
// Finalises the statements kept for this connection; call before closing or reopening it.
void forget_statements(soci::session& sql);

// What to do with a statement's result: call on_row for each row, or read one integer
// (INSERT … RETURNING id) into *id, or else count the rows it changed into *affected.
struct KeptResult {
  const std::function<void(const soci::row&)>* on_row = nullptr;
  long long* id = nullptr;
  long long* affected = nullptr;
};

// Runs `query` with `params` through a kept statement. Returns false, having done nothing,
// when no kept statement can serve (not a caching connection, the statement is busy or was
// kept with other parameter types, the cache is full): the caller runs it the usual way.
// Throws as a one-time statement would; a statement that failed is not kept.
bool run_kept(soci::session& sql, const std::string& query, Params& params, KeptResult result);

}  // namespace parcours::storage
