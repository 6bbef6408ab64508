#include "http/journey_views.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "http/admin_common.h"

#include "domain/validation.h"
#include "domain/wording.h"

namespace parcours::http {

bool spip_staff(const Actor& a) {
  return a.has_role(Role::cpip) || a.has_role(Role::spip_manager);
}

bool provider_staff(const Actor& a) {
  return a.has_role(Role::provider_coordinator) || a.has_role(Role::intervenant_cip) ||
         a.has_role(Role::intervenant_psychologist);
}

nlohmann::json badge(const std::string& text, const std::string& tone) {
  return {{"text", text}, {"tone", tone}};
}

nlohmann::json deadline_badge(DeadlineState s) {
  const char* tone = "info";
  switch (s) {
    case DeadlineState::pending:
      tone = "info";
      break;
    case DeadlineState::met_on_time:
      tone = "success";
      break;
    case DeadlineState::met_late:
      tone = "warning";
      break;
    case DeadlineState::missed:
      tone = "danger";
      break;
    case DeadlineState::waived:
    case DeadlineState::lapsed:
      tone = "neutral";
      break;
  }
  return badge(deadline_state_label(s), tone);
}

nlohmann::json session_badge(const Session& s, const std::string& status_label) {
  std::string tone = "info";
  if (s.status == "present") tone = "success";
  if (s.status == "cancelled") tone = "neutral";
  if (s.status == "absent") tone = s.absence_justified ? "warning" : "danger";
  return badge(status_label, tone);
}

nlohmann::json state_badge(const ProgrammeConfig* config, const std::string& state,
                           const std::string& label) {
  std::string tone = "info";
  const ProgrammeState* st = config ? config->state(state) : nullptr;
  // From the configuration only: closed cases are neutral, paused ones stand out.
  if (st && st->terminal) tone = "neutral";
  if (st && st->pauses_deadlines) tone = "warning";
  return badge(label.empty() ? state : label, tone);
}

std::string opt_date(const std::optional<Date>& d, const std::string& none) {
  return d ? french_long(*d) : none;
}

nlohmann::json paragraphs(const std::string& text) {
  nlohmann::json out = nlohmann::json::array();
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    std::string line =
        trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!line.empty()) out.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

nlohmann::json fact(const std::string& label, const std::string& value) {
  return {{"label", label}, {"value", value.empty() ? "—" : value}};
}

std::string yes_no(bool b) {
  return b ? "Oui" : "Non";
}

std::string birth_text(const Person& p, Date today) {
  if (!p.birth_date.ok()) return "—";
  int age = age_on(p.birth_date, today);
  std::string s = french_long(p.birth_date);
  // french_long starts with the weekday: keep "17 mai 1994".
  if (auto sp = s.find(' '); sp != std::string::npos) s = s.substr(sp + 1);
  return s + " (" + std::to_string(age) + (age > 1 ? " ans)" : " an)");
}

std::string session_kind_label(const std::string& kind) {
  if (kind == "first_interview") return "Premier entretien";
  if (kind == "reconvocation") return "Reconvocation";
  return "Séance individuelle";
}

std::string session_sentence(const Session& s) {
  std::string out = french_long(s.date) + " à " + french_time(s.start_minute) + ", durée " +
                    french_duration(s.duration_minutes);
  if (!s.place_label.empty()) out += ", lieu : " + s.place_label;
  return out;
}

std::string clock_value(int minute_of_day) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
  return buf;
}

Date today(Web& web) {
  return paris_date(web.services().clock.now());
}

std::string case_href(Id prescription_id) {
  return "/prescriptions/" + std::to_string(prescription_id);
}

std::string person_href(Id person_id) {
  return "/personnes/" + std::to_string(person_id);
}

std::optional<double> parse_decimal(const std::string& text) {
  std::string t = trim(text);
  std::replace(t.begin(), t.end(), ',', '.');
  if (t.empty() || t.size() > 12) return std::nullopt;
  for (char c : t)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.')) return std::nullopt;
  if (std::count(t.begin(), t.end(), '.') > 1 || t.front() == '.' || t.back() == '.')
    return std::nullopt;
  try {
    double v = std::stod(t);
    if (!std::isfinite(v)) return std::nullopt;
    return v;
  } catch (...) {
    return std::nullopt;
  }
}

int time_field(const Request& req, const std::string& name, std::vector<FieldError>& errs) {
  std::string v = trim(form(req, name));
  if (v.empty()) {
    errs.push_back({name, "L’heure est obligatoire."});
    return -1;
  }
  auto m = parse_clock_time(v);
  if (!m) {
    errs.push_back({name, "L’heure doit être au format HH:MM, par exemple 09:30."});
    return -1;
  }
  return *m;
}

