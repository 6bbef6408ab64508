// JSON API /api/v1 of the collective workshops (SPEC WS-1..5) and of the paper attendance sheets
// (ATT-1, ATT-2): workshops, their sessions, participants and list, attendance per workshop
// session, printed codes, signed scans and the sessions still waiting for theirs. Documented in
// docs/openapi.json. Every rule is the app's (WorkshopService, ProfessionalFileService).
#include "http/api_common.h"
#include "http/paper_views.h"

namespace parcours::http {
namespace {

using nlohmann::json;

WorkshopService& workshops(Web& web) {
  return web.services().workshops;
}

// ---- Workshops --------------------------------------------------------------------------------

void workshop_routes(Web& web) {
  web.api("GET", "/api/v1/workshops", [&web](Req, Res res, const Actor& a) {
    auto list = workshops(web).workshops(a);
    if (!ok_or_error(res, list)) return;
    Web::json(res, {{"items", items(*list)}});
  });
  web.api("POST", "/api/v1/workshops", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    WorkshopInput in;
    b.require("spip_id");
    b.require("theme");
    b.require("intervenant_id");
    from_json(b, in, true);
    if (b.reject(res)) return;
    auto id = workshops(web).create_workshop(a, in);
    if (!ok_or_error(res, id)) return;
    created(res, *id);
  });
  web.api("GET", R"(/api/v1/workshops/(\d+))", [&web](Req req, Res res, const Actor& a) {
    auto v = workshops(web).workshop(a, id_param(req));
    if (!ok_or_error(res, v)) return;
    Web::json(res, to_json(*v));
  });
  web.api("PUT", R"(/api/v1/workshops/(\d+))", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    if (b.reject(res)) return;
    auto v = workshops(web).workshop(a, id_param(req));
    if (!ok_or_error(res, v)) return;
    // Absent fields keep their value; sessions have their own routes.
    WorkshopInput in = workshop_input(v->workshop);
    from_json(b, in, false);
    if (b.reject(res)) return;
    if (auto s = workshops(web).update_workshop(a, id_param(req), in); !s.ok())
      return Web::api_error(res, s.error());
    auto updated = workshops(web).workshop(a, id_param(req));
    if (!ok_or_error(res, updated)) return;
    Web::json(res, to_json(*updated));
  });
  web.api("GET", R"(/api/v1/workshops/(\d+)/eligible-cases)",
          [&web](Req req, Res res, const Actor& a) {
            auto cases = workshops(web).eligible_cases(a, id_param(req));
            if (!ok_or_error(res, cases)) return;
            Web::json(res, {{"items", items(*cases)}});
          });
}

// Without a programme named: the one with a workshop catalogue.
std::string default_programme(Web& web) {
  return web.services().journeys.programmes().offering_workshops_id();
}

// WS-1: the catalogue of the programme and the themes a SPIP agreed.
void theme_routes(Web& web) {
  web.api(
      "GET", R"(/api/v1/spips/(\d+)/workshop-themes)", [&web](Req req, Res res, const Actor& a) {
        const std::string programme =
            req.has_param("programme") ? req.get_param_value("programme") : default_programme(web);
        auto agreed = workshops(web).agreed_themes(a, id_param(req), programme);
        if (!ok_or_error(res, agreed)) return;
        Web::json(res, {{"programme_id", programme},
                        {"catalogue", items(workshops(web).catalogue(programme))},
                        {"agreed", *agreed}});
      });
  web.api("PUT", R"(/api/v1/spips/(\d+)/workshop-themes)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            b.require("agreed");
            auto themes = b.strings("agreed");
            const std::string programme = b.text("programme_id", default_programme(web));
            if (b.reject(res)) return;
            reply(res, workshops(web).set_agreed_themes(a, id_param(req), programme, themes));
          });
}

