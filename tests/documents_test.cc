// The printed documents read back (DESIGN §5: PDFs are read back with poppler and their text
// checked): every field the SPEC lists for WS-4, WS-5, ATT-1, PPAIP-10 and PPAIP-16 is on paper.
// Each PDF and its pages as PNG are saved under build/documents/ for a person to look at.
#include <gtest/gtest.h>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>
#include <qrencode.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "documents/pdf_renderer.h"
#include "documents/qr.h"

namespace parcours {
namespace {

// ---- Reading a PDF back -----------------------------------------------------------------------

// Collapses runs of whitespace (non-breaking spaces included) into one space and drops it after a
// hyphen: poppler's line breaks and spacing differ from the source text.
std::string normalise(const std::string& s) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool nbsp = s.compare(i, 2, "\xc2\xa0") == 0;
    const bool narrow = s.compare(i, 3, "\xe2\x80\xaf") == 0;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (nbsp || narrow || c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') {
      i += nbsp ? 1 : (narrow ? 2 : 0);
      space = true;
      continue;
    }
    // A hyphenated name wrapped after its hyphen reads back as "ROCHEFOUCAULD- MONTMORENCY".
    if (space && !out.empty() && out.back() != '-') out += ' ';
    space = false;
    out += s[i];
  }
  return out;
}

struct PdfText {
  std::vector<std::string> pages;  // normalised text of each page
  std::string all;
  std::string title;
};

// Text in drawing order (raw_order_layout): the wrapped lines of a table cell come back together
// instead of interleaved with the neighbouring cells as in the physical layout.
PdfText read_back(const RenderedPdf& pdf) {
  PdfText out;
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.bytes.data(), static_cast<int>(pdf.bytes.size())));
  if (!doc) return out;
  const auto title = doc->get_title().to_utf8();
  out.title.assign(title.begin(), title.end());
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    const auto utf8 = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
    out.pages.push_back(normalise(std::string(utf8.begin(), utf8.end())));
    out.all += out.pages.back() + " ";
  }
  return out;
}

bool contains(const std::string& text, const std::string& needle) {
  return text.find(normalise(needle)) != std::string::npos;
}

void expect_all(const std::string& text, const std::vector<std::string>& needles) {
  for (const std::string& n : needles) EXPECT_TRUE(contains(text, n)) << "missing: " << n;
}

void expect_none(const std::string& text, const std::vector<std::string>& needles) {
  for (const std::string& n : needles) EXPECT_FALSE(contains(text, n)) << "present: " << n;
}

// ---- Saving for review ------------------------------------------------------------------------

std::string documents_dir() {
  return std::string(PARCOURS_BUILD_DIR) + "/documents";
}

// Whether `file` is one of the page images pdftoppm wrote for `name` ("name-07.png").
bool is_page_image(const std::string& file, const std::string& name) {
  if (file.rfind(name + "-", 0) != 0 || !file.ends_with(".png")) return false;
  const std::string number = file.substr(name.size() + 1, file.size() - name.size() - 5);
  return !number.empty() && number.find_first_not_of("0123456789") == std::string::npos;
}

// Writes name.pdf and name-1.png… (pdftoppm numbers pages with as many digits as the count); a
// missing page image fails the test.
void save_for_review(const std::string& name, const RenderedPdf& pdf) {
  std::filesystem::create_directories(documents_dir());
  const std::string base = documents_dir() + "/" + name;
  std::ofstream(base + ".pdf", std::ios::binary) << pdf.bytes;
  for (const auto& entry : std::filesystem::directory_iterator(documents_dir()))
    if (is_page_image(entry.path().filename().string(), name))
      std::filesystem::remove(entry.path());
  const std::string command = "pdftoppm -r 60 -png '" + base + ".pdf' '" + base + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const int digits = static_cast<int>(std::to_string(pdf.pages).size());
  for (int page = 1; page <= pdf.pages; ++page) {
    std::string number = std::to_string(page);
    number.insert(0, static_cast<std::size_t>(digits) - number.size(), '0');
    EXPECT_TRUE(std::filesystem::exists(base + "-" + number + ".png")) << base << "-" << number;
  }
}

// ---- Realistic samples ------------------------------------------------------------------------

