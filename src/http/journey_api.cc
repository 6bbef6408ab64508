// JSON API /api/v1 of the journey: people, orientations, prescriptions and their events,
// proposals, sessions and attendance, the "À faire" list, the agenda, permanences and
// notifications (SPEC BEN, PPAIP, DL-2, SEC). Documented in docs/openapi.json, which a test
// keeps in step with these routes. Every rule is the app's (JourneyService,
// NotificationService); this file only reads bodies and writes JSON.
#include <algorithm>

#include "http/api_common.h"
#include "http/versioning.h"

namespace parcours::http {
namespace {

using nlohmann::json;

// A date of the query string; the fallback when absent or empty.
std::optional<Date> query_date(Req req, const std::string& name, Date fallback,
                               std::vector<FieldError>& errors) {
  if (!req.has_param(name) || req.get_param_value(name).empty()) return fallback;
  auto d = parse_iso_date(req.get_param_value(name));
  if (!d.ok()) {
    errors.push_back({name, d.error().message});
    return std::nullopt;
  }
  return *d;
}

// The period of an agenda or permanence list: [from, to], at most one year long.
std::optional<std::pair<Date, Date>> period(Req req, Res res, Date default_from, int default_days) {
  std::vector<FieldError> errors;
  auto from = query_date(req, "from", default_from, errors);
  auto to = query_date(req, "to",
                       from ? Date{date::sys_days(*from) + date::days{default_days}} : default_from,
                       errors);
  if (from && to && date::sys_days(*to) < date::sys_days(*from))
    errors.push_back({"to", "La fin de la période doit suivre son début."});
  if (from && to && date::sys_days(*to) - date::sys_days(*from) > date::days{366})
    errors.push_back({"to", "La période ne doit pas dépasser un an."});
  if (!errors.empty()) {
    Web::api_error(res, invalid("La période demandée n’est pas valide.", errors));
    return std::nullopt;
  }
  return std::make_pair(*from, *to);
}

Date today(Web& web) {
  return paris_date(web.services().clock.now());
}

// ---- People ------------------------------------------------------------------------------

void person_routes(Web& web) {
  web.api("GET", "/api/v1/persons", [&web](Req req, Res res, const Actor& a) {
    auto people = web.services().journeys.people(a, req.get_param_value("q"));
    if (!ok_or_error(res, people)) return;
    // SEC-1: judicial information only to the SPIP that follows the person.
    std::vector<Id> spips;
    for (const auto& o : web.services().journeys.spips_of(a)) spips.push_back(o.id);
    json out = json::array();
    for (const auto& s : *people)
      out.push_back(
          to_json(s, std::find(spips.begin(), spips.end(), s.person.spip_id) != spips.end()));
    Web::json(res, {{"items", out}});
  });
  web.api("POST", "/api/v1/persons", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    Person p;
    from_json(b, p, true);
    if (!b.has("spip_id")) {
      // The caller's SPIP when there is only one.
      auto spips = web.services().journeys.spips_of(a);
      // None: the service refuses (403); several: the caller must choose.
      if (spips.size() == 1)
        p.spip_id = spips.front().id;
      else if (spips.size() > 1)
        b.require("spip_id");
    }
    if (b.reject(res)) return;
    auto id = web.services().journeys.create_person(a, p);
    if (!ok_or_error(res, id)) return;
    created(res, *id);
  });
  web.api("GET", R"(/api/v1/persons/(\d+))", [&web](Req req, Res res, const Actor& a) {
    auto f = web.services().journeys.person_file(a, id_param(req));
    if (!ok_or_error(res, f)) return;
    // Issue 12: the version to send back with If-Match or `version` when writing.
    json j = to_json(*f);
    j["person"]["version"] = f->person.version;
    j["version"] = f->person.version;
    set_etag(res, f->person.version);
    Web::json(res, j);
  });
  web.api("PUT", R"(/api/v1/persons/(\d+))", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    if (b.reject(res)) return;
    auto f = web.services().journeys.person_file(a, id_param(req));
    if (!ok_or_error(res, f)) return;
    // The service refuses (and audits) an actor outside the person's SPIP.
    Person p = f->person;
    from_json(b, p, false);
    // Issue 12: If-Match (412 when stale) or `version` (409 when stale); neither: unconditional.
    std::optional<long long> body_version;
    if (b.has("version")) body_version = b.integer("version");
    if (b.reject(res)) return;
    if (!if_match_holds(req, res, f->person.version)) return;
    p.version = expected_version(req, body_version, f->person.version, 0);
    if (auto s = web.services().journeys.update_person(a, p); !s.ok())
      return Web::api_error(res, s.error());
    p.version = (p.version ? p.version : f->person.version) + 1;
    json j = to_json(p, true);
    j["version"] = p.version;
    set_etag(res, p.version);
    Web::json(res, j);
  });
  web.api("POST", R"(/api/v1/persons/(\d+)/orientations)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            Orientation o;
            o.person_id = id_param(req);
            o.requested_on = today(web);
            from_json(b, o);
            if (b.reject(res)) return;
            auto id = web.services().journeys.record_orientation(a, o);
            if (!ok_or_error(res, id)) return;
            created(res, *id);
          });
  web.api("POST", R"(/api/v1/orientations/(\d+)/decline)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            std::string comment = b.text("comment");
            if (b.reject(res)) return;
            reply(res, web.services().journeys.decline_orientation(a, id_param(req), comment));
          });
}

