// Programme cases and their records (SPEC PPAIP-2..17, DL-1, BEN-3). Schema and the reasons
// for its indexes and copied columns: storage/migrations_journey.cc.
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

using nlohmann::json;

constexpr const char* kOrientationColumns =
    "SELECT id, person_id, programme_id, source, source_detail, comment, requested_on, status, "
    "decision_comment, prescription_id, recorded_by, recorded_at FROM orientations";

constexpr const char* kPrescriptionColumns =
    "SELECT id, person_id, programme_id, programme_version, state, modality, spip_id, lot_id, "
    "provider_id, cpip_id, intervenant_id, orientation_id, objectives, person_constraints, "
    "training_timetable, training_until, prescribed_at, reconvocation_pending, end_reason, "
    "ended_at FROM prescriptions";

constexpr const char* kProposalColumns =
    "SELECT id, prescription_id, version, kind, actions, content, justification, "
    "individual_centihours, workshops, workshops_detail, calendar, status, decision_comment, "
    "submitted_by, submitted_at, decided_by, decided_at FROM proposals";

constexpr const char* kSessionColumns =
    "SELECT id, prescription_id, kind, session_date, start_minute, duration_minutes, place_id, "
    "place_label, intervenant_id, status, absence_reason, absence_justified, note, recorded_by, "
    "recorded_at FROM sessions";

constexpr const char* kSuspensionColumns =
    "SELECT id, prescription_id, reason, comment, from_at, until_at FROM suspensions";

constexpr const char* kDeadlineColumns =
    "SELECT id, prescription_id, owner_org_id, rule_id, owner_role, conditional, started_at, "
    "due_at, met_at, waived_at, waiver_reason, paused_since FROM case_deadlines";

constexpr const char* kEventColumns =
    "SELECT id, prescription_id, person_id, event, label, detail, actor_id, actor_label, at "
    "FROM case_events";

constexpr const char* kPermanenceColumns =
    "SELECT id, provider_id, site_id, permanence_date, start_minute, duration_minutes, note, "
    "recorded_by FROM permanences";

// --- JSON columns ---------------------------------------------------------------------------

std::string timetable_json(const std::vector<TimetableSlot>& slots) {
  json out = json::array();
  for (const TimetableSlot& s : slots) {
    out.push_back({{"weekday", s.weekday}, {"start", s.start_minute}, {"end", s.end_minute}});
  }
  return out.dump();
}

std::vector<TimetableSlot> read_timetable(const std::string& text) {
  std::vector<TimetableSlot> slots;
  try {
    for (const json& e : json::parse(text)) {
      slots.push_back(
          {e.at("weekday").get<int>(), e.at("start").get<int>(), e.at("end").get<int>()});
    }
  } catch (const json::exception&) {
    throw std::runtime_error("stored prescriptions.training_timetable is not readable");
  }
  return slots;
}

std::string actions_json(const std::vector<std::string>& actions) {
  return json(actions).dump();
}

std::vector<std::string> read_actions(const std::string& text) {
  try {
    return json::parse(text).get<std::vector<std::string>>();
  } catch (const json::exception&) {
    throw std::runtime_error("stored proposals.actions is not readable");
  }
}

// Hours are stored in hundredths (migrations_journey.cc).
long long centihours(double hours) {
  return std::llround(hours * 100);
}

// --- Row readers ----------------------------------------------------------------------------

Orientation read_orientation(const soci::row& row) {
  RowReader r(row);
  Orientation o;
  o.id = r.integer();
  o.person_id = r.integer();
  o.programme_id = r.text();
  o.source = r.text();
  o.source_detail = r.text();
  o.comment = r.text();
  o.requested_on = r.date();
  o.status = r.text();
  o.decision_comment = r.text();
  o.prescription_id = r.id_or_zero();
  o.recorded_by = r.id_or_zero();
  o.recorded_at = r.instant();
  return o;
}