const std::string kLongName = "DE LA ROCHEFOUCAULD-MONTMORENCY Marie-Évangéline";
const std::string kIntervenant = "Julien Lefèvre-Châteaubriant";
const std::string kCpip = "Françoise Bénédicte Aubépine";

DocumentHeader header(std::string title) {
  DocumentHeader h;
  h.disp_name = "Direction interrégionale des services pénitentiaires de Dijon";
  h.spip_name = "SPIP du Cher";
  h.establishment_name = "Maison d’arrêt de Bourges";
  h.provider_name = "Association Trajectoires Emploi";
  h.provider_contact = "12 rue Mirebeau, 18000 Bourges — 02 48 65 00 00";
  h.title = std::move(title);
  h.subtitle = "Programme personnalisé d’accompagnement individuel et professionnel";
  h.generated_on = "Édité le lundi 3 mars 2025";
  h.reference = "Dossier n°\u00a042 — version 2";
  return h;
}

const char* const kDays[] = {"lundi", "mardi", "mercredi", "jeudi", "vendredi"};

std::string day(int i) {
  return std::string(kDays[i % 5]) + " " + std::to_string(3 + i % 25) + " mars 2025";
}

std::string code(int i) {
  return "E-7KQ" + std::to_string(100 + i);
}

SheetCode sheet_code(int i) {
  return {code(i), "https://parcours.example.fr/emargement/" + code(i)};
}

IndividualAttendanceSheet individual_sheet(int lines) {
  IndividualAttendanceSheet d;
  d.header = header("Feuille d’émargement — PPAIP individuel");
  d.person_name = kLongName;
  d.person_detail = "Née le 12 mars 1990 — n° d’écrou 12345";
  d.programme_label = "PPAIP — accompagnement individuel";
  d.cpip_name = kCpip;
  d.intervenant_name = kIntervenant;
  for (int i = 0; i < lines; ++i) {
    IndividualSheetLine l{day(i),
                          "Maison d’arrêt de Bourges — salle 2",
                          "14\u00a0h " + std::to_string(10 + i % 5 * 10),
                          "1\u00a0h\u00a030",
                          i == 0 ? "Premier entretien" : "Entretien",
                          "",
                          sheet_code(i)};
    if (i == 1) l.recorded = "Présent(e)";
    if (i == 2) l.recorded = "Absent(e) — Maladie (justifiée)";
    d.lines.push_back(l);
  }
  return d;
}

const std::vector<std::string> kParticipants = {
    kLongName,       "MARTIN Jean-Édouard",        "N’DIAYE Aïssatou",
    "LEFÈBVRE Gaël", "O’CONNOR-SAINT-ÉXUPÉRY Zoë", "BENAÏSSA Noémie"};

CollectiveAttendanceSheet collective_sheet() {
  CollectiveAttendanceSheet d;
  d.header = header("Feuille d’émargement — atelier collectif");
  d.theme = "Techniques de recherche d’emploi";
  d.workshop_title = "CV, lettre de motivation et entretien d’embauche";
  d.intervenant_name = kIntervenant;
  d.external_professionals = "Sophie Maréchal (France Travail), Éric Dufour (Mission locale)";
  d.session_count = 5;
  for (int s = 0; s < 2; ++s) {
    CollectiveSheetSession session{s + 1,
                                   day(s),
                                   "9\u00a0h\u00a030",
                                   "2\u00a0h",
                                   "Centre pénitentiaire — salle d’activités 3",
                                   sheet_code(50 + s),
                                   {}};
    for (const std::string& name : kParticipants) session.participants.push_back({name, "", ""});
    session.participants[2] = {kParticipants[2], "Transfert vers un autre établissement", ""};
    session.participants[3] = {kParticipants[3], "", "Présent(e)"};
    d.sessions.push_back(session);
  }
  return d;
}

Convocation convocation() {
  Convocation d;
  d.header = header("Convocation à un atelier collectif");
  d.theme = "Image de soi et confiance";
  d.workshop_title = "Se présenter à un employeur";
  d.intervenant_name = kIntervenant;
  d.external_professionals = "Sophie Maréchal (France Travail)";
  d.total_duration = "10\u00a0h";
  for (int i = 0; i < 5; ++i)
    d.sessions.push_back({i + 1, day(i), "9\u00a0h\u00a030", "2\u00a0h", "Salle polyvalente"});
  for (std::size_t i = 0; i < kParticipants.size(); ++i)
    d.participants.push_back({kParticipants[i], i % 2 == 0 ? kCpip : "Hélène Cordier", i % 2 == 0,
                              i == 1 ? "Techniques de recherche d’emploi (mars 2025)" : ""});
  d.code = sheet_code(77);
  return d;
}

