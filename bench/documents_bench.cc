// Document rendering benchmarks (make bench): the longest attendance sheet (ATT-1, 30 sessions
// with their QR codes) and a final bilan (PPAIP-16), in pages rendered per second.
//
// With PARCOURS_BENCH_EXPORT_DIR set, each benchmark also writes its document there, as the PDF
// it renders and as JSON (QR modules included) from which scripts/bench-pdf builds the
// equivalent HTML that headless Chromium prints (bench/pdf_chromium.mjs, issue 13).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "documents/pdf_renderer.h"
#include "documents/qr.h"

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

nlohmann::json header_json(const DocumentHeader& h) {
  return {{"justice_branding", h.justice_branding},
          {"disp_name", h.disp_name},
          {"spip_name", h.spip_name},
          {"establishment_name", h.establishment_name},
          {"provider_name", h.provider_name},
          {"provider_contact", h.provider_contact},
          {"title", h.title},
          {"subtitle", h.subtitle},
          {"generated_on", h.generated_on},
          {"reference", h.reference}};
}

// The QR code's modules, one string of '1' (dark) and '0' per row, as the renderer encodes it.
nlohmann::json qr_rows(const SheetCode& code) {
  const pdf::QrMatrix qr = pdf::encode_qr(code.url.empty() ? code.code : code.url);
  nlohmann::json rows = nlohmann::json::array();
  for (int y = 0; y < qr.width; ++y) {
    std::string row;
    for (int x = 0; x < qr.width; ++x)
      row += qr.dark[static_cast<std::size_t>(y * qr.width + x)] ? '1' : '0';
    rows.push_back(row);
  }
  return rows;
}

nlohmann::json document_json(const IndividualAttendanceSheet& d) {
  nlohmann::json lines = nlohmann::json::array();
  for (const IndividualSheetLine& l : d.lines)
    lines.push_back({{"date", l.date},
                     {"place", l.place},
                     {"start", l.start},
                     {"duration", l.duration},
                     {"kind", l.kind},
                     {"recorded", l.recorded},
                     {"code", l.code.code},
                     {"url", l.code.url},
                     {"qr", qr_rows(l.code)}});
  return {{"header", header_json(d.header)},
          {"person_name", d.person_name},
          {"person_detail", d.person_detail},
          {"programme_label", d.programme_label},
          {"cpip_name", d.cpip_name},
          {"intervenant_name", d.intervenant_name},
          {"lines", lines}};
}

nlohmann::json document_json(const BilanDocument& d) {
  nlohmann::json activities = nlohmann::json::array();
  for (const BilanActivity& a : d.activities)
    activities.push_back(
        {{"date", a.date}, {"kind", a.kind}, {"duration", a.duration}, {"outcome", a.outcome}});
  return {{"header", header_json(d.header)},
          {"kind_label", d.kind_label},
          {"copy_label", d.copy_label},
          {"person_name", d.person_name},
          {"period", d.period},
          {"intervenant_name", d.intervenant_name},
          {"cpip_name", d.cpip_name},
          {"hours_summary", d.hours_summary},
          {"programme_done", d.programme_done},
          {"activities", activities},
          {"professional_project", d.professional_project},
          {"action_plan", d.action_plan},
          {"recommendations", d.recommendations},
          {"author_line", d.author_line}};
}

// Writes `name`.json and `name`.pdf into PARCOURS_BENCH_EXPORT_DIR, if set.
template <typename Document>
void export_document(const std::string& name, const Document& d, const RenderedPdf& pdf) {
  const char* dir = std::getenv("PARCOURS_BENCH_EXPORT_DIR");
  if (dir == nullptr || *dir == '\0') return;
  const std::filesystem::path base(dir);
  std::filesystem::create_directories(base);
  nlohmann::json j = document_json(d);
  j["pages"] = pdf.pages;
  std::ofstream(base / (name + ".json")) << j.dump(1) << '\n';
  std::ofstream(base / (name + ".pdf"), std::ios::binary) << pdf.bytes;
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
  export_document("sheet", d, renderer.individual_sheet(d));
  render_pages(state, [&] { return renderer.individual_sheet(d); });
}
BENCHMARK(BM_IndividualSheet30Sessions)->Unit(benchmark::kMillisecond);

void BM_FinalBilan(benchmark::State& state) {
  PdfRenderer renderer;
  const BilanDocument d = final_bilan();
  export_document("bilan", d, renderer.bilan(d));
  render_pages(state, [&] { return renderer.bilan(d); });
}
BENCHMARK(BM_FinalBilan)->Unit(benchmark::kMillisecond);

}  // namespace