Prescription read_prescription(const soci::row& row) {
  RowReader r(row);
  Prescription p;
  p.id = r.integer();
  p.person_id = r.integer();
  p.programme_id = r.text();
  p.programme_version = r.text();
  p.state = r.text();
  p.modality = r.text();
  p.spip_id = r.integer();
  p.lot_id = r.id_or_zero();
  p.provider_id = r.id_or_zero();
  p.cpip_id = r.id_or_zero();
  p.intervenant_id = r.id_or_zero();
  p.orientation_id = r.id_or_zero();
  p.objectives = r.text();
  p.constraints = r.text();
  p.training_timetable = read_timetable(r.text());
  p.training_until = r.date_or_null();
  p.prescribed_at = r.instant();
  p.reconvocation_pending = r.boolean();
  p.end_reason = r.text();
  p.ended_at = r.instant_or_null();
  return p;
}

Proposal read_proposal(const soci::row& row) {
  RowReader r(row);
  Proposal p;
  p.id = r.integer();
  p.prescription_id = r.integer();
  p.version = r.int32();
  p.kind = r.text();
  p.actions = read_actions(r.text());
  p.content = r.text();
  p.justification = r.text();
  p.individual_hours = static_cast<double>(r.integer()) / 100.0;
  p.workshops = r.boolean();
  p.workshops_detail = r.text();
  p.calendar = r.text();
  p.status = r.text();
  p.decision_comment = r.text();
  p.submitted_by = r.id_or_zero();
  p.submitted_at = r.instant();
  p.decided_by = r.id_or_zero();
  p.decided_at = r.instant_or_null();
  return p;
}

Session read_session(const soci::row& row) {
  RowReader r(row);
  Session s;
  s.id = r.integer();
  s.prescription_id = r.integer();
  s.kind = r.text();
  s.date = r.date();
  s.start_minute = r.int32();
  s.duration_minutes = r.int32();
  s.place_id = r.id_or_zero();
  s.place_label = r.text();
  s.intervenant_id = r.id_or_zero();
  s.status = r.text();
  s.absence_reason = r.text();
  s.absence_justified = r.boolean();
  s.note = r.text();
  s.recorded_by = r.id_or_zero();
  s.recorded_at = r.instant_or_null();
  return s;
}

Suspension read_suspension(const soci::row& row) {
  RowReader r(row);
  Suspension s;
  s.id = r.integer();
  s.prescription_id = r.integer();
  s.reason = r.text();
  s.comment = r.text();
  s.from = r.instant();
  s.until = r.instant_or_null();
  return s;
}

CaseDeadline read_deadline(const soci::row& row) {
  RowReader r(row);
  CaseDeadline d;
  d.id = r.integer();
  d.prescription_id = r.integer();
  d.owner_org_id = r.integer();
  d.deadline.rule_id = r.text();
  std::string role = r.text();
  auto parsed_role = parse_role(role);
  if (!parsed_role) throw std::runtime_error("unknown case_deadlines.owner_role '" + role + "'");
  d.deadline.owner_role = *parsed_role;
  d.deadline.conditional = r.boolean();
  d.deadline.started_at = r.instant();
  d.deadline.due_at = r.instant();
  d.deadline.met_at = r.instant_or_null();
  d.deadline.waived_at = r.instant_or_null();
  d.deadline.waiver_reason = r.text();
  d.deadline.paused_since = r.instant_or_null();
  return d;
}

CaseEvent read_event(const soci::row& row) {
  RowReader r(row);
  CaseEvent e;
  e.id = r.integer();
  e.prescription_id = r.id_or_zero();
  e.person_id = r.integer();
  e.event = r.text();
  e.label = r.text();
  e.detail = r.text();
  e.actor_id = r.id_or_zero();
  e.actor_label = r.text();
  e.at = r.instant();
  return e;
}

Permanence read_permanence(const soci::row& row) {
  RowReader r(row);
  Permanence p;
  p.id = r.integer();
  p.provider_id = r.integer();
  p.site_id = r.id_or_zero();
  p.date = r.date();
  p.start_minute = r.int32();
  p.duration_minutes = r.int32();
  p.note = r.text();
  p.recorded_by = r.id_or_zero();
  return p;
}

// --- Parameters: the columns after id, in table order, for INSERT and UPDATE ----------------