CalendarLetter calendar(bool with_changes, int lines) {
  CalendarLetter d;
  d.header =
      header(with_changes ? "Modification de votre calendrier" : "Votre calendrier personnalisé");
  d.person_name = kLongName;
  d.person_address = "Maison d’arrêt de Bourges, 9 rue Moyenne, 18000 Bourges";
  d.programme_label = "PPAIP — accompagnement individuel";
  d.intervenant_name = kIntervenant;
  d.cpip_name = kCpip;
  d.intro =
      "Voici les dates de vos prochains rendez-vous. Gardez ce courrier : il vous sert de "
      "convocation.\n\nSi une date ne vous convient pas, parlez-en à votre CPIP.";
  if (with_changes)
    d.changes = {{"mardi 4 mars 2025, 14\u00a0h", "jeudi 6 mars 2025, 10\u00a0h",
                  "Indisponibilité de la salle"},
                 {"—", "vendredi 7 mars 2025, 9\u00a0h\u00a030", ""},
                 {"lundi 10 mars 2025, 14\u00a0h", "Annulé", "Audience au tribunal"}};
  for (int i = 0; i < lines; ++i)
    d.lines.push_back({day(i), "10\u00a0h", "1\u00a0h", "Maison d’arrêt de Bourges — salle 2",
                       i % 3 == 2 ? "Atelier : Image de soi (séance 2)" : "Entretien individuel",
                       sheet_code(200 + i)});
  return d;
}

BilanDocument bilan(bool person_copy, int paragraphs) {
  BilanDocument d;
  d.header = header("Bilan final — PPAIP");
  // The renderer, not app/, keeps the ministry out of the person's copy (SPEC PPAIP-16).
  d.header.justice_branding = !person_copy;
  d.kind_label = "Bilan final";
  d.copy_label = person_copy ? "Exemplaire de la personne" : "Exemplaire du CPIP référent";
  d.person_name = kLongName;
  d.period = "du lundi 3 mars 2025 au vendredi 30 mai 2025";
  d.intervenant_name = kIntervenant;
  d.cpip_name = person_copy ? "" : kCpip;
  d.hours_summary = "18\u00a0h réalisées sur 20\u00a0h validées";
  for (int i = 0; i < paragraphs; ++i)
    d.programme_done += "Paragraphe " + std::to_string(i + 1) +
                        " : vous avez suivi les entretiens avec régularité et réfléchi à votre "
                        "profil ; la réflexion a porté sur vos compétences, vos envies et les "
                        "difficultés rencontrées pendant la détention.\n\n";
  d.activities = {
      {"lundi 3 mars 2025", "Entretien individuel", "1\u00a0h\u00a030", "Présent(e)"},
      {"mardi 4 mars 2025", "Atelier : CV et lettre (séance 1)", "2\u00a0h", "Présent(e)"},
      {"jeudi 6 mars 2025", "Entretien individuel", "1\u00a0h", "Absent(e)"}};
  d.professional_project = "Devenir agent de propreté et d’hygiène dans le secteur hospitalier.";
  d.action_plan =
      "Inscription à France Travail dès la sortie.\n\nCandidature à la formation "
      "« Agent de propreté » de l’AFPA de Bourges.";
  d.recommendations = "Poursuivre l’accompagnement avec la Mission locale.";
  d.author_line = "Rédigé par Julien Lefèvre-Châteaubriant, conseiller en insertion";
  return d;
}

const std::vector<std::string> kHeaderFields = {
    "MINISTÈRE DE LA JUSTICE",
    "Direction interrégionale des services pénitentiaires de Dijon",
    "SPIP du Cher",
    "Maison d’arrêt de Bourges",
    "Association Trajectoires Emploi",
    "12 rue Mirebeau, 18000 Bourges — 02 48 65 00 00",
    "Programme personnalisé d’accompagnement individuel et professionnel",
    "Édité le lundi 3 mars 2025",
    "Dossier n° 42 — version 2"};

