// The personalised calendar and the calendar-change letter (SPEC PPAIP-10): sent to the CPIP and,
// by post, to a detained person; a change is announced within 48 hours with what it replaces.
#include "documents/document_parts.h"
#include "documents/pdf_renderer.h"
#include "documents/render.h"

namespace parcours {
namespace {

using namespace pdf;

std::vector<CellItem> recipient_items(const CalendarLetter& d) {
  std::vector<CellItem> items{text(d.person_name, emphasis_style(10.5))};
  if (!d.person_address.empty()) items.emplace_back(text(d.person_address, body_style()));
  return items;
}

// The programme and who follows the person on the left, the addressee on the right.
void letter_head(Flow& flow, const CalendarLetter& d) {
  Table grid;
  grid.borders = false;
  grid.padding = mm(2);
  grid.widths = {mm(95), mm(15), kContentWidth - mm(110)};
  Cell addressee = cell(recipient_items(d));
  addressee.fill = 0.96;
  grid.rows.push_back({cell(field_items({{"Programme", d.programme_label},
                                         {"Intervenant", d.intervenant_name},
                                         {"CPIP référent", d.cpip_name}})),
                       text_cell(""), addressee});
  add_table(flow, grid);
}

// PPAIP-10: what changed, before and after, and why.
void changes_table(Flow& flow, const CalendarLetter& d) {
  section_title(flow, "Modifications");
  Table table = data_table({60, 60, 60}, {"Avant", "Après", "Motif"});
  for (const CalendarChange& c : d.changes)
    table.rows.push_back(
        {text_cell(c.before), text_cell(c.after, emphasis_style(8)), text_cell(c.reason)});
  add_table(flow, table);
}

void appointments_table(Flow& flow, const CalendarLetter& d) {
  section_title(flow, "Vos rendez-vous");
  Table table = data_table({38, 20, 16, 48, 36, 22},
                           {"Date", "Heure de début", "Durée", "Lieu", "Nature", "Code"});
  TextStyle code = emphasis_style(8);
  code.mono = true;
  for (const CalendarLine& l : d.lines)
    table.rows.push_back({text_cell(l.date, emphasis_style(8)), text_cell(l.start),
                          text_cell(l.duration), text_cell(l.place), text_cell(l.kind),
                          text_cell(l.code.code, code)});
  add_table(flow, table);
}

void build_letter(Flow& flow, const CalendarLetter& d) {
  flow.running_head("Personne\u00a0: " + d.person_name);
  letter_head(flow, d);
  flow.space(mm(6));
  paragraphs(flow, d.intro);
  if (!d.changes.empty()) changes_table(flow, d);
  appointments_table(flow, d);
  flow.space(mm(5));
  flow.paragraph(
      text("En cas d’empêchement, prévenez dès que possible votre CPIP référent ou "
           "l’intervenant.",
           note_style()));
}

}  // namespace

RenderedPdf PdfRenderer::calendar(const CalendarLetter& d) {
  return pdf::render_pdf(d.header, [&d](pdf::Flow& flow) { build_letter(flow, d); });
}

}  // namespace parcours
