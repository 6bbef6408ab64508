// JSON shapes of the journey API (/api/v1, documented in docs/openapi.json): people, cases,
// proposals, sessions, deadlines, the "À faire" list and notifications, and the reading of
// request bodies with French field errors (SPEC SEC-5: every input validated).
//
// Formats: dates "YYYY-MM-DD"; instants ISO 8601 UTC "2025-03-03T13:30:00Z"; times of day
// "HH:MM" (Europe/Paris wall clock); identifiers 0 are written null.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include "http/message.h"

#include "app/journey.h"
#include "app/notifications.h"

namespace parcours::http {

// ---- Request bodies ----------------------------------------------------------------------

// Reads a JSON object body. An empty body reads as {}. A body that is not a JSON object is
// `malformed` (400); a field of the wrong type or format adds a French field error (422).
// Absent and null fields give the fallback.
class JsonBody {
 public:
  explicit JsonBody(const std::string& text);
  // A nested object (e.g. "diagnosis"): field errors are named "<prefix>.<field>".
  JsonBody(const nlohmann::json& object, std::string prefix);

  bool malformed() const { return malformed_; }
  // Present and not null.
  bool has(const std::string& k) const;
  const nlohmann::json& raw(const std::string& k) const { return j_.at(k); }

  std::string text(const std::string& k, const std::string& fallback = "");
  long long integer(const std::string& k, long long fallback = 0);
  Id id(const std::string& k, Id fallback = 0);  // integer >= 0
  double number(const std::string& k, double fallback = 0);
  bool boolean(const std::string& k, bool fallback = false);
  std::optional<bool> optional_boolean(const std::string& k);
  std::optional<Date> date(const std::string& k);       // "YYYY-MM-DD"
  std::optional<int> clock_time(const std::string& k);  // "HH:MM" → minutes since midnight
  std::vector<std::string> strings(const std::string& k);
  // Update semantics for an optional date: absent keeps `target`, null or "" clears it.
  void date_field(const std::string& k, std::optional<Date>& target);

  // Adds "Ce champ est obligatoire." when the field is absent or null.
  void require(const std::string& k);
  void add(const std::string& k, const std::string& message);
  // Takes the field errors of a nested body.
  void absorb(const JsonBody& nested);
  std::string field(const std::string& k) const { return prefix_ + k; }

  // nullopt when the body is usable.
  std::optional<Error> error() const;
  // Answers 400 (malformed body) or 422 (field errors); true when it did.
  bool reject(Response& res) const;

 private:
  nlohmann::json j_;
  std::string prefix_;
  bool malformed_ = false;
  std::vector<FieldError> errors_;
};

// ---- Formats -----------------------------------------------------------------------------

std::string iso_instant(Instant t);         // "2025-03-03T13:30:00Z"
std::string clock_text(int minute_of_day);  // "09:05"
nlohmann::json date_or_null(const std::optional<Date>& d);
nlohmann::json instant_or_null(const std::optional<Instant>& t);
nlohmann::json id_or_null(Id id);
// References embedded in resources: {id, name, kind} and {id, full_name, email, phone}; null
// for id 0.
nlohmann::json org_ref(const Organisation& o);
nlohmann::json user_ref(const User& u);
nlohmann::json place_json(const Place& p);
// Adds the keys of `extra` to `base` (flattened resources).
nlohmann::json merged(nlohmann::json base, const nlohmann::json& extra);

// ---- Writing -----------------------------------------------------------------------------

// Judicial information (status, sentence end) only when `judicial_visible` (SEC-1).
nlohmann::json to_json(const Person& p, bool judicial_visible);
nlohmann::json to_json(const PersonSummary& s, bool judicial_visible);
nlohmann::json to_json(const PersonFile& f);
nlohmann::json to_json(const Orientation& o);
nlohmann::json to_json(const std::vector<TimetableSlot>& slots);
nlohmann::json to_json(const Prescription& p);
nlohmann::json to_json(const PrescriptionSummary& s);
nlohmann::json to_json(const Proposal& p);
nlohmann::json to_json(const ProposalView& v);
nlohmann::json to_json(const Session& s);
nlohmann::json to_json(const SessionView& v);
nlohmann::json to_json(const Suspension& s);
nlohmann::json to_json(const DeadlineView& d);
nlohmann::json to_json(const CaseEvent& e);
nlohmann::json to_json(const PrescriptionView& v);
nlohmann::json to_json(const TodoItem& t);
nlohmann::json to_json(const Permanence& p);
nlohmann::json to_json(const Notification& n);
nlohmann::json to_json(const NotificationPrefs& p);

// ---- Reading -----------------------------------------------------------------------------

// Fields present in the body replace those of `p` (absent ones keep their value). With
// `creating`, the identity and situation fields are required.
void from_json(JsonBody& b, Person& p, bool creating);
void from_json(JsonBody& b, Orientation& o);
// `training_timetable` is either parse_timetable text or [{weekday, start, end}].
void from_json(JsonBody& b, PrescriptionInput& in);
void from_json(JsonBody& b, EventInput& in);
void from_json(JsonBody& b, Proposal& p);
// date, start "HH:MM", duration_minutes, place_id, place_label, intervenant_id.
void from_json(JsonBody& b, Session& s);
void from_json(JsonBody& b, AttendanceInput& in);
// site_id, date, start, duration_minutes, note (provider_id is the caller's business).
void from_json(JsonBody& b, Permanence& p);

}  // namespace parcours::http
