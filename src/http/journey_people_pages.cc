// People (BEN-1..3, PPAIP-1..3): the "À faire" list, the people list, the person's file and
// its forms (identity, orientation request, prescription).
#include <algorithm>

#include "domain/validation.h"
#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/journey_pages.h"
#include "http/journey_views.h"
#include "http/list_paging.h"
#include "http/versioning.h"

namespace parcours::http {
namespace {

// ---- À faire (DL-2) --------------------------------------------------------------------

std::string todo_kind_label(const std::string& kind) {
  if (kind == "deadline") return "Délai";
  if (kind == "validation") return "Validation";
  if (kind == "orientation") return "Orientation";
  if (kind == "attendance") return "Présence";
  if (kind == "revision") return "Proposition à revoir";
  if (kind == "workshop_list") return "Atelier";
  return kind;
}

nlohmann::json todo_row(const TodoItem& t) {
  std::string when;
  if (t.due_at) {
    const std::string at = french_instant(*t.due_at);
    if (t.kind == "validation")
      when = "Soumise le " + at;
    else if (t.kind == "orientation")
      when = "Enregistrée le " + at;
    else if (t.kind == "attendance")
      when = "Séance terminée le " + at;
    else
      when = "Avant le " + at;
  }
  nlohmann::json b;
  if (t.late)
    b = badge("En retard", "danger");
  else if (t.kind == "deadline")
    b = badge("À échéance", "warning");
  else
    b = badge("À traiter", "info");
  return {{"kind", todo_kind_label(t.kind)},
          {"label", t.label},
          {"source", t.source},
          {"person_name", t.person_name},
          {"cpip_name", t.cpip_name},
          {"person_href", t.person_id ? person_href(t.person_id) : ""},
          {"link", t.link},
          {"when", when},
          {"badge", b}};
}

void todo_page(Web& web) {
  web.page("GET", "/a-faire", [&web](const Request&, Response& res, PageCtx& ctx) {
    auto items = web.services().journeys.todo(ctx.actor);
    if (!items.ok()) return web.fail(res, ctx, items.error());
    nlohmann::json rows = nlohmann::json::array();
    int late = 0;
    for (const auto& t : *items) {
      rows.push_back(todo_row(t));
      late += t.late ? 1 : 0;
    }
    std::string summary =
        count_of(static_cast<long long>(items->size()), "élément à traiter", "éléments à traiter");
    if (late) summary += ", dont " + std::to_string(late) + " en retard";
    web.render(res, &ctx, "À faire", "todo",
               {{"rows", rows},
                {"empty", rows.empty()},
                {"summary", summary},
                {"show_cpip", ctx.actor.has_role(Role::spip_manager)},
                {"has_late", late > 0}});
  });
}

// ---- People list ----------------------------------------------------------------------

// UX-2: by name (the default), referent or site; the name breaks ties.
void sort_people(std::vector<PersonSummary>& people, const std::string& sort) {
  auto key = [&sort](const PersonSummary& s) {
    const std::string name = s.person.last_name + " " + s.person.first_name;
    if (sort == "referent") return std::make_pair(s.referent_name, name);
    if (sort == "site") return std::make_pair(s.site_name, name);
    return std::make_pair(name, std::string());
  };
  std::stable_sort(people.begin(), people.end(),
                   [&key](const auto& x, const auto& y) { return key(x) < key(y); });
}

void people_page(Web& web) {
  web.page("GET", "/personnes", [&web](const Request& req, Response& res, PageCtx& ctx) {
    const std::string q = trim(req.get_param_value("q"));
    auto people = web.services().journeys.people(ctx.actor, q);
    if (!people.ok()) return web.fail(res, ctx, people.error());
    const Date now = today(web);
    const Options sorts{
        {"nom", "Nom"}, {"referent", "CPIP référent"}, {"site", "Établissement ou antenne"}};
    const std::string sort = sort_of(req, sorts);
    sort_people(*people, sort);
    const Paging paging = paging_of(req, people->size());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& s : rows_of_page(*people, paging))
      rows.push_back(
          {{"name", person_display_name(s.person)},
           {"href", person_href(s.person.id)},
           {"birth", birth_text(s.person, now)},
           {"milieu", milieu_label(s.person.milieu)},
           {"site", s.site_name},
           {"referent", s.referent_name},
           {"state", s.current_state_label},
           {"state_href", s.current_prescription_id ? case_href(s.current_prescription_id) : ""}});
    const bool spip = spip_staff(ctx.actor);
    std::string heading = spip ? "Personnes suivies" : "Personnes";
    nlohmann::json actions = nlohmann::json::array();
    if (!web.services().journeys.spips_of(ctx.actor).empty())
      actions.push_back({{"href", "/personnes/nouvelle"},
                         {"label", "Nouvelle personne"},
                         {"icon", "person-plus"}});
    std::string caption = count_of(static_cast<long long>(people->size()), "personne", "personnes");
    if (!q.empty()) caption += " pour la recherche « " + q + " »";
    web.render(res, &ctx, heading, "people",
               {{"heading", heading},
                {"intro", spip ? "Les personnes suivies par votre SPIP."
                               : "Les personnes dont la prescription a été adressée à "
                                 "votre structure."},
                {"q", q},
                {"sort", sort_field(sorts, sort)},
                {"pager", pager_view(req, paging)},
                {"rows", rows},
                {"empty", rows.empty()},
                {"empty_text", q.empty() ? "Aucune personne pour l’instant."
                                         : "Aucune personne ne correspond à la "
                                           "recherche."},
                {"caption", caption},
                {"actions", actions}});
  });
}

// ---- Person form (BEN-1, BEN-2) --------------------------------------------------------

Options qualification_options() {
  Options out;
  for (const auto& q : qualification_levels()) out.push_back({q, qualification_label(q)});
  return out;
}

std::string site_label(const Organisation& o, bool prefix_spip, const Organisation& spip) {
  std::string kind = o.kind == OrgKind::establishment ? "établissement, milieu fermé"
                     : o.milieu == Milieu::open       ? "antenne, milieu ouvert"
                     : o.milieu == Milieu::closed     ? "antenne, milieu fermé"
                                                      : "antenne";
  std::string out = o.name + " (" + kind + ")";
  if (prefix_spip) out = spip.code + " — " + out;
  return out;
}

// Fields of the person form. `spips` are the SPIPs where the actor may create people; the
// SPIP field is shown only when creating.
Result<std::vector<Field>> person_fields(Web& web, PageCtx& ctx, bool creating) {
  auto spips = web.services().journeys.spips_of(ctx.actor);
  if (spips.empty())
    return forbidden("Seul le SPIP qui suit la personne crée ou modifie son dossier.");
  const bool several = spips.size() > 1;
  Options spip_opts, site_opts, cpip_opts;
  if (several) {
    spip_opts.push_back({"", "— Choisir le SPIP —"});
    site_opts.push_back({"", "— Choisir —"});
    cpip_opts.push_back({"", "— Choisir —"});
  } else {
    site_opts.push_back({"", "— Choisir l’établissement ou l’antenne —"});
    cpip_opts.push_back({"", "— Choisir le CPIP référent —"});
  }
  for (const auto& s : spips) {
    spip_opts.push_back({std::to_string(s.id), s.name});
    if (auto sites = web.services().journeys.sites_of_spip(ctx.actor, s.id); sites.ok())
      for (const auto& o : *sites)
        site_opts.push_back({std::to_string(o.id), site_label(o, several, s)});
    if (auto cpips = web.services().journeys.cpips_of_spip(ctx.actor, s.id); cpips.ok())
      for (const auto& u : *cpips)
        cpip_opts.push_back(
            {std::to_string(u.id), several ? s.code + " — " + u.full_name : u.full_name});
  }
  std::vector<Field> f;
  f.push_back({"last_name", "Nom", "text", true});
  f.push_back({"first_name", "Prénom", "text", true});
  f.push_back({"birth_date", "Date de naissance", "date", true});
  f.push_back(
      {"sex", "Sexe", "select", true, "", {{"", "— Choisir —"}, {"F", "Femme"}, {"M", "Homme"}}});
  f.push_back({"milieu",
               "Milieu",
               "select",
               true,
               "Milieu fermé : la personne est détenue dans un établissement. Milieu ouvert : "
               "elle est suivie par une antenne du SPIP.",
               {{"", "— Choisir —"}, {"mf", "Milieu fermé"}, {"mo", "Milieu ouvert"}}});
  if (creating)
    f.push_back({"spip_id", "SPIP qui suit la personne", "select", true, "", spip_opts});
  f.push_back({"site_id", "Établissement pénitentiaire ou antenne", "select", true,
               "Un établissement en milieu fermé, une antenne en milieu ouvert.", site_opts});
  f.push_back({"judicial_status",
               "Statut judiciaire",
               "select",
               true,
               "Information judiciaire : visible du seul SPIP.",
               {{"", "— Choisir —"},
                {"prevenu", "Personne prévenue"},
                {"condamne", "Personne condamnée"}}});
  f.push_back(
      {"qualification", "Niveau de qualification", "select", true, "", qualification_options()});
  f.push_back({"referent_cpip_id", "CPIP référent", "select", true, "", cpip_opts});
  f.push_back({"prison_number", "Numéro d’écrou", "text", false, "En milieu fermé."});
  f.push_back({"sentence_end", "Date de fin de peine", "date", false,
               "Information judiciaire : visible du seul SPIP."});
  f.push_back({"id_valid_until", "Pièce d’identité valable jusqu’au", "date"});
  f.push_back({"work_permit_until", "Titre de séjour ou autorisation de travail valable jusqu’au",
               "date", false, "Pour une personne de nationalité étrangère."});
  f.push_back({"brsa", "Bénéficiaire du RSA (BRSA)", "checkbox"});
  f.push_back({"cer", "Contrat d’engagements réciproques (CER) signé", "checkbox"});
  f.push_back({"phone", "Téléphone", "tel"});
  f.push_back({"email", "Adresse e-mail", "email"});
  f.push_back({"address", "Adresse postale", "textarea", false,
               "En milieu ouvert : l’adresse où écrire à la personne."});
  f.push_back({"diagnosis", "Diagnostic socio-professionnel", "textarea", false,
               "Établi à l’entrée en détention (ou par le SPIP en milieu ouvert). Il est montré "
               "au prestataire avant le premier entretien et ne doit pas être redemandé."});
  f.push_back({"diagnosis_on", "Date du diagnostic", "date"});
  f.push_back({"diagnosis_by", "Auteur du diagnostic", "text", false,
               "Par exemple « CPU arrivants du 12/02/2025 » ou « Mme Martin, CPIP »."});
  if (!creating) f.push_back(version_field());  // issue 12: the version the form was loaded at
  return f;
}

std::string date_value(const std::optional<Date>& d) {
  return d ? iso(*d) : "";
}

nlohmann::json person_values(const Person& p) {
  return {{"last_name", p.last_name},
          {"first_name", p.first_name},
          {"birth_date", p.birth_date.ok() ? iso(p.birth_date) : ""},
          {"sex", sex_name(p.sex)},
          {"milieu", milieu_name(p.milieu)},
          {"spip_id", p.spip_id ? std::to_string(p.spip_id) : ""},
          {"site_id", p.site_id ? std::to_string(p.site_id) : ""},
          {"judicial_status", judicial_status_name(p.judicial_status)},
          {"qualification", p.qualification},
          {"referent_cpip_id", p.referent_cpip_id ? std::to_string(p.referent_cpip_id) : ""},
          {"prison_number", p.prison_number},
          {"sentence_end", date_value(p.sentence_end)},
          {"id_valid_until", date_value(p.id_valid_until)},
          {"work_permit_until", date_value(p.work_permit_until)},
          {"brsa", p.brsa},
          {"cer", p.cer},
          {"phone", p.phone},
          {"email", p.email},
          {"address", p.address},
          {"diagnosis", p.diagnosis.text},
          {"diagnosis_on", date_value(p.diagnosis.established_on)},
          {"diagnosis_by", p.diagnosis.established_by},
          {"version", std::to_string(p.version)}};
}

// Reads the form over `p`; refuses with every problem at once (parsing and validation).
Result<Person> parse_person(const Request& req, Person p, bool creating, Date now) {
  std::vector<FieldError> errs;
  p.last_name = trim(form(req, "last_name"));
  p.first_name = trim(form(req, "first_name"));
  if (auto d = date_field(req, "birth_date", errs, true)) p.birth_date = *d;
  if (auto s = parse_sex(form(req, "sex")))
    p.sex = *s;
  else
    errs.push_back({"sex", "Indiquez le sexe de la personne."});
  auto m = parse_milieu(form(req, "milieu"));
  if (!m || *m == Milieu::none)
    errs.push_back({"milieu", "Indiquez si la personne est suivie en milieu fermé ou ouvert."});
  else
    p.milieu = *m;
  if (creating) p.spip_id = id_field(req, "spip_id");
  p.site_id = id_field(req, "site_id");
  auto js = parse_judicial_status(form(req, "judicial_status"));
  if (!js || *js == JudicialStatus::none)
    errs.push_back({"judicial_status", "Indiquez si la personne est prévenue ou condamnée."});
  else
    p.judicial_status = *js;
  p.qualification = form(req, "qualification");
  p.referent_cpip_id = id_field(req, "referent_cpip_id");
  p.prison_number = trim(form(req, "prison_number"));
  p.sentence_end = date_field(req, "sentence_end", errs, false);
  p.id_valid_until = date_field(req, "id_valid_until", errs, false);
  p.work_permit_until = date_field(req, "work_permit_until", errs, false);
  p.brsa = checkbox(req, "brsa");
  p.cer = checkbox(req, "cer");
  p.phone = trim(form(req, "phone"));
  p.email = trim(form(req, "email"));
  p.address = trim(form(req, "address"));
  p.diagnosis.text = trim(form(req, "diagnosis"));
  p.diagnosis.established_on = date_field(req, "diagnosis_on", errs, false);
  p.diagnosis.established_by = trim(form(req, "diagnosis_by"));
  if (errs.empty()) return p;
  // Add the checks of the domain for the fields that did parse.
  if (auto s = validate_person(p, now); !s.ok())
    for (const auto& d : s.error().details)
      if (std::none_of(errs.begin(), errs.end(),
                       [&](const FieldError& e) { return e.field == d.field; }))
        errs.push_back(d);
  return invalid("Le dossier de la personne n’est pas valide.", errs);
}

void person_forms(Web& web) {
  JourneyForm create;
  create.title = "Nouvelle personne";
  create.submit_label = "Créer le dossier";
  create.intro =
      "Identité et situation de la personne. Un seul dossier par personne, quels que "
      "soient les programmes suivis.";
  // SPIP staff only: their SPIPs are the form's choices.
  create.load = [&web](const Request&, PageCtx& ctx) -> Result<std::any> {
    if (web.services().journeys.spips_of(ctx.actor).empty())
      return refuse(web, ctx.actor, "person.create", "person", 0,
                    "Seul le SPIP qui suit la personne crée ou modifie son dossier.");
    return std::any();
  };
  create.fields = [&web](const Request&, PageCtx& ctx) { return person_fields(web, ctx, true); };
  create.initial = [&web](const Request&, PageCtx& ctx) -> Result<nlohmann::json> {
    auto spips = web.services().journeys.spips_of(ctx.actor);
    if (spips.empty())
      return forbidden("Seul le SPIP qui suit la personne crée ou modifie son dossier.");
    nlohmann::json v = {{"qualification", "sans"}};
    if (spips.size() == 1) {
      v["spip_id"] = std::to_string(spips.front().id);
      if (ctx.actor.has_role(Role::cpip)) v["referent_cpip_id"] = std::to_string(ctx.actor.user.id);
    }
    return v;
  };
  create.cancel = [](const Request&) { return "/personnes"; };
  create.submit = [&web](const Request& req, PageCtx& ctx) -> Result<Done> {
    auto p = parse_person(req, Person{}, true, today(web));
    if (!p.ok()) return p.error();
    auto id = web.services().journeys.create_person(ctx.actor, *p);
    if (!id.ok()) return id.error();
    return Done{person_href(*id), "Dossier de " + person_display_name(*p) + " créé."};
  };
  journey_form(web, "/personnes/nouvelle", create);

  JourneyForm edit;
  edit.title = "Modifier le dossier de la personne";
  edit.fields = [&web](const Request&, PageCtx& ctx) { return person_fields(web, ctx, false); };
  edit.load = [&web](const Request& req, PageCtx& ctx) -> Result<std::any> {
    auto f = web.services().journeys.person_file(ctx.actor, id_param(req));
    if (!f.ok()) return f.error();
    if (!f->can_edit)
      return refuse(web, ctx.actor, "person.update", "person", f->person.id,
                    "Seul le SPIP qui suit la personne modifie son dossier.");
    return std::any(std::move(*f));
  };
  edit.initial = [](const Request&, PageCtx&) -> Result<nlohmann::json> {
    return person_values(loaded<PersonFile>().person);
  };
  edit.cancel = [](const Request& req) { return person_href(id_param(req)); };
  edit.submit = [&web](const Request& req, PageCtx& ctx) -> Result<Done> {
    auto p = parse_person(req, loaded<PersonFile>().person, false, today(web));
    if (!p.ok()) return p.error();
    // Issue 12: saved only over the version the form was loaded at.
    auto version = posted_version(req);
    if (!version.ok()) return version.error();
    p->version = *version;
    if (auto s = web.services().journeys.update_person(ctx.actor, *p); !s.ok()) return s.error();
    return Done{person_href(p->id), "Dossier enregistré."};
  };
  journey_form(web, R"(/personnes/(\d+)/modifier)", edit);
}

// ---- The person's file -----------------------------------------------------------------

const Programmes& programmes(Web& web) {
  return web.services().journeys.programmes();
}

// The programme an orientation is recorded for (the orientation's own default).
const ProgrammeConfig* orientation_programme(Web& web) {
  return programmes(web).find(Orientation{}.programme_id);
}

std::string source_label(const ProgrammeConfig* config, const std::string& source) {
  if (config)
    for (const auto& c : config->orientation_sources)
      if (c.id == source) return c.label;
  return source;
}

nlohmann::json person_view(Web& web, PageCtx& ctx, const PersonFile& f,
                           const EmbeddedFailure* failure) {
  const Person& p = f.person;
  const Date now = today(web);
  nlohmann::json identity = nlohmann::json::array(
      {fact("Nom", p.last_name), fact("Prénom", p.first_name),
       fact("Date de naissance", birth_text(p, now)), fact("Sexe", sex_label(p.sex)),
       fact("Milieu", milieu_label(p.milieu)), fact("SPIP", f.spip.name),
       fact(p.milieu == Milieu::open ? "Antenne" : "Établissement", f.site.name),
       fact("Niveau de qualification", qualification_label(p.qualification)),
       fact("CPIP référent", f.referent.full_name)});
  if (!p.prison_number.empty()) identity.push_back(fact("Numéro d’écrou", p.prison_number));
  identity.push_back(fact("Pièce d’identité valable jusqu’au", opt_date(p.id_valid_until)));
  identity.push_back(
      fact("Titre de séjour ou autorisation de travail", opt_date(p.work_permit_until)));
  identity.push_back(fact("Bénéficiaire du RSA", yes_no(p.brsa)));
  identity.push_back(fact("Contrat d’engagements réciproques", yes_no(p.cer)));
  identity.push_back(fact("Téléphone", p.phone));
  identity.push_back(fact("Adresse e-mail", p.email));
  identity.push_back(fact("Adresse postale", p.address));

  nlohmann::json judicial = nlohmann::json::array();
  if (f.judicial_visible) {
    judicial.push_back(fact("Statut judiciaire", judicial_status_words(p.judicial_status, p.sex)));
    judicial.push_back(fact("Fin de peine", opt_date(p.sentence_end, "Non renseignée")));
    const std::string remaining = remaining_sentence(p, now);
    if (!remaining.empty()) judicial.push_back(fact("Reliquat de peine", remaining));
  }

  nlohmann::json cases = nlohmann::json::array();
  for (const auto& c : f.cases)
    cases.push_back({{"programme", c.programme_label},
                     {"href", case_href(c.prescription.id)},
                     {"state", state_badge(programmes(web).find(c.prescription.programme_id),
                                           c.prescription.state, c.state_label)},
                     {"modality", c.modality_label},
                     {"provider", c.provider_name},
                     {"prescribed", french_instant(c.prescription.prescribed_at)},
                     {"next_due", c.next_due_at ? c.next_due_label + " — avant le " +
                                                      french_instant(*c.next_due_at)
                                                : "Aucune échéance en cours"}});

  nlohmann::json orientations = nlohmann::json::array();
  for (const auto& o : f.orientations) {
    const std::string form_id = "refus-" + std::to_string(o.id);
    std::string status = o.status == "pending"      ? "En attente de décision"
                         : o.status == "prescribed" ? "Prescription faite"
                                                    : "Non suivie de prescription";
    nlohmann::json item = {
        {"id", o.id},
        {"requested_on", french_long(o.requested_on)},
        {"source", source_label(programmes(web).find(o.programme_id), o.source)},
        {"source_detail", o.source_detail},
        {"comment", o.comment},
        {"status", badge(status, o.status == "pending"      ? "warning"
                                 : o.status == "prescribed" ? "success"
                                                            : "neutral")},
        {"decision_comment", o.decision_comment},
        {"prescription_href", o.prescription_id ? case_href(o.prescription_id) : ""},
        {"pending", o.status == "pending"},
        {"can_decide", o.status == "pending" && ctx.actor.has_role(Role::cpip)},
        {"prescribe_href",
         f.can_prescribe && o.status == "pending"
             ? person_href(p.id) + "/prescrire?orientation_id=" + std::to_string(o.id)
             : ""},
        {"form_id", form_id},
        {"decline_action", "/orientations/" + std::to_string(o.id) + "/refus"},
        {"open", false},
        {"comment_value", ""},
        {"comment_error", ""}};
    if (failure && failure->form_id == form_id) {
      item["open"] = true;
      if (failure->values.contains("comment") && failure->values["comment"].is_string())
        item["comment_value"] = failure->values["comment"];
      auto errs = failure_field_errors(*failure);
      if (errs.contains("comment")) item["comment_error"] = errs["comment"];
    }
    orientations.push_back(item);
  }

  nlohmann::json timeline = nlohmann::json::array();
  for (const auto& e : f.timeline)
    timeline.push_back({{"at", french_instant(e.at)},
                        {"label", e.label},
                        {"detail", e.detail},
                        {"who", e.actor_label},
                        {"href", e.prescription_id ? case_href(e.prescription_id) : ""}});

  nlohmann::json actions = nlohmann::json::array();
  // BEN-4 (http/file_pages.cc).
  actions.push_back({{"href", person_href(p.id) + "/dossier-professionnel"},
                     {"label", "Dossier professionnel"},
                     {"icon", "folder2-open"},
                     {"secondary", true}});
  if (f.can_edit) {
    actions.push_back({{"href", person_href(p.id) + "/modifier"},
                       {"label", "Modifier le dossier"},
                       {"icon", "pencil"},
                       {"secondary", true}});
    actions.push_back({{"href", person_href(p.id) + "/orientation"},
                       {"label", "Enregistrer une demande d’orientation"},
                       {"icon", "signpost"},
                       {"secondary", true}});
  }
  if (f.can_prescribe)
    actions.push_back({{"href", person_href(p.id) + "/prescrire"},
                       {"label", "Prescrire un PPAIP"},
                       {"icon", "send"}});

  nlohmann::json view = {{"heading", person_display_name(p)},
                         {"person_id", p.id},
                         {"subheading", std::string(milieu_label(p.milieu)) +
                                            (f.site.name.empty() ? "" : " — " + f.site.name)},
                         {"actions", actions},
                         {"identity", identity},
                         {"judicial_visible", f.judicial_visible},
                         {"judicial", judicial},
                         {"diagnosis_text", p.diagnosis.text},
                         {"diagnosis_paragraphs", nlohmann::json::array()},
                         {"diagnosis_on", opt_date(p.diagnosis.established_on, "")},
                         {"diagnosis_by", p.diagnosis.established_by},
                         {"cases", cases},
                         {"no_cases", cases.empty()},
                         {"spip_side", f.judicial_visible},
                         {"orientations", orientations},
                         {"no_orientations", orientations.empty()},
                         {"timeline", timeline},
                         {"no_timeline", timeline.empty()}};
  // Paragraphs of the diagnosis, as typed.
  std::string text = p.diagnosis.text;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    std::string line =
        trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!line.empty()) view["diagnosis_paragraphs"].push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (failure) view["error_summary"] = failure_summary(*failure);
  return view;
}