int minutes_field(const Request& req, const std::string& name, std::vector<FieldError>& errs) {
  std::string v = trim(form(req, name));
  int out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size() || out <= 0) {
    errs.push_back({name, "La durée doit être un nombre entier de minutes, par exemple 90."});
    return 0;
  }
  return out;
}

Id id_field(const Request& req, const std::string& name) {
  std::string v = trim(form(req, name));
  Id out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size() || out < 0) return 0;
  return out;
}

nlohmann::json option_list(const Options& options, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [value, label] : options)
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  return out;
}

Options absence_reason_options(const ProgrammeConfig* config) {
  Options reasons{{"", "— Sans objet (personne présente) —"}};
  if (config)
    for (const auto& r : config->absence_reasons)
      reasons.push_back({r.id, r.label + (r.justified ? " (justifiée par défaut)"
                                                      : " (non justifiée par défaut)")});
  return reasons;
}

Options justified_options() {
  return {{"", "Selon le motif"}, {"oui", "Justifiée"}, {"non", "Non justifiée"}};
}

nlohmann::json attendance_form(const PrescriptionView& v, const SessionView& s,
                               const EmbeddedFailure* failure) {
  const std::string sid = std::to_string(s.session.id);
  nlohmann::json f = {
      {"form_id", "presence-" + sid},
      {"action", "/seances/" + sid + "/presence"},
      {"prescription_id", v.prescription.id},
      {"title", session_kind_label(s.session.kind) + " du " + french_long(s.session.date) + " à " +
                    french_time(s.session.start_minute)}};
  embed_failure(f, failure);
  // SPEC ATT-2: no default. Neither choice is checked until the person entering the sheet
  // makes one (a pre-checked « Présente » billed hours for people who never came).
  const std::string presence = value_of(f, "presence");
  f["present_checked"] = presence == "present";
  f["absent_checked"] = presence == "absent";
  // UX-1: « Présent » for a man, « Présente » for a woman.
  f["present_label"] = agreed(v.person.sex, "Présent", "Présente");
  f["absent_label"] = agreed(v.person.sex, "Absent", "Absente");
  f["presence_error"] = error_of(f, "presence");
  f["reasons"] = option_list(absence_reason_options(v.config), value_of(f, "absence_reason"));
  f["justified"] = option_list(justified_options(), value_of(f, "justified"));
  f["note_value"] = value_of(f, "note");
  f["reason_error"] = error_of(f, "absence_reason");
  f["note_error"] = error_of(f, "note");
  return f;
}

Result<AttendanceInput> attendance_input(const Request& req) {
  AttendanceInput in;
  const std::string presence = form(req, "presence");
  if (presence != "present" && presence != "absent")
    return invalid("La présence n’est pas renseignée.",
                   {{"presence", "Indiquez si la personne était présente ou absente."}});
  in.present = presence == "present";
  in.absence_reason = form(req, "absence_reason");
  const std::string justified = form(req, "justified");
  if (justified == "oui") in.justified = true;
  if (justified == "non") in.justified = false;
  in.note = form(req, "note");
  return in;
}

std::string attendance_flash_kind(Web& web, const AttendanceInput& in) {
  bool excused = in.justified.value_or(false);
  // The reason's own judgement, as its programme declares it (ids are shared by programmes
  // that reuse a reason).
  if (!in.justified)
    for (const auto& c : web.services().journeys.programmes().all())
      for (const auto& r : c.absence_reasons)
        if (r.id == in.absence_reason) excused = r.justified;
  return in.present || excused ? "success" : "warning";
}

nlohmann::json failure_summary(const EmbeddedFailure& f) {
  nlohmann::json details = nlohmann::json::array();
  for (const auto& d : f.error.details) {
    std::string href = "#" + f.form_id;
    if (!d.field.empty() && d.field.find(' ') == std::string::npos)
      href = "#" + f.form_id + "-" + d.field;
    details.push_back({{"href", href}, {"message", d.message}});
  }
  return {{"message", f.error.message}, {"details", details}};
}

nlohmann::json failure_field_errors(const EmbeddedFailure& f) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& d : f.error.details)
    if (!d.field.empty() && !out.contains(d.field)) out[d.field] = d.message;
  return out;
}