// ---- ATT-1 ------------------------------------------------------------------------------------

TEST(Documents, ATT_1_IndividualSheetHasEveryField) {
  PdfRenderer renderer;
  const IndividualAttendanceSheet d = individual_sheet(5);
  const RenderedPdf pdf = renderer.individual_sheet(d);
  save_for_review("feuille-individuelle", pdf);
  const PdfText t = read_back(pdf);
  ASSERT_EQ(static_cast<int>(t.pages.size()), pdf.pages);
  expect_all(t.all, kHeaderFields);
  expect_all(t.all,
             {d.header.title, d.person_name, d.person_detail, d.programme_label,
              "CPIP référent : " + kCpip, "Intervenant : " + kIntervenant, "Date", "Lieu",
              "Heure de début", "Durée", "Signature de la personne ou motif d’absence",
              "Signature de l’intervenant", "Présent(e)", "Absent(e) — Maladie (justifiée)",
              "Nom, prénom et signature de l’intervenant : " + kIntervenant, "Page 1 sur 1"});
  for (const IndividualSheetLine& l : d.lines)
    expect_all(t.all, {l.date, l.place, l.start, l.duration, l.kind, l.code.code});
  EXPECT_EQ(t.title, d.header.title);
}

TEST(Documents, ATT_1_ThirtySessionsPaginateWithRepeatedHeaders) {
  PdfRenderer renderer;
  const IndividualAttendanceSheet d = individual_sheet(32);
  const RenderedPdf pdf = renderer.individual_sheet(d);
  save_for_review("feuille-individuelle-32-seances", pdf);
  const PdfText t = read_back(pdf);
  ASSERT_GE(pdf.pages, 2);
  ASSERT_EQ(static_cast<int>(t.pages.size()), pdf.pages);
  for (std::size_t p = 0; p < t.pages.size(); ++p) {
    SCOPED_TRACE("page " + std::to_string(p + 1));
    expect_all(t.pages[p],
               {"MINISTÈRE DE LA JUSTICE", d.header.title, d.person_name, "Date", "Heure de début",
                "Durée", "Lieu", "Signature de la personne ou motif d’absence",
                "Signature de l’intervenant",
                "Page " + std::to_string(p + 1) + " sur " + std::to_string(pdf.pages)});
  }
  for (const IndividualSheetLine& l : d.lines) expect_all(t.all, {l.code.code});
}

// ATT-2: each printed session carries its code (and the QR code holding its address).
TEST(Documents, ATT_2_SheetCodeIsPrintedInFull) {
  PdfRenderer renderer;
  IndividualAttendanceSheet d = individual_sheet(1);
  d.lines[0].code = {"E-7KQ4MP", "https://parcours.example.fr/emargement/E-7KQ4MP"};
  const PdfText t = read_back(renderer.individual_sheet(d));
  expect_all(t.all, {"E-7KQ4MP"});
}

