// Notifications in the application, e-mail preferences and the outbox (SPEC DL-2).
#include <algorithm>
#include <map>

#include "domain/wording.h"
#include "http/admin_common.h"
#include "http/nav.h"
#include "http/web.h"

namespace parcours::http {
namespace {

constexpr int kInboxSize = 200;

std::string kind_label(const std::string& id) {
  for (const auto& k : notification_kinds())
    if (k.id == id) return k.label;
  return id;
}

// Only paths of the application are followed (no open redirect through a stored link).
bool is_local_path(const std::string& link) {
  return !link.empty() && link[0] == '/' && link.rfind("//", 0) != 0 &&
         link.find('\\') == std::string::npos;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::string line;
  for (char c : text) {
    if (c == '\n') {
      if (!line.empty()) out.push_back(line);
      line.clear();
    } else {
      line += c;
    }
  }
  if (!line.empty()) out.push_back(line);
  return out;
}

std::string unread_text(int unread) {
  if (unread == 0) return "Aucune notification non lue.";
  if (unread == 1) return "1 notification non lue.";
  return std::to_string(unread) + " notifications non lues.";
}

nlohmann::json inbox_view(const std::vector<Notification>& list) {
  nlohmann::json items = nlohmann::json::array();
  int unread = 0;
  for (const auto& n : list) {
    bool is_unread = !n.read_at.has_value();
    unread += is_unread ? 1 : 0;
    nlohmann::json item = {{"title", n.title},
                           {"lines", lines_of(n.body)},
                           {"kind_label", kind_label(n.kind)},
                           {"date", french_instant(n.created_at)},
                           {"unread", is_unread}};
    if (is_local_path(n.link)) item["href"] = "/notifications/" + std::to_string(n.id);
    items.push_back(item);
  }
  return {{"items", items},
          {"empty", list.empty()},
          {"has_unread", unread > 0},
          {"summary", unread_text(unread)}};
}

void add_inbox(Web& web) {
  web.page("GET", "/notifications", [&web](const Request&, Response& res, PageCtx& ctx) {
    auto list = web.services().notifications.inbox(ctx.actor, kInboxSize);
    if (!list.ok()) return web.fail(res, ctx, list.error());
    web.render(res, &ctx, "Notifications", "notifications", inbox_view(*list));
  });

  // Opening a notification marks it read and goes to what it is about.
  web.page("GET", R"(/notifications/(\d+))",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             auto& service = web.services().notifications;
             auto list = service.inbox(ctx.actor, kInboxSize);
             if (!list.ok()) return web.fail(res, ctx, list.error());
             Id id = id_param(req);
             auto it = std::find_if(list->begin(), list->end(),
                                    [&](const Notification& n) { return n.id == id; });
             if (it == list->end() || !is_local_path(it->link))
               return web.error_page(res, &ctx, 404);
             if (auto s = service.mark_read(ctx.actor, id); !s.ok())
               return web.fail(res, ctx, s.error());
             res.status = 303;
             res.set_header("Location", it->link);
           });

  web.page("POST", "/notifications/tout-lu", [&web](const Request&, Response& res, PageCtx& ctx) {
    auto s = web.services().notifications.mark_read(ctx.actor, 0);
    if (!s.ok()) return web.fail(res, ctx, s.error());
    web.redirect(res, "/notifications", "Toutes vos notifications sont marquées comme lues.");
  });
}

std::vector<Field> prefs_fields(const PageCtx& ctx) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& k : notification_kinds()) options.push_back({k.id, k.label});
  return {Field("email", "Recevoir par courriel", "multiselect", false,
                "Cochez ce que vous souhaitez recevoir aussi par courriel, à l’adresse " +
                    ctx.actor.user.email + ".",
                options)};
}

void show_prefs(Web& web, Response& res, PageCtx& ctx, const nlohmann::json& values,
                const Error* error, int status) {
  auto view = form_view("Notifications par courriel", "/compte/notifications", prefs_fields(ctx),
                        values, error, "Enregistrer mes préférences", "/notifications");
  view["intro"] =
      "Toutes les notifications restent visibles dans Parcours, sur la page Notifications. "
      "Choisissez celles que vous recevez aussi par courriel.";
  web.render(res, &ctx, "Notifications par courriel", "form", view, status);
}