void show_person(Web& web, Response& res, PageCtx& ctx, Id id, const EmbeddedFailure* failure) {
  auto f = web.services().journeys.person_file(ctx.actor, id);
  if (!f.ok()) return web.fail(res, ctx, f.error());
  web.render(res, &ctx, person_display_name(f->person), "person",
             person_view(web, ctx, *f, failure),
             failure ? Web::status_of(failure->error.code) : 200);
}

void person_page(Web& web) {
  web.page("GET", R"(/personnes/(\d+))", [&web](const Request& req, Response& res, PageCtx& ctx) {
    show_person(web, res, ctx, id_param(req), nullptr);
  });
  // PPAIP-2: the SPIP decides not to prescribe.
  web.page("POST", R"(/orientations/(\d+)/refus)",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             const Id orientation = id_param(req);
             const Id person = id_field(req, "person_id");
             auto s = web.services().journeys.decline_orientation(ctx.actor, orientation,
                                                                  form(req, "comment"));
             if (s.ok())
               return web.redirect(res, person_href(person),
                                   "La demande d’orientation est close sans prescription.");
             if (s.error().code == ErrorCode::forbidden || s.error().code == ErrorCode::not_found ||
                 person == 0)
               return web.fail(res, ctx, s.error());
             EmbeddedFailure failure{"refus-" + std::to_string(orientation), s.error(),
                                     form_values(req)};
             show_person(web, res, ctx, person, &failure);
           });
}