Params orientation_params(const Orientation& o) {
  Params p;
  p.integer(o.person_id).text(o.programme_id).text(o.source).text(o.source_detail);
  p.text(o.comment).date(o.requested_on).text(o.status).text(o.decision_comment);
  p.id_or_null(o.prescription_id).id_or_null(o.recorded_by).instant(o.recorded_at);
  return p;
}

Params prescription_params(const Prescription& x) {
  Params p;
  p.integer(x.person_id).text(x.programme_id).text(x.programme_version).text(x.state);
  p.text(x.modality).integer(x.spip_id).id_or_null(x.lot_id).id_or_null(x.provider_id);
  p.id_or_null(x.cpip_id).id_or_null(x.intervenant_id).id_or_null(x.orientation_id);
  p.text(x.objectives).text(x.constraints).text(timetable_json(x.training_timetable));
  p.date_or_null(x.training_until).instant(x.prescribed_at).boolean(x.reconvocation_pending);
  p.text(x.end_reason).instant_or_null(x.ended_at);
  return p;
}

Params proposal_params(const Proposal& x) {
  Params p;
  p.integer(x.prescription_id).integer(x.version).text(x.kind).text(actions_json(x.actions));
  p.text(x.content).text(x.justification).integer(centihours(x.individual_hours));
  p.boolean(x.workshops).text(x.workshops_detail).text(x.calendar).text(x.status);
  p.text(x.decision_comment).id_or_null(x.submitted_by).instant(x.submitted_at);
  p.id_or_null(x.decided_by).instant_or_null(x.decided_at);
  return p;
}

// prescription_id twice: the column and the lookup of the provider to copy.
Params session_params(const Session& s) {
  Params p;
  p.integer(s.prescription_id).integer(s.prescription_id).text(s.kind).date(s.date);
  p.integer(s.start_minute).integer(s.duration_minutes).id_or_null(s.place_id);
  p.text(s.place_label).id_or_null(s.intervenant_id).text(s.status).text(s.absence_reason);
  p.boolean(s.absence_justified).text(s.note).id_or_null(s.recorded_by);
  p.instant_or_null(s.recorded_at);
  return p;
}

Params suspension_params(const Suspension& s) {
  Params p;
  p.integer(s.prescription_id).text(s.reason).text(s.comment).instant(s.from);
  p.instant_or_null(s.until);
  return p;
}

Params deadline_params(const CaseDeadline& c) {
  const Deadline& d = c.deadline;
  Params p;
  p.integer(c.prescription_id).integer(c.owner_org_id).text(d.rule_id);
  p.text(role_name(d.owner_role)).boolean(d.conditional).instant(d.started_at);
  p.instant(d.due_at).instant_or_null(d.met_at).instant_or_null(d.waived_at);
  p.text(d.waiver_reason).instant_or_null(d.paused_since);
  p.boolean(!d.met_at && !d.waived_at);
  return p;
}

}  // namespace

// --- Orientations (PPAIP-2) -----------------------------------------------------------------

Id SqlJourneyRepository::insert_orientation(const Orientation& o) {
  return insert_returning_id(
      sql_,
      "INSERT INTO orientations (person_id, programme_id, source, source_detail, comment, "
      "requested_on, status, decision_comment, prescription_id, recorded_by, recorded_at) "
      "VALUES (:person_id, :programme_id, :source, :source_detail, :comment, :requested_on, "
      ":status, :decision_comment, :prescription_id, :recorded_by, :recorded_at) RETURNING id",
      orientation_params(o));
}

void SqlJourneyRepository::update_orientation(const Orientation& o) {
  update_row(sql_, "orientations",
             "UPDATE orientations SET person_id = :person_id, programme_id = :programme_id, "
             "source = :source, source_detail = :source_detail, comment = :comment, "
             "requested_on = :requested_on, status = :status, "
             "decision_comment = :decision_comment, prescription_id = :prescription_id, "
             "recorded_by = :recorded_by, recorded_at = :recorded_at WHERE id = :id",
             orientation_params(o), o.id);
}

