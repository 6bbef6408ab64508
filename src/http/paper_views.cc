#include "http/paper_views.h"

#include <cctype>
#include <cmath>

#include <fmt/format.h>

namespace parcours::http {

UploadRead read_upload(const Web& web, const Request& req, const std::string& field) {
  UploadRead out;
  auto refuse = [&](const std::string& message, int status) {
    out.error = invalid(message, {{field, message}});
    out.status = status;
    return out;
  };
  if (!req.is_multipart_form_data() || !req.has_file(field.c_str()))
    return refuse("Choisissez le fichier à envoyer.", 422);
  auto f = req.get_file_value(field.c_str());
  if (f.filename.empty() && f.content.empty())
    return refuse("Choisissez le fichier à envoyer.", 422);
  // The transport limit (413); the content type and the rest are the use case's (app/).
  if (f.content.size() > web.config().max_upload_bytes)
    return refuse(web.upload_limit_message(), 413);
  out.file = {f.filename, std::move(f.content)};
  return out;
}

void upload_error(Response& res, const UploadRead& up) {
  Web::api_error(res, *up.error);
  res.status = up.status;
}

namespace {

std::string percent_encoded(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string ascii_name(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    out +=
        (c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '/') ? '_' : static_cast<char>(c);
  return out.empty() ? "document" : out;
}

}  // namespace

std::string content_disposition(const std::string& filename, bool inline_view) {
  return fmt::format("{}; filename=\"{}\"; filename*=UTF-8''{}",
                     inline_view ? "inline" : "attachment", ascii_name(filename),
                     percent_encoded(filename));
}

void send_file(Response& res, const PdfFile& f, bool inline_view) {
  res.status = 200;
  res.set_header("Cache-Control", "no-store");
  res.set_header("Content-Disposition", content_disposition(f.filename, inline_view));
  res.set_content(f.bytes, f.media_type.empty() ? "application/octet-stream" : f.media_type);
}

std::string size_text(long long bytes) {
  if (bytes < 1024) return fmt::format("{} octets", bytes);
  if (bytes < 1024 * 1024) return fmt::format("{} ko", (bytes + 1023) / 1024);
  std::string mb = fmt::format("{:.1f}", static_cast<double>(bytes) / (1024.0 * 1024.0));
  for (char& c : mb)
    if (c == '.') c = ',';
  return mb + " Mo";
}

std::string short_checksum(const std::string& sha256) {
  return sha256.substr(0, 12);
}

std::string on_instant(Instant t) {
  std::string s = french_instant(t);  // "lundi 3 mars 2025 à 14 h 30"
  auto space = s.find(' ');
  return "le " + (space == std::string::npos ? s : s.substr(space + 1));
}

std::string document_href(Id document_id) {
  return "/documents/" + std::to_string(document_id);
}

nlohmann::json document_cells(const StoredDocument& d, const std::string& kind_label,
                              const std::string& author_name) {
  return {{"id", d.id},
          {"title", d.title.empty() ? d.filename : d.title},
          {"kind", kind_label.empty() ? document_kind_label(d.kind) : kind_label},
          {"version", "v" + std::to_string(d.version)},
          {"author", author_name.empty() ? "—" : author_name},
          {"date", on_instant(d.created_at)},
          {"size", size_text(d.size)},
          {"checksum", short_checksum(d.checksum)},
          {"checksum_full", d.checksum},
          {"media", d.media_type == "application/pdf" ? "PDF"
                    : d.media_type == "image/jpeg"    ? "JPEG"
                    : d.media_type == "image/png"     ? "PNG"
                                                      : d.media_type},
          {"href", document_href(d.id)}};
}

WorkshopInput workshop_input(const Workshop& w) {
  WorkshopInput in;
  in.programme_id = w.programme_id;
  in.spip_id = w.spip_id;
  in.site_id = w.site_id;
  in.theme = w.theme;
  in.title = w.title;
  in.description = w.description;
  in.intervenant_id = w.intervenant_id;
  in.external_professionals = w.external_professionals;
  in.place_id = w.place_id;
  in.place_label = w.place_label;
  return in;
}

std::string workshop_href(Id workshop_id) {
  return "/ateliers/" + std::to_string(workshop_id);
}

std::string workshop_session_sheet_href(Id workshop_session_id) {
  return "/ateliers/seances/" + std::to_string(workshop_session_id) + "/emargement";
}

}  // namespace parcours::http