void embed_failure(nlohmann::json& form_view, const EmbeddedFailure* failure) {
  form_view["open"] = false;
  form_view["errors"] = nlohmann::json::object();
  form_view["values"] = nlohmann::json::object();
  if (!failure || failure->form_id != form_view["form_id"].get<std::string>()) return;
  form_view["open"] = true;
  form_view["errors"] = failure_field_errors(*failure);
  form_view["values"] = failure->values;
  form_view["error_message"] = failure->error.message;
}

std::string value_of(const nlohmann::json& form_view, const std::string& name) {
  const auto& v = form_view["values"];
  if (v.contains(name) && v[name].is_string()) return v[name].get<std::string>();
  return "";
}

std::string error_of(const nlohmann::json& form_view, const std::string& name) {
  const auto& e = form_view["errors"];
  if (e.contains(name) && e[name].is_string()) return e[name].get<std::string>();
  return "";
}

namespace {

thread_local const std::any* tl_loaded = nullptr;

// Makes the loaded value visible to the form's functions for the handler's duration.
class LoadScope {
 public:
  explicit LoadScope(const std::any* value) : previous_(tl_loaded) { tl_loaded = value; }
  ~LoadScope() { tl_loaded = previous_; }
  LoadScope(const LoadScope&) = delete;
  LoadScope& operator=(const LoadScope&) = delete;

 private:
  const std::any* previous_;
};

}  // namespace

const std::any& current_load() {
  static const std::any empty;
  return tl_loaded ? *tl_loaded : empty;
}

void journey_form(Web& web, const std::string& pattern, JourneyForm page) {
  auto show = [&web, page](const Request& req, Response& res, PageCtx& ctx, nlohmann::json values,
                           const Error* err, int status) {
    auto fields = page.fields(req, ctx);
    if (!fields.ok()) return web.fail(res, ctx, fields.error());
    // A posted checkbox comes back as "1": the form view wants a boolean.
    for (const auto& f : *fields)
      if (f.kind == "checkbox" && values.contains(f.name) && values[f.name].is_string())
        values[f.name] = true;
    // A problem tied to no field of this form (an eligibility rule checked on the file)
    // keeps its message alone in the summary.
    std::optional<Error> shown;
    if (err) {
      shown = *err;
      for (auto& d : shown->details)
        if (std::none_of(fields->begin(), fields->end(),
                         [&](const Field& f) { return f.name == d.field; }))
          d.field.clear();
    }
    auto view = form_view(page.title, req.path, *fields, values, shown ? &*shown : nullptr,
                          page.submit_label, page.cancel ? page.cancel(req) : "");
    if (!page.intro.empty()) view["intro"] = page.intro;
    view["csrf_token"] = ctx.csrf_token;
    std::string html = web.templates().render("form", view);
    if (page.panels) {
      auto panels = page.panels(req, ctx);
      if (panels.is_array() && !panels.empty()) {
        std::string aside = web.templates().render("form_panels", {{"panels", panels}});
        // Right before the form, after the heading, the introduction and the error summary.
        auto pos = html.find("<form");
        if (pos != std::string::npos)
          html.insert(pos, aside);
        else
          html += aside;
      }
    }
    web.render(res, &ctx, page.title, "fragment", {{"html", html}}, status);
  };
  web.page("GET", pattern, [&web, page, show](const Request& req, Response& res, PageCtx& ctx) {
    std::any holder;
    if (page.load) {
      auto l = page.load(req, ctx);
      if (!l.ok()) return web.fail(res, ctx, l.error());
      holder = std::move(*l);
    }
    LoadScope scope(&holder);
    auto values =
        page.initial ? page.initial(req, ctx) : Result<nlohmann::json>(nlohmann::json::object());
    if (!values.ok()) return web.fail(res, ctx, values.error());
    show(req, res, ctx, *values, nullptr, 200);
  });
  web.page("POST", pattern, [&web, page, show](const Request& req, Response& res, PageCtx& ctx) {
    std::any holder;
    if (page.load) {
      auto l = page.load(req, ctx);
      if (!l.ok()) return web.fail(res, ctx, l.error());
      holder = std::move(*l);
    }
    LoadScope scope(&holder);
    auto done = page.submit(req, ctx);
    if (done.ok()) return web.redirect(res, done->url, done->flash, done->kind);
    const Error& e = done.error();
    if (e.code == ErrorCode::forbidden || e.code == ErrorCode::not_found)
      return web.fail(res, ctx, e);
    show(req, res, ctx, form_values(req), &e, Web::status_of(e.code));
  });
}

}  // namespace parcours::http