// ---- Orientation request (PPAIP-2) -----------------------------------------------------

void orientation_form(Web& web) {
  JourneyForm page;
  page.title = "Enregistrer une demande d’orientation";
  page.intro =
      "Une demande d’orientation vers le PPAIP peut venir de la personne ou de nombreux "
      "partenaires ; le SPIP décide ensuite de prescrire ou non.";
  // The person's file, seen from the SPIP that follows them.
  page.load = [&web](const Request& req, PageCtx& ctx) -> Result<std::any> {
    auto f = web.services().journeys.person_file(ctx.actor, id_param(req));
    if (!f.ok()) return f.error();
    if (!f->can_edit)
      return refuse(web, ctx.actor, "orientation.create", "person", f->person.id,
                    "Seul le SPIP enregistre les demandes d’orientation.");
    return std::any(std::move(*f));
  };
  page.fields = [&web](const Request&, PageCtx&) -> Result<std::vector<Field>> {
    Options sources{{"", "— Choisir l’origine —"}};
    if (const auto* c = orientation_programme(web))
      for (const auto& s : c->orientation_sources) sources.push_back({s.id, s.label});
    return std::vector<Field>{{"source", "Origine de la demande", "select", true, "", sources},
                              {"source_detail", "Précision sur l’origine", "text", false,
                               "Par exemple « M. Roux, RLFP »."},
                              {"requested_on", "Date de la demande", "date", true},
                              {"comment", "Commentaire", "textarea"}};
  };
  page.initial = [&web](const Request&, PageCtx&) -> Result<nlohmann::json> {
    return nlohmann::json{{"requested_on", iso(today(web))}};
  };
  page.cancel = [](const Request& req) { return person_href(id_param(req)); };
  page.submit = [&web](const Request& req, PageCtx& ctx) -> Result<Done> {
    std::vector<FieldError> errs;
    Orientation o;
    o.person_id = id_param(req);
    o.source = form(req, "source");
    o.source_detail = trim(form(req, "source_detail"));
    o.comment = trim(form(req, "comment"));
    if (auto d = date_field(req, "requested_on", errs, true)) o.requested_on = *d;
    if (!errs.empty()) return invalid("La demande d’orientation n’est pas valide.", errs);
    auto id = web.services().journeys.record_orientation(ctx.actor, o);
    if (!id.ok()) return id.error();
    return Done{person_href(o.person_id) + "#orientations", "Demande d’orientation enregistrée."};
  };
  journey_form(web, R"(/personnes/(\d+)/orientation)", page);
}

