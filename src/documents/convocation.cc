// The convocation to a workshop (SPEC WS-4): the SPIP, the establishment, the theme with its
// planned dates and duration, and for each person the referent CPIP, whether an individual
// follow-up is ongoing and the other workshops attended.
#include "documents/document_parts.h"
#include "documents/pdf_renderer.h"
#include "documents/render.h"

namespace parcours {
namespace {

using namespace pdf;

std::vector<CellItem> workshop_items(const Convocation& d) {
  std::vector<CellItem> items{field("Thème", d.theme, emphasis_style(11))};
  Fields fields;
  if (d.workshop_title != d.theme) fields.push_back({"Atelier", d.workshop_title});
  // SPEC WS-4: the SPIP and the establishment are fields of the convocation itself, not only of
  // the page header.
  fields.insert(fields.end(), {{"SPIP", d.header.spip_name},
                               {"Établissement", d.header.establishment_name},
                               {"Intervenant", d.intervenant_name},
                               {"Professionnels extérieurs", d.external_professionals},
                               {"Durée totale", d.total_duration}});
  items.emplace_back(Gap{mm(1.2)});
  for (CellItem& item : field_items(fields)) items.push_back(item);
  return items;
}

void workshop_block(Flow& flow, const Convocation& d) {
  Table box;
  box.widths = {mm(115), kContentWidth - mm(115)};
  box.padding = mm(2.2);
  Cell code = text_cell("");
  if (!d.code.code.empty()) code = middle(cell({qr_beside(d.code, 25, 13)}));
  box.rows.push_back({cell(workshop_items(d), 0.97), code});
  add_table(flow, box);
}

// SPEC WS-4: the planned dates.
void sessions_table(Flow& flow, const Convocation& d) {
  section_title(flow, "Séances prévues");
  Table table =
      data_table({20, 52, 26, 20, 62}, {"Séance n°", "Date", "Heure de début", "Durée", "Lieu"});
  for (const ConvocationSession& s : d.sessions)
    table.rows.push_back({text_cell(std::to_string(s.number), emphasis_style(8)), text_cell(s.date),
                          text_cell(s.start), text_cell(s.duration), text_cell(s.place)});
  add_table(flow, table);
}

// SPEC WS-4: each person's name, referent CPIP, individual follow-up, other workshops.
void participants_table(Flow& flow, const Convocation& d) {
  section_title(flow, "Personnes convoquées");
  Table table = data_table({58, 48, 24, 50}, {"Nom et prénom", "CPIP référent",
                                              "Suivi individuel en cours", "Autres ateliers"});
  for (const ConvocationParticipant& p : d.participants)
    table.rows.push_back({text_cell(p.name, emphasis_style(8.5)), text_cell(p.cpip_name),
                          text_cell(p.individual_follow_up ? "Oui" : "Non"),
                          text_cell(p.other_workshops.empty() ? "Aucun" : p.other_workshops)});
  add_table(flow, table);
}

}  // namespace

RenderedPdf PdfRenderer::convocation(const Convocation& d) {
  return pdf::render_pdf(d.header, [&d](pdf::Flow& flow) {
    workshop_block(flow, d);
    sessions_table(flow, d);
    participants_table(flow, d);
  });
}

}  // namespace parcours
