// JSON API /api/v1 of the professional file (SPEC BEN-4), consents and shares (SEC-3) and
// bilans (PPAIP-16). Documented in docs/openapi.json. Every rule is the app's
// (ProfessionalFileService); downloads are audited there (SEC-2).
#include <algorithm>
#include <climits>

#include "http/api_common.h"
#include "http/paper_views.h"
#include "http/versioning.h"

namespace parcours::http {
namespace {

using nlohmann::json;

ProfessionalFileService& files(Web& web) {
  return web.services().files;
}

void document_routes(Web& web) {
  web.api("GET", R"(/api/v1/persons/(\d+)/documents)", [&web](Req req, Res res, const Actor& a) {
    auto f = files(web).professional_file(a, id_param(req));
    if (!ok_or_error(res, f)) return;
    Web::json(res, to_json(*f));
  });
  web.api("GET", R"(/api/v1/documents/(\d+)/content)", [&web](Req req, Res res, const Actor& a) {
    auto f = files(web).download(a, id_param(req));
    if (!ok_or_error(res, f)) return;
    send_file(res, *f);
  });
  // Multipart: "file", "title".
  web.api("POST", R"(/api/v1/prescriptions/(\d+)/documents)",
          [&web](Req req, Res res, const Actor& a) {
            auto up = read_upload(web, req, "file");
            if (up.error) return upload_error(res, up);
            auto id = files(web).upload_document(a, id_param(req), form(req, "title"),
                                                 up.file.filename, up.file.bytes);
            if (!ok_or_error(res, id)) return;
            created(res, *id);
          });
  web.api("POST", R"(/api/v1/documents/(\d+)/shares)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    b.require("recipient_org_id");
    Id recipient = b.id("recipient_org_id");
    if (b.reject(res)) return;
    auto id = files(web).share(a, id_param(req), recipient);
    if (!ok_or_error(res, id)) return;
    created(res, *id);
  });
  web.api("GET", "/api/v1/shared-documents", [&web](Req, Res res, const Actor& a) {
    auto list = files(web).shared_with_me(a);
    if (!ok_or_error(res, list)) return;
    Web::json(res, {{"items", items(*list)}});
  });
}

// SEC-3.
void consent_routes(Web& web) {
  web.api("GET", R"(/api/v1/persons/(\d+)/consents)", [&web](Req req, Res res, const Actor& a) {
    auto f = files(web).professional_file(a, id_param(req));
    if (!ok_or_error(res, f)) return;
    Web::json(res, {{"items", items(f->consents)}});
  });
  web.api("POST", R"(/api/v1/persons/(\d+)/consents)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    Consent c;
    c.person_id = id_param(req);
    from_json(b, c);
    if (b.reject(res)) return;
    auto id = files(web).record_consent(a, c);
    if (!ok_or_error(res, id)) return;
    created(res, *id);
  });
  web.api("POST", R"(/api/v1/consents/(\d+)/revoke)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    b.require("reason");
    const std::string reason = b.text("reason");
    if (b.reject(res)) return;
    reply(res, files(web).revoke_consent(a, id_param(req), reason));
  });
}

// PPAIP-16: ?kind=final (default) or interim.
std::string bilan_kind(Req req) {
  return req.has_param("kind") ? req.get_param_value("kind") : std::string("final");
}

void bilan_routes(Web& web) {
  web.api("GET", R"(/api/v1/prescriptions/(\d+)/bilan)", [&web](Req req, Res res, const Actor& a) {
    auto v = files(web).bilan(a, id_param(req), bilan_kind(req));
    if (!ok_or_error(res, v)) return;
    // Issue 12: the draft's version (0: none yet), to send back with If-Match or `version`.
    const int version = v->bilan.id ? v->bilan.version : 0;
    nlohmann::json j = to_json(*v);
    j["version"] = version;
    set_etag(res, version);
    Web::json(res, j);
  });
  web.api("PUT", R"(/api/v1/prescriptions/(\d+)/bilan)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    Bilan bilan;
    bilan.prescription_id = id_param(req);
    b.require("kind");
    from_json(b, bilan);
    // Issue 12: If-Match (412 when stale) or `version` (409 when stale; 0: no draft expected);
    // neither: saved whatever the stored version.
    std::optional<long long> body_version;
    if (b.has("version")) body_version = std::max(0LL, b.integer("version"));
    if (b.reject(res)) return;
    bilan.version =
        body_version ? static_cast<int>(std::min<long long>(*body_version, INT_MAX)) : -1;
    if (req.has_header("If-Match")) {
      auto current = files(web).bilan(a, id_param(req), bilan.kind);
      if (!ok_or_error(res, current)) return;
      const int stored = current->bilan.id ? current->bilan.version : 0;
      if (!if_match_holds(req, res, stored)) return;
      if (!body_version) bilan.version = stored;
    }
    auto id = files(web).save_bilan(a, id_param(req), bilan);
    if (!ok_or_error(res, id)) return;
    Web::json(res, {{"id", *id}});
  });
  web.api("POST", R"(/api/v1/bilans/(\d+)/delivery)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    b.require("delivered_to_person_on");
    b.require("mode");
    auto on = b.date("delivered_to_person_on");
    const std::string mode = b.text("mode");
    if (!on && b.has("delivered_to_person_on"))
      b.add("delivered_to_person_on", "La date de remise est obligatoire.");
    if (b.reject(res)) return;
    reply(res, files(web).deliver_bilan(a, id_param(req), *on, mode));
  });
}

}  // namespace

void add_file_api(Web& web) {
  document_routes(web);
  consent_routes(web);
  bilan_routes(web);
}

}  // namespace parcours::http
