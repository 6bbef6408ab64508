// Reporting records and facts (SPEC INV-1 statements, DL-3, REP-2, ORG-4, INV-2 alerts).
#include "storage/error_mapping.h"
#include "storage/reporting_internal.h"

namespace parcours::storage {
namespace {

constexpr const char* kStatementColumns =
    "SELECT id, lot_id, period_month, sequence, number, issued_at, issued_by, "
    "individual_minutes, collective_minutes, individual_cents, collective_cents, flagged_lines "
    "FROM statements";

Statement read_statement(const soci::row& row) {
  RowReader r(row);
  Statement s;
  s.id = r.integer();
  s.lot_id = r.integer();
  s.period_month = r.text();
  s.sequence = r.int32();
  s.number = r.text();
  s.issued_at = r.instant();
  s.issued_by = r.id_or_zero();
  s.individual_minutes = r.integer();
  s.collective_minutes = r.integer();
  s.individual_cents = r.integer();
  s.collective_cents = r.integer();
  s.flagged_lines = r.int32();
  return s;
}

constexpr const char* kLineColumns =
    "SELECT l.id, l.statement_id, l.line_no, l.modality, l.source_id, l.session_date, "
    "l.start_minute, l.label, l.intervenant_id, l.intervenant_name, l.minutes, "
    "l.unit_price_cents, l.amount_cents, l.flags, l.corrects_line_id FROM statement_lines l";

StatementLine read_line(const soci::row& row) {
  RowReader r(row);
  StatementLine l;
  l.id = r.integer();
  l.statement_id = r.integer();
  l.line_no = r.int32();
  l.modality = r.text();
  l.source_id = r.integer();
  l.date = r.date();
  l.start_minute = r.int32();
  l.label = r.text();
  l.intervenant_id = r.id_or_zero();
  l.intervenant_name = r.text();
  l.minutes = r.integer();
  l.unit_price_cents = r.integer();
  l.amount_cents = r.integer();
  l.flags = r.text();
  l.corrects_line_id = r.id_or_zero();
  return l;
}

AuthorisationWindow read_window(const soci::row& row) {
  RowReader r(row);
  AuthorisationWindow w;
  w.user_id = r.integer();
  w.establishment_id = r.integer();
  w.granted_on = r.date_or_null();
  w.ends_on = r.date_or_null();
  return w;
}

DeadlineFact read_deadline(const soci::row& row) {
  RowReader r(row);
  DeadlineFact d;
  d.id = r.integer();
  d.prescription_id = r.integer();
  d.person_id = r.integer();
  std::string last = r.text();
  d.person_name = last + " " + r.text();
  d.rule_id = r.text();
  d.conditional = r.boolean();
  d.due_at = r.instant();
  d.met_at = r.instant_or_null();
  d.waived_at = r.instant_or_null();
  d.provider_id = r.id_or_zero();
  d.lot_id = r.id_or_zero();
  d.spip_id = r.integer();
  return d;
}

PrescriptionFact read_prescription(const soci::row& row) {
  RowReader r(row);
  PrescriptionFact f;
  f.prescription_id = r.integer();
  f.person_id = r.integer();
  f.sex = r.text();
  f.birth_date = r.date();
  f.qualification = r.text();
  f.spip_id = r.integer();
  f.lot_id = r.id_or_zero();
  f.prescribed_at = r.instant();
  f.ended_at = r.instant_or_null();
  f.state = r.text();
  f.end_reason = r.text();
  return f;
}

constexpr const char* kReplacementColumns =
    "SELECT id, provider_org_id, user_id, reason, from_on, replacement_user_id, replaced_on, "
    "note, recorded_by, recorded_at FROM staff_replacements";

StaffReplacement read_replacement(const soci::row& row) {
  RowReader r(row);
  StaffReplacement x;
  x.id = r.integer();
  x.provider_org_id = r.integer();
  x.user_id = r.integer();
  x.reason = r.text();
  x.from_on = r.date();
  x.replacement_user_id = r.id_or_zero();
  x.replaced_on = r.date_or_null();
  x.note = r.text();
  x.recorded_by = r.id_or_zero();
  x.recorded_at = r.instant();
  return x;
}

Params replacement_params(const StaffReplacement& x) {
  Params p;
  p.integer(x.provider_org_id).integer(x.user_id).text(x.reason).date(x.from_on);
  p.id_or_null(x.replacement_user_id).date_or_null(x.replaced_on).text(x.note);
  p.id_or_null(x.recorded_by).instant(x.recorded_at);
  return p;
}

}  // namespace

std::vector<AuthorisationWindow> SqlReportingRepository::authorisations_of(
    const std::vector<Id>& user_ids) {
  if (user_ids.empty()) return {};
  Params p;
  std::string in = in_list("user", user_ids, p, [](Params& q, Id id) { q.integer(id); });
  return all_rows(sql_,
                  "SELECT user_id, establishment_id, granted_on, ends_on FROM "
                  "access_authorisations WHERE user_id IN (" +
                      in + ") ORDER BY user_id, establishment_id, id",
                  std::move(p), &read_window);
}

Id SqlReportingRepository::insert_statement(const Statement& s) {
  Params p;
  p.integer(s.lot_id).text(s.period_month).integer(s.sequence).text(s.number);
  p.instant(s.issued_at).id_or_null(s.issued_by).integer(s.individual_minutes);
  p.integer(s.collective_minutes).integer(s.individual_cents).integer(s.collective_cents);
  p.integer(s.flagged_lines);
  return insert_returning_id(
      sql_,
      "INSERT INTO statements (lot_id, period_month, sequence, number, issued_at, issued_by, "
      "individual_minutes, collective_minutes, individual_cents, collective_cents, "
      "flagged_lines) VALUES (:lot_id, :period_month, :sequence, :number, :issued_at, "
      ":issued_by, :individual_minutes, :collective_minutes, :individual_cents, "
      ":collective_cents, :flagged_lines) RETURNING id",
      std::move(p));
}

Id SqlReportingRepository::insert_statement_line(const StatementLine& l) {
  Params p;
  p.integer(l.statement_id).integer(l.line_no).text(l.modality).integer(l.source_id);
  p.date(l.date).integer(l.start_minute).text(l.label).id_or_null(l.intervenant_id);
  p.text(l.intervenant_name).integer(l.minutes).integer(l.unit_price_cents);
  p.integer(l.amount_cents).text(l.flags).id_or_null(l.corrects_line_id);
  return insert_returning_id(
      sql_,
      "INSERT INTO statement_lines (statement_id, line_no, modality, source_id, session_date, "
      "start_minute, label, intervenant_id, intervenant_name, minutes, unit_price_cents, "
      "amount_cents, flags, corrects_line_id) VALUES (:statement_id, :line_no, :modality, "
      ":source_id, :session_date, :start_minute, :label, :intervenant_id, :intervenant_name, "
      ":minutes, :unit_price_cents, :amount_cents, :flags, :corrects_line_id) RETURNING id",
      std::move(p));
}

std::optional<Statement> SqlReportingRepository::find_statement(Id id) {
  return one_row(sql_, std::string(kStatementColumns) + " WHERE id = :id", Params().integer(id),
                 &read_statement);
}

std::vector<Statement> SqlReportingRepository::statements_of(Id lot_id) {
  return all_rows(sql_,
                  std::string(kStatementColumns) +
                      " WHERE lot_id = :lot_id ORDER BY period_month DESC, sequence DESC",
                  Params().integer(lot_id), &read_statement);
}

std::vector<StatementLine> SqlReportingRepository::statement_lines(Id statement_id) {
  return all_rows(sql_,
                  std::string(kLineColumns) + " WHERE l.statement_id = :id ORDER BY l.line_no",
                  Params().integer(statement_id), &read_line);
}

std::vector<StatementLine> SqlReportingRepository::issued_lines(Id lot_id,
                                                                const std::string& month) {
  return all_rows(sql_,
                  std::string(kLineColumns) +
                      " JOIN statements s ON s.id = l.statement_id WHERE s.lot_id = :lot_id "
                      "AND s.period_month = :month ORDER BY l.id",
                  Params().integer(lot_id).text(month), &read_line);
}

int SqlReportingRepository::last_sequence(Id lot_id, const std::string& month) {
  int out = 0;
  fetch_one(sql_,
            "SELECT COALESCE(MAX(sequence), 0) FROM statements WHERE lot_id = :lot_id "
            "AND period_month = :month",
            Params().integer(lot_id).text(month),
            [&](const soci::row& row) { out = RowReader(row).int32(); });
  return out;
}

constexpr const char* kDeadlineColumns =
    "SELECT d.id, d.prescription_id, p.person_id, pe.last_name, pe.first_name, d.rule_id, "
    "d.conditional, d.due_at, d.met_at, d.waived_at, p.provider_id, p.lot_id, p.spip_id ";

std::vector<DeadlineFact> SqlReportingRepository::deadline_facts(const ReportScope& scope,
                                                                 Instant from, Instant to) {
  if (scope.lot_ids.empty()) return {};
  Params p;
  std::string f = scope_filter("p", "", scope, p);
  p.instant(from).instant(to);
  // Lot first (CROSS JOIN): by the due date, SQLite walked every deadline of the country.
  return all_rows(sql_,
                  std::string(kDeadlineColumns) +
                      "FROM prescriptions p CROSS JOIN case_deadlines d JOIN persons pe "
                      "ON pe.id = p.person_id WHERE d.prescription_id = p.id AND " +
                      f +
                      " AND d.due_at >= :from_at AND d.due_at <= :to_at ORDER BY d.due_at, d.id",
                  std::move(p), &read_deadline);
}

std::optional<DeadlineFact> SqlReportingRepository::deadline_fact(Id deadline_id) {
  return one_row(sql_,
                 std::string(kDeadlineColumns) +
                     "FROM case_deadlines d JOIN prescriptions p ON p.id = d.prescription_id "
                     "JOIN persons pe ON pe.id = p.person_id WHERE d.id = :id",
                 Params().integer(deadline_id), &read_deadline);
}

std::vector<PrescriptionFact> SqlReportingRepository::prescription_facts(const ReportScope& scope,
                                                                         Instant from, Instant to) {
  if (scope.lot_ids.empty()) return {};
  Params p;
  std::string f = scope_filter("p", "", scope, p);
  p.instant(to).instant(from);
  return all_rows(
      sql_,
      "SELECT p.id, p.person_id, pe.sex, pe.birth_date, pe.qualification, p.spip_id, "
      "p.lot_id, p.prescribed_at, p.ended_at, p.state, p.end_reason FROM prescriptions p "
      "JOIN persons pe "
      "ON pe.id = p.person_id WHERE " +
          f +
          // "+ 0" (WHERE and ORDER BY): SQLite then reads the lot's prescriptions by
          // ix_prescriptions_lot and sorts them, instead of walking ix_prescriptions_prescribed
          // over every prescription of the country.
          " AND p.prescribed_at + 0 <= :to_at AND (p.ended_at IS NULL OR "
          "p.ended_at >= :from_at) ORDER BY p.prescribed_at + 0, p.id",
      std::move(p), &read_prescription);
}

std::vector<LotIntervenant> SqlReportingRepository::lot_intervenants(const ReportScope& scope,
                                                                     Date from, Date to) {
  if (scope.lot_ids.empty()) return {};
  Params p;
  std::string f1 = scope_filter("p", "i", scope, p);
  p.date(from).date(to);
  std::string f2 = scope_filter("w", "j", scope, p);
  p.date(from).date(to);
  // Intervenants of the sessions held (individual) and of the workshops held in the period;
  // the lot's prescriptions first (CROSS JOIN), not every provider's sessions of the period.
  return all_rows(
      sql_,
      "SELECT x.lot_id, x.user_id, u.full_name, CASE WHEN EXISTS (SELECT 1 FROM memberships m "
      "WHERE m.user_id = x.user_id AND m.role = 'intervenant_psychologist') THEN 1 ELSE 0 END, "
      "SUM(x.minutes) FROM (SELECT p.lot_id AS lot_id, s.intervenant_id AS user_id, "
      "s.duration_minutes AS minutes FROM prescriptions p CROSS JOIN sessions s "
      "WHERE s.prescription_id = p.id AND " +
          f1 +
          " AND s.status IN ('present', 'absent') AND s.session_date >= :from_i "
          "AND s.session_date <= :to_i AND s.intervenant_id IS NOT NULL UNION ALL "
          "SELECT w.lot_id, w.intervenant_id, ws.duration_minutes FROM workshops w "
          "JOIN workshop_sessions ws ON ws.workshop_id = w.id WHERE " +
          f2 +
          " AND ws.status = 'held' AND ws.session_date >= :from_j AND ws.session_date <= :to_j "
          "AND w.intervenant_id IS NOT NULL) x JOIN users u ON u.id = x.user_id "
          "GROUP BY x.lot_id, x.user_id, u.full_name ORDER BY x.lot_id, u.full_name, x.user_id",
      std::move(p), +[](const soci::row& row) {
        RowReader r(row);
        LotIntervenant i;
        i.lot_id = r.integer();
        i.user_id = r.integer();
        i.full_name = r.text();
        i.psychologist = r.boolean();
        i.minutes = r.integer();
        return i;
      });
}

Id SqlReportingRepository::insert_replacement(const StaffReplacement& x) {
  return insert_returning_id(
      sql_,
      "INSERT INTO staff_replacements (provider_org_id, user_id, reason, from_on, "
      "replacement_user_id, replaced_on, note, recorded_by, recorded_at) VALUES (:provider, "
      ":user_id, :reason, :from_on, :replacement, :replaced_on, :note, :recorded_by, "
      ":recorded_at) RETURNING id",
      replacement_params(x));
}

void SqlReportingRepository::update_replacement(const StaffReplacement& x) {
  update_row(sql_, "staff_replacements",
             "UPDATE staff_replacements SET provider_org_id = :provider, user_id = :user_id, "
             "reason = :reason, from_on = :from_on, replacement_user_id = :replacement, "
             "replaced_on = :replaced_on, note = :note, recorded_by = :recorded_by, "
             "recorded_at = :recorded_at WHERE id = :id",
             replacement_params(x), x.id);
}

std::optional<StaffReplacement> SqlReportingRepository::find_replacement(Id id) {
  return one_row(sql_, std::string(kReplacementColumns) + " WHERE id = :id", Params().integer(id),
                 &read_replacement);
}

std::vector<StaffReplacement> SqlReportingRepository::replacements_of(
    const std::vector<Id>& provider_ids) {
  if (provider_ids.empty()) return {};
  Params p;
  std::string in = in_list("provider", provider_ids, p, [](Params& q, Id id) { q.integer(id); });
  return all_rows(sql_,
                  std::string(kReplacementColumns) + " WHERE provider_org_id IN (" + in +
                      ") ORDER BY from_on DESC, id DESC",
                  std::move(p), &read_replacement);
}

bool SqlReportingRepository::alert_sent(Id lot_id, const std::string& modality, int level,
                                        long long volume_hours) {
  return fetch_one(sql_,
                   "SELECT 1 FROM volume_alerts WHERE lot_id = :lot_id AND modality = :modality "
                   "AND level = :level AND volume_hours = :volume_hours",
                   Params().integer(lot_id).text(modality).integer(level).integer(volume_hours),
                   [](const soci::row&) {});
}

void SqlReportingRepository::record_alert(Id lot_id, const std::string& modality, int level,
                                          long long volume_hours, Instant at) {
  execute(sql_,
          "INSERT INTO volume_alerts (lot_id, modality, level, volume_hours, notified_at) "
          "VALUES (:lot_id, :modality, :level, :volume_hours, :at) ON CONFLICT DO NOTHING",
          Params().integer(lot_id).text(modality).integer(level).integer(volume_hours).instant(at));
}

}  // namespace parcours::storage
