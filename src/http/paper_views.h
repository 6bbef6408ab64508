// What the pages and the API of the paper trail and the professional file share (SPEC ATT-2,
// BEN-4, WS-4, WS-5, PPAIP-10, PPAIP-16): reading an uploaded file, answering with a file, and
// the French presentation of documents.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>
#include "http/message.h"

#include "app/professional_file.h"
#include "app/workshops.h"
#include "http/web.h"

namespace parcours::http {

// ---- Uploads (multipart/form-data) ----------------------------------------------------------

struct Upload {
  std::string filename;
  std::string bytes;
};

// The file of a multipart field, checked at the edge: none chosen (422) or larger than
// WebConfig::max_upload_bytes (413, « Le fichier dépasse la taille maximale de 10 Mo. »). Its
// kind (PDF, JPEG, PNG) is judged by the use case, from its content.
struct UploadRead {
  Upload file;
  std::optional<Error> error;  // French, tied to `field`
  int status = 200;
};
UploadRead read_upload(const Web& web, const Request& req, const std::string& field);
// The JSON error of a refused upload, with its status (422 or 413).
void upload_error(Response& res, const UploadRead& up);

// ---- Answers with a file ------------------------------------------------------------------------

// `attachment; filename="…"; filename*=UTF-8''…` (or inline, for previews): the ASCII name has
// no quote, backslash or control character; the UTF-8 one keeps the stored name.
std::string content_disposition(const std::string& filename, bool inline_view);
// The bytes with their media type, the disposition and Cache-Control: no-store.
void send_file(Response& res, const PdfFile& f, bool inline_view = false);

// ---- Presentation
// --------------------------------------------------------------------------------

// "850 octets", "12 ko", "1,2 Mo".
std::string size_text(long long bytes);
// The first 12 hexadecimal characters of a SHA-256, enough to compare two copies by eye.
std::string short_checksum(const std::string& sha256);
// "le 3 mars 2025 à 14 h 30" (Europe/Paris).
std::string on_instant(Instant t);
std::string document_href(Id document_id);  // "/documents/12"
// {title, kind, version, author, date, size, checksum, href, media} of a document row.
nlohmann::json document_cells(const StoredDocument& d, const std::string& kind_label,
                              const std::string& author_name);
// The editable details of a workshop (sessions excluded), to update some of them.
WorkshopInput workshop_input(const Workshop& w);
std::string workshop_href(Id workshop_id);  // "/ateliers/3"
std::string workshop_session_sheet_href(
    Id workshop_session_id);  // "/ateliers/seances/7/emargement"

}  // namespace parcours::http
