// Attendance sheets, the basis of invoicing and control (SPEC ATT-2): the individual sheet of a
// person's interviews (ATT-1) and the collective sheet of a workshop session (WS-5). Printed,
// signed by hand in prison, reconciled afterwards; each session carries its QR code and code.
#include "documents/document_parts.h"
#include "documents/pdf_renderer.h"
#include "documents/render.h"

namespace parcours {
namespace {

using namespace pdf;

// ---- ATT-1 -----------------------------------------------------------------------------------

inline constexpr double kLineHeightMm = 20;  // room for two signatures and the QR code

std::vector<CellItem> person_items(const IndividualAttendanceSheet& d) {
  std::vector<CellItem> items{field("Personne", d.person_name, emphasis_style(10))};
  if (!d.person_detail.empty()) items.emplace_back(text(d.person_detail, cell_style()));
  items.emplace_back(Gap{mm(0.8)});
  for (CellItem& item : field_items({{"Programme", d.programme_label}})) items.push_back(item);
  return items;
}

// SPEC ATT-1: the person's name, the programme, the referent CPIP and the intervenant.
void identification(Flow& flow, const IndividualAttendanceSheet& d) {
  Table box;
  box.widths = {mm(105), kContentWidth - mm(105)};
  box.padding = mm(2);
  box.rows.push_back(
      {cell(person_items(d), 0.97),
       cell(field_items({{"CPIP référent", d.cpip_name}, {"Intervenant", d.intervenant_name}}),
            0.97)});
  add_table(flow, box);
}

std::vector<Cell> sheet_row(const IndividualSheetLine& line) {
  Cell signature = text_cell("");
  if (!line.recorded.empty()) signature = text_cell(line.recorded, note_style());
  Cell code = text_cell("");
  if (!line.code.code.empty()) code = cell({qr_below(line.code, 16.5)});
  return {text_cell(line.date),
          text_cell(line.start),
          text_cell(line.duration),
          text_cell(line.place),
          text_cell(line.kind),
          signature,
          code,
          text_cell("")};
}

// SPEC ATT-1: for each interview, date, place, start, duration, the person's signature or reason
// of absence, the intervenant's signature; the header row repeats on every page.
void sheet_table(Flow& flow, const IndividualAttendanceSheet& d) {
  Table table = data_table({24, 15, 13, 28, 22, 34, 21, 23},
                           {"Date", "Heure de début", "Durée", "Lieu", "Nature de la séance",
                            "Signature de la personne ou motif d’absence", "Code de la séance",
                            "Signature de l’intervenant"});
  table.min_row_height = mm(kLineHeightMm);
  for (const IndividualSheetLine& line : d.lines) table.rows.push_back(sheet_row(line));
  add_table(flow, table);
}

void build_individual(Flow& flow, const IndividualAttendanceSheet& d) {
  flow.running_head("Personne\u00a0: " + d.person_name);
  identification(flow, d);
  flow.space(mm(3));
  flow.paragraph(text("Chaque séance est signée par la personne et par l’intervenant. En cas "
                      "d’absence, indiquer le motif s’il est connu.",
                      note_style()),
                 mm(2));
  sheet_table(flow, d);
  flow.space(mm(6));
  flow.paragraph(field("Nom, prénom et signature de l’intervenant", d.intervenant_name), mm(1.5),
                 true);
  flow.keep_last_with_next();
  signature_boxes(flow, {"Signature"}, mm(90), mm(22));
}

// ---- WS-5 ------------------------------------------------------------------------------------

inline constexpr double kParticipantRowMm = 19;  // six participants fit on one page

std::string session_label(const CollectiveSheetSession& s, int count) {
  std::string label = "Séance n°\u00a0" + std::to_string(s.number);
  if (count > 0) label += " sur " + std::to_string(count);
  return label;
}

std::vector<CellItem> session_items(const CollectiveAttendanceSheet& d,
                                    const CollectiveSheetSession& s) {
  std::vector<CellItem> items{field("Thème", d.theme, emphasis_style(11))};
  if (!d.workshop_title.empty() && d.workshop_title != d.theme)
    items.emplace_back(field("Atelier", d.workshop_title));
  items.emplace_back(Gap{mm(1.5)});
  items.emplace_back(text(session_label(s, d.session_count), emphasis_style(11)));
  items.emplace_back(Gap{mm(1.5)});
  for (CellItem& item : field_items({{"Date", s.date},
                                     {"Heure de début", s.start},
                                     {"Durée", s.duration},
                                     {"Lieu", s.place}}))
    items.push_back(item);
  return items;
}

// SPEC WS-5: theme, session number, date, start, duration, place; the session's QR code.
void session_block(Flow& flow, const CollectiveAttendanceSheet& d,
                   const CollectiveSheetSession& s) {
  Table box;
  box.widths = {mm(112), kContentWidth - mm(112)};
  box.padding = mm(2.2);
  Cell code = text_cell("");
  if (!s.code.code.empty()) code = middle(cell({qr_beside(s.code, 25, 15)}));
  box.rows.push_back({cell(session_items(d, s), 0.97), code});
  add_table(flow, box);
}

// SPEC WS-5: the intervenant's name and signature.
void intervenant_block(Flow& flow, const CollectiveAttendanceSheet& d) {
  Table box;
  box.widths = {mm(112), kContentWidth - mm(112)};
  box.padding = mm(2.2);
  box.min_row_height = mm(22);
  box.rows.push_back({cell(field_items({{"Intervenant", d.intervenant_name},
                                        {"Professionnels extérieurs", d.external_professionals}})),
                      text_cell("Signature de l’intervenant", emphasis_style(8))});
  add_table(flow, box);
}

std::vector<Cell> participant_row(const CollectiveSheetParticipant& p) {
  return {text_cell(p.name, emphasis_style(9)), text_cell(p.recorded, note_style()),
          text_cell(p.absence_reason, note_style())};
}

// SPEC WS-5: each person's name, signature, and reason of absence if known.
void participants_table(Flow& flow, const CollectiveSheetSession& s) {
  Table table = data_table(
      {62, 60, 58}, {"Nom et prénom", "Signature de la personne", "Motif d’absence (si connu)"});
  table.min_row_height = mm(kParticipantRowMm);
  for (const CollectiveSheetParticipant& p : s.participants)
    table.rows.push_back(participant_row(p));
  add_table(flow, table);
}

void build_session(Flow& flow, const CollectiveAttendanceSheet& d,
                   const CollectiveSheetSession& s) {
  flow.running_head(session_label(s, d.session_count) + " — " + s.date + " — " + d.theme);
  session_block(flow, d, s);
  flow.space(mm(3));
  intervenant_block(flow, d);
  section_title(flow, "Participants");
  participants_table(flow, s);
}

}  // namespace

RenderedPdf PdfRenderer::individual_sheet(const IndividualAttendanceSheet& d) {
  return pdf::render_pdf(d.header, [&d](pdf::Flow& flow) { build_individual(flow, d); });
}

// SPEC WS-5: one sheet, starting on a new page, per session.
RenderedPdf PdfRenderer::collective_sheet(const CollectiveAttendanceSheet& d) {
  return pdf::render_pdf(d.header, [&d](pdf::Flow& flow) {
    for (std::size_t i = 0; i < d.sessions.size(); ++i) {
      if (i > 0) flow.page_break();
      build_session(flow, d, d.sessions[i]);
    }
  });
}

}  // namespace parcours
