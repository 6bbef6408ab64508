// Reporting reads of hours (SPEC INV-1, INV-2): planned hours of the lots, hours done per day,
// billable sessions. See migrations_reporting.cc for the indexes these queries walk.
#include <map>

#include "domain/calendar.h"
#include "domain/indicators.h"
#include "storage/reporting_internal.h"

namespace parcours::storage {
namespace {

// Sums of (lot_id, minutes) rows into `field` of the lot's LotHours.
void add_sums(soci::session& sql, const std::string& query, Params params,
              std::map<Id, LotHours>& by_lot, long long LotHours::*field) {
  for_each_row(sql, query, std::move(params), [&](const soci::row& row) {
    RowReader r(row);
    Id lot = r.integer();
    by_lot[lot].*field += r.integer();
  });
}

// Individual hours of the latest proposal submitted by `t` and of the latest validated by `t`,
// per lot, in one pass over the lot's proposals: a window over each prescription's versions
// finds both latest versions (instead of one correlated MAX per prescription and figure).
void individual_proposal_hours(soci::session& sql, const ReportScope& scope, Instant t,
                               std::map<Id, LotHours>& out) {
  Params p;
  p.instant(t).instant(t);
  const std::string f = scope_filter("p", "a", scope, p);
  for_each_row(
      sql,
      "SELECT lot_id, COALESCE(SUM(CASE WHEN version = last_submitted THEN centihours END), 0), "
      "COALESCE(SUM(CASE WHEN version = last_validated THEN centihours END), 0) FROM ("
      "SELECT p.lot_id AS lot_id, pr.version AS version, pr.individual_centihours AS centihours, "
      "MAX(CASE WHEN pr.submitted_at <= :t1 THEN pr.version END) OVER w AS last_submitted, "
      "MAX(CASE WHEN pr.status = 'validated' AND pr.decided_at <= :t2 THEN pr.version END) "
      "OVER w AS last_validated FROM prescriptions p CROSS JOIN proposals pr "
      "WHERE pr.prescription_id = p.id AND " +
          f + " WINDOW w AS (PARTITION BY pr.prescription_id)) x GROUP BY lot_id",
      std::move(p), [&](const soci::row& row) {
        RowReader r(row);
        LotHours& h = out[r.integer()];
        h.individual_prescribed += r.integer() * 60 / 100;
        h.individual_validated += r.integer() * 60 / 100;
      });
}

void collective_hours(soci::session& sql, const ReportScope& scope, Instant t,
                      std::map<Id, LotHours>& out) {
  const std::string from =
      "SELECT w.lot_id, COALESCE(SUM(ws.duration_minutes), 0) FROM workshops w "
      "JOIN workshop_sessions ws ON ws.workshop_id = w.id WHERE ";
  {
    Params p;
    std::string f = scope_filter("w", "c", scope, p);
    p.instant(t);
    add_sums(sql,
             from + f +
                 " AND w.status <> 'cancelled' AND ws.status <> 'cancelled' "
                 "AND w.created_at <= :t GROUP BY w.lot_id",
             std::move(p), out, &LotHours::collective_prescribed);
  }
  Params p;
  std::string f = scope_filter("w", "d", scope, p);
  p.instant(t);
  add_sums(sql,
           from + f +
               " AND w.status <> 'cancelled' AND ws.status <> 'cancelled' "
               "AND w.list_status = 'validated' AND w.list_decided_at <= :t GROUP BY w.lot_id",
           std::move(p), out, &LotHours::collective_validated);
}

// Minutes per (lot, day) into `field` of the matching DayHours.
void collect_days(soci::session& sql, const std::string& query, Params params,
                  std::map<std::pair<Id, Date>, DayHours>& rows, long long DayHours::*field) {
  for_each_row(sql, query, std::move(params), [&](const soci::row& row) {
    RowReader r(row);
    const Id lot = r.integer();
    const Date day = r.date();
    auto& h = rows[{lot, day}];
    h.lot_id = lot;
    h.date = day;
    h.*field += r.integer();
  });
}

constexpr const char* kIndividualBillable =
    "SELECT s.id, s.session_date, s.start_minute, s.duration_minutes, p.id, pe.last_name, "
    "pe.first_name, s.intervenant_id, COALESCE(u.full_name, ''), "
    "CASE WHEN o.kind = 'establishment' THEN pe.site_id ELSE NULL END, "
    "CASE WHEN EXISTS (SELECT 1 FROM documents d WHERE d.session_id = s.id "
    "AND d.kind = 'scan') THEN 1 ELSE 0 END, s.kind, "
    "(SELECT MIN(pr.decided_at) FROM proposals pr WHERE pr.prescription_id = p.id "
    "AND pr.status = 'validated') "
    "FROM lots l JOIN sessions s ON s.provider_id = l.provider_org_id "
    "JOIN prescriptions p ON p.id = s.prescription_id AND p.lot_id = l.id "
    "JOIN persons pe ON pe.id = p.person_id LEFT JOIN users u ON u.id = s.intervenant_id "
    "LEFT JOIN organisations o ON o.id = pe.site_id "
    "WHERE l.id = :lot_id AND s.session_date >= :from_date AND s.session_date <= :to_date "
    "AND s.status = 'present' ORDER BY s.session_date, s.start_minute, s.id";

// SPEC INV-1, INV-2: a workshop session counts (hours done, billed) once held with one
// participant present at least. One text for the dashboard's hours and the statement.
constexpr const char* kWorkshopSessionCounts =
    "ws.status = 'held' AND EXISTS (SELECT 1 FROM workshop_attendance wa WHERE "
    "wa.workshop_session_id = ws.id AND wa.present = 1)";

const std::string kCollectiveBillable =
    "SELECT ws.id, ws.session_date, ws.start_minute, ws.duration_minutes, w.title, w.theme, "
    "ws.number, w.intervenant_id, COALESCE(u.full_name, ''), "
    "CASE WHEN o.kind = 'establishment' THEN w.site_id ELSE NULL END, "
    "CASE WHEN EXISTS (SELECT 1 FROM documents d WHERE d.workshop_session_id = ws.id "
    "AND d.kind = 'scan') THEN 1 ELSE 0 END, w.list_status, w.list_decided_at "
    "FROM workshops w JOIN workshop_sessions ws ON ws.workshop_id = w.id "
    "LEFT JOIN users u ON u.id = w.intervenant_id LEFT JOIN organisations o ON o.id = w.site_id "
    "WHERE w.lot_id = :lot_id AND ws.session_date >= :from_date AND ws.session_date <= :to_date "
    "AND " +
    std::string(kWorkshopSessionCounts) + " ORDER BY ws.session_date, ws.start_minute, ws.id";

BillableSession read_individual(const soci::row& row) {
  RowReader r(row);
  BillableSession b;
  b.modality = "individual";
  b.source_id = r.integer();
  b.date = r.date();
  b.start_minute = r.int32();
  b.minutes = r.integer();
  const Id case_id = r.integer();
  std::string last = r.text();
  b.label = case_reference(case_id, last + " " + r.text());  // SEC-1: no name to the funder
  b.intervenant_id = r.id_or_zero();
  b.intervenant_name = r.text();
  b.establishment_id = r.id_or_zero();
  b.scanned = r.boolean();
  b.session_kind = r.text();
  b.validated_at = r.instant_or_null();
  return b;
}

BillableSession read_collective(const soci::row& row) {
  RowReader r(row);
  BillableSession b;
  b.modality = "collective";
  b.source_id = r.integer();
  b.date = r.date();
  b.start_minute = r.int32();
  b.minutes = r.integer();
  std::string title = r.text();
  std::string theme = r.text();
  b.label = (title.empty() ? theme : title) + " — séance " + std::to_string(r.integer());
  b.intervenant_id = r.id_or_zero();
  b.intervenant_name = r.text();
  b.establishment_id = r.id_or_zero();
  b.scanned = r.boolean();
  const std::string list_status = r.text();
  auto decided = r.instant_or_null();
  if (list_status == "validated") b.validated_at = decided;
  return b;
}

}  // namespace

std::string scope_filter(const std::string& a, const std::string& prefix, const ReportScope& scope,
                         Params& params) {
  std::string sql =
      a + ".lot_id IN (" +
      in_list(prefix + "lot", scope.lot_ids, params, [](Params& p, Id id) { p.integer(id); }) + ")";
  if (scope.spip_id != 0) {
    sql += " AND " + a + ".spip_id = :" + prefix + "spip";
    params.integer(scope.spip_id);
  }
  return sql;
}

std::vector<LotHours> SqlReportingRepository::lot_hours(const ReportScope& scope, Date as_of) {
  if (scope.lot_ids.empty()) return {};
  std::map<Id, LotHours> by_lot;
  const Instant t = end_of_paris_day(as_of);
  individual_proposal_hours(sql_, scope, t, by_lot);
  collective_hours(sql_, scope, t, by_lot);
  std::vector<LotHours> out;
  for (Id id : scope.lot_ids) {
    LotHours h = by_lot[id];
    h.lot_id = id;
    out.push_back(h);
  }
  return out;
}

// The CROSS JOIN keeps SQLite on the lot's prescriptions first (ix_prescriptions_lot, then
// the covering ix_sessions_report): left free, it walked every provider's sessions of the
// period by date. PostgreSQL reorders it as an inner join.
std::vector<DayHours> SqlReportingRepository::daily_hours(const ReportScope& scope, Date to) {
  if (scope.lot_ids.empty()) return {};
  std::map<std::pair<Id, Date>, DayHours> rows;
  {
    Params p;
    std::string f = scope_filter("p", "f", scope, p);
    p.date(to);
    collect_days(sql_,
                 "SELECT p.lot_id, x.session_date, SUM(x.duration_minutes) FROM prescriptions p "
                 "CROSS JOIN sessions x WHERE x.prescription_id = p.id AND " +
                     f +
                     " AND x.status = 'present' AND x.session_date <= :to_date "
                     "GROUP BY p.lot_id, x.session_date",
                 std::move(p), rows, &DayHours::individual_done);
  }
  Params p;
  std::string f = scope_filter("w", "g", scope, p);
  p.date(to);
  collect_days(sql_,
               "SELECT w.lot_id, ws.session_date, SUM(ws.duration_minutes) FROM workshops w "
               "JOIN workshop_sessions ws ON ws.workshop_id = w.id WHERE " +
                   f + " AND " + kWorkshopSessionCounts +
                   " AND ws.session_date <= :to_date GROUP BY w.lot_id, ws.session_date",
               std::move(p), rows, &DayHours::collective_done);
  std::vector<DayHours> out;
  out.reserve(rows.size());
  for (auto& [key, h] : rows) out.push_back(h);
  return out;
}

std::vector<BillableSession> SqlReportingRepository::billable_sessions(Id lot_id, Date from,
                                                                       Date to) {
  auto out = all_rows(sql_, kIndividualBillable, Params().integer(lot_id).date(from).date(to),
                      &read_individual);
  auto collective = all_rows(sql_, kCollectiveBillable,
                             Params().integer(lot_id).date(from).date(to), &read_collective);
  out.insert(out.end(), collective.begin(), collective.end());
  return out;
}

}  // namespace parcours::storage