// ---- Prescription (PPAIP-1, PPAIP-3) ---------------------------------------------------

void prescription_form(Web& web) {
  JourneyForm page;
  page.title = "Prescrire un PPAIP";
  page.submit_label = "Prescrire";
  page.load = [&web](const Request& req, PageCtx& ctx) -> Result<std::any> {
    auto f = web.services().journeys.person_file(ctx.actor, id_param(req));
    if (!f.ok()) return f.error();
    if (!f->can_prescribe)
      return refuse(web, ctx.actor, "prescription.create", "person", f->person.id,
                    "Seul un CPIP du SPIP qui suit la personne prescrit.");
    return std::any(std::move(*f));
  };
  page.fields = [&web](const Request&, PageCtx& ctx) -> Result<std::vector<Field>> {
    const PersonFile* f = &loaded<PersonFile>();
    auto programme = web.services().journeys.covering_programme(ctx.actor, f->person.id);
    if (!programme.ok()) return programme.error();
    const ProgrammeConfig* config = programmes(web).find(*programme);
    if (!config) return unavailable("La configuration du programme est introuvable.");
    Options modalities{{"", "— Choisir la modalité —"}};
    for (const auto& m : config->modalities) modalities.push_back({m.id, m.label});
    Options orientations{{"", "— Aucune (prescription à l’initiative du SPIP) —"}};
    for (const auto& o : f->orientations)
      if (o.status == "pending")
        orientations.push_back({std::to_string(o.id),
                                "Demande du " + french_long(o.requested_on) + " — " +
                                    source_label(programmes(web).find(o.programme_id), o.source)});
    auto rule_label = [&](const std::string& id, const std::string& fallback) {
      for (const auto& r : config->eligibility_rules)
        if (r.id == id) return r.label + " (" + r.rule + ")";
      return fallback;
    };
    std::vector<Field> fields;
    fields.push_back({"modality", "Modalité", "select", true, "", modalities});
    fields.push_back({"orientation_id", "Demande d’orientation à laquelle elle répond", "select",
                      false, "", orientations});
    fields.push_back({"objectives", "Objectifs attendus", "textarea", false,
                      "Ce que vous attendez de l’accompagnement."});
    fields.push_back({"constraints", "Contraintes", "textarea", false,
                      "Par exemple : formation financée par la Région, horaires de travail."});
    fields.push_back({"training_timetable", "Emploi du temps de la formation suivie", "textarea",
                      false,
                      "Un créneau par ligne, au format « lundi 09:00-12:00 ». Les séances "
                      "doivent avoir lieu en dehors de ces heures."});
    fields.push_back({"training_until", "Emploi du temps applicable jusqu’au", "date"});
    fields.push_back({"volunteer", rule_label("volunteer", "La personne est volontaire"),
                      "checkbox", false, "Déclaration du CPIP."});
    fields.push_back({"needs_support",
                      rule_label("needs_support", "La personne a besoin d’être accompagnée"),
                      "checkbox", false, "Déclaration du CPIP."});
    bool residence_applies = false;
    for (const auto& r : config->eligibility_rules)
      if (r.id == "legal_residence" &&
          std::find(r.milieux.begin(), r.milieux.end(), f->person.milieu) != r.milieux.end())
        residence_applies = true;
    if (residence_applies)
      fields.push_back({"legal_residence",
                        rule_label("legal_residence", "Situation régulière sur le territoire"),
                        "checkbox", false, "Condition propre au milieu ouvert."});
    return fields;
  };
  page.intro =
      "Conditions d’éligibilité : l’âge et le statut judiciaire sont vérifiés "
      "d’après le dossier ; cochez les déclarations qui suivent. Une prescription qui ne "
      "remplit pas toutes les conditions est refusée avec la condition en cause. La "
      "prescription est adressée au prestataire titulaire du lot qui couvre le SPIP.";
  page.initial = [](const Request& req, PageCtx&) -> Result<nlohmann::json> {
    return nlohmann::json{{"modality", "individual"},
                          {"orientation_id", req.get_param_value("orientation_id")}};
  };
  page.cancel = [](const Request& req) { return person_href(id_param(req)); };
  page.submit = [&web](const Request& req, PageCtx& ctx) -> Result<Done> {
    std::vector<FieldError> errs;
    PrescriptionInput in;
    in.person_id = id_param(req);
    in.modality = form(req, "modality");
    in.orientation_id = id_field(req, "orientation_id");
    in.objectives = form(req, "objectives");
    in.constraints = form(req, "constraints");
    in.training_timetable = form(req, "training_timetable");
    in.training_until = date_field(req, "training_until", errs, false);
    in.volunteer = checkbox(req, "volunteer");
    in.needs_support = checkbox(req, "needs_support");
    in.legal_residence = checkbox(req, "legal_residence");
    if (!errs.empty()) return invalid("La prescription n’est pas valide.", errs);
    auto id = web.services().journeys.prescribe(ctx.actor, in);
    if (!id.ok()) {
      // PPAIP-1: each failed rule is named beside its declaration (or in the summary).
      Error e = id.error();
      if (e.code == ErrorCode::rule_violation)
        for (auto& d : e.details) d.message = "Condition non remplie : " + d.message + ".";
      return e;
    }
    return Done{case_href(*id), "PPAIP prescrit : la prescription est transmise au prestataire."};
  };
  journey_form(web, R"(/personnes/(\d+)/prescrire)", page);
}

}  // namespace

void add_journey_people_pages(Web& web) {
  todo_page(web);
  people_page(web);
  person_forms(web);  // before /personnes/(\d+): "nouvelle" is not an id anyway
  person_page(web);
  orientation_form(web);
  prescription_form(web);
}

}  // namespace parcours::http
