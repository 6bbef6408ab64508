// Monthly statements per lot (SPEC INV-1): sessions held in the month from attendance, hours
// × the lot's unit prices, control flags; issued statements are numbered and never change,
// later differences go on a rectifying statement whose lines reference the corrected ones.
#include <algorithm>
#include <set>

#include "app/audit.h"
#include "app/journey_internal.h"
#include "app/reporting_internal.h"
#include "domain/calendar.h"
#include "domain/indicators.h"
#include "domain/wording.h"

namespace parcours {

using namespace reporting_detail;

namespace {

// ORG-4: authorised on `d` when a granted authorisation covers that day.
bool authorised(const std::vector<AuthorisationWindow>& windows, Id user, Id establishment,
                Date d) {
  return std::any_of(windows.begin(), windows.end(), [&](const AuthorisationWindow& w) {
    return w.user_id == user && w.establishment_id == establishment && w.granted_on &&
           date::sys_days{*w.granted_on} <= date::sys_days{d} &&
           (!w.ends_on || date::sys_days{d} <= date::sys_days{*w.ends_on});
  });
}

std::vector<StatementLine> current_lines(Repos& r, const Lot& lot, int year, int month) {
  const auto sessions = r.reporting.billable_sessions(lot.id, period_first_day(year, month),
                                                      period_last_day(year, month));
  std::set<Id> users;
  for (const auto& s : sessions)
    if (s.intervenant_id != 0) users.insert(s.intervenant_id);
  const auto windows = r.reporting.authorisations_of({users.begin(), users.end()});
  std::vector<StatementLine> out;
  for (const auto& s : sessions) {
    StatementLine l;
    l.modality = s.modality;
    l.source_id = s.source_id;
    l.date = s.date;
    l.start_minute = s.start_minute;
    l.label = s.label;
    l.intervenant_id = s.intervenant_id;
    l.intervenant_name = s.intervenant_name;
    l.minutes = s.minutes;
    l.unit_price_cents =
        s.modality == "individual" ? lot.individual_price_cents : lot.collective_price_cents;
    l.amount_cents = hours_amount_cents(l.minutes, l.unit_price_cents);
    std::vector<std::string> flags;
    if (!s.scanned) flags.push_back(kFlagNoScan);
    if (s.establishment_id != 0 &&
        (s.intervenant_id == 0 ||
         !authorised(windows, s.intervenant_id, s.establishment_id, s.date)))
      flags.push_back(kFlagNoAuthorisation);
    if (!within_validated_programme(s.session_kind, s.validated_at,
                                    paris_wall_clock(s.date, s.start_minute)))
      flags.push_back(kFlagOutsideProgramme);
    for (const auto& f : flags) l.flags += (l.flags.empty() ? "" : ",") + f;
    out.push_back(std::move(l));
  }
  return out;
}

bool may_issue(const ReportAudience& au) {
  return au.kind != ReportAudience::Kind::spip;
}

Result<StatementView> preview(Repos& r, const ReportAudience& au, Id lot_id,
                              const std::string& month, Date today) {
  if (au.kind == ReportAudience::Kind::spip)
    return forbidden("Les relevés mensuels sont établis entre la DISP et le prestataire.");
  const Lot* lot = find_lot(au, lot_id);
  if (!lot) return forbidden("Ce lot n’est pas l’un des vôtres.");
  int year = 0, m = 0;
  if (!parse_period_month(month, year, m))
    return invalid("Le mois « " + month + " » n’est pas au format AAAA-MM.");
  if (date::sys_days{period_first_day(year, m)} > date::sys_days{today})
    return invalid(std::string(m == 4 || m == 8 || m == 10 ? "Le mois d’" : "Le mois de ") +
                   french_month_year(year, m) + " n’a pas commencé.");
  StatementView v;
  v.lot = *lot;
  auto contract = r.contracts.find_contract(lot->contract_id);
  if (!contract) return not_found("Le marché de ce lot est introuvable.");
  v.contract = *contract;
  if (auto o = r.orgs.find(lot->provider_org_id)) v.provider_name = o->name;
  for (const auto& s : r.reporting.statements_of(lot_id))
    if (s.period_month == month) v.issued.insert(v.issued.begin(), s);
  const auto issued = r.reporting.issued_lines(lot_id, month);
  v.lines = lines_to_issue(current_lines(r, *lot, year, m), issued);
  v.statement.lot_id = lot_id;
  v.statement.period_month = month;
  v.statement.sequence = static_cast<int>(v.issued.size()) + 1;
  v.statement.number =
      statement_number(contract->reference, lot->number, month, v.statement.sequence);
  total_statement(v.statement, v.lines);
  if (v.lines.empty())
    v.nothing_to_issue = issued.empty() ? "Aucune séance tenue ce mois-ci sur ce lot."
                                        : "Rien n’a changé depuis le dernier relevé émis : "
                                          "aucun rectificatif à émettre.";
  v.can_issue = may_issue(au) && !v.lines.empty();
  return v;
}

}  // namespace

Result<std::vector<StatementSummary>> ReportingService::statements(const Actor& a) {
  return read<std::vector<StatementSummary>>(
      store_, [&](Repos& r) -> Result<std::vector<StatementSummary>> {
        auto au = load_audience(r, a);
        if (!au.ok()) return au.error();
        if (au->kind == ReportAudience::Kind::spip)
          return forbidden("Les relevés mensuels sont établis entre la DISP et le prestataire.");
        std::vector<StatementSummary> out;
        for (const auto& lot : au->lots) out.push_back({lot, r.reporting.statements_of(lot.id)});
        return out;
      });
}

Result<StatementView> ReportingService::statement_preview(const Actor& a, Id lot_id,
                                                          const std::string& month) {
  auto out = read<StatementView>(store_, [&](Repos& r) -> Result<StatementView> {
    auto au = load_audience(r, a);
    if (!au.ok()) return au.error();
    return preview(r, *au, lot_id, month, paris_date(clock_.now()));
  });
  if (!out.ok() && out.error().code == ErrorCode::forbidden)
    record_denied(store_, clock_, a, "statement.preview", "lot", lot_id);
  return out;
}

Result<Statement> ReportingService::issue_statement(const Actor& a, Id lot_id,
                                                    const std::string& month) {
  return journey_detail::guarded_transact<Statement>(
      store_, clock_, a, "statement.issue", "lot", lot_id, [&](Repos& r) -> Result<Statement> {
        auto au = load_audience(r, a);
        if (!au.ok()) return au.error();
        auto v = preview(r, *au, lot_id, month, paris_date(clock_.now()));
        if (!v.ok()) return v.error();
        if (v->lines.empty()) return conflict(v->nothing_to_issue);
        Statement s = v->statement;
        s.issued_at = clock_.now();
        s.issued_by = a.user.id;
        s.id = r.reporting.insert_statement(s);
        for (auto l : v->lines) {
          l.statement_id = s.id;
          r.reporting.insert_statement_line(l);
        }
        record(r, clock_, a, "statement.issue", "statement", s.id, 0,
               "{\"lot\":" + std::to_string(lot_id) + ",\"month\":\"" + month +
                   "\",\"sequence\":" + std::to_string(s.sequence) + "}");
        return s;
      });
}

Result<StatementView> ReportingService::issued_statement(const Actor& a, Id statement_id) {
  auto out = read<StatementView>(store_, [&](Repos& r) -> Result<StatementView> {
    auto au = load_audience(r, a);
    if (!au.ok()) return au.error();
    auto s = r.reporting.find_statement(statement_id);
    if (!s) return not_found("Ce relevé n’existe pas.");
    const Lot* lot = find_lot(*au, s->lot_id);
    if (!lot || au->kind == ReportAudience::Kind::spip)
      return forbidden("Ce relevé concerne un lot qui n’est pas l’un des vôtres.");
    StatementView v;
    v.statement = *s;
    v.lot = *lot;
    if (auto c = r.contracts.find_contract(lot->contract_id)) v.contract = *c;
    if (auto o = r.orgs.find(lot->provider_org_id)) v.provider_name = o->name;
    v.lines = r.reporting.statement_lines(statement_id);
    for (const auto& other : r.reporting.statements_of(s->lot_id))
      if (other.period_month == s->period_month) v.issued.insert(v.issued.begin(), other);
    v.preview = false;
    return v;
  });
  if (!out.ok() && out.error().code == ErrorCode::forbidden)
    record_denied(store_, clock_, a, "statement.read", "statement", statement_id);
  return out;
}

ReportDocument ReportingService::statement_document(const StatementView& v) const {
  ReportDocument d;
  int year = 0, month = 0;
  parse_period_month(v.statement.period_month, year, month);
  d.header.title =
      std::string(v.statement.sequence > 1 ? "Relevé rectificatif" : "Relevé mensuel") + " — " +
      french_month_year(year, month);
  d.header.subtitle = v.preview ? "Projet non émis — montants à titre indicatif"
                                : "Relevé n° " + v.statement.number;
  const Date today = paris_date(clock_.now());
  d.header.generated_on = "Édité le " + french_long(today);
  d.header.created_at_iso =
      iso(v.preview ? today : paris_date(v.statement.issued_at)) + "T00:00:00";
  d.header.provider_name = v.provider_name;
  d.header.reference = v.contract.reference;
  d.facts = {
      {"Marché", v.contract.reference + (v.contract.title.empty() ? "" : " — " + v.contract.title)},
      {"Lot", lot_label(v.lot)},
      {"Prestataire", v.provider_name},
      {"Mois", french_month_year(year, month)},
      {"Numéro", v.statement.number + (v.preview ? " (projet)" : "")},
      {"Émis le", v.preview ? "Non émis" : french_instant(v.statement.issued_at)},
      {"Prix unitaires", format_euros(v.lot.individual_price_cents) + " l’heure d’entretien, " +
                             format_euros(v.lot.collective_price_cents) + " l’heure d’atelier"}};
  ReportTable lines;
  lines.key = "lignes";
  lines.title = "Séances tenues";
  lines.note =
      "Séances individuelles où la personne était présente et séances d’atelier tenues "
      "(une personne présente au moins), d’après les émargements.";
  lines.columns = {"N°",    "Date",         "Modalité", "Séance",    "Intervenant",
                   "Durée", "Prix horaire", "Montant",  "Contrôles", "Corrige"};
  for (const auto& l : v.lines) {
    std::string flags;
    for (const auto& f : split_flags(l.flags))
      flags += (flags.empty() ? "" : " ; ") + std::string(statement_flag_label(f));
    lines.rows.push_back(
        {count_cell(l.line_no), date_cell(l.date),
         text_cell(l.modality == "individual" ? "Individuel" : "Collectif"), text_cell(l.label),
         text_cell(l.intervenant_name), hours_cell(l.minutes), money_cell(l.unit_price_cents),
         money_cell(l.amount_cents), text_cell(flags, !flags.empty()),
         text_cell(l.corrects_line_id ? "ligne #" + std::to_string(l.corrects_line_id) : "")});
  }
  const Statement& s = v.statement;
  lines.totals = {text_cell("Total"),
                  text_cell(""),
                  text_cell(""),
                  text_cell(""),
                  text_cell(""),
                  hours_cell(s.individual_minutes + s.collective_minutes),
                  text_cell(""),
                  money_cell(s.total_cents()),
                  text_cell(count_of(s.flagged_lines, "ligne signalée", "lignes signalées")),
                  text_cell("")};
  ReportTable totals;
  totals.key = "totaux";
  totals.title = "Totaux par modalité";
  totals.columns = {"Modalité", "Heures", "Prix horaire", "Montant"};
  totals.rows = {{text_cell("Entretiens individuels"), hours_cell(s.individual_minutes),
                  money_cell(v.lot.individual_price_cents), money_cell(s.individual_cents)},
                 {text_cell("Ateliers collectifs"), hours_cell(s.collective_minutes),
                  money_cell(v.lot.collective_price_cents), money_cell(s.collective_cents)}};
  totals.totals = {text_cell("Total"), hours_cell(s.individual_minutes + s.collective_minutes),
                   text_cell(""), money_cell(s.total_cents())};
  d.tables = {std::move(totals), std::move(lines)};
  return d;
}

}  // namespace parcours
