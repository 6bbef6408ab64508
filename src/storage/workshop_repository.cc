// Collective workshops, their sessions, participants and attendance (SPEC WS-1..5). Schema and
// the reasons for its indexes: storage/migrations_workshops.cc; orders: storage/repositories.h.
#include <algorithm>
#include <set>

#include "storage/repositories.h"
#include "storage/row_util.h"

namespace parcours::storage {
namespace {

constexpr const char* kWorkshopColumnNames =
    "id, programme_id, provider_id, lot_id, spip_id, site_id, theme, title, description, "
    "intervenant_id, external_professionals, place_id, place_label, list_status, list_comment, "
    "list_decided_by, list_decided_at, status, created_by, created_at";

constexpr const char* kSessionColumns =
    "SELECT id, workshop_id, number, session_date, start_minute, duration_minutes, status, "
    "recorded_by, recorded_at FROM workshop_sessions";

constexpr const char* kParticipantColumns =
    "SELECT id, workshop_id, prescription_id, person_id, status, added_by, added_at "
    "FROM workshop_participants";

// Qualified by a: attendance_of_participant joins the sessions.
constexpr const char* kAttendanceColumns =
    "SELECT a.id, a.workshop_session_id, a.participant_id, a.present, a.absence_reason, "
    "a.absence_justified, a.recorded_by, a.recorded_at FROM workshop_attendance a";

std::string workshop_select() {
  return std::string("SELECT ") + kWorkshopColumnNames + " FROM workshops";
}

Workshop read_workshop(const soci::row& row) {
  RowReader r(row);
  Workshop w;
  w.id = r.integer();
  w.programme_id = r.text();
  w.provider_id = r.integer();
  w.lot_id = r.id_or_zero();
  w.spip_id = r.integer();
  w.site_id = r.id_or_zero();
  w.theme = r.text();
  w.title = r.text();
  w.description = r.text();
  w.intervenant_id = r.id_or_zero();
  w.external_professionals = r.text();
  w.place_id = r.id_or_zero();
  w.place_label = r.text();
  w.list_status = r.text();
  w.list_comment = r.text();
  w.list_decided_by = r.id_or_zero();
  w.list_decided_at = r.instant_or_null();
  w.status = r.text();
  w.created_by = r.id_or_zero();
  w.created_at = r.instant();
  return w;
}

WorkshopSession read_session(const soci::row& row) {
  RowReader r(row);
  WorkshopSession s;
  s.id = r.integer();
  s.workshop_id = r.integer();
  s.number = r.int32();
  s.date = r.date();
  s.start_minute = r.int32();
  s.duration_minutes = r.int32();
  s.status = r.text();
  s.recorded_by = r.id_or_zero();
  s.recorded_at = r.instant_or_null();
  return s;
}

WorkshopParticipant read_participant(const soci::row& row) {
  RowReader r(row);
  WorkshopParticipant p;
  p.id = r.integer();
  p.workshop_id = r.integer();
  p.prescription_id = r.integer();
  p.person_id = r.integer();
  p.status = r.text();
  p.added_by = r.id_or_zero();
  p.added_at = r.instant();
  return p;
}

WorkshopAttendance read_attendance(const soci::row& row) {
  RowReader r(row);
  WorkshopAttendance a;
  a.id = r.integer();
  a.workshop_session_id = r.integer();
  a.participant_id = r.integer();
  a.present = r.boolean();
  a.absence_reason = r.text();
  a.absence_justified = r.boolean();
  a.recorded_by = r.id_or_zero();
  a.recorded_at = r.instant();
  return a;
}

std::string read_theme(const soci::row& row) {
  return RowReader(row).text();
}

// --- Parameters: the columns after id, in table order, for INSERT and UPDATE ----------------

Params workshop_params(const Workshop& w) {
  Params p;
  p.text(w.programme_id).integer(w.provider_id).id_or_null(w.lot_id).integer(w.spip_id);
  p.id_or_null(w.site_id).text(w.theme).text(w.title).text(w.description);
  p.id_or_null(w.intervenant_id).text(w.external_professionals).id_or_null(w.place_id);
  p.text(w.place_label).text(w.list_status).text(w.list_comment);
  p.id_or_null(w.list_decided_by).instant_or_null(w.list_decided_at).text(w.status);
  p.id_or_null(w.created_by).instant(w.created_at);
  return p;
}

Params session_params(const WorkshopSession& s) {
  Params p;
  p.integer(s.workshop_id).integer(s.number).date(s.date).integer(s.start_minute);
  p.integer(s.duration_minutes).text(s.status).id_or_null(s.recorded_by);
  p.instant_or_null(s.recorded_at);
  return p;
}

Params participant_params(const WorkshopParticipant& x) {
  Params p;
  p.integer(x.workshop_id).integer(x.prescription_id).integer(x.person_id).text(x.status);
  p.id_or_null(x.added_by).instant(x.added_at);
  return p;
}

// The recorded values, then the (session, participant) pair.
Params attendance_params(const WorkshopAttendance& a) {
  Params p;
  p.boolean(a.present).text(a.absence_reason).boolean(a.absence_justified);
  p.id_or_null(a.recorded_by).instant(a.recorded_at);
  p.integer(a.workshop_session_id).integer(a.participant_id);
  return p;
}

// " WHERE …" of a workshop list; binds its values.
std::string workshop_filter(const WorkshopQuery& q, Params& params) {
  std::string where;
  auto add = [&](const std::string& condition) {
    where += (where.empty() ? " WHERE " : " AND ") + condition;
  };
  if (q.provider_id) {
    add("provider_id = :provider_id");
    params.integer(*q.provider_id);
  }
  if (q.spip_id) {
    add("spip_id = :spip_id");
    params.integer(*q.spip_id);
  }
  if (q.intervenant_id) {
    add("intervenant_id = :intervenant_id");
    params.integer(*q.intervenant_id);
  }
  if (q.list_status) {
    add("list_status = :list_status");
    params.text(*q.list_status);
  }
  if (q.from) {
    add("EXISTS (SELECT 1 FROM workshop_sessions ws WHERE ws.workshop_id = workshops.id "
        "AND ws.session_date >= :from_date)");
    params.date(*q.from);
  }
  return where;
}

}  // namespace

// --- Workshops (WS-1, WS-3) -----------------------------------------------------------------

Id SqlWorkshopRepository::insert_workshop(const Workshop& w) {
  return insert_returning_id(
      sql_,
      "INSERT INTO workshops (programme_id, provider_id, lot_id, spip_id, site_id, theme, title, "
      "description, intervenant_id, external_professionals, place_id, place_label, list_status, "
      "list_comment, list_decided_by, list_decided_at, status, created_by, created_at) VALUES "
      "(:programme_id, :provider_id, :lot_id, :spip_id, :site_id, :theme, :title, :description, "
      ":intervenant_id, :external_professionals, :place_id, :place_label, :list_status, "
      ":list_comment, :list_decided_by, :list_decided_at, :status, :created_by, :created_at) "
      "RETURNING id",
      workshop_params(w));
}

void SqlWorkshopRepository::update_workshop(const Workshop& w) {
  update_row(sql_, "workshops",
             "UPDATE workshops SET programme_id = :programme_id, provider_id = :provider_id, "
             "lot_id = :lot_id, spip_id = :spip_id, site_id = :site_id, theme = :theme, "
             "title = :title, description = :description, intervenant_id = :intervenant_id, "
             "external_professionals = :external_professionals, place_id = :place_id, "
             "place_label = :place_label, list_status = :list_status, "
             "list_comment = :list_comment, list_decided_by = :list_decided_by, "
             "list_decided_at = :list_decided_at, status = :status, created_by = :created_by, "
             "created_at = :created_at WHERE id = :id",
             workshop_params(w), w.id);
}

std::optional<Workshop> SqlWorkshopRepository::find_workshop(Id id) {
  return one_row(sql_, workshop_select() + " WHERE id = :id", Params().integer(id), read_workshop);
}

// The first session date is computed for the filtered workshops only (see the migration).
std::vector<Workshop> SqlWorkshopRepository::workshops(const WorkshopQuery& q) {
  if (q.limit <= 0) return {};
  Params params;
  std::string where = workshop_filter(q, params);
  params.integer(q.limit);
  return all_rows(
      sql_,
      std::string("SELECT ") + kWorkshopColumnNames + " FROM (SELECT " + kWorkshopColumnNames +
          ", (SELECT MIN(ws.session_date) FROM workshop_sessions ws "
          "WHERE ws.workshop_id = workshops.id) AS first_date FROM workshops" +
          where +
          ") listed ORDER BY CASE WHEN first_date IS NULL THEN 0 ELSE 1 END, first_date DESC, "
          "id DESC LIMIT :limit",
      std::move(params), read_workshop);
}

// --- Sessions (WS-2, WS-5) ------------------------------------------------------------------

Id SqlWorkshopRepository::insert_session(const WorkshopSession& s) {
  return insert_returning_id(
      sql_,
      "INSERT INTO workshop_sessions (workshop_id, number, session_date, start_minute, "
      "duration_minutes, status, recorded_by, recorded_at) VALUES (:workshop_id, :number, "
      ":session_date, :start_minute, :duration_minutes, :status, :recorded_by, :recorded_at) "
      "RETURNING id",
      session_params(s));
}

void SqlWorkshopRepository::update_session(const WorkshopSession& s) {
  update_row(sql_, "workshop_sessions",
             "UPDATE workshop_sessions SET workshop_id = :workshop_id, number = :number, "
             "session_date = :session_date, start_minute = :start_minute, "
             "duration_minutes = :duration_minutes, status = :status, "
             "recorded_by = :recorded_by, recorded_at = :recorded_at WHERE id = :id",
             session_params(s), s.id);
}

std::optional<WorkshopSession> SqlWorkshopRepository::find_session(Id id) {
  return one_row(sql_, std::string(kSessionColumns) + " WHERE id = :id", Params().integer(id),
                 read_session);
}

std::vector<WorkshopSession> SqlWorkshopRepository::sessions_of(Id workshop_id) {
  return all_rows(
      sql_, std::string(kSessionColumns) + " WHERE workshop_id = :workshop_id ORDER BY number, id",
      Params().integer(workshop_id), read_session);
}

// --- Participants (WS-3) --------------------------------------------------------------------

Id SqlWorkshopRepository::insert_participant(const WorkshopParticipant& p) {
  return insert_returning_id(
      sql_,
      "INSERT INTO workshop_participants (workshop_id, prescription_id, person_id, status, "
      "added_by, added_at) VALUES (:workshop_id, :prescription_id, :person_id, :status, "
      ":added_by, :added_at) RETURNING id",
      participant_params(p));
}

void SqlWorkshopRepository::update_participant(const WorkshopParticipant& p) {
  update_row(sql_, "workshop_participants",
             "UPDATE workshop_participants SET workshop_id = :workshop_id, "
             "prescription_id = :prescription_id, person_id = :person_id, status = :status, "
             "added_by = :added_by, added_at = :added_at WHERE id = :id",
             participant_params(p), p.id);
}

std::vector<WorkshopParticipant> SqlWorkshopRepository::participants_of(Id workshop_id) {
  return all_rows(
      sql_, std::string(kParticipantColumns) + " WHERE workshop_id = :workshop_id ORDER BY id",
      Params().integer(workshop_id), read_participant);
}

std::vector<WorkshopParticipant> SqlWorkshopRepository::participations_of(Id prescription_id) {
  return all_rows(
      sql_,
      std::string(kParticipantColumns) + " WHERE prescription_id = :prescription_id ORDER BY id",
      Params().integer(prescription_id), read_participant);
}

// --- Attendance (WS-5, ATT-2) ---------------------------------------------------------------

// Update, else insert: the same two statements on both backends. Two writers racing on a new
// pair meet uq_workshop_attendance_session_participant (→ conflict, try again).
void SqlWorkshopRepository::save_attendance(const WorkshopAttendance& a) {
  long long changed = execute(
      sql_,
      "UPDATE workshop_attendance SET present = :present, absence_reason = :absence_reason, "
      "absence_justified = :absence_justified, recorded_by = :recorded_by, "
      "recorded_at = :recorded_at WHERE workshop_session_id = :workshop_session_id "
      "AND participant_id = :participant_id",
      attendance_params(a));
  if (changed > 0) return;
  execute(sql_,
          "INSERT INTO workshop_attendance (present, absence_reason, absence_justified, "
          "recorded_by, recorded_at, workshop_session_id, participant_id) VALUES (:present, "
          ":absence_reason, :absence_justified, :recorded_by, :recorded_at, "
          ":workshop_session_id, :participant_id)",
          attendance_params(a));
}

std::vector<WorkshopAttendance> SqlWorkshopRepository::attendance_of_session(
    Id workshop_session_id) {
  return all_rows(sql_,
                  std::string(kAttendanceColumns) +
                      " WHERE a.workshop_session_id = :workshop_session_id "
                      "ORDER BY a.participant_id, a.id",
                  Params().integer(workshop_session_id), read_attendance);
}

std::vector<WorkshopAttendance> SqlWorkshopRepository::attendance_of_participant(
    Id participant_id) {
  return all_rows(sql_,
                  std::string(kAttendanceColumns) +
                      " JOIN workshop_sessions s ON s.id = a.workshop_session_id "
                      "WHERE a.participant_id = :participant_id "
                      "ORDER BY s.session_date, s.start_minute, a.id",
                  Params().integer(participant_id), read_attendance);
}

// --- Agreed themes (WS-1) -------------------------------------------------------------------

std::vector<std::string> SqlWorkshopRepository::agreed_themes(Id spip_id,
                                                              const std::string& programme_id) {
  // Sorted here: byte order whatever the database's collation.
  std::vector<std::string> themes =
      all_rows(sql_,
               "SELECT theme_id FROM workshop_theme_agreements WHERE spip_id = :spip_id "
               "AND programme_id = :programme_id",
               Params().integer(spip_id).text(programme_id), read_theme);
  std::sort(themes.begin(), themes.end());
  return themes;
}

void SqlWorkshopRepository::set_agreed_themes(Id spip_id, const std::string& programme_id,
                                              const std::vector<std::string>& theme_ids, Id by,
                                              Instant at) {
  execute(sql_,
          "DELETE FROM workshop_theme_agreements WHERE spip_id = :spip_id "
          "AND programme_id = :programme_id",
          Params().integer(spip_id).text(programme_id));
  for (const std::string& theme : std::set<std::string>(theme_ids.begin(), theme_ids.end())) {
    Params p;
    p.integer(spip_id).text(programme_id).text(theme).id_or_null(by).instant(at);
    execute(sql_,
            "INSERT INTO workshop_theme_agreements (spip_id, programme_id, theme_id, agreed_by, "
            "agreed_at) VALUES (:spip_id, :programme_id, :theme_id, :agreed_by, :agreed_at)",
            std::move(p));
  }
}

}  // namespace parcours::storage
