// Optimistic concurrency at the HTTP edge (issue 12, item 21; app/versions.h).
//
// Forms carry the version they were loaded at in a hidden field « version » and require it. The
// API answers an ETag "v<version>" with the version in the body, and takes the version to check
// from If-Match (412 when it does not match the stored one) or a `version` member of the body
// (409 when stale, from the use case); without either a write is unconditional (compatibility
// with the clients written before versions).
#pragma once

#include "http/message.h"

#include <optional>
#include <string>

#include "domain/result.h"
#include "http/nav.h"

namespace parcours::http {

// The hidden field of an edit form.
Field version_field();
// The version posted by an edit form; invalid (French) when not a number; 0 (unconditional)
// when the field is absent (forms posted by scripts and tests written before versions).
Result<int> posted_version(const Request& req);

// "\"v3\"".
std::string etag_of(int version);
void set_etag(Response& res, int version);

// The If-Match precondition against the stored version: true when absent, "*" or naming it;
// otherwise answers 412 with a French JSON error and returns false.
bool if_match_holds(const Request& req, Response& res, int stored_version);

// The version a write must be based on: If-Match's (once checked), the body's `version` member
// (`body_version`), or `unconditional` when neither is given.
int expected_version(const Request& req, std::optional<long long> body_version, int stored_version,
                     int unconditional);

}  // namespace parcours::http