void session_routes(Web& web) {
  web.api("POST", R"(/api/v1/workshops/(\d+)/sessions)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    WorkshopSession s;
    from_json(b, s);
    if (b.reject(res)) return;
    auto id = workshops(web).add_session(a, id_param(req), s);
    if (!ok_or_error(res, id)) return;
    created(res, *id);
  });
  web.api("POST", R"(/api/v1/workshop-sessions/(\d+)/cancel)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            if (b.reject(res)) return;
            reply(res, workshops(web).cancel_session(a, id_param(req)));
          });
  web.api("POST", R"(/api/v1/workshop-sessions/(\d+)/attendance)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            std::vector<ParticipantAttendance> rows;
            from_json(b, rows);
            if (b.reject(res)) return;
            auto out = workshops(web).record_attendance(a, id_param(req), rows);
            if (!ok_or_error(res, out)) return;
            Web::json(res, to_json(*out));
          });
}

// WS-3: participants and the list the SPIP validates.
void participant_routes(Web& web) {
  web.api("POST", R"(/api/v1/workshops/(\d+)/participants)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            b.require("prescription_id");
            Id prescription = b.id("prescription_id");
            if (b.reject(res)) return;
            auto added = workshops(web).add_participant(a, id_param(req), prescription);
            if (!ok_or_error(res, added)) return;
            Web::json(res, to_json(*added), 201);
          });
  web.api("POST", R"(/api/v1/workshops/(\d+)/participants/withdraw)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            b.require("participant_id");
            Id participant = b.id("participant_id");
            if (b.reject(res)) return;
            reply(res, workshops(web).withdraw_participant(a, id_param(req), participant));
          });
  web.api("POST", R"(/api/v1/workshops/(\d+)/list/submit)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            if (b.reject(res)) return;
            reply(res, workshops(web).submit_list(a, id_param(req)));
          });
  web.api(
      "POST", R"(/api/v1/workshops/(\d+)/list/decision)", [&web](Req req, Res res, const Actor& a) {
        JsonBody b(req.body);
        b.require("decision");
        const std::string decision = b.text("decision");
        const std::string comment = b.text("comment");
        if (b.has("decision") && decision != "validate" && decision != "send_back")
          b.add("decision", "La décision doit valoir « validate » ou « send_back ».");
        if (b.reject(res)) return;
        reply(res, workshops(web).decide_list(a, id_param(req), decision == "validate", comment));
      });
}

// ---- Paper sheets (ATT-2)
// -------------------------------------------------------------------------

// The signed scan of a multipart request (field "file"): 413 when too large.
void upload_scan(Web& web, Req req, Res res, const Actor& a, const std::string& kind) {
  auto up = read_upload(web, req, "file");
  if (up.error) return upload_error(res, up);
  auto id =
      web.services().files.upload_scan(a, kind, id_param(req), up.file.filename, up.file.bytes);
  if (!ok_or_error(res, id)) return;
  created(res, *id);
}

void paper_routes(Web& web) {
  // The code printed on a sheet, as typed or read from its QR code.
  web.api("GET", R"(/api/v1/emargement/([^/]+))", [&web](Req req, Res res, const Actor& a) {
    auto target = web.services().files.resolve_code(a, req.matches[1]);
    if (!ok_or_error(res, target)) return;
    Web::json(res, to_json(*target));
  });
  web.api("POST", R"(/api/v1/sessions/(\d+)/scans)", [&web](Req req, Res res, const Actor& a) {
    upload_scan(web, req, res, a, "individual");
  });
  web.api("POST", R"(/api/v1/workshop-sessions/(\d+)/scans)",
          [&web](Req req, Res res, const Actor& a) { upload_scan(web, req, res, a, "workshop"); });
  web.api("GET", "/api/v1/unscanned", [&web](Req req, Res res, const Actor& a) {
    int days = 90;
    if (req.has_param("days")) {
      const std::string v = req.get_param_value("days");
      days = v.size() <= 3 && !v.empty() && v.find_first_not_of("0123456789") == std::string::npos
                 ? std::stoi(v)
                 : 0;
      if (days < 1 || days > 366)
        return Web::api_error(
            res, invalid("Période non valide.", {{"days", "Un nombre de jours entre 1 et 366."}}));
    }
    auto list = web.services().files.unscanned(a, days);
    if (!ok_or_error(res, list)) return;
    Web::json(res, {{"days", days}, {"items", items(*list)}});
  });
}

}  // namespace

void add_workshop_api(Web& web) {
  workshop_routes(web);
  theme_routes(web);
  session_routes(web);
  participant_routes(web);
  paper_routes(web);
}

}  // namespace parcours::http
