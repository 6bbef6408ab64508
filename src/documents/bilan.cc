// The bilan, final or mid-term (SPEC PPAIP-16): programme done, professional project, action plan,
// recommendations, in plain language. The person's copy carries no Justice wording: that is the
// header's justice_branding, honoured by the page frame.
#include "documents/document_parts.h"
#include "documents/pdf_renderer.h"
#include "documents/render.h"

namespace parcours {
namespace {

using namespace pdf;

// The kind of bilan and whose copy it is, prominent at the top of the first page.
void banner(Flow& flow, const BilanDocument& d) {
  Table box;
  box.widths = {mm(100), kContentWidth - mm(100)};
  box.padding = mm(2.5);
  TextStyle copy = emphasis_style(11);
  copy.align = Align::right;
  box.rows.push_back({middle(cell(text(d.kind_label, emphasis_style(14)), 0.92)),
                      middle(cell(text(d.copy_label, copy), 0.92))});
  add_table(flow, box);
}

void identification(Flow& flow, const BilanDocument& d) {
  Table grid;
  grid.borders = false;
  grid.padding = mm(1);
  grid.widths = {kContentWidth};
  // cpip_name is empty on the person's copy: the line is left out with it.
  grid.rows.push_back({cell(field_items({{"Personne", d.person_name},
                                         {"Période", d.period},
                                         {"Intervenant", d.intervenant_name},
                                         {"CPIP référent", d.cpip_name},
                                         {"Volume horaire", d.hours_summary}}))});
  add_table(flow, grid);
}

void activities_table(Flow& flow, const BilanDocument& d) {
  if (d.activities.empty()) return;
  flow.space(mm(1));
  Table table = data_table({50, 80, 20, 30}, {"Date", "Activité", "Durée", "Présence"});
  for (const BilanActivity& a : d.activities)
    table.rows.push_back(
        {text_cell(a.date), text_cell(a.kind), text_cell(a.duration), text_cell(a.outcome)});
  add_table(flow, table);
}

void sections(Flow& flow, const BilanDocument& d) {
  section_title(flow, "1. Le programme réalisé");
  paragraphs(flow, d.programme_done);
  activities_table(flow, d);
  section_title(flow, "2. Le projet professionnel");
  paragraphs(flow, d.professional_project);
  section_title(flow, "3. Le plan d’action");
  paragraphs(flow, d.action_plan);
  section_title(flow, "4. Les recommandations");
  paragraphs(flow, d.recommendations.empty() ? "Aucune recommandation." : d.recommendations);
}

void signature_area(Flow& flow, const BilanDocument& d) {
  flow.space(mm(6));
  if (!d.author_line.empty()) flow.paragraph(text(d.author_line, body_style()), mm(2), true);
  flow.keep_last_with_next();
  signature_boxes(flow, {"Signature de l’intervenant", "Signature de la personne"},
                  kContentWidth / 2, mm(24));
}

}  // namespace

RenderedPdf PdfRenderer::bilan(const BilanDocument& d) {
  return pdf::render_pdf(d.header, [&d](pdf::Flow& flow) {
    flow.running_head(d.person_name + " — " + d.copy_label);
    banner(flow, d);
    flow.space(mm(3));
    identification(flow, d);
    sections(flow, d);
    signature_area(flow, d);
  });
}

}  // namespace parcours
