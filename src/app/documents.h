// The printed documents of a programme (SPEC WS-4, WS-5, ATT-1, PPAIP-10, PPAIP-16) as plain
// data, and the port that renders them (DESIGN §1: documents/ renders from plain structs and
// never queries the database; app/ fills the structs and stores the result, BEN-4).
//
// Every text is final French text, already formatted by app/ ("lundi 3 mars 2025",
// "14 h 30", "1 h 30"): the renderer lays out, it does not format dates or look up labels.
#pragma once

#include <string>
#include <vector>

namespace parcours {

// What identifies a printed session or workshop session (ATT-2): a short code people can type
// ("E-7KQ4MP") and the address the QR code holds (base URL + "/emargement/" + code), which a
// phone camera opens directly.
struct SheetCode {
  std::string code;
  std::string url;
};

// The block at the top of every page.
struct DocumentHeader {
  // SPEC PPAIP-16: false on the person's copy of a bilan, which carries no Justice ministry
  // logo, header or wording (usable after release). When true, the header shows the
  // institutional block ("Ministère de la Justice", the DISP, the SPIP).
  bool justice_branding = true;
  std::string disp_name;  // "Direction interrégionale des services pénitentiaires de Dijon"
  std::string spip_name;  // "SPIP du Cher"
  std::string establishment_name;  // "Maison d'arrêt de Bourges" (may be empty in MO)
  std::string provider_name;       // "Association Trajectoires Emploi"
  std::string provider_contact;    // address / phone line, may be empty
  std::string title;               // "Feuille d'émargement — PPAIP individuel"
  std::string subtitle;            // optional
  std::string generated_on;        // "Édité le lundi 3 mars 2025"
  std::string reference;           // "Dossier n° 42 — version 2", may be empty
  // The PDF creation date, ISO 8601 ("2025-03-03T00:00:00": the edition day, from the
  // application's clock): the same content printed the same day gives the same bytes (BEN-4
  // versions compare checksums). Empty: the renderer's clock.
  std::string created_at_iso;
};

// ---- ATT-1: individual attendance sheet ------------------------------------------------------

struct IndividualSheetLine {
  std::string date;      // "lundi 3 mars 2025"
  std::string place;     // "Maison d'arrêt de Bourges — salle 2"
  std::string start;     // "14 h 30"
  std::string duration;  // "1 h 30"
  std::string kind;      // "Premier entretien", "Entretien", "Reconvocation"
  // Already recorded: "Présent(e)" or "Absent(e) — Maladie (justifiée)"; empty leaves the
  // signature box and the "motif d'absence" box blank to be filled by hand.
  std::string recorded;
  SheetCode code;  // one per session: its QR code is printed on the line
};

struct IndividualAttendanceSheet {
  DocumentHeader header;
  std::string person_name;    // "DUPONT-MONTMORENCY Jean-Édouard"
  std::string person_detail;  // "Né le 12 mars 1990 — n° d'écrou 12345", may be empty
  std::string programme_label;
  std::string cpip_name;
  std::string intervenant_name;            // the case's intervenant, who signs each line
  std::vector<IndividualSheetLine> lines;  // many: paginates with repeated table headers
};

// ---- WS-5: collective attendance sheet (one per workshop session) -----------------------------

struct CollectiveSheetParticipant {
  std::string name;
  std::string absence_reason;  // if known (already recorded), else empty for handwriting
  std::string recorded;        // "Présent(e)" when already recorded, else empty
};

struct CollectiveSheetSession {
  int number = 1;        // session number within the workshop
  std::string date;      // "mardi 4 mars 2025"
  std::string start;     // "9 h 30"
  std::string duration;  // "2 h"
  std::string place;
  SheetCode code;
  std::vector<CollectiveSheetParticipant> participants;  // up to 6 (WS-2)
};

struct CollectiveAttendanceSheet {
  DocumentHeader header;
  std::string theme;                             // "Techniques de recherche d'emploi"
  std::string workshop_title;                    // may equal the theme
  std::string intervenant_name;                  // signs each session
  std::string external_professionals;            // may be empty
  int session_count = 0;                         // "Séance 2 sur 5"
  std::vector<CollectiveSheetSession> sessions;  // one sheet (page or more) per session
};

// ---- WS-4: convocation to a workshop ---------------------------------------------------------

struct ConvocationSession {
  int number = 1;
  std::string date;
  std::string start;
  std::string duration;
  std::string place;
};

struct ConvocationParticipant {
  std::string name;
  std::string cpip_name;              // referent CPIP
  bool individual_follow_up = false;  // an individual programme is ongoing
  std::string other_workshops;        // "Image de soi (mars 2025)" or empty: none
};

struct Convocation {
  DocumentHeader header;  // spip_name and establishment_name are WS-4 fields
  std::string theme;
  std::string workshop_title;
  std::string intervenant_name;
  std::string external_professionals;
  std::string total_duration;                // "10 h"
  std::vector<ConvocationSession> sessions;  // planned dates
  std::vector<ConvocationParticipant> participants;
  SheetCode code;  // identifies the workshop
};

// ---- WS-4: the personal convocation letters and the establishment's list ---------------------

// One letter, one page: addressed to the person at the establishment (milieu fermé, with the
// écrou number) or at home (milieu ouvert).
struct ConvocationLetter {
  std::string person_name;
  std::string prison_number;      // numéro d'écrou; empty in milieu ouvert
  std::string recipient_address;  // lines separated by '\n'; may be empty
  std::string salutation;         // "Madame," / "Monsieur,"
  std::string intro;              // "Vous êtes convoquée à l'atelier collectif…"
  std::string cpip_name;
  std::string closing;  // what to do if prevented, who brings the person to the room
};

struct ConvocationLetters {
  DocumentHeader header;  // provider_name and provider_contact: whom to call
  std::string theme;
  std::string intervenant_name;
  std::string external_professionals;
  std::string total_duration;
  std::vector<ConvocationSession> sessions;
  std::vector<ConvocationLetter> letters;  // one page each, in one file
};

// The collective list the establishment's officers need to bring people to the room.
struct EstablishmentListRow {
  std::string name;
  std::string birth_date;     // "17 mai 1994"
  std::string prison_number;  // or "Milieu ouvert"
  std::string cpip_name;
};

struct EstablishmentList {
  DocumentHeader header;
  std::string theme;
  std::string intervenant_name;
  std::string external_professionals;
  std::string place;
  std::string headcount;  // "3 personnes inscrites, dont 2 détenues"
  std::vector<ConvocationSession> sessions;
  std::vector<EstablishmentListRow> participants;
};

// ---- PPAIP-10: personalised calendar and calendar-change letter -------------------------------

struct CalendarLine {
  std::string date;
  std::string start;
  std::string duration;
  std::string place;
  std::string kind;  // "Entretien individuel", "Atelier : Image de soi (séance 2)"
  SheetCode code;
};

struct CalendarChange {
  std::string before;  // "mardi 4 mars 2025, 14 h" or "—" for a new appointment
  std::string after;   // "jeudi 6 mars 2025, 10 h" or "Annulé"
  std::string reason;  // may be empty
};

struct CalendarLetter {
  DocumentHeader header;
  std::string person_name;
  std::string person_address;  // establishment or postal address, may be empty
  std::string programme_label;
  std::string intervenant_name;
  std::string cpip_name;
  std::string intro;                    // a short plain-language paragraph
  std::vector<CalendarChange> changes;  // empty for the calendar; filled for a change letter
  std::vector<CalendarLine> lines;      // the appointments to come
};

// ---- PPAIP-16: bilan (final or mid-term) ----------------------------------------------------

struct BilanActivity {
  std::string date;
  std::string kind;      // "Entretien individuel", "Atelier : CV et lettre (séance 1)"
  std::string duration;  // "1 h 30"
  std::string outcome;   // "Présent(e)", "Absent(e)"
};

struct BilanDocument {
  DocumentHeader header;   // justice_branding false on the person's copy
  std::string kind_label;  // "Bilan final" or "Bilan à mi-parcours"
  std::string copy_label;  // "Exemplaire du CPIP référent" / "Exemplaire de la personne"
  std::string person_name;
  std::string period;  // "du lundi 3 mars 2025 au vendredi 30 mai 2025"
  std::string intervenant_name;
  std::string cpip_name;      // empty on the person's copy
  std::string hours_summary;  // "18 h réalisées sur 20 h validées"
  // The four sections, in plain language (text with paragraphs separated by blank lines).
  std::string programme_done;
  std::vector<BilanActivity> activities;  // filled from recorded sessions and workshops
  std::string professional_project;
  std::string action_plan;
  std::string recommendations;  // may be empty: "Aucune recommandation."
  std::string author_line;      // "Rédigé par Julien Lefèvre, conseiller en insertion"
};

// ---- The port --------------------------------------------------------------------------------

// A rendered PDF: its bytes and its number of pages.
struct RenderedPdf {
  std::string bytes;
  int pages = 0;
};

// Renders the documents as A4 PDF (documents/ implements it with cairo and pango).
class DocumentRenderer {
 public:
  virtual ~DocumentRenderer() = default;
  virtual RenderedPdf individual_sheet(const IndividualAttendanceSheet& d) = 0;
  virtual RenderedPdf collective_sheet(const CollectiveAttendanceSheet& d) = 0;
  virtual RenderedPdf convocation(const Convocation& d) = 0;
  virtual RenderedPdf convocation_letters(const ConvocationLetters& d) = 0;
  virtual RenderedPdf establishment_list(const EstablishmentList& d) = 0;
  virtual RenderedPdf calendar(const CalendarLetter& d) = 0;
  virtual RenderedPdf bilan(const BilanDocument& d) = 0;
};

}  // namespace parcours
