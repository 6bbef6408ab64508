#include "storage/national_generator.h"

#include <chrono>
#include <cstdio>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "storage/database_url.h"
#include "storage/error_mapping.h"
#include "storage/national_model.h"
#include "storage/national_progress.h"
#include "storage/national_workshops.h"

namespace parcours::storage {
namespace national {

Sink::Sink(soci::session& sql)
    : organisations("organisations",
                    "id, kind, name, code, parent_id, departement, milieu, address, phone, email, "
                    "active"),
      places("places",
             "id, org_id, name, address, phone, capacity, availability, public_transport"),
      users("users", "id, email, full_name, phone, qualification, adeli, active, password_hash"),
      memberships("memberships", "id, user_id, org_id, role"),
      contracts("contracts",
                "id, disp_org_id, reference, title, programme, start_date, initial_months, "
                "renewals_allowed, renewal_months, renewals_used"),
      lots("lots",
           "id, contract_id, number, label, provider_org_id, individual_hours, collective_hours, "
           "individual_price_cents, collective_price_cents"),
      lot_spips("lot_spips", "lot_id, spip_id"),
      amendments(
          "volume_amendments",
          "id, lot_id, effective_on, individual_hours_delta, collective_hours_delta, reason"),
      authorisations("access_authorisations",
                     "id, user_id, establishment_id, requested_on, granted_on, ends_on"),
      coordinators("establishment_coordinators", "provider_org_id, establishment_id, user_id"),
      substitutes("substitutes", "id, provider_org_id, user_id, note"),
      theme_agreements("workshop_theme_agreements",
                       "spip_id, programme_id, theme_id, agreed_by, agreed_at"),
      persons("persons",
              "id, last_name, first_name, last_key, first_key, birth_date, sex, milieu, spip_id, "
              "site_id, judicial_status, qualification, referent_cpip_id, prison_number, "
              "sentence_end, id_valid_until, work_permit_until, brsa, cer, phone, email, address, "
              "diagnosis_text, diagnosis_on, diagnosis_by, created_at"),
      orientations("orientations",
                   "id, person_id, programme_id, source, source_detail, comment, requested_on, "
                   "status, decision_comment, prescription_id, recorded_by, recorded_at"),
      prescriptions("prescriptions",
                    "id, person_id, programme_id, programme_version, state, modality, spip_id, "
                    "lot_id, provider_id, cpip_id, intervenant_id, orientation_id, objectives, "
                    "person_constraints, training_timetable, training_until, prescribed_at, "
                    "reconvocation_pending, end_reason, ended_at"),
      proposals("proposals",
                "id, prescription_id, version, kind, actions, content, justification, "
                "individual_centihours, workshops, workshops_detail, calendar, status, "
                "decision_comment, submitted_by, submitted_at, decided_by, decided_at"),
      sessions("sessions",
               "id, prescription_id, provider_id, kind, session_date, start_minute, "
               "duration_minutes, place_id, place_label, intervenant_id, status, absence_reason, "
               "absence_justified, note, recorded_by, recorded_at"),
      suspensions("suspensions", "id, prescription_id, reason, comment, from_at, until_at"),
      deadlines("case_deadlines",
                "id, prescription_id, owner_org_id, rule_id, owner_role, conditional, started_at, "
                "due_at, met_at, waived_at, waiver_reason, paused_since, is_open"),
      events("case_events",
             "id, prescription_id, person_id, event, label, detail, actor_id, actor_label, at"),
      contents("document_contents", "checksum, byte_size, content"),
      workshops("workshops",
                "id, programme_id, provider_id, lot_id, spip_id, site_id, theme, title, "
                "description, intervenant_id, external_professionals, place_id, place_label, "
                "list_status, list_comment, list_decided_by, list_decided_at, status, created_by, "
                "created_at"),
      workshop_sessions("workshop_sessions",
                        "id, workshop_id, number, session_date, start_minute, duration_minutes, "
                        "status, recorded_by, recorded_at"),
      participants("workshop_participants",
                   "id, workshop_id, prescription_id, person_id, status, added_by, added_at"),
      attendance("workshop_attendance",
                 "id, workshop_session_id, participant_id, present, absence_reason, "
                 "absence_justified, recorded_by, recorded_at"),
      documents("documents",
                "id, person_id, prescription_id, workshop_id, session_id, workshop_session_id, "
                "kind, copy_kind, title, filename, media_type, byte_size, checksum, version, "
                "author_id, created_at"),
      bilans("bilans",
             "id, prescription_id, kind, programme_done, professional_project, action_plan, "
             "recommendations, status, author_id, updated_at, delivered_to_person_on, "
             "delivery_mode, delivered_at, cpip_document_id, person_document_id"),
      writer(sql) {
  for (BulkTable* t : {&organisations,
                       &places,
                       &users,
                       &memberships,
                       &contracts,
                       &lots,
                       &lot_spips,
                       &amendments,
                       &authorisations,
                       &coordinators,
                       &substitutes,
                       &theme_agreements,
                       &persons,
                       &orientations,
                       &prescriptions,
                       &proposals,
                       &sessions,
                       &suspensions,
                       &deadlines,
                       &events,
                       &contents,
                       &workshops,
                       &workshop_sessions,
                       &participants,
                       &attendance,
                       &documents,
                       &bilans})
    writer.add(*t);
}

void Sink::read_next_ids(soci::session& sql) {
  auto next_of = [&](const char* table) { return max_id(sql, table) + 1; };
  next.organisation = next_of("organisations");
  next.place = next_of("places");
  next.user = next_of("users");
  next.membership = next_of("memberships");
  next.contract = next_of("contracts");
  next.lot = next_of("lots");
  next.amendment = next_of("volume_amendments");
  next.authorisation = next_of("access_authorisations");
  next.substitute = next_of("substitutes");
  next.person = next_of("persons");
  next.orientation = next_of("orientations");
  next.prescription = next_of("prescriptions");
  next.proposal = next_of("proposals");
  next.session = next_of("sessions");
  next.suspension = next_of("suspensions");
  next.deadline = next_of("case_deadlines");
  next.event = next_of("case_events");
  next.workshop = next_of("workshops");
  next.workshop_session = next_of("workshop_sessions");
  next.participant = next_of("workshop_participants");
  next.attendance = next_of("workshop_attendance");
  next.document = next_of("documents");
  next.bilan = next_of("bilans");
}

// "Now" of the dataset: 07:00 in Paris, before the working day begins.
Context::Context(soci::session& s, Backend b, const ProgrammeConfig& c, const NationalOptions& o,
                 NationalProgress& p)
    : sql(s),
      backend(b),
      config(c),
      options(o),
      progress(p),
      today(ParisTime::day(o.today)),
      now(0),
      time(today - 1200, today + 400),
      dues(time),
      sink(s) {
  now = time.at(today, 7 * 60);
}

Context::~Context() = default;

namespace {

const std::vector<std::string>& tables_with_ids() {
  static const std::vector<std::string> t = {"organisations",
                                             "places",
                                             "users",
                                             "memberships",
                                             "contracts",
                                             "lots",
                                             "volume_amendments",
                                             "access_authorisations",
                                             "substitutes",
                                             "persons",
                                             "orientations",
                                             "prescriptions",
                                             "proposals",
                                             "sessions",
                                             "suspensions",
                                             "case_deadlines",
                                             "case_events",
                                             "workshops",
                                             "workshop_sessions",
                                             "workshop_participants",
                                             "workshop_attendance",
                                             "documents",
                                             "bilans"};
  return t;
}

// Settings of the generator's own connection: one long write transaction, foreign keys
// checked by the test suite rather than row by row (SQLite), commits not waited for
// (PostgreSQL: a crash loses the run, never the database).
void set_up(soci::session& sql, Backend backend) {
  if (backend == Backend::sqlite) {
    run_sql(sql, "PRAGMA busy_timeout = 30000");
    run_sql(sql, "PRAGMA journal_mode = WAL");
    run_sql(sql, "PRAGMA foreign_keys = OFF");
    run_sql(sql, "PRAGMA synchronous = NORMAL");
    run_sql(sql, "PRAGMA cache_size = -1048576");  // 1 GiB of page cache
    run_sql(sql, "PRAGMA temp_store = MEMORY");
  } else {
    run_sql(sql, "SET client_min_messages TO warning");
    run_sql(sql, "SET standard_conforming_strings = on");
    run_sql(sql, "SET synchronous_commit = off");
    // Foreign keys checked once by the generator's construction (and its test) rather than by
    // a trigger per row, when the account may (superuser); otherwise they are checked as usual.
    try {
      run_sql(sql, "SET session_replication_role = replica");
    } catch (const std::exception&) {
    }
  }
}

void fill_counts(Context& c) {
  const Sink& s = c.sink;
  NationalCounts& n = c.counts;
  n.organisations = c.world.organisations_created;
  n.places = s.places.written_rows();
  n.users = c.world.users_created;
  n.persons = s.persons.written_rows();
  n.orientations = s.orientations.written_rows();
  n.prescriptions = s.prescriptions.written_rows();
  n.proposals = s.proposals.written_rows();
  n.sessions = s.sessions.written_rows();
  n.suspensions = s.suspensions.written_rows();
  n.deadlines = s.deadlines.written_rows();
  n.events = s.events.written_rows();
  n.workshops = s.workshops.written_rows();
  n.workshop_sessions = s.workshop_sessions.written_rows();
  n.participants = s.participants.written_rows();
  n.attendance = s.attendance.written_rows();
  n.documents = s.documents.written_rows();
  n.bilans = s.bilans.written_rows();
}

void generate(Context& c) {
  c.sink.read_next_ids(c.sql);
  c.workshops = std::make_unique<WorkshopPlanner>(c);
  c.progress.begin("Organisations, marchés et comptes", 0);
  load_reference_world(c);
  build_national_world(c);
  build_lots(c);
  weigh_spips(c);
  build_staff(c);
  write_contents(c);
  c.sink.writer.flush();
  c.progress.advance(c.world.organisations_created,
                     "comptes : " + french_count(c.world.users_created));
  c.progress.end();
  generate_people(c);
  Rng rng(c.options.seed, 4);
  c.workshops->write(rng);
  write_volumes(c);
  advance_sequences(c.sql, c.backend, tables_with_ids());
  fill_counts(c);
}

void open_session(soci::session& sql, const DatabaseTarget& target) {
  if (target.backend == Backend::sqlite)
    sql.open(soci::sqlite3, target.connect_string);
  else
    sql.open(soci::postgresql, target.connect_string);
}

}  // namespace
}  // namespace national

Result<NationalCounts> generate_national_dataset(const std::string& database_url,
                                                 const ProgrammeConfig& config,
                                                 const NationalOptions& options,
                                                 NationalProgress& progress) {
  using namespace national;
  if (options.people < 0) return invalid("Le nombre de personnes doit être positif ou nul.");
  if (!options.today.ok()) return invalid("La date du jour du jeu de données n’est pas valide.");
  auto target = parse_database_url(database_url);
  if (!target.ok()) return target.error();
  const auto started = std::chrono::steady_clock::now();
  soci::session sql;
  try {
    open_session(sql, *target);
    set_up(sql, target->backend);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parcours: national dataset: cannot open the database: %s\n", e.what());
    return unavailable("Impossible d’ouvrir " + target->description + ".");
  }
  Context c(sql, target->backend, config, options, progress);
  try {
    run_sql(sql, target->backend == Backend::sqlite ? "BEGIN IMMEDIATE" : "BEGIN");
    generate(c);
    run_sql(sql, "COMMIT");
  } catch (const GeneratorFailure& f) {
    try {
      run_sql(sql, "ROLLBACK");
    } catch (...) {
    }
    return Error{f.code, f.message, {}};
  } catch (const std::exception& e) {
    std::string what = e.what();
    if (what.size() > 600) what = what.substr(0, 600) + "…";
    std::fprintf(stderr, "\nparcours: national dataset: %s\n", what.c_str());
    try {
      run_sql(sql, "ROLLBACK");
    } catch (...) {
    }
    return map_backend_error(e, target->backend);
  }
  progress.begin("Statistiques du planificateur (ANALYZE)", 0);
  try {
    if (target->backend == Backend::sqlite) {
      run_sql(sql, "PRAGMA analysis_limit = 2000");
      run_sql(sql, "ANALYZE");
      // Folds the bulk load's write-ahead log (hundreds of MB) into the file now, not on the
      // server's first requests.
      run_sql(sql, "PRAGMA wal_checkpoint(TRUNCATE)");
    } else {
      run_sql(sql, "SET client_min_messages TO error");  // not the catalogues' notices
      // After a bulk load, VACUUM sets the visibility map: index-only scans of the reports
      // (ix_sessions_report) then skip the table.
      run_sql(sql, "VACUUM ANALYZE");
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "parcours: national dataset: ANALYZE failed: %s\n", e.what());
  }
  progress.end();
  c.counts.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return c.counts;
}

}  // namespace parcours::storage
