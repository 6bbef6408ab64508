#include "http/admin_common.h"

#include <charconv>

namespace parcours::http {

void admin_page(Web& web, const std::string& method, const std::string& pattern, PageFn fn) {
  web.page(method, pattern, [&web, fn](const Request& req, Response& res, PageCtx& ctx) {
    if (!has_admin_area(ctx.actor)) return web.error_page(res, &ctx, 403);
    fn(req, res, ctx);
  });
}

int int_field(const Request& req, const std::string& name, std::vector<FieldError>& errs,
              const std::string& label) {
  std::string v = form(req, name);
  int out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size()) {
    errs.push_back({name, label + " doit être un nombre entier."});
    return 0;
  }
  return out;
}

std::optional<Date> date_field(const Request& req, const std::string& name,
                               std::vector<FieldError>& errs, bool required) {
  std::string v = form(req, name);
  if (v.empty()) {
    if (required) errs.push_back({name, "La date est obligatoire."});
    return std::nullopt;
  }
  auto d = parse_iso_date(v);
  if (!d.ok()) {
    errs.push_back({name, d.error().message});
    return std::nullopt;
  }
  return *d;
}

std::vector<Id> id_list(const Request& req, const std::string& name) {
  std::vector<Id> out;
  auto n = req.get_param_value_count(name.c_str());
  for (std::size_t i = 0; i < n; ++i) {
    auto v = req.get_param_value(name.c_str(), i);
    Id id = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
    if (ec == std::errc() && p == v.data() + v.size() && id > 0) out.push_back(id);
  }
  return out;
}

bool checkbox(const Request& req, const std::string& name) {
  return req.has_param(name.c_str());
}

nlohmann::json form_values(const Request& req) {
  nlohmann::json v = nlohmann::json::object();
  for (const auto& [k, val] : req.params) {
    if (k == "csrf_token" || k.find("password") != std::string::npos) continue;
    if (req.get_param_value_count(k.c_str()) > 1) {
      if (!v.contains(k)) {
        v[k] = nlohmann::json::array();
      }
      v[k].push_back(val);
    } else {
      v[k] = val;
    }
  }
  return v;
}

std::vector<std::pair<std::string, std::string>> org_options(Web& web, const Actor& a,
                                                             std::optional<OrgKind> kind,
                                                             bool with_none) {
  std::vector<std::pair<std::string, std::string>> out;
  if (with_none) out.push_back({"", "— Aucune —"});
  auto orgs = kind ? web.services().admin.directory(a, *kind)
                   : web.services().admin.organisations(a, std::nullopt);
  if (orgs.ok())
    for (const auto& o : *orgs) out.push_back({std::to_string(o.id), o.name});
  return out;
}

std::string org_href(Id id) {
  return "/admin/organisations/" + std::to_string(id);
}

}  // namespace parcours::http

namespace parcours::http {

void form_route(Web& web, const std::string& pattern, FormPage page) {
  auto show = [&web, page](const Request& req, Response& res, PageCtx& ctx,
                           const nlohmann::json& values, const Error* err, int status) {
    auto view = form_view(page.title, req.path, page.fields(req, ctx), values, err,
                          page.submit_label, page.cancel ? page.cancel(req) : "");
    if (!page.intro.empty()) view["intro"] = page.intro;
    web.render(res, &ctx, page.title, "form", view, status);
  };
  admin_page(web, "GET", pattern,
             [&web, page, show](const Request& req, Response& res, PageCtx& ctx) {
               auto values = page.initial ? page.initial(req, ctx)
                                          : Result<nlohmann::json>(nlohmann::json::object());
               if (!values.ok()) return web.fail(res, ctx, values.error());
               show(req, res, ctx, *values, nullptr, 200);
             });
  admin_page(web, "POST", pattern,
             [&web, page, show](const Request& req, Response& res, PageCtx& ctx) {
               auto done = page.submit(req, ctx);
               if (done.ok()) return web.redirect(res, *done, page.success_flash);
               const Error& e = done.error();
               if (e.code == ErrorCode::forbidden || e.code == ErrorCode::not_found)
                 return web.fail(res, ctx, e);
               show(req, res, ctx, form_values(req), &e, Web::status_of(e.code));
             });
}

}  // namespace parcours::http
