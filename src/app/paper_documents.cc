// The printed documents of a case and of a workshop (SPEC ATT-1, WS-4, WS-5, PPAIP-10): the
// data is gathered here, rendered by the DocumentRenderer port, and stored in the
// professional file (BEN-4).
#include <algorithm>

#include "app/professional_file.h"
#include "app/professional_file_internal.h"
#include "app/workshops_internal.h"
#include "domain/validation.h"
#include "domain/wording.h"

namespace parcours {

using namespace journey_detail;
using namespace file_detail;
using workshop_detail::provider_workshop;
using workshop_detail::theme_label;
using workshop_detail::workshop_context;
using workshop_detail::WorkshopContext;

namespace {

const char* session_kind_label(const Session& s) {
  if (s.kind == "first_interview") return "Premier entretien";
  if (s.kind == "reconvocation") return "Reconvocation";
  return "Entretien individuel";
}

std::string place_of(const Session& s) {
  return s.place_label.empty() ? "À préciser" : s.place_label;
}

IndividualSheetLine sheet_line(const ProgrammeConfig& config, const Session& s, Sex sex) {
  return {french_long(s.date),         place_of(s),
          french_time(s.start_minute), french_duration(s.duration_minutes),
          session_kind_label(s),       recorded_words(config, s, sex),
          sheet_code('E', s.id)};
}

std::string person_detail(const Person& p) {
  std::string out = std::string(agreed(p.sex, "Né", "Née")) + " le " + french_long(p.birth_date);
  if (!p.prison_number.empty()) out += " — n° d’écrou " + p.prison_number;
  return out;
}

std::string address_of(Repos& r, const Person& p) {
  if (p.milieu == Milieu::closed && p.site_id)
    if (auto site = r.orgs.find(p.site_id)) return site->name + "\n" + site->address;
  return p.address;
}

std::string workshop_place(const Workshop& w) {
  return w.place_label.empty() ? "À préciser" : w.place_label;
}

using DatedLine = std::pair<Instant, CalendarLine>;

// Workshop sessions to come for the person's case (PPAIP-10: the calendar shows them too).
void add_workshop_lines(Repos& r, const ProgrammeConfig& config, Id case_id, Instant now,
                        std::vector<DatedLine>& out) {
  for (const auto& part : r.workshops.participations_of(case_id)) {
    if (part.status != "registered") continue;
    auto w = r.workshops.find_workshop(part.workshop_id);
    if (!w || w->status == "cancelled") continue;
    for (const auto& s : r.workshops.sessions_of(w->id))
      if (s.status == "planned" && workshop_session_start(s) >= now)
        out.push_back(
            {workshop_session_start(s),
             {french_long(s.date), french_time(s.start_minute), french_duration(s.duration_minutes),
              workshop_place(*w),
              "Atelier : " + theme_label(config, *w) + " (séance " + std::to_string(s.number) + ")",
              sheet_code('S', s.id)}});
  }
}

// The appointments to come, individual and workshop, by date.
std::vector<CalendarLine> calendar_lines(Repos& r, const CaseContext& c, Instant now) {
  std::vector<DatedLine> dated;
  for (const auto& s : planned_sessions(r.journeys.sessions_of(c.p.id), now))
    dated.push_back(
        {session_start(s),
         {french_long(s.date), french_time(s.start_minute), french_duration(s.duration_minutes),
          place_of(s), session_kind_label(s), sheet_code('E', s.id)}});
  add_workshop_lines(r, *c.config, c.p.id, now, dated);
  std::stable_sort(dated.begin(), dated.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  std::vector<CalendarLine> out;
  for (auto& d : dated) out.push_back(std::move(d.second));
  return out;
}

// PPAIP-10: the changes since the calendar was last sent or a change last communicated,
// oldest first, from the case's timeline.
std::vector<CalendarChange> changes_since_last_letter(Repos& r, Id case_id) {
  std::vector<CalendarChange> out;
  for (const auto& e : r.journeys.events_of(case_id)) {  // newest first
    if (e.event == "send_calendar" || e.event == "communicate_calendar_change") break;
    if (e.event == "session_moved") {
      auto arrow = e.detail.find(" → ");
      if (arrow == std::string::npos) continue;
      out.push_back({e.detail.substr(0, arrow), e.detail.substr(arrow + std::string(" → ").size()),
                     "Rendez-vous déplacé"});
    } else if (e.event == "session_cancelled") {
      auto dash = e.detail.find(" — ");
      out.push_back({e.detail.substr(0, dash), "Annulé",
                     dash == std::string::npos ? "" : e.detail.substr(dash + 5)});
    } else if (e.event == "session_planned") {
      out.push_back({"—", e.detail, e.label});
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

CalendarLetter letter_of(Repos& r, const Clock& clock, const CaseContext& c,
                         const std::string& title) {
  Names names(r);
  CalendarLetter d;
  d.header = case_header(r, clock, c.p, title);
  d.person_name = person_display_name(c.person);
  d.person_address = address_of(r, c.person);
  d.programme_label = c.config->label;
  d.intervenant_name = names.user_name(c.p.intervenant_id);
  d.cpip_name = names.user_name(c.p.cpip_id);
  d.lines = calendar_lines(r, c, clock.now());
  return d;
}

StoredDocument case_document(const CaseContext& c, const std::string& kind,
                             const std::string& title) {
  StoredDocument d;
  d.person_id = c.p.person_id;
  d.prescription_id = c.p.id;
  d.kind = kind;
  d.title = title;
  d.filename = safe_file_name(title + " " + c.person.last_name + " " + c.person.first_name, "pdf");
  d.media_type = "application/pdf";
  return d;
}

StoredDocument workshop_document(const Workshop& w, const std::string& kind,
                                 const std::string& title, Id workshop_session_id) {
  StoredDocument d;
  d.workshop_id = w.id;
  d.workshop_session_id = workshop_session_id;
  d.kind = kind;
  d.title = title;
  d.filename = safe_file_name(title, "pdf");
  d.media_type = "application/pdf";
  return d;
}

ConvocationParticipant convocation_row(Repos& r, const ProgrammeConfig& config,
                                       const WorkshopParticipant& part, Id workshop_id) {
  Names names(r);
  ConvocationParticipant row;
  if (auto person = r.persons.find(part.person_id)) row.name = person_display_name(*person);
  auto p = r.journeys.find_prescription(part.prescription_id);
  if (!p) return row;
  row.cpip_name = names.user_name(p->cpip_id);
  const ProgrammeState* st = config.state(p->state);
  row.individual_follow_up = p->modality != "collective" && st && !st->terminal;
  for (const auto& other : r.workshops.participations_of(p->id)) {
    if (other.workshop_id == workshop_id || other.status != "registered") continue;
    if (auto w = r.workshops.find_workshop(other.workshop_id)) {
      if (!row.other_workshops.empty()) row.other_workshops += ", ";
      row.other_workshops += theme_label(config, *w);
    }
  }
  return row;
}

std::string attendance_words(const ProgrammeConfig& config, const WorkshopAttendance& a, Sex sex) {
  if (a.present) return attended_words(sex, true);
  for (const auto& reason : config.absence_reasons)
    if (reason.id == a.absence_reason)
      return attended_words(sex, false) + " — " + reason.label +
             (a.absence_justified ? " (justifiée)" : " (non justifiée)");
  return attended_words(sex, false);
}

CollectiveSheetSession collective_session(Repos& r, const WorkshopContext& c,
                                          const WorkshopSession& s) {
  CollectiveSheetSession out;
  out.number = s.number;
  out.date = french_long(s.date);
  out.start = french_time(s.start_minute);
  out.duration = french_duration(s.duration_minutes);
  out.place = workshop_place(c.w);
  out.code = sheet_code('S', s.id);
  auto attendance = r.workshops.attendance_of_session(s.id);
  for (const auto& part : c.participants) {
    if (part.status != "registered") continue;
    CollectiveSheetParticipant row;
    auto person = r.persons.find(part.person_id);
    if (person) row.name = person_display_name(*person);
    for (const auto& a : attendance)
      if (a.participant_id == part.id) {
        row.recorded = attendance_words(*c.config, a, person ? person->sex : Sex::male);
        if (!a.present)
          for (const auto& reason : c.config->absence_reasons)
            if (reason.id == a.absence_reason) row.absence_reason = reason.label;
      }
    out.participants.push_back(row);
  }
  return out;
}

std::vector<ConvocationSession> convocation_sessions(const WorkshopContext& c) {
  std::vector<ConvocationSession> out;
  for (const auto& s : c.sessions)
    if (s.status != "cancelled")
      out.push_back({s.number, french_long(s.date), french_time(s.start_minute),
                     french_duration(s.duration_minutes), workshop_place(c.w)});
  return out;
}

struct Registered {
  Person person;
  std::string cpip_name;
};

// The registered people of the workshop, in the order of the list.
std::vector<Registered> registered_people(Repos& r, const WorkshopContext& c) {
  Names names(r);
  std::vector<Registered> out;
  for (const auto& part : c.participants) {
    if (part.status != "registered") continue;
    auto person = r.persons.find(part.person_id);
    if (!person) continue;
    auto p = r.journeys.find_prescription(part.prescription_id);
    out.push_back({*person, p ? names.user_name(p->cpip_id) : ""});
  }
  return out;
}

bool detained(const Person& p) {
  return p.milieu == Milieu::closed;
}

std::string letter_intro(const Person& p, const std::string& theme, const std::string& intervenant,
                         std::size_t sessions) {
  std::string out =
      "Dans le cadre de votre accompagnement vers l’emploi ou la formation, vous êtes ";
  out += agreed(p.sex, "convoqué", "convoquée");
  out += " à l’atelier collectif «\u00a0" + theme + "\u00a0»";
  if (!intervenant.empty()) out += ", animé par " + intervenant;
  out += ". Il compte " + count_of(static_cast<long long>(sessions), "séance", "séances") +
         " ; votre présence à chacune est attendue.";
  return out;
}

std::string letter_closing(const Person& p, const std::string& cpip) {
  const std::string whom =
      cpip.empty() ? "votre CPIP référent" : "votre CPIP référent (" + cpip + ")";
  if (detained(p))
    return "Le jour de chaque séance, les agents de l’établissement vous conduiront à la salle. "
           "Si vous ne pouvez pas venir, prévenez dès que possible " +
           whom + " ou l’intervenant.";
  return "Présentez-vous quelques minutes avant l’heure indiquée. Si vous ne pouvez pas venir, "
         "prévenez dès que possible " +
         whom + " ou l’intervenant : toute absence doit être justifiée.";
}

ConvocationLetter convocation_letter(Repos& r, const Registered& who, const std::string& theme,
                                     const std::string& intervenant, std::size_t sessions) {
  const Person& p = who.person;
  ConvocationLetter l;
  l.person_name = person_display_name(p);
  if (detained(p)) l.prison_number = p.prison_number;
  l.recipient_address = address_of(r, p);
  l.salutation = agreed(p.sex, "Monsieur,", "Madame,");
  l.intro = letter_intro(p, theme, intervenant, sessions);
  l.cpip_name = who.cpip_name;
  l.closing = letter_closing(p, who.cpip_name);
  return l;
}

std::string headcount(const std::vector<Registered>& people) {
  const long long open = std::count_if(people.begin(), people.end(),
                                       [](const Registered& x) { return !detained(x.person); });
  std::string out =
      count_of(static_cast<long long>(people.size()), "personne inscrite", "personnes inscrites");
  if (open > 0) out += ", dont " + count_of(open, "en milieu ouvert", "en milieu ouvert");
  return out + ".";
}

EstablishmentListRow list_row(const Registered& who) {
  const Person& p = who.person;
  std::string number = "Milieu ouvert";
  if (detained(p)) number = p.prison_number.empty() ? "Non renseigné" : p.prison_number;
  return {person_display_name(p), french_medium(p.birth_date), number, who.cpip_name};
}

}  // namespace

Result<PdfFile> ProfessionalFileService::individual_sheet(const Actor& a, Id prescription_id) {
  return guarded_transact<PdfFile>(
      store_, clock_, a, "document.individual_sheet", "prescription", prescription_id,
      [&](Repos& r) -> Result<PdfFile> {
        auto c = case_context(r, a, programmes_, prescription_id);
        if (!c.ok()) return c.error();
        Names names(r);
        IndividualAttendanceSheet d;
        const std::string title = "Feuille d’émargement — PPAIP individuel";
        d.header = case_header(r, clock_, c->p, title);
        d.person_name = person_display_name(c->person);
        d.person_detail = person_detail(c->person);
        d.programme_label = c->config->label;
        d.cpip_name = names.user_name(c->p.cpip_id);
        d.intervenant_name = names.user_name(c->p.intervenant_id);
        for (const auto& s : r.journeys.sessions_of(c->p.id))
          if (s.status != "cancelled") d.lines.push_back(sheet_line(*c->config, s, c->person.sex));
        auto pdf = renderer_.individual_sheet(d);
        return store_document(r, clock_, a, case_document(*c, "attendance_individual", title),
                              pdf.bytes);
      });
}

Result<PdfFile> ProfessionalFileService::calendar(const Actor& a, Id prescription_id) {
  return guarded_transact<PdfFile>(
      store_, clock_, a, "document.calendar", "prescription", prescription_id,
      [&](Repos& r) -> Result<PdfFile> {
        auto c = case_context(r, a, programmes_, prescription_id);
        if (!c.ok()) return c.error();
        const std::string title = "Calendrier personnalisé des rendez-vous";
        CalendarLetter d = letter_of(r, clock_, *c, title);
        d.intro =
            "Voici les dates de vos prochains rendez-vous d’accompagnement vers l’emploi ou la "
            "formation. Merci de venir à chaque rendez-vous. Si vous ne pouvez pas venir, "
            "prévenez votre conseiller ou votre conseillère dès que possible.";
        auto pdf = renderer_.calendar(d);
        return store_document(r, clock_, a, case_document(*c, "calendar", title), pdf.bytes);
      });
}

Result<PdfFile> ProfessionalFileService::calendar_change(const Actor& a, Id prescription_id) {
  return guarded_transact<PdfFile>(
      store_, clock_, a, "document.calendar_change", "prescription", prescription_id,
      [&](Repos& r) -> Result<PdfFile> {
        auto c = case_context(r, a, programmes_, prescription_id);
        if (!c.ok()) return c.error();
        const std::string title = "Modification de votre calendrier de rendez-vous";
        CalendarLetter d = letter_of(r, clock_, *c, title);
        d.changes = changes_since_last_letter(r, c->p.id);
        if (d.changes.empty())
          return rule_violation(
              "Aucune modification du calendrier depuis le dernier envoi : imprimez plutôt le "
              "calendrier.");
        d.intro =
            "Vos rendez-vous ont changé. Vous trouverez ci-dessous ce qui a été modifié, puis la "
            "liste à jour de vos prochains rendez-vous.";
        auto pdf = renderer_.calendar(d);
        return store_document(r, clock_, a, case_document(*c, "calendar_change", title), pdf.bytes);
      });
}

Result<PdfFile> ProfessionalFileService::convocation(const Actor& a, Id workshop_id) {
  return guarded_transact<PdfFile>(
      store_, clock_, a, "document.convocation", "workshop", workshop_id,
      [&](Repos& r) -> Result<PdfFile> {
        auto c = workshop_context(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        Names names(r);
        Convocation d;
        const std::string title = "Convocation — atelier collectif";
        d.header = workshop_header(r, clock_, c->w, title);
        d.theme = theme_label(*c->config, c->w);
        d.workshop_title = c->w.title;
        d.intervenant_name = names.user_name(c->w.intervenant_id);
        d.external_professionals = c->w.external_professionals;
        d.total_duration = french_duration(static_cast<int>(workshop_hours(c->sessions) * 60));
        for (const auto& s : c->sessions)
          if (s.status != "cancelled")
            d.sessions.push_back({s.number, french_long(s.date), french_time(s.start_minute),
                                  french_duration(s.duration_minutes), workshop_place(c->w)});
        for (const auto& part : c->participants)
          if (part.status == "registered")
            d.participants.push_back(convocation_row(r, *c->config, part, c->w.id));
        d.code = sheet_code('A', c->w.id);
        auto pdf = renderer_.convocation(d);
        return store_document(r, clock_, a,
                              workshop_document(c->w, "convocation", title + " " + d.theme, 0),
                              pdf.bytes);
      });
}

Result<PdfFile> ProfessionalFileService::convocation_letters(const Actor& a, Id workshop_id) {
  return guarded_transact<PdfFile>(
      store_, clock_, a, "document.convocation_letters", "workshop", workshop_id,
      [&](Repos& r) -> Result<PdfFile> {
        auto c = workshop_context(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        Names names(r);
        ConvocationLetters d;
        const std::string title = "Convocation à un atelier collectif";
        d.header = workshop_header(r, clock_, c->w, title);
        d.theme = theme_label(*c->config, c->w);
        d.intervenant_name = names.user_name(c->w.intervenant_id);
        d.external_professionals = c->w.external_professionals;
        d.total_duration = french_duration(static_cast<int>(workshop_hours(c->sessions) * 60));
        d.sessions = convocation_sessions(*c);
        for (const Registered& who : registered_people(r, *c))
          d.letters.push_back(
              convocation_letter(r, who, d.theme, d.intervenant_name, d.sessions.size()));
        if (d.letters.empty())
          return rule_violation(
              "Aucune personne n’est inscrite à cet atelier\u00a0: rien à convoquer.");
        auto pdf = renderer_.convocation_letters(d);
        return store_document(r, clock_, a,
                              workshop_document(c->w, "convocation_letters",
                                                "Convocations individuelles " + d.theme, 0),
                              pdf.bytes);
      });
}

Result<PdfFile> ProfessionalFileService::establishment_list(const Actor& a, Id workshop_id) {
  return guarded_transact<PdfFile>(
      store_, clock_, a, "document.establishment_list", "workshop", workshop_id,
      [&](Repos& r) -> Result<PdfFile> {
        auto c = workshop_context(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        Names names(r);
        EstablishmentList d;
        const std::string title = "Liste des participants à un atelier collectif";
        d.header = workshop_header(r, clock_, c->w, title);
        d.theme = theme_label(*c->config, c->w);
        d.intervenant_name = names.user_name(c->w.intervenant_id);
        d.external_professionals = c->w.external_professionals;
        d.place = workshop_place(c->w);
        d.sessions = convocation_sessions(*c);
        const auto people = registered_people(r, *c);
        d.headcount = headcount(people);
        for (const Registered& who : people) d.participants.push_back(list_row(who));
        auto pdf = renderer_.establishment_list(d);
        return store_document(r, clock_, a,
                              workshop_document(c->w, "establishment_list",
                                                "Liste pour l’établissement " + d.theme, 0),
                              pdf.bytes);
      });
}

Result<PdfFile> ProfessionalFileService::collective_sheet(const Actor& a, Id workshop_id,
                                                          std::optional<Id> workshop_session_id) {
  return guarded_transact<PdfFile>(
      store_, clock_, a, "document.collective_sheet", "workshop", workshop_id,
      [&](Repos& r) -> Result<PdfFile> {
        auto c = workshop_context(r, a, programmes_, workshop_id);
        if (!c.ok()) return c.error();
        Names names(r);
        CollectiveAttendanceSheet d;
        const std::string title = "Feuille d’émargement — PPAIP collectif";
        d.header = workshop_header(r, clock_, c->w, title);
        d.theme = theme_label(*c->config, c->w);
        d.workshop_title = c->w.title;
        d.intervenant_name = names.user_name(c->w.intervenant_id);
        d.external_professionals = c->w.external_professionals;
        for (const auto& s : c->sessions) {
          if (s.status == "cancelled") continue;
          ++d.session_count;
          if (!workshop_session_id || *workshop_session_id == s.id)
            d.sessions.push_back(collective_session(r, *c, s));
        }
        if (d.sessions.empty()) return not_found("Cette séance n’existe pas dans cet atelier.");
        auto pdf = renderer_.collective_sheet(d);
        std::string words = title + " " + d.theme;
        if (workshop_session_id) words += " séance " + std::to_string(d.sessions.front().number);
        return store_document(r, clock_, a,
                              workshop_document(c->w, "attendance_collective", words,
                                                workshop_session_id.value_or(0)),
                              pdf.bytes);
      });
}

}  // namespace parcours