// ---- Prescriptions and proposals ---------------------------------------------------------

void prescription_routes(Web& web) {
  web.api("GET", "/api/v1/prescriptions", [&web](Req req, Res res, const Actor& a) {
    std::string filter = req.get_param_value("filter");
    static const char* const kFilters[] = {"", "en-cours", "terminees", "toutes", "spip"};
    if (std::none_of(std::begin(kFilters), std::end(kFilters),
                     [&](const char* f) { return filter == f; }))
      return Web::api_error(
          res, invalid("Filtre inconnu.",
                       {{"filter", "Valeurs possibles : en-cours, terminees, toutes, spip."}}));
    auto cases = web.services().journeys.cases(a, filter);
    if (!ok_or_error(res, cases)) return;
    Web::json(res, {{"items", items(*cases)}});
  });
  web.api("POST", "/api/v1/prescriptions", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    PrescriptionInput in;
    from_json(b, in);
    if (b.reject(res)) return;
    auto id = web.services().journeys.prescribe(a, in);
    if (!ok_or_error(res, id)) return;
    created(res, *id);
  });
  web.api("GET", R"(/api/v1/prescriptions/(\d+))", [&web](Req req, Res res, const Actor& a) {
    auto v = web.services().journeys.prescription(a, id_param(req));
    if (!ok_or_error(res, v)) return;
    Web::json(res, to_json(*v));
  });
  web.api("POST", R"(/api/v1/prescriptions/(\d+)/events)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            EventInput in;
            from_json(b, in);
            if (b.reject(res)) return;
            auto fired = web.services().journeys.fire(a, id_param(req), in);
            reply(res, fired.ok() ? Status{} : Status(fired.error()));
          });
  // DL-1: lifting a deadline with its reason.
  web.api("POST", R"(/api/v1/prescriptions/(\d+)/deadlines/(\d+)/waive)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            b.require("reason");
            std::string reason = b.text("reason");
            if (b.reject(res)) return;
            reply(res, web.services().journeys.waive_deadline(a, id_param(req), id_param(req, 2),
                                                              reason));
          });
  web.api("POST", R"(/api/v1/prescriptions/(\d+)/intervenant)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            b.require("user_id");
            Id user = b.id("user_id");
            if (b.reject(res)) return;
            reply(res, web.services().journeys.assign_intervenant(a, id_param(req), user));
          });
  web.api("POST", R"(/api/v1/prescriptions/(\d+)/first-interview)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            Session s;
            from_json(b, s);
            if (b.reject(res)) return;
            auto id = web.services().journeys.record_first_interview(a, id_param(req), s);
            if (!ok_or_error(res, id)) return;
            created(res, *id);
          });
  web.api("POST", R"(/api/v1/prescriptions/(\d+)/proposals)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            Proposal p;
            from_json(b, p);
            if (b.reject(res)) return;
            auto id = web.services().journeys.submit_proposal(a, id_param(req), p);
            if (!ok_or_error(res, id)) return;
            created(res, *id);
          });
  web.api("POST", R"(/api/v1/proposals/(\d+)/decision)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    b.require("decision");
    std::string decision = b.text("decision");
    std::string comment = b.text("comment");
    if (b.has("decision") && decision != "validate" && decision != "refuse")
      b.add("decision", "La décision doit valoir « validate » ou « refuse ».");
    if (b.reject(res)) return;
    reply(res, web.services().journeys.decide_proposal(a, id_param(req), decision == "validate",
                                                       comment));
  });
}

// ---- Sessions ----------------------------------------------------------------------------

json planned_json(const PlannedSession& p) {
  return {{"id", p.id}, {"warnings", p.warnings}};
}