std::optional<Orientation> SqlJourneyRepository::find_orientation(Id id) {
  return one_row(sql_, std::string(kOrientationColumns) + " WHERE id = :id", Params().integer(id),
                 read_orientation);
}

std::vector<Orientation> SqlJourneyRepository::orientations_of_person(Id person_id) {
  return all_rows(sql_,
                  std::string(kOrientationColumns) +
                      " WHERE person_id = :person_id ORDER BY requested_on DESC, id DESC",
                  Params().integer(person_id), read_orientation);
}

std::vector<Orientation> SqlJourneyRepository::pending_orientations(Id spip_id) {
  return all_rows(sql_,
                  std::string(kOrientationColumns) +
                      " WHERE status = 'pending' AND person_id IN (SELECT p.id FROM persons p "
                      "WHERE p.spip_id = :spip_id) ORDER BY requested_on, id",
                  Params().integer(spip_id), read_orientation);
}

// --- Prescriptions --------------------------------------------------------------------------

Id SqlJourneyRepository::insert_prescription(const Prescription& p) {
  return insert_returning_id(
      sql_,
      "INSERT INTO prescriptions (person_id, programme_id, programme_version, state, modality, "
      "spip_id, lot_id, provider_id, cpip_id, intervenant_id, orientation_id, objectives, "
      "person_constraints, training_timetable, training_until, prescribed_at, "
      "reconvocation_pending, end_reason, ended_at) VALUES (:person_id, :programme_id, "
      ":programme_version, :state, :modality, :spip_id, :lot_id, :provider_id, :cpip_id, "
      ":intervenant_id, :orientation_id, :objectives, :person_constraints, :training_timetable, "
      ":training_until, :prescribed_at, :reconvocation_pending, :end_reason, :ended_at) "
      "RETURNING id",
      prescription_params(p));
}

void SqlJourneyRepository::update_prescription(const Prescription& p) {
  update_row(sql_, "prescriptions",
             "UPDATE prescriptions SET person_id = :person_id, programme_id = :programme_id, "
             "programme_version = :programme_version, state = :state, modality = :modality, "
             "spip_id = :spip_id, lot_id = :lot_id, provider_id = :provider_id, "
             "cpip_id = :cpip_id, intervenant_id = :intervenant_id, "
             "orientation_id = :orientation_id, objectives = :objectives, "
             "person_constraints = :person_constraints, "
             "training_timetable = :training_timetable, training_until = :training_until, "
             "prescribed_at = :prescribed_at, reconvocation_pending = :reconvocation_pending, "
             "end_reason = :end_reason, ended_at = :ended_at WHERE id = :id",
             prescription_params(p), p.id);
  // Sessions carry a copy of their case's provider (migrations_journey.cc).
  if (p.provider_id != 0) {
    execute(sql_,
            "UPDATE sessions SET provider_id = :provider_id WHERE prescription_id = :id "
            "AND (provider_id IS NULL OR provider_id <> :same_provider_id)",
            Params().integer(p.provider_id).integer(p.id).integer(p.provider_id));
  } else {
    execute(sql_,
            "UPDATE sessions SET provider_id = NULL WHERE prescription_id = :id "
            "AND provider_id IS NOT NULL",
            Params().integer(p.id));
  }
}

std::optional<Prescription> SqlJourneyRepository::find_prescription(Id id) {
  return one_row(sql_, std::string(kPrescriptionColumns) + " WHERE id = :id", Params().integer(id),
                 read_prescription);
}

std::vector<Prescription> SqlJourneyRepository::find_prescriptions(const std::vector<Id>& ids) {
  return rows_with_ids(sql_, kPrescriptionColumns, "id", ids, "", read_prescription);
}