void add_prefs(Web& web) {
  web.page("GET", "/compte/notifications", [&web](const Request&, Response& res, PageCtx& ctx) {
    auto prefs = web.services().notifications.prefs(ctx.actor);
    if (!prefs.ok()) return web.fail(res, ctx, prefs.error());
    nlohmann::json received = nlohmann::json::array();
    for (const auto& k : prefs->kinds)
      if (std::find(prefs->email_opt_outs.begin(), prefs->email_opt_outs.end(), k.id) ==
          prefs->email_opt_outs.end())
        received.push_back(k.id);
    show_prefs(web, res, ctx, {{"email", received}}, nullptr, 200);
  });

  web.page("POST", "/compte/notifications",
           [&web](const Request& req, Response& res, PageCtx& ctx) {
             std::vector<std::string> received;
             for (std::size_t i = 0; i < req.get_param_value_count("email"); ++i)
               received.push_back(req.get_param_value("email", i));
             // Unknown kinds are passed on, so that the use case refuses them in French.
             std::vector<std::string> opt_outs;
             for (const auto& k : received)
               if (!is_notification_kind(k)) opt_outs.push_back(k);
             for (const auto& k : notification_kinds())
               if (std::find(received.begin(), received.end(), k.id) == received.end())
                 opt_outs.push_back(k.id);
             auto s = web.services().notifications.set_email_opt_outs(ctx.actor, opt_outs);
             if (s.ok())
               return web.redirect(res, "/compte/notifications",
                                   "Vos préférences de notification ont été enregistrées.");
             if (s.error().code != ErrorCode::invalid) return web.fail(res, ctx, s.error());
             Error e = s.error();
             for (auto& d : e.details) d.field = "email";
             show_prefs(web, res, ctx, {{"email", received}}, &e, Web::status_of(e.code));
           });
}

std::string status_text(const OutboxEmail& e) {
  if (e.status == EmailStatus::sent)
    return "Envoyé" + (e.sent_at ? " le " + french_instant(*e.sent_at) : std::string());
  return e.attempts == 0 ? "En attente" : "En attente (nouvel essai prévu)";
}

void add_outbox(Web& web) {
  web.page("GET", "/admin/courriels", [&web](const Request&, Response& res, PageCtx& ctx) {
    auto list = web.services().notifications.outbox(ctx.actor);
    if (!list.ok()) return web.fail(res, ctx, list.error());
    nlohmann::json rows = nlohmann::json::array();
    int pending = 0;
    for (const auto& e : *list) {
      bool waiting = e.status == EmailStatus::pending;
      pending += waiting ? 1 : 0;
      nlohmann::json status = cell(status_text(e));
      if (waiting) status["badge"] = true;
      rows.push_back({{"cells",
                       {cell(french_instant(e.created_at)), cell(e.to_address), cell(e.subject),
                        cell(kind_label(e.kind)), status, cell(std::to_string(e.attempts)),
                        cell(waiting ? french_instant(e.next_attempt_at) : "—"),
                        cell(e.last_error.empty() ? "—" : e.last_error)}}});
    }
    nlohmann::json columns = nlohmann::json::array();
    for (const char* c : {"Créé le", "Destinataire", "Objet", "Type", "Statut", "Tentatives",
                          "Prochain essai", "Dernière erreur"})
      columns.push_back({{"label", c}});
    web.render(res, &ctx, "Courriels", "list",
               {{"heading", "Boîte d’envoi des courriels"},
                {"intro", count_of(pending, "courriel en attente", "courriels en attente") +
                              " d’envoi. Un envoi qui échoue est "
                              "retenté après 1 minute, puis 2, 4, 8… jusqu’à une heure "
                              "d’intervalle, sans jamais être abandonné. Les 200 plus "
                              "récents sont affichés."},
                {"caption", "Courriels, les plus récents d’abord"},
                {"columns", columns},
                {"rows", rows},
                {"empty", rows.empty()},
                {"empty_text", "Aucun courriel n’a encore été préparé."}});
  });
}

}  // namespace

void add_notification_pages(Web& web) {
  add_inbox(web);
  add_prefs(web);
  add_outbox(web);
}

}  // namespace parcours::http