void session_routes(Web& web) {
  web.api("POST", R"(/api/v1/prescriptions/(\d+)/sessions)",
          [&web](Req req, Res res, const Actor& a) {
            JsonBody b(req.body);
            Session s;
            from_json(b, s);
            std::string kind = b.text("kind", "individual");
            if (kind != "individual" && kind != "first_interview")
              b.add("kind", "Le type doit valoir « individual » ou « first_interview ».");
            s.kind = kind;
            if (b.reject(res)) return;
            auto planned = web.services().journeys.plan_session(a, id_param(req), s);
            if (!ok_or_error(res, planned)) return;
            Web::json(res, planned_json(*planned), 201);
          });
  web.api("PATCH", R"(/api/v1/sessions/(\d+))", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    b.require("date");
    b.require("start");
    b.require("duration_minutes");
    auto date = b.date("date");
    auto start = b.clock_time("start");
    int duration = static_cast<int>(b.integer("duration_minutes"));
    if (b.reject(res)) return;
    auto moved = web.services().journeys.move_session(a, id_param(req), *date, *start, duration);
    if (!ok_or_error(res, moved)) return;
    Web::json(res, planned_json(*moved));
  });
  web.api("POST", R"(/api/v1/sessions/(\d+)/cancel)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    std::string reason = b.text("reason");
    if (b.reject(res)) return;
    reply(res, web.services().journeys.cancel_session(a, id_param(req), reason));
  });
  web.api("POST", R"(/api/v1/sessions/(\d+)/attendance)", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    AttendanceInput in;
    from_json(b, in);
    if (b.reject(res)) return;
    auto out = web.services().journeys.record_attendance(a, id_param(req), in);
    if (!ok_or_error(res, out)) return;
    Web::json(res, {{"ok", true},
                    {"message", out->message},
                    {"event", out->event.empty() ? json(nullptr) : json(out->event)}});
  });
}

// ---- À faire, agenda, permanences --------------------------------------------------------

void todo_routes(Web& web) {
  web.api("GET", "/api/v1/todo", [&web](Req, Res res, const Actor& a) {
    auto todo = web.services().journeys.todo(a);
    if (!ok_or_error(res, todo)) return;
    Web::json(res, {{"items", items(*todo)}});
  });
  web.api("GET", "/api/v1/validations", [&web](Req, Res res, const Actor& a) {
    auto waiting = web.services().journeys.validations_waiting(a);
    if (!ok_or_error(res, waiting)) return;
    Web::json(res, {{"items", items(*waiting)}});
  });
  web.api("GET", "/api/v1/agenda", [&web](Req req, Res res, const Actor& a) {
    auto p = period(req, res, today(web), 30);
    if (!p) return;
    auto sessions = web.services().journeys.agenda(a, p->first, p->second);
    if (!ok_or_error(res, sessions)) return;
    Web::json(res, {{"from", iso(p->first)}, {"to", iso(p->second)}, {"items", items(*sessions)}});
  });
  web.api("GET", "/api/v1/permanences", [&web](Req req, Res res, const Actor& a) {
    auto p = period(req, res, Date{date::sys_days(today(web)) - date::days{30}}, 60);
    if (!p) return;
    auto list = web.services().journeys.permanences(a, p->first, p->second);
    if (!ok_or_error(res, list)) return;
    Web::json(res, {{"from", iso(p->first)}, {"to", iso(p->second)}, {"items", items(*list)}});
  });
  web.api("POST", "/api/v1/permanences", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    Permanence p;
    from_json(b, p);
    p.provider_id = b.id("provider_id");
    if (!b.has("provider_id")) {
      // The caller's provider when there is only one.
      std::vector<Id> providers;
      for (const auto& m : a.memberships)
        if (m.org.kind == OrgKind::provider &&
            std::find(providers.begin(), providers.end(), m.org.id) == providers.end())
          providers.push_back(m.org.id);
      if (providers.size() > 1) b.require("provider_id");
      if (providers.size() == 1) p.provider_id = providers.front();
    }
    if (b.reject(res)) return;
    auto id = web.services().journeys.record_permanence(a, p);
    if (!ok_or_error(res, id)) return;
    created(res, *id);
  });
}

// ---- Notifications -----------------------------------------------------------------------

void notification_routes(Web& web) {
  web.api("GET", "/api/v1/notifications", [&web](Req, Res res, const Actor& a) {
    auto inbox = web.services().notifications.inbox(a);
    if (!ok_or_error(res, inbox)) return;
    auto unread = web.services().notifications.unread(a);
    if (!ok_or_error(res, unread)) return;
    Web::json(res, {{"unread", *unread}, {"items", items(*inbox)}});
  });
  web.api("POST", "/api/v1/notifications/read", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    Id id = b.id("id");
    if (b.reject(res)) return;
    reply(res, web.services().notifications.mark_read(a, id));
  });
  web.api("GET", "/api/v1/notification-preferences", [&web](Req, Res res, const Actor& a) {
    auto prefs = web.services().notifications.prefs(a);
    if (!ok_or_error(res, prefs)) return;
    Web::json(res, to_json(*prefs));
  });
  web.api("PUT", "/api/v1/notification-preferences", [&web](Req req, Res res, const Actor& a) {
    JsonBody b(req.body);
    b.require("email_opt_outs");
    auto kinds = b.strings("email_opt_outs");
    if (b.reject(res)) return;
    if (auto s = web.services().notifications.set_email_opt_outs(a, kinds); !s.ok())
      return Web::api_error(res, s.error());
    auto prefs = web.services().notifications.prefs(a);
    if (!ok_or_error(res, prefs)) return;
    Web::json(res, to_json(*prefs));
  });
}

}  // namespace

void add_journey_api(Web& web) {
  person_routes(web);
  prescription_routes(web);
  session_routes(web);
  todo_routes(web);
  notification_routes(web);
}

}  // namespace parcours::http