std::vector<Prescription> SqlJourneyRepository::prescriptions(const PrescriptionQuery& q) {
  if (q.limit <= 0) return {};
  Params params;
  std::string where;
  auto add = [&](const std::optional<Id>& value, const char* column) {
    if (!value) return;
    where += std::string(where.empty() ? " WHERE " : " AND ") + column + " = :" + column;
    params.integer(*value);
  };
  add(q.spip_id, "spip_id");
  add(q.provider_id, "provider_id");
  add(q.cpip_id, "cpip_id");
  add(q.person_id, "person_id");
  if (!q.person_ids.empty()) {
    std::string list =
        in_list("person", q.person_ids, params, [](Params& p, Id id) { p.integer(id); });
    where += std::string(where.empty() ? " WHERE " : " AND ") + "person_id IN (" + list + ")";
  }
  if (!q.states.empty()) {
    std::string list =
        in_list("state", q.states, params, [](Params& p, const std::string& s) { p.text(s); });
    where += std::string(where.empty() ? " WHERE " : " AND ") + "state IN (" + list + ")";
  }
  params.integer(q.limit);
  return all_rows(sql_,
                  std::string(kPrescriptionColumns) + where +
                      " ORDER BY prescribed_at DESC, id DESC LIMIT :limit",
                  std::move(params), read_prescription);
}

// --- Proposals (PPAIP-6, PPAIP-7, PPAIP-9) --------------------------------------------------

Id SqlJourneyRepository::insert_proposal(const Proposal& p) {
  return insert_returning_id(
      sql_,
      "INSERT INTO proposals (prescription_id, version, kind, actions, content, justification, "
      "individual_centihours, workshops, workshops_detail, calendar, status, decision_comment, "
      "submitted_by, submitted_at, decided_by, decided_at) VALUES (:prescription_id, :version, "
      ":kind, :actions, :content, :justification, :individual_centihours, :workshops, "
      ":workshops_detail, :calendar, :status, :decision_comment, :submitted_by, :submitted_at, "
      ":decided_by, :decided_at) RETURNING id",
      proposal_params(p));
}

void SqlJourneyRepository::update_proposal(const Proposal& p) {
  update_row(sql_, "proposals",
             "UPDATE proposals SET prescription_id = :prescription_id, version = :version, "
             "kind = :kind, actions = :actions, content = :content, "
             "justification = :justification, individual_centihours = :individual_centihours, "
             "workshops = :workshops, workshops_detail = :workshops_detail, "
             "calendar = :calendar, status = :status, decision_comment = :decision_comment, "
             "submitted_by = :submitted_by, submitted_at = :submitted_at, "
             "decided_by = :decided_by, decided_at = :decided_at WHERE id = :id",
             proposal_params(p), p.id);
}

std::optional<Proposal> SqlJourneyRepository::find_proposal(Id id) {
  return one_row(sql_, std::string(kProposalColumns) + " WHERE id = :id", Params().integer(id),
                 read_proposal);
}

std::vector<Proposal> SqlJourneyRepository::proposals_of(Id prescription_id) {
  return all_rows(sql_,
                  std::string(kProposalColumns) +
                      " WHERE prescription_id = :prescription_id ORDER BY version, id",
                  Params().integer(prescription_id), read_proposal);
}

std::vector<Proposal> SqlJourneyRepository::proposals_of_cases(
    const std::vector<Id>& prescription_ids) {
  return rows_with_ids(sql_, kProposalColumns, "prescription_id", prescription_ids, "version, id",
                       read_proposal);
}

// --- Sessions -------------------------------------------------------------------------------

Id SqlJourneyRepository::insert_session(const Session& s) {
  return insert_returning_id(
      sql_,
      "INSERT INTO sessions (prescription_id, provider_id, kind, session_date, start_minute, "
      "duration_minutes, place_id, place_label, intervenant_id, status, absence_reason, "
      "absence_justified, note, recorded_by, recorded_at) VALUES (:prescription_id, "
      "(SELECT pr.provider_id FROM prescriptions pr WHERE pr.id = :case_id), :kind, "
      ":session_date, :start_minute, :duration_minutes, :place_id, :place_label, "
      ":intervenant_id, :status, :absence_reason, :absence_justified, :note, :recorded_by, "
      ":recorded_at) RETURNING id",
      session_params(s));
}

