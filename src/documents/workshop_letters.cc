// The convocation letters of a workshop, one page per person, and the collective list for the
// establishment (SPEC WS-4, CCTP §6.5 and its annex 2): in prison there is no Internet, so the
// person receives a letter with the écrou number the establishment files it under, and the
// officers receive the list of the people to bring to the room at each session.
#include <cctype>

#include "documents/document_parts.h"
#include "documents/pdf_renderer.h"
#include "documents/render.h"

namespace parcours {
namespace {

using namespace pdf;

// The workshop's dates, times, durations and places, shared by the letter and the list.
void sessions_table(Flow& flow, const std::vector<ConvocationSession>& sessions,
                    const std::string& title) {
  section_title(flow, title);
  Table table = data_table({18, 56, 24, 18, 64}, {"Séance", "Date", "Heure", "Durée", "Lieu"});
  for (const ConvocationSession& s : sessions)
    table.rows.push_back({text_cell(std::to_string(s.number), emphasis_style(8)),
                          text_cell(s.date, emphasis_style(8)), text_cell(s.start),
                          text_cell(s.duration), text_cell(s.place)});
  add_table(flow, table);
}

std::vector<CellItem> recipient_items(const ConvocationLetter& l) {
  std::vector<CellItem> items{text(l.person_name, emphasis_style(10.5))};
  if (!l.prison_number.empty())
    items.emplace_back(text("N° d’écrou\u00a0: " + l.prison_number, emphasis_style(10)));
  if (!l.recipient_address.empty()) items.emplace_back(text(l.recipient_address, body_style()));
  return items;
}

// The provider and the workshop on the left, the addressee on the right (a window envelope).
void letter_head(Flow& flow, const ConvocationLetters& d, const ConvocationLetter& l) {
  Table grid;
  grid.borders = false;
  grid.padding = mm(2);
  grid.widths = {mm(95), mm(10), kContentWidth - mm(105)};
  Cell addressee = cell(recipient_items(l));
  addressee.fill = 0.96;
  grid.rows.push_back({cell(field_items({{"Atelier", d.theme},
                                         {"Intervenant", d.intervenant_name},
                                         {"Professionnels extérieurs", d.external_professionals},
                                         {"CPIP référent", l.cpip_name}})),
                       text_cell(""), addressee});
  add_table(flow, grid);
}

// "Tél. 01 99 00 00 40" never split across lines: no-break spaces after "Tél." and between
// the digit pairs.
std::string unbroken_phone(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool digits_around = i > 0 && i + 1 < s.size() &&
                               std::isdigit(static_cast<unsigned char>(s[i - 1])) &&
                               std::isdigit(static_cast<unsigned char>(s[i + 1]));
    const std::string tel = "Tél.";
    const bool after_tel = i >= tel.size() && s.compare(i - tel.size(), tel.size(), tel) == 0;
    out +=
        s[i] == ' ' && (digits_around || after_tel) ? std::string("\u00a0") : std::string(1, s[i]);
  }
  return out;
}

void contact_block(Flow& flow, const ConvocationLetters& d) {
  flow.space(mm(4));
  std::string contact = d.header.provider_name;
  if (!d.header.provider_contact.empty())
    contact += " — " + unbroken_phone(d.header.provider_contact);
  flow.paragraph(text("Pour toute question\u00a0: " + contact, body_style()));
}

void build_letter(Flow& flow, const ConvocationLetters& d, const ConvocationLetter& l) {
  flow.running_head("Personne\u00a0: " + l.person_name);
  letter_head(flow, d, l);
  flow.space(mm(7));
  flow.paragraph(
      text("Objet\u00a0: convocation à l’atelier collectif «\u00a0" + d.theme + "\u00a0»",
           emphasis_style(10)),
      mm(4));
  flow.paragraph(text(l.salutation, body_style()), mm(2));
  paragraphs(flow, l.intro);
  sessions_table(flow, d.sessions, "Vos séances");
  flow.space(mm(2));
  flow.paragraph(text("Durée totale de l’atelier\u00a0: " + d.total_duration, body_style()));
  flow.space(mm(4));
  paragraphs(flow, l.closing);
  contact_block(flow, d);
}

// ---- The establishment's list -----------------------------------------------------------------

void list_head(Flow& flow, const EstablishmentList& d) {
  Table box;
  box.widths = {kContentWidth};
  box.padding = mm(2.2);
  std::vector<CellItem> items{field("Atelier", d.theme, emphasis_style(11))};
  items.emplace_back(Gap{mm(1.2)});
  for (CellItem& item : field_items({{"Établissement", d.header.establishment_name},
                                     {"SPIP", d.header.spip_name},
                                     {"Lieu", d.place},
                                     {"Intervenant", d.intervenant_name},
                                     {"Professionnels extérieurs", d.external_professionals},
                                     {"Prestataire", d.header.provider_name},
                                     {"Contact du prestataire", d.header.provider_contact}}))
    items.push_back(item);
  box.rows.push_back({cell(items, 0.97)});
  add_table(flow, box);
}

void participants_table(Flow& flow, const EstablishmentList& d) {
  section_title(flow, "Personnes à conduire à la salle");
  flow.paragraph(text(d.headcount, body_style()), mm(2), true);
  Table table = data_table({10, 62, 32, 34, 42}, {"N°", "Nom et prénom", "Date de naissance",
                                                  "N° d’écrou", "CPIP référent"});
  int n = 0;
  for (const EstablishmentListRow& p : d.participants)
    table.rows.push_back({text_cell(std::to_string(++n)), text_cell(p.name, emphasis_style(8.5)),
                          text_cell(p.birth_date), text_cell(p.prison_number, emphasis_style(8.5)),
                          text_cell(p.cpip_name)});
  add_table(flow, table);
}

}  // namespace

RenderedPdf PdfRenderer::convocation_letters(const ConvocationLetters& d) {
  return pdf::render_pdf(d.header, [&d](pdf::Flow& flow) {
    for (std::size_t i = 0; i < d.letters.size(); ++i) {
      if (i > 0) flow.page_break();
      build_letter(flow, d, d.letters[i]);
    }
  });
}

RenderedPdf PdfRenderer::establishment_list(const EstablishmentList& d) {
  return pdf::render_pdf(d.header, [&d](pdf::Flow& flow) {
    list_head(flow, d);
    sessions_table(flow, d.sessions, "Séances");
    participants_table(flow, d);
  });
}

}  // namespace parcours