// ATT-2: a phone camera opens the session's page. Decoding needs zbarimg (zbar-tools), which
// the project does not install: the test is skipped without it.
TEST(Documents, ATT_2_QrCodesDecodeToTheirAddress) {
  if (std::system("command -v zbarimg >/dev/null 2>&1") != 0) GTEST_SKIP() << "zbarimg absent";
  PdfRenderer renderer;
  const IndividualAttendanceSheet d = individual_sheet(3);
  const RenderedPdf pdf = renderer.individual_sheet(d);
  save_for_review("feuille-individuelle-qr", pdf);
  const std::string base = documents_dir() + "/feuille-individuelle-qr";
  const std::string command = "pdftoppm -r 150 -png -singlefile '" + base + ".pdf' '" + base +
                              "-150dpi' && zbarimg -q --raw '" + base + "-150dpi.png' > '" + base +
                              ".txt' 2>/dev/null";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(base + ".txt");
  const std::string decoded((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const IndividualSheetLine& l : d.lines) expect_all(decoded, {l.code.url});
}

// ATT-2: Parcours' own encoder (faster, issue 13) draws the very symbol libqrencode draws in byte
// mode at level M, module for module, from version 1 to 40 (mask choice included).
TEST(Documents, ATT_2_QrEncoderMatchesLibqrencode) {
  std::vector<std::string> texts;
  for (int i = 0; i < 60; ++i)
    texts.push_back("https://parcours.example.fr/emargement/E-" + std::to_string(7000 + i * 37));
  unsigned seed = 12345;
  for (std::size_t length = 1; length <= 2331; length += length < 300 ? 1 : 97) {
    std::string t;
    for (std::size_t i = 0; i < length; ++i) {
      seed = seed * 1103515245u + 12345u;
      t += static_cast<char>(1 + (seed >> 16) % 255);  // any byte but NUL
    }
    texts.push_back(t);
  }
  for (const std::string& t : texts) {
    std::unique_ptr<QRcode, void (*)(QRcode*)> reference(
        QRcode_encodeString8bit(t.c_str(), 0, QR_ECLEVEL_M), QRcode_free);
    ASSERT_TRUE(reference) << t.size();
    const pdf::QrMatrix ours = pdf::encode_qr(t);
    ASSERT_EQ(ours.width, reference->width) << t.size();
    for (int i = 0; i < ours.width * ours.width; ++i)
      ASSERT_EQ(ours.dark[static_cast<std::size_t>(i)], (reference->data[i] & 1) != 0)
          << "length " << t.size() << ", module " << i;
  }
  EXPECT_TRUE(pdf::encode_qr(std::string(2332, 'x')).empty());  // beyond version 40-M
}

// ---- WS-5 -------------------------------------------------------------------------------------

TEST(Documents, WS_5_CollectiveSheetHasEveryField) {
  PdfRenderer renderer;
  const CollectiveAttendanceSheet d = collective_sheet();
  const RenderedPdf pdf = renderer.collective_sheet(d);
  save_for_review("feuille-collective", pdf);
  const PdfText t = read_back(pdf);
  // One page per session: six participants fit with room to sign.
  ASSERT_EQ(pdf.pages, static_cast<int>(d.sessions.size()));
  ASSERT_EQ(t.pages.size(), d.sessions.size());
  for (std::size_t p = 0; p < d.sessions.size(); ++p) {
    SCOPED_TRACE("session " + std::to_string(p + 1));
    const CollectiveSheetSession& s = d.sessions[p];
    expect_all(t.pages[p], kHeaderFields);
    expect_all(
        t.pages[p],
        {d.theme, d.workshop_title, "Intervenant : " + kIntervenant, "Signature de l’intervenant",
         d.external_professionals, "Séance n° " + std::to_string(s.number) + " sur 5",
         "Date : " + s.date, "Heure de début : " + s.start, "Durée : " + s.duration,
         "Lieu : " + s.place, s.code.code, "Nom et prénom", "Signature de la personne",
         "Motif d’absence (si connu)", "Transfert vers un autre établissement", "Présent(e)"});
    for (const CollectiveSheetParticipant& person : s.participants)
      expect_all(t.pages[p], {person.name});
  }
}

// ---- WS-4 -------------------------------------------------------------------------------------

TEST(Documents, WS_4_ConvocationHasEveryField) {
  PdfRenderer renderer;
  const Convocation d = convocation();
  const RenderedPdf pdf = renderer.convocation(d);
  save_for_review("convocation", pdf);
  const PdfText t = read_back(pdf);
  expect_all(t.all, kHeaderFields);
  expect_all(t.all, {"SPIP : SPIP du Cher", "Établissement : Maison d’arrêt de Bourges",
                     "Thème : " + d.theme, d.workshop_title, "Intervenant : " + kIntervenant,
                     d.external_professionals, "Durée totale : 10\u00a0h", d.code.code, "Séance n°",
                     "Nom et prénom", "CPIP référent", "Suivi individuel en cours",
                     "Autres ateliers", "Oui", "Non", "Aucun",
                     "Techniques de recherche d’emploi (mars 2025)", "Hélène Cordier", kCpip});
  for (const ConvocationSession& s : d.sessions)
    expect_all(t.all, {s.date, s.start, s.duration, s.place});
  for (const ConvocationParticipant& p : d.participants) expect_all(t.all, {p.name});
}

// ---- PPAIP-10 ---------------------------------------------------------------------------------

TEST(Documents, PPAIP_10_CalendarHasEveryField) {
  PdfRenderer renderer;
  const CalendarLetter d = calendar(false, 8);
  const RenderedPdf pdf = renderer.calendar(d);
  save_for_review("calendrier", pdf);
  const PdfText t = read_back(pdf);
  expect_all(t.all, kHeaderFields);
  expect_all(t.all, {d.person_name, d.person_address, "Programme : " + d.programme_label,
                     "Intervenant : " + kIntervenant, "CPIP référent : " + kCpip,
                     "Voici les dates de vos prochains rendez-vous.",
                     "Si une date ne vous convient pas, parlez-en à votre CPIP."});
  expect_none(t.all, {"Modifications"});
  for (const CalendarLine& l : d.lines)
    expect_all(t.all, {l.date, l.start, l.duration, l.place, l.kind, l.code.code});
}

TEST(Documents, PPAIP_10_ChangeLetterShowsBeforeAfterAndReason) {
  PdfRenderer renderer;
  const CalendarLetter d = calendar(true, 40);
  const RenderedPdf pdf = renderer.calendar(d);
  save_for_review("modification-calendrier", pdf);
  const PdfText t = read_back(pdf);
  ASSERT_GE(pdf.pages, 2);
  expect_all(t.all, {"Modifications", "Avant", "Après", "Motif"});
  for (const CalendarChange& c : d.changes) expect_all(t.all, {c.before, c.after, c.reason});
  for (const CalendarLine& l : d.lines) expect_all(t.all, {l.code.code});
  for (std::size_t p = 0; p < t.pages.size(); ++p) expect_all(t.pages[p], {d.person_name});
}

// ---- PPAIP-16 ---------------------------------------------------------------------------------

TEST(Documents, PPAIP_16_BilanHasEverySection) {
  PdfRenderer renderer;
  const BilanDocument d = bilan(false, 2);
  const RenderedPdf pdf = renderer.bilan(d);
  save_for_review("bilan-exemplaire-cpip", pdf);
  const PdfText t = read_back(pdf);
  expect_all(t.all, kHeaderFields);
  expect_all(t.all, {d.kind_label,
                     d.copy_label,
                     d.person_name,
                     d.period,
                     "Intervenant : " + kIntervenant,
                     "CPIP référent : " + kCpip,
                     d.hours_summary,
                     "1. Le programme réalisé",
                     "2. Le projet professionnel",
                     "3. Le plan d’action",
                     "4. Les recommandations",
                     "Paragraphe 1",
                     "Paragraphe 2",
                     d.professional_project,
                     "Inscription à France Travail",
                     "« Agent de propreté »",
                     d.recommendations,
                     d.author_line,
                     "Atelier : CV et lettre (séance 1)",
                     "Absent(e)"});
  // Ligatures are off: "fi" and "fl" come back as letters.
  expect_all(t.all, {"profil", "réflexion"});
}

TEST(Documents, PPAIP_16_PersonCopyHasNoMinistryWording) {
  PdfRenderer renderer;
  const RenderedPdf cpip = renderer.bilan(bilan(false, 2));
  const BilanDocument d = bilan(true, 2);
  const RenderedPdf person = renderer.bilan(d);
  save_for_review("bilan-exemplaire-personne", person);
  expect_all(read_back(cpip).all, {"MINISTÈRE DE LA JUSTICE"});
  const PdfText t = read_back(person);
  expect_none(t.all, {"Ministère", "MINISTÈRE", "Justice", "JUSTICE", "pénitentiaire", "SPIP",
                      "DISP", "CPIP référent :"});
  expect_all(t.all, {"Association Trajectoires Emploi", d.header.title, "Dossier n° 42",
                     "Édité le lundi 3 mars 2025", "Exemplaire de la personne", d.person_name});
}

TEST(Documents, PPAIP_16_LongBilanContinuesOnNextPages) {
  PdfRenderer renderer;
  BilanDocument d = bilan(false, 30);
  d.recommendations.clear();
  const RenderedPdf pdf = renderer.bilan(d);
  save_for_review("bilan-long", pdf);
  const PdfText t = read_back(pdf);
  ASSERT_GE(pdf.pages, 2);
  expect_all(t.all, {"Paragraphe 1 :", "Paragraphe 30 :", "Aucune recommandation.",
                     "Page 2 sur " + std::to_string(pdf.pages), d.author_line});
}

}  // namespace
}  // namespace parcours
