// Sessions (PPAIP-4, 10..12), the provider's agenda and permanences (PPAIP-17).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "domain/validation.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"

namespace parcours::http {
namespace {

// ---- Session forms ---------------------------------------------------------------------

std::vector<Field> session_fields(const PrescriptionView& v) {
  Options places{{"", "— Autre lieu (à préciser ci-dessous) —"}};
  for (const auto& p : v.places) places.push_back({std::to_string(p.id), p.name});
  Options people{{"", "— Choisir —"}};
  for (const auto& u : v.intervenants) people.push_back({std::to_string(u.id), u.full_name});
  return {
      {"date", "Date", "date", true},
      {"start", "Heure de début", "time", true, "Au format HH:MM, par exemple 09:30."},
      {"duration", "Durée en minutes", "number", true, "Par exemple 60 ou 90."},
      {"place_id", "Lieu", "select", false, "Les salles de votre structure et du site.", places},
      {"place_label", "Lieu (texte libre)", "text", false,
       "Si le lieu n’est pas dans la liste, ou pour préciser la salle."},
      {"intervenant_id", "Intervenant", "select", true, "", people}};
}

// The form's first values: a slot that the use case will accept (PPAIP-3, PPAIP-4).
nlohmann::json session_initial(const PrescriptionView& v, const PageCtx& ctx, SessionSlot slot) {
  Id who = v.prescription.intervenant_id;
  for (const auto& u : v.intervenants)
    if (u.id == ctx.actor.user.id && !who) who = u.id;
  char start[16];
  std::snprintf(start, sizeof start, "%02d:%02d", slot.start_minute / 60, slot.start_minute % 60);
  return {{"date", iso(slot.date)},
          {"start", start},
          {"duration", "60"},
          {"intervenant_id", who ? std::to_string(who) : ""}};
}

Result<Session> parse_session(const Request& req, const PrescriptionView& v) {
  std::vector<FieldError> errs;
  Session s;
  if (auto d = date_field(req, "date", errs, true)) s.date = *d;
  s.start_minute = time_field(req, "start", errs);
  s.duration_minutes = minutes_field(req, "duration", errs);
  s.place_id = id_field(req, "place_id");
  s.place_label = trim(form(req, "place_label"));
  if (s.place_id) {
    auto place = std::find_if(v.places.begin(), v.places.end(),
                              [&](const Place& p) { return p.id == s.place_id; });
    if (place == v.places.end())
      errs.push_back({"place_id", "Choisissez un lieu de la liste."});
    else if (s.place_label.empty())
      s.place_label = place->name;
    else
      s.place_label = place->name + " — " + s.place_label;
  }
  s.intervenant_id = id_field(req, "intervenant_id");
  if (!s.intervenant_id) errs.push_back({"intervenant_id", "L’intervenant est obligatoire."});
  if (!errs.empty()) return invalid("La séance n’est pas valide.", errs);
  return s;
}

nlohmann::json diagnosis_panel(const Person& p) {
  nlohmann::json paragraphs = nlohmann::json::array();
  std::string text = p.diagnosis.text;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    std::string line =
        trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!line.empty()) paragraphs.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (paragraphs.empty())
    paragraphs.push_back("Aucun diagnostic n’a été transmis par le SPIP pour cette personne.");
  nlohmann::json facts = nlohmann::json::array();
  if (p.diagnosis.established_on)
    facts.push_back({{"label", "Établi le"}, {"value", french_long(*p.diagnosis.established_on)}});
  if (!p.diagnosis.established_by.empty())
    facts.push_back({{"label", "Par"}, {"value", p.diagnosis.established_by}});
  return {{"id", "diagnostic"},
          {"heading", "Diagnostic socio-professionnel — à lire avant le premier entretien"},
          {"intro", "Ce qu’il contient ne doit pas être redemandé à la personne."},
          {"paragraphs", paragraphs},
          {"facts", facts},
          {"has_facts", !facts.empty()},
          {"tone", "info"}};
}

void session_forms(Web& web) {
  JourneyForm first;
  first.title = "Enregistrer le premier entretien";
  first.intro =
      "Le premier entretien tenu avec la personne : il fait courir le délai de "
      "signalement d’une éventuelle impossibilité de prise en charge.";
  first.load = load_provider_case(web, "session.first_interview");
  first.fields = [](const Request&, PageCtx&) -> Result<std::vector<Field>> {
    return session_fields(loaded<PrescriptionView>());
  };
  first.initial = [&web](const Request&, PageCtx& ctx) -> Result<nlohmann::json> {
    const auto& v = loaded<PrescriptionView>();
    return session_initial(
        v, ctx, first_interview_default(v.prescription.prescribed_at, web.services().clock.now()));
  };
  first.panels = [](const Request&, PageCtx&) {
    return nlohmann::json::array({diagnosis_panel(loaded<PrescriptionView>().person)});
  };
  first.cancel = [](const Request& req) { return case_href(id_param(req)); };
  first.submit = [&web](const Request& req, PageCtx& ctx) -> Result<Done> {
    auto s = parse_session(req, loaded<PrescriptionView>());
    if (!s.ok()) return s.error();
    auto id = web.services().journeys.record_first_interview(ctx.actor, id_param(req), *s);
    if (!id.ok()) return id.error();
    return Done{case_href(id_param(req)), "Premier entretien enregistré."};
  };
  journey_form(web, R"(/prescriptions/(\d+)/premier-entretien)", first);

  JourneyForm plan;
  plan.title = "Planifier une séance";
  plan.submit_label = "Planifier la séance";
  plan.intro =
      "Une séance individuelle à venir. Les séances doivent avoir lieu en dehors des heures de "
      "formation de la personne ; une fois le calendrier transmis, toute "
      "modification est à communiquer au CPIP et à la personne.";
  plan.load = load_provider_case(web, "session.plan");
  plan.fields = [](const Request&, PageCtx&) -> Result<std::vector<Field>> {
    return session_fields(loaded<PrescriptionView>());
  };
  plan.initial = [&web](const Request&, PageCtx& ctx) -> Result<nlohmann::json> {
    const auto& v = loaded<PrescriptionView>();
    return session_initial(
        v, ctx, free_slot(v.prescription, Date{date::sys_days(today(web)) + date::days{1}}, 60));
  };
  plan.cancel = [](const Request& req) { return case_href(id_param(req)) + "#seances"; };
  plan.submit = [&web](const Request& req, PageCtx& ctx) -> Result<Done> {
    auto s = parse_session(req, loaded<PrescriptionView>());
    if (!s.ok()) return s.error();
    auto planned = web.services().journeys.plan_session(ctx.actor, id_param(req), *s);
    if (!planned.ok()) return planned.error();
    Done done{case_href(id_param(req)) + "#seances", "Séance planifiée."};
    if (!planned->warnings.empty()) {
      done.kind = "warning";
      for (const auto& w : planned->warnings) done.flash += " " + w;
    }
    return done;
  };
  journey_form(web, R"(/prescriptions/(\d+)/seances/nouvelle)", plan);
}

// ---- Attendance, move, cancel (embedded in the case page) ----------------------------------

void session_posts(Web& web) {
  // Re-shows the case page with the failed form, or the error page.
  auto failed = [&web](const Request& req, Response& res, PageCtx& ctx, const Error& e,
                       const std::string& form_id) {
    const Id case_id = id_field(req, "prescription_id");
    if (e.code == ErrorCode::forbidden || e.code == ErrorCode::not_found || case_id == 0)
      return web.fail(res, ctx, e);
    EmbeddedFailure failure{form_id, e, form_values(req)};
    show_case(web, res, ctx, case_id, &failure);
  };

  web.page("POST", R"(/seances/(\d+)/presence)",
           [&web, failed](const Request& req, Response& res, PageCtx& ctx) {
             const std::string form_id = "presence-" + std::to_string(id_param(req));
             auto in = attendance_input(req);
             if (!in.ok()) return failed(req, res, ctx, in.error(), form_id);
             auto out = web.services().journeys.record_attendance(ctx.actor, id_param(req), *in);
             if (!out.ok()) return failed(req, res, ctx, out.error(), form_id);
             web.redirect(res, case_href(id_field(req, "prescription_id")) + "#seances",
                          out->message.empty() ? "Présence enregistrée." : out->message,
                          attendance_flash_kind(web, *in));
           });

  web.page("POST", R"(/seances/(\d+)/deplacer)",
           [&web, failed](const Request& req, Response& res, PageCtx& ctx) {
             const std::string form_id = "deplacer-" + std::to_string(id_param(req));
             std::vector<FieldError> errs;
             auto d = date_field(req, "date", errs, true);
             int start = time_field(req, "start", errs);
             int duration = minutes_field(req, "duration", errs);
             if (!errs.empty())
               return failed(req, res, ctx, invalid("La nouvelle date n’est pas valide.", errs),
                             form_id);
             auto out = web.services().journeys.move_session(ctx.actor, id_param(req), *d, start,
                                                             duration);
             if (!out.ok()) return failed(req, res, ctx, out.error(), form_id);
             std::string flash = "Séance déplacée.";
             for (const auto& w : out->warnings) flash += " " + w;
             web.redirect(res, case_href(id_field(req, "prescription_id")) + "#seances", flash,
                          out->warnings.empty() ? "success" : "warning");
           });

  web.page("POST", R"(/seances/(\d+)/annuler)",
           [&web, failed](const Request& req, Response& res, PageCtx& ctx) {
             const std::string form_id = "annuler-" + std::to_string(id_param(req));
             auto s = web.services().journeys.cancel_session(ctx.actor, id_param(req),
                                                             form(req, "reason"));
             if (!s.ok()) return failed(req, res, ctx, s.error(), form_id);
             web.redirect(res, case_href(id_field(req, "prescription_id")) + "#seances",
                          "Séance annulée.");
           });
}

// ---- Agenda ----------------------------------------------------------------------------

Date monday_of(Date d) {
  date::sys_days day{d};
  const unsigned iso_weekday = date::weekday{day}.iso_encoding();  // 1 = Monday
  return Date{day - date::days{iso_weekday - 1}};
}

void agenda_page(Web& web) {
  web.page("GET", "/agenda", [&web](const Request& req, Response& res, PageCtx& ctx) {
    const Date now = today(web);
    Date from = monday_of(now);
    Date to = Date{date::sys_days{from} + date::days{13}};
    std::string notice;
    auto du = parse_iso_date(req.get_param_value("du"));
    auto au = parse_iso_date(req.get_param_value("au"));
    if (req.has_param("du") || req.has_param("au")) {
      if (du.ok() && au.ok() && date::sys_days{*au} >= date::sys_days{*du} &&
          date::sys_days{*au} - date::sys_days{*du} <= date::days{92}) {
        from = *du;
        to = *au;
      } else {
        notice =
            "Période non valide : indiquez une date de début et une date de fin, sur trois "
            "mois "
            "au plus. La semaine en cours et la suivante sont affichées.";
      }
    }
    auto sessions = web.services().journeys.agenda(ctx.actor, from, to);
    if (!sessions.ok()) return web.fail(res, ctx, sessions.error());
    // Person names from the cases the actor sees (one read, not one per session).
    std::map<Id, std::string> names;
    if (auto cases = web.services().journeys.cases(ctx.actor, "toutes"); cases.ok())
      for (const auto& c : *cases) names[c.prescription.id] = c.person_name;
    std::vector<SessionView> sorted = *sessions;
    std::stable_sort(sorted.begin(), sorted.end(), [](const SessionView& a, const SessionView& b) {
      return session_start(a.session) < session_start(b.session);
    });
    nlohmann::json days = nlohmann::json::array();
    for (const auto& s : sorted) {
      const std::string day = french_long(s.session.date);
      if (days.empty() || days.back()["day"] != day)
        days.push_back({{"day", day},
                        {"day_id", "jour-" + iso(s.session.date)},
                        {"today", s.session.date == now},
                        {"rows", nlohmann::json::array()}});
      auto it = names.find(s.session.prescription_id);
      days.back()["rows"].push_back(
          {{"time", french_time(s.session.start_minute)},
           {"duration", french_duration(s.session.duration_minutes)},
           {"person", it != names.end()
                          ? it->second
                          : "Prescription n° " + std::to_string(s.session.prescription_id)},
           {"href", case_href(s.session.prescription_id) + "#seances"},
           {"kind", session_kind_label(s.session.kind)},
           {"place", s.session.place_label.empty() ? "—" : s.session.place_label},
           {"intervenant", s.intervenant_name.empty() ? "—" : s.intervenant_name},
           {"status", session_badge(s.session, s.status_label)}});
    }
    const Date prev_from{date::sys_days{from} - date::days{7}};
    const Date next_from{date::sys_days{from} + date::days{7}};
    auto period = [](Date a, Date b) { return "/agenda?du=" + iso(a) + "&au=" + iso(b); };
    web.render(
        res, &ctx, "Agenda", "agenda",
        {{"heading",
          ctx.actor.has_role(Role::provider_coordinator) ? "Agenda de la structure" : "Mon agenda"},
         {"period", "Du " + french_long(from) + " au " + french_long(to)},
         {"du", iso(from)},
         {"au", iso(to)},
         {"notice", notice},
         {"days", days},
         {"empty", days.empty()},
         {"prev_href", period(prev_from, Date{date::sys_days{to} - date::days{7}})},
         {"next_href", period(next_from, Date{date::sys_days{to} + date::days{7}})},
         {"current_href", "/agenda"}});
  });
}

// ---- Permanences (PPAIP-17) ------------------------------------------------------------

struct PermanenceContext {
  Id provider_id = 0;
  std::vector<Organisation> sites;  // establishments and antennas the provider covers
};

// The provider of the actor and the sites of the SPIPs its lots cover (all establishments and
// antennas when the lots cannot be read).
Result<PermanenceContext> permanence_context(Web& web, const Actor& a, const std::string& action) {
  auto providers = a.orgs_with(
      {Role::provider_coordinator, Role::intervenant_cip, Role::intervenant_psychologist});
  if (providers.empty())
    return refuse(web, a, action, "permanence", 0, "Les permanences sont celles des prestataires.");
  PermanenceContext out;
  out.provider_id = providers.front();
  std::set<Id> spips;
  if (auto org = web.services().admin.organisation(a, out.provider_id); org.ok())
    for (const auto& lot : org->lots) spips.insert(lot.spip_ids.begin(), lot.spip_ids.end());
  for (OrgKind kind : {OrgKind::establishment, OrgKind::antenna})
    if (auto list = web.services().admin.directory(a, kind); list.ok())
      for (const auto& o : *list)
        if (spips.empty() || spips.count(o.parent_id)) out.sites.push_back(o);
  std::sort(out.sites.begin(), out.sites.end(),
            [](const Organisation& x, const Organisation& y) { return x.name < y.name; });
  return out;
}

struct Month {
  Date first;
  Date last;
};

Month month_of(const std::string& text, Date fallback) {
  Date first{fallback.year(), fallback.month(), date::day{1}};
  if (text.size() == 7) {
    auto d = parse_iso_date(text + "-01");
    if (d.ok()) first = *d;
  }
  Date last{first.year() / first.month() / date::last};
  return {first, last};
}

std::string month_label(Date d) {
  static const char* const kMonths[] = {"janvier",   "février", "mars",     "avril",
                                        "mai",       "juin",    "juillet",  "août",
                                        "septembre", "octobre", "novembre", "décembre"};
  return std::string(kMonths[unsigned(d.month()) - 1]) + " " + std::to_string(int(d.year()));
}

std::string month_param(Date d) {
  return iso(d).substr(0, 7);
}

void show_permanences(Web& web, const Request& req, Response& res, PageCtx& ctx,
                      const EmbeddedFailure* failure) {
  auto pc = permanence_context(web, ctx.actor, "permanence.list");
  if (!pc.ok()) return web.fail(res, ctx, pc.error());
  const Month m = month_of(req.get_param_value("mois"), today(web));
  auto list = web.services().journeys.permanences(ctx.actor, m.first, m.last);
  if (!list.ok()) return web.fail(res, ctx, list.error());
  std::map<Id, std::string> site_names;
  for (const auto& s : pc->sites) site_names[s.id] = s.name;
  std::vector<Permanence> sorted = *list;
  std::stable_sort(sorted.begin(), sorted.end(), [](const Permanence& a, const Permanence& b) {
    return std::pair(date::sys_days{a.date}, a.start_minute) <
           std::pair(date::sys_days{b.date}, b.start_minute);
  });
  nlohmann::json rows = nlohmann::json::array();
  std::map<Id, int> per_site;
  for (const auto& p : sorted) {
    per_site[p.site_id]++;
    auto it = site_names.find(p.site_id);
    rows.push_back(
        {{"date", french_long(p.date)},
         {"time", french_time(p.start_minute)},
         {"duration", french_duration(p.duration_minutes)},
         {"site", it != site_names.end() ? it->second : "Site n° " + std::to_string(p.site_id)},
         {"note", p.note.empty() ? "—" : p.note}});
  }
  // PPAIP-17: the minimum per site and month comes from the programme configuration.
  const ProgrammeConfig* config = web.services().journeys.programmes().with_permanences();
  const int min = config && config->bounds.permanences_per_month
                      ? config->bounds.permanences_per_month->min
                      : 0;
  nlohmann::json coverage = nlohmann::json::array();
  for (const auto& s : pc->sites) {
    int n = per_site.count(s.id) ? per_site[s.id] : 0;
    const std::string expected = std::to_string(min) + " permanence" + (min > 1 ? "s" : "");
    coverage.push_back({{"site", s.name},
                        {"count", std::to_string(n)},
                        {"state", n >= min ? badge("Au moins " + expected, "success")
                                           : badge("Moins de " + expected, "warning")}});
  }
  Options sites{{"", "— Choisir le site —"}};
  for (const auto& s : pc->sites)
    sites.push_back({std::to_string(s.id),
                     s.name + (s.kind == OrgKind::antenna ? " (antenne)" : " (établissement)")});
  nlohmann::json values = failure ? failure->values : nlohmann::json::object();
  auto value = [&](const std::string& k, const std::string& fallback) {
    return values.contains(k) && values[k].is_string() ? values[k].get<std::string>() : fallback;
  };
  nlohmann::json errors = failure ? failure_field_errors(*failure) : nlohmann::json::object();
  auto error = [&](const std::string& k) {
    return errors.contains(k) ? errors[k].get<std::string>() : std::string();
  };
  const Date prev{date::sys_days{m.first} - date::days{1}};
  const Date next{date::sys_days{m.last} + date::days{1}};
  nlohmann::json view = {{"heading", "Permanences"},
                         {"month", month_label(m.first)},
                         {"mois", month_param(m.first)},
                         {"prev_href", "/permanences?mois=" + month_param(prev)},
                         {"prev_label", month_label(Date{prev.year(), prev.month(), date::day{1}})},
                         {"next_href", "/permanences?mois=" + month_param(next)},
                         {"next_label", month_label(next)},
                         {"rows", rows},
                         {"empty", rows.empty()},
                         {"coverage", coverage},
                         {"has_coverage", !coverage.empty()},
                         {"can_record", provider_staff(ctx.actor)},
                         {"form",
                          {{"sites", option_list(sites, value("site_id", ""))},
                           {"date_value", value("date", iso(today(web)))},
                           {"start_value", value("start", "09:00")},
                           {"duration_value", value("duration", "120")},
                           {"note_value", value("note", "")},
                           {"site_error", error("site_id")},
                           {"date_error", error("date")},
                           {"start_error", error("start")},
                           {"duration_error", error("duration")},
                           {"note_error", error("note")}}}};
  if (failure) view["error_summary"] = failure_summary(*failure);
  web.render(res, &ctx, "Permanences", "permanences", view,
             failure ? Web::status_of(failure->error.code) : 200);
}

void permanence_pages(Web& web) {
  web.page("GET", "/permanences", [&web](const Request& req, Response& res, PageCtx& ctx) {
    show_permanences(web, req, res, ctx, nullptr);
  });
  web.page("POST", "/permanences", [&web](const Request& req, Response& res, PageCtx& ctx) {
    auto pc = permanence_context(web, ctx.actor, "permanence.create");
    if (!pc.ok()) return web.fail(res, ctx, pc.error());
    std::vector<FieldError> errs;
    Permanence p;
    p.provider_id = pc->provider_id;
    p.site_id = id_field(req, "site_id");
    if (!p.site_id) errs.push_back({"site_id", "Choisissez le site."});
    if (auto d = date_field(req, "date", errs, true)) p.date = *d;
    p.start_minute = time_field(req, "start", errs);
    p.duration_minutes = minutes_field(req, "duration", errs);
    p.note = trim(form(req, "note"));
    Result<Id> id = errs.empty() ? web.services().journeys.record_permanence(ctx.actor, p)
                                 : Result<Id>(invalid("La permanence n’est pas valide.", errs));
    if (id.ok())
      return web.redirect(res, "/permanences?mois=" + month_param(p.date),
                          "Permanence enregistrée.");
    if (id.error().code == ErrorCode::forbidden || id.error().code == ErrorCode::not_found)
      return web.fail(res, ctx, id.error());
    EmbeddedFailure failure{"permanence", id.error(), form_values(req)};
    show_permanences(web, req, res, ctx, &failure);
  });
}

}  // namespace

void add_journey_session_pages(Web& web) {
  session_forms(web);
  session_posts(web);
  agenda_page(web);
  permanence_pages(web);
}

}  // namespace parcours::http
