// Document rendering benchmarks (make bench): the longest attendance sheet (ATT-1, 30 sessions
// with their QR codes) and a final bilan (PPAIP-16), in pages rendered per second.
#include <benchmark/benchmark.h>

#include <string>

#include "documents/pdf_renderer.h"

namespace {

using namespace parcours;

DocumentHeader bench_header(std::string title) {
  DocumentHeader h;
  h.disp_name = "Direction interrégionale des services pénitentiaires de Dijon";
  h.spip_name = "SPIP du Cher";
  h.establishment_name = "Maison d’arrêt de Bourges";
  h.provider_name = "Association Trajectoires Emploi";
  h.provider_contact = "12 rue Mirebeau, 18000 Bourges — 02 48 65 00 00";
  h.title = std::move(title);
  h.generated_on = "Édité le lundi 3 mars 2025";
  h.reference = "Dossier n°\u00a042 — version 2";
  return h;
}

IndividualAttendanceSheet sheet_30_sessions() {
  IndividualAttendanceSheet d;
  d.header = bench_header("Feuille d’émargement — PPAIP individuel");
  d.person_name = "DE LA ROCHEFOUCAULD-MONTMORENCY Marie-Évangéline";
  d.person_detail = "Née le 12 mars 1990 — n° d’écrou 12345";
  d.programme_label = "PPAIP — accompagnement individuel";
  d.cpip_name = "Françoise Aubépine";
  d.intervenant_name = "Julien Lefèvre";
  for (int i = 0; i < 30; ++i) {
    const std::string code = "E-7KQ" + std::to_string(100 + i);
    d.lines.push_back({"mercredi " + std::to_string(1 + i % 28) + " mai 2025",
                       "Maison d’arrêt de Bourges — salle 2",
                       "14 h 30",
                       "1 h 30",
                       "Entretien",
                       i < 10 ? "Présent(e)" : "",
                       {code, "https://parcours.example.fr/emargement/" + code}});
  }
  return d;
}

BilanDocument final_bilan() {
  BilanDocument d;
  d.header = bench_header("Bilan final — PPAIP");
  d.kind_label = "Bilan final";
  d.copy_label = "Exemplaire du CPIP référent";
  d.person_name = "MARTIN Jean-Édouard";
  d.period = "du lundi 3 mars 2025 au vendredi 30 mai 2025";
  d.intervenant_name = "Julien Lefèvre";
  d.cpip_name = "Françoise Aubépine";
  d.hours_summary = "18 h réalisées sur 20 h validées";
  for (int i = 0; i < 8; ++i)
    d.programme_done +=
        "Vous avez suivi les entretiens avec régularité et réfléchi à votre profil ; la réflexion "
        "a porté sur vos compétences, vos envies et les difficultés rencontrées.\n\n";
  for (int i = 0; i < 14; ++i)
    d.activities.push_back({"lundi " + std::to_string(3 + i) + " mars 2025", "Entretien individuel",
                            "1 h 30", i % 5 == 4 ? "Absent(e)" : "Présent(e)"});
  d.professional_project = "Devenir agent de propreté et d’hygiène dans le secteur hospitalier.";
  d.action_plan = "Inscription à France Travail dès la sortie.\n\nCandidature à la formation.";
  d.recommendations = "Poursuivre l’accompagnement avec la Mission locale.";
  d.author_line = "Rédigé par Julien Lefèvre, conseiller en insertion";
  return d;
}

template <typename Render>
void render_pages(benchmark::State& state, Render render) {
  double pages = 0;
  for (auto _ : state) {
    const RenderedPdf pdf = render();
    benchmark::DoNotOptimize(pdf.bytes.data());
    pages += pdf.pages;
  }
  state.counters["pages/s"] = benchmark::Counter(pages, benchmark::Counter::kIsRate);
}

void BM_IndividualSheet30Sessions(benchmark::State& state) {
  PdfRenderer renderer;
  const IndividualAttendanceSheet d = sheet_30_sessions();
  render_pages(state, [&] { return renderer.individual_sheet(d); });
}
BENCHMARK(BM_IndividualSheet30Sessions)->Unit(benchmark::kMillisecond);

void BM_FinalBilan(benchmark::State& state) {
  PdfRenderer renderer;
  const BilanDocument d = final_bilan();
  render_pages(state, [&] { return renderer.bilan(d); });
}
BENCHMARK(BM_FinalBilan)->Unit(benchmark::kMillisecond);

}  // namespace
