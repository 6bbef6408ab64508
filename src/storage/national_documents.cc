// Documents of the national dataset and the lots' volumes:
// - every signed scan (ATT-2) points to one small shared PDF, every final bilan copy
//   (PPAIP-16) to another: content-addressed by SHA-256 like the application's own documents;
// - each lot's volumes are sized from what was actually held by today (INV-2), so that some
//   lots are around 60 %, some over 80 % and one per DISP over 100 % of their volume, with a
//   few amendments kept with their date (ORG-3).
#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "domain/document.h"
#include "storage/base64.h"
#include "storage/national_model.h"

namespace parcours::storage::national {
namespace {

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += hex[b >> 4];
    out += hex[b & 0xF];
  }
  return out;
}

// A one-page PDF showing two lines (WinAnsi: \351 is "é", \222 the apostrophe).
std::string small_pdf(const std::string& line1, const std::string& line2) {
  const std::string stream =
      "BT /F1 16 Tf 56 780 Td (" + line1 + ") Tj 0 -28 Td /F1 11 Tf (" + line2 + ") Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources "
      "<< /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t off : offsets) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", off);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

void store_content(Context& c, const std::string& bytes, std::string& checksum, long long& size) {
  checksum = sha256_hex(bytes);
  size = static_cast<long long>(bytes.size());
  if (query_integer(
          c.sql, "SELECT COUNT(*) FROM document_contents WHERE checksum = '" + checksum + "'") > 0)
    return;
  c.sink.contents.row().text(checksum).integer(size).text(base64_encode(bytes));
}

void add_document(Context& c, RowId person, RowId prescription, RowId workshop, RowId session,
                  RowId workshop_session, const char* kind, const char* copy,
                  const std::string& title, const std::string& filename, bool bilan, RowId author,
                  Seconds at, RowId id) {
  c.sink.documents.row()
      .integer(id)
      .id_or_null(person)
      .id_or_null(prescription)
      .id_or_null(workshop)
      .id_or_null(session)
      .id_or_null(workshop_session)
      .text(kind)
      .text(copy)
      .text(title)
      .text(filename)
      .text("application/pdf")
      .integer(bilan ? c.contents.bilan_size : c.contents.scan_size)
      .text(bilan ? c.contents.bilan_checksum : c.contents.scan_checksum)
      .integer(1)
      .id_or_null(author)
      .integer(at);
}

}  // namespace

void write_contents(Context& c) {
  store_content(c,
                small_pdf("Feuille d\222\351margement sign\351e",
                          "Document de d\351monstration \227 jeu de donn\351es national Parcours"),
                c.contents.scan_checksum, c.contents.scan_size);
  store_content(c,
                small_pdf("Bilan final",
                          "Document de d\351monstration \227 jeu de donn\351es national Parcours"),
                c.contents.bilan_checksum, c.contents.bilan_size);
}

void add_scan(Context& c, RowId person, RowId prescription, RowId workshop, RowId session,
              RowId workshop_session, const std::string& title, RowId author, Seconds at) {
  // The application names the file from the title and the uploaded file's name.
  auto& filenames = c.contents.scan_filenames;
  auto it = filenames.find(title);
  if (it == filenames.end())
    it = filenames.emplace(title, safe_file_name(title + " feuille-emargement.pdf", "pdf")).first;
  add_document(c, person, prescription, workshop, session, workshop_session, "scan", "", title,
               it->second, false, author, at, c.sink.next.document++);
}

std::pair<RowId, RowId> add_bilan_documents(Context& c, RowId person, RowId prescription,
                                            const std::string& last_name, RowId author,
                                            Seconds at) {
  const RowId cpip = c.sink.next.document++;
  const RowId own = c.sink.next.document++;
  const std::string cpip_title = "Bilan final — exemplaire du CPIP";
  const std::string own_title = "Bilan final — exemplaire de la personne";
  add_document(c, person, prescription, 0, 0, 0, "bilan_final", "cpip", cpip_title,
               safe_file_name(cpip_title + " " + last_name, "pdf"), true, author, at, cpip);
  add_document(c, person, prescription, 0, 0, 0, "bilan_final", "person", own_title,
               safe_file_name(own_title + " " + last_name, "pdf"), true, author, at, own);
  return {cpip, own};
}

namespace {

// Consumption targets by lot, in turn within each DISP: around 60 %, over 80 %, over 100 %…
constexpr double kTargets[] = {0.62, 0.86, 1.07, 0.58, 0.83, 0.66};

void add_amendment(Context& c, const LotInfo& lot, Day on, int individual, int collective,
                   const std::string& reason) {
  if (individual == 0 && collective == 0) return;
  c.sink.amendments.row()
      .integer(c.sink.next.amendment++)
      .integer(lot.id)
      .date(on)
      .integer(individual)
      .integer(collective)
      .text(reason);
  ++c.counts.amendments;
}

}  // namespace

void write_volumes(Context& c) {
  Rng rng(c.options.seed, 104);
  std::map<std::size_t, int> turn;
  for (const auto& lot : c.world.lots) {
    const DispInfo& d = c.world.disps[lot.disp];
    const double target = kTargets[turn[lot.disp]++ % 6];
    const double collective_target = std::max(0.4, target + (rng.unit() - 0.5) * 0.2);
    const int individual =
        std::max(10, static_cast<int>(std::lround(lot.individual_minutes / 60.0 / target)));
    const int collective = std::max(
        6, static_cast<int>(std::lround(lot.collective_minutes / 60.0 / collective_target)));
    const Day latest = std::max(d.contract_start + 30, c.today - 30);
    const Day on = std::min(latest, d.contract_start + static_cast<Day>(rng.between(270, 450)));
    if (lot.existing) {
      // The reference volumes stay as the contract states them; an amendment brings them to
      // the activity of the national dataset.
      add_amendment(c, lot, on, individual - lot.base_individual_hours,
                    collective - lot.base_collective_hours,
                    "Avenant n° 1 : volumes ajustés à l’activité constatée du dispositif.");
      continue;
    }
    int base_individual = individual, base_collective = collective;
    if (rng.chance(0.35)) {
      const int up = static_cast<int>(std::lround(individual * rng.between(10, 20) / 100.0));
      const int shift = rng.chance(0.4) ? static_cast<int>(std::lround(collective * 0.1)) : 0;
      base_individual -= up - shift;
      base_collective += shift;
      add_amendment(c, lot, on, up - shift, -shift,
                    shift ? "Avenant n° 1 : heures collectives redéployées vers l’individuel et "
                            "volume individuel augmenté."
                          : "Avenant n° 1 : volume individuel augmenté (montée en charge).");
    }
    run_sql(c.sql, "UPDATE lots SET individual_hours = " + std::to_string(base_individual) +
                       ", collective_hours = " + std::to_string(base_collective) +
                       " WHERE id = " + std::to_string(lot.id));
  }
  c.sink.writer.flush();
}

}  // namespace parcours::storage::national