void SqlJourneyRepository::update_session(const Session& s) {
  update_row(sql_, "sessions",
             "UPDATE sessions SET prescription_id = :prescription_id, provider_id = (SELECT "
             "pr.provider_id FROM prescriptions pr WHERE pr.id = :case_id), kind = :kind, "
             "session_date = :session_date, start_minute = :start_minute, "
             "duration_minutes = :duration_minutes, place_id = :place_id, "
             "place_label = :place_label, intervenant_id = :intervenant_id, status = :status, "
             "absence_reason = :absence_reason, absence_justified = :absence_justified, "
             "note = :note, recorded_by = :recorded_by, recorded_at = :recorded_at "
             "WHERE id = :id",
             session_params(s), s.id);
}

std::optional<Session> SqlJourneyRepository::find_session(Id id) {
  return one_row(sql_, std::string(kSessionColumns) + " WHERE id = :id", Params().integer(id),
                 read_session);
}

std::vector<Session> SqlJourneyRepository::sessions_of(Id prescription_id) {
  return all_rows(sql_,
                  std::string(kSessionColumns) +
                      " WHERE prescription_id = :prescription_id "
                      "ORDER BY session_date, start_minute, id",
                  Params().integer(prescription_id), read_session);
}

std::vector<Session> SqlJourneyRepository::sessions_of_provider(Id provider_id, Date from, Date to,
                                                                std::optional<Id> intervenant_id) {
  Params params;
  params.integer(provider_id).date(from).date(to);
  std::string filter;
  if (intervenant_id) {
    filter = " AND intervenant_id = :intervenant_id";
    params.integer(*intervenant_id);
  }
  return all_rows(sql_,
                  std::string(kSessionColumns) +
                      " WHERE provider_id = :provider_id AND session_date >= :from_date "
                      "AND session_date <= :to_date" +
                      filter + " ORDER BY session_date, start_minute, id",
                  std::move(params), read_session);
}

// --- Suspensions (PPAIP-13) -----------------------------------------------------------------

Id SqlJourneyRepository::insert_suspension(const Suspension& s) {
  return insert_returning_id(
      sql_,
      "INSERT INTO suspensions (prescription_id, reason, comment, from_at, until_at) VALUES "
      "(:prescription_id, :reason, :comment, :from_at, :until_at) RETURNING id",
      suspension_params(s));
}

void SqlJourneyRepository::update_suspension(const Suspension& s) {
  update_row(sql_, "suspensions",
             "UPDATE suspensions SET prescription_id = :prescription_id, reason = :reason, "
             "comment = :comment, from_at = :from_at, until_at = :until_at WHERE id = :id",
             suspension_params(s), s.id);
}

std::vector<Suspension> SqlJourneyRepository::suspensions_of(Id prescription_id) {
  return all_rows(sql_,
                  std::string(kSuspensionColumns) +
                      " WHERE prescription_id = :prescription_id ORDER BY from_at, id",
                  Params().integer(prescription_id), read_suspension);
}

// --- Deadlines (DL-1, DL-2) -----------------------------------------------------------------

Id SqlJourneyRepository::insert_deadline(const CaseDeadline& d) {
  return insert_returning_id(
      sql_,
      "INSERT INTO case_deadlines (prescription_id, owner_org_id, rule_id, owner_role, "
      "conditional, started_at, due_at, met_at, waived_at, waiver_reason, paused_since, "
      "is_open) VALUES (:prescription_id, :owner_org_id, :rule_id, :owner_role, :conditional, "
      ":started_at, :due_at, :met_at, :waived_at, :waiver_reason, :paused_since, :is_open) "
      "RETURNING id",
      deadline_params(d));
}

void SqlJourneyRepository::update_deadline(const CaseDeadline& d) {
  update_row(sql_, "case_deadlines",
             "UPDATE case_deadlines SET prescription_id = :prescription_id, "
             "owner_org_id = :owner_org_id, rule_id = :rule_id, owner_role = :owner_role, "
             "conditional = :conditional, started_at = :started_at, due_at = :due_at, "
             "met_at = :met_at, waived_at = :waived_at, waiver_reason = :waiver_reason, "
             "paused_since = :paused_since, is_open = :is_open WHERE id = :id",
             deadline_params(d), d.id);
}

std::vector<CaseDeadline> SqlJourneyRepository::deadlines_of(Id prescription_id) {
  return all_rows(sql_,
                  std::string(kDeadlineColumns) +
                      " WHERE prescription_id = :prescription_id ORDER BY due_at, id",
                  Params().integer(prescription_id), read_deadline);
}

std::vector<CaseDeadline> SqlJourneyRepository::deadlines_of_cases(
    const std::vector<Id>& prescription_ids) {
  return rows_with_ids(sql_, kDeadlineColumns, "prescription_id", prescription_ids, "due_at, id",
                       read_deadline);
}

std::vector<CaseDeadline> SqlJourneyRepository::owed_deadlines_of_owners(
    const std::vector<Id>& org_ids, const std::vector<std::string>& closed_states, int limit) {
  if (org_ids.empty() || limit <= 0) return {};
  Params params;
  std::string list = in_list("owner", org_ids, params, [](Params& p, Id id) { p.integer(id); });
  std::string closed;
  if (!closed_states.empty())
    closed =
        " AND NOT EXISTS (SELECT 1 FROM prescriptions p WHERE p.id = "
        "case_deadlines.prescription_id AND p.state IN (" +
        in_list("closed", closed_states, params,
                [](Params& p, const std::string& s) { p.text(s); }) +
        "))";
  params.integer(limit);
  return all_rows(sql_,
                  std::string(kDeadlineColumns) + " WHERE owner_org_id IN (" + list +
                      ") AND is_open = 1 AND conditional = 0" + closed +
                      " ORDER BY due_at, id LIMIT :limit",
                  std::move(params), read_deadline);
}

// --- Events (BEN-3) -------------------------------------------------------------------------

Id SqlJourneyRepository::insert_event(const CaseEvent& e) {
  Params p;
  p.id_or_null(e.prescription_id).integer(e.person_id).text(e.event).text(e.label);
  p.text(e.detail).id_or_null(e.actor_id).text(e.actor_label).instant(e.at);
  return insert_returning_id(
      sql_,
      "INSERT INTO case_events (prescription_id, person_id, event, label, detail, actor_id, "
      "actor_label, at) VALUES (:prescription_id, :person_id, :event, :label, :detail, "
      ":actor_id, :actor_label, :at) RETURNING id",
      std::move(p));
}

std::vector<CaseEvent> SqlJourneyRepository::events_of_person(Id person_id, int limit) {
  if (limit <= 0) return {};
  return all_rows(sql_,
                  std::string(kEventColumns) +
                      " WHERE person_id = :person_id ORDER BY at DESC, id DESC LIMIT :limit",
                  Params().integer(person_id).integer(limit), read_event);
}

std::vector<CaseEvent> SqlJourneyRepository::events_of(Id prescription_id) {
  return all_rows(sql_,
                  std::string(kEventColumns) +
                      " WHERE prescription_id = :prescription_id ORDER BY at DESC, id DESC",
                  Params().integer(prescription_id), read_event);
}

// --- Permanences (PPAIP-17) -----------------------------------------------------------------

Id SqlJourneyRepository::insert_permanence(const Permanence& p) {
  Params params;
  params.integer(p.provider_id).id_or_null(p.site_id).date(p.date).integer(p.start_minute);
  params.integer(p.duration_minutes).text(p.note).id_or_null(p.recorded_by);
  return insert_returning_id(
      sql_,
      "INSERT INTO permanences (provider_id, site_id, permanence_date, start_minute, "
      "duration_minutes, note, recorded_by) VALUES (:provider_id, :site_id, :permanence_date, "
      ":start_minute, :duration_minutes, :note, :recorded_by) RETURNING id",
      std::move(params));
}

std::vector<Permanence> SqlJourneyRepository::permanences_of(Id provider_id, Date from, Date to) {
  return all_rows(sql_,
                  std::string(kPermanenceColumns) +
                      " WHERE provider_id = :provider_id AND permanence_date >= :from_date "
                      "AND permanence_date <= :to_date ORDER BY permanence_date, start_minute, id",
                  Params().integer(provider_id).date(from).date(to), read_permanence);
}

}  // namespace parcours::storage
