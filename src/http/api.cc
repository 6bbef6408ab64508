// JSON API /api/v1 for organisations, users, contracts and lots (documented in
// docs/openapi.json, which a test keeps in step with these routes).
#include <limits>

#include "http/versioning.h"
#include "http/web.h"

namespace parcours::http {
namespace {

using nlohmann::json;

json org_json(const Organisation& o) {
  return {{"id", o.id},
          {"kind", org_kind_name(o.kind)},
          {"name", o.name},
          {"code", o.code},
          {"parent_id", o.parent_id ? json(o.parent_id) : json(nullptr)},
          {"departement", o.departement},
          {"milieu", milieu_name(o.milieu)},
          {"address", o.address},
          {"phone", o.phone},
          {"email", o.email},
          {"active", o.active},
          {"version", o.version}};  // issue 12: send it back (If-Match or `version`) to write
}

json user_json(const User& u, const std::vector<ActorMembership>& ms) {
  json memberships = json::array();
  for (const auto& m : ms)
    memberships.push_back({{"id", m.membership.id},
                           {"organisation_id", m.org.id},
                           {"organisation", m.org.name},
                           {"role", role_name(m.membership.role)}});
  return {{"id", u.id},
          {"email", u.email},
          {"full_name", u.full_name},
          {"phone", u.phone},
          {"qualification", u.qualification},
          {"adeli", u.adeli},
          {"active", u.active},
          {"memberships", memberships}};
}

json lot_json(const LotView& l) {
  json amendments = json::array();
  for (const auto& a : l.amendments)
    amendments.push_back({{"id", a.id},
                          {"effective_on", iso(a.effective_on)},
                          {"individual_hours_delta", a.individual_hours_delta},
                          {"collective_hours_delta", a.collective_hours_delta},
                          {"reason", a.reason}});
  return {{"id", l.lot.id},
          {"contract_id", l.lot.contract_id},
          {"number", l.lot.number},
          {"label", l.lot.label},
          {"provider_org_id", l.lot.provider_org_id ? json(l.lot.provider_org_id) : json(nullptr)},
          {"spip_ids", l.lot.spip_ids},
          {"individual_hours", l.lot.individual_hours},
          {"collective_hours", l.lot.collective_hours},
          {"individual_price_cents", l.lot.individual_price_cents},
          {"collective_price_cents", l.lot.collective_price_cents},
          {"current_volumes",
           {{"individual_hours", l.current.individual_hours},
            {"collective_hours", l.current.collective_hours}}},
          {"amendments", amendments}};
}

json contract_json(const ContractView& c) {
  json lots = json::array();
  for (const auto& l : c.lots) lots.push_back(lot_json(l));
  const auto& k = c.contract;
  return {{"id", k.id},
          {"disp_org_id", k.disp_org_id},
          {"reference", k.reference},
          {"title", k.title},
          {"programme", k.programme},
          {"start_date", iso(k.start_date)},
          {"initial_months", k.initial_months},
          {"renewals_allowed", k.renewals_allowed},
          {"renewal_months", k.renewal_months},
          {"renewals_used", k.renewals_used},
          {"ends_on", iso(c.ends_on)},
          {"lots", lots}};
}

// Reads a JSON body; type mistakes become French field errors.
class Body {
 public:
  explicit Body(const Request& req) {
    try {
      j_ = json::parse(req.body);
      if (!j_.is_object())
        errors_.push_back({"", "Le corps de la requête doit être un objet JSON."});
    } catch (const json::exception&) {  // not JSON, or a number beyond a double (1e400)
      errors_.push_back({"", "Le corps de la requête n’est pas du JSON valide."});
      j_ = json::object();
    }
  }
  std::string text(const std::string& k, const std::string& fallback = "") {
    if (!j_.contains(k) || j_[k].is_null()) return fallback;
    if (!j_[k].is_string()) errors_.push_back({k, "Ce champ doit être une chaîne de caractères."});
    return j_[k].is_string() ? j_[k].get<std::string>() : fallback;
  }
  // Integers are range-checked before any narrowing (SEC-5): identifiers and amounts in cents
  // within 64 bits, hours, numbers and deltas within an int (`count`).
  long long number(const std::string& k, long long fallback = 0) {
    return within(k, fallback, std::numeric_limits<long long>::min(),
                  std::numeric_limits<long long>::max());
  }
  int count(const std::string& k, int fallback = 0) {
    return static_cast<int>(
        within(k, fallback, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
  }
  bool boolean(const std::string& k, bool fallback) {
    if (!j_.contains(k) || j_[k].is_null()) return fallback;
    if (!j_[k].is_boolean()) errors_.push_back({k, "Ce champ doit valoir true ou false."});
    return j_[k].is_boolean() ? j_[k].get<bool>() : fallback;
  }
  std::vector<Id> ids(const std::string& k) {
    std::vector<Id> out;
    if (!j_.contains(k)) return out;
    if (!j_[k].is_array()) {
      errors_.push_back({k, "Ce champ doit être une liste d’identifiants."});
      return out;
    }
    for (const auto& v : j_[k])
      if (v.is_number_integer())
        out.push_back(v.get<Id>());
      else
        errors_.push_back({k, "Ce champ doit être une liste d’identifiants."});
    return out;
  }
  std::optional<Date> date(const std::string& k) {
    std::string t = text(k);
    if (t.empty()) return std::nullopt;
    auto d = parse_iso_date(t);
    if (!d.ok()) errors_.push_back({k, d.error().message});
    return d.ok() ? std::optional<Date>(*d) : std::nullopt;
  }
  void add(const std::string& k, const std::string& m) { errors_.push_back({k, m}); }
  std::optional<Error> error() const {
    if (errors_.empty()) return std::nullopt;
    return invalid("La requête contient des erreurs.", errors_);
  }

 private:
  long long within(const std::string& k, long long fallback, long long min, long long max) {
    if (!j_.contains(k) || j_[k].is_null()) return fallback;
    const json& v = j_[k];
    if (!v.is_number_integer()) {
      errors_.push_back({k, "Ce champ doit être un nombre entier."});
      return fallback;
    }
    bool above = v.is_number_unsigned()
                     ? v.get<unsigned long long>() > static_cast<unsigned long long>(max)
                     : v.get<long long>() > max;
    if (above || (!v.is_number_unsigned() && v.get<long long>() < min)) {
      errors_.push_back({k, "Ce nombre est hors des valeurs admises."});
      return fallback;
    }
    return v.get<long long>();
  }

  json j_;
  std::vector<FieldError> errors_;
};

Organisation org_from(Body& b, Organisation o) {
  if (auto k = b.text("kind"); !k.empty()) {
    if (auto kind = parse_org_kind(k))
      o.kind = *kind;
    else
      b.add("kind", "Type d’organisation inconnu.");
  }
  o.name = b.text("name", o.name);
  o.code = b.text("code", o.code);
  o.parent_id = b.number("parent_id", o.parent_id);
  o.departement = b.text("departement", o.departement);
  if (auto m = parse_milieu(b.text("milieu", milieu_name(o.milieu))))
    o.milieu = *m;
  else
    b.add("milieu", "Milieu inconnu (mf ou mo).");
  o.address = b.text("address", o.address);
  o.phone = b.text("phone", o.phone);
  o.email = b.text("email", o.email);
  o.active = b.boolean("active", o.active);
  return o;
}

template <typename T>
bool ok_or_error(Response& res, const Result<T>& r) {
  if (!r.ok()) Web::api_error(res, r.error());
  return r.ok();
}

void org_routes(Web& web) {
  web.api("GET", "/api/v1/organisations",
          [&web](const Request& req, Response& res, const Actor& a) {
            std::optional<OrgKind> kind;
            if (req.has_param("kind")) {
              kind = parse_org_kind(req.get_param_value("kind"));
              if (!kind)
                return Web::api_error(
                    res, invalid("Type d’organisation inconnu.", {{"kind", "Type inconnu."}}));
            }
            auto orgs = web.services().admin.organisations(a, kind);
            if (!ok_or_error(res, orgs)) return;
            json out = json::array();
            for (const auto& o : *orgs) out.push_back(org_json(o));
            Web::json(res, {{"items", out}});
          });
  web.api("GET", R"(/api/v1/organisations/(\d+))",
          [&web](const Request& req, Response& res, const Actor& a) {
            auto v = web.services().admin.organisation(a, id_param(req));
            if (!ok_or_error(res, v)) return;
            set_etag(res, v->org.version);  // issue 12
            json j = org_json(v->org);
            json members = json::array();
            for (const auto& m : v->members)
              members.push_back({{"membership_id", m.membership.id},
                                 {"user_id", m.user.id},
                                 {"full_name", m.user.full_name},
                                 {"role", role_name(m.membership.role)}});
            j["members"] = members;
            Web::json(res, j);
          });
  web.api("POST", "/api/v1/organisations",
          [&web](const Request& req, Response& res, const Actor& a) {
            Body b(req);
            auto o = org_from(b, Organisation{});
            if (auto e = b.error()) return Web::api_error(res, *e);
            auto id = web.services().admin.create_organisation(a, o);
            if (!ok_or_error(res, id)) return;
            o.id = *id;
            Web::json(res, org_json(o), 201);
          });
  web.api("PUT", R"(/api/v1/organisations/(\d+))",
          [&web](const Request& req, Response& res, const Actor& a) {
            auto current = web.services().admin.organisation(a, id_param(req));
            if (!ok_or_error(res, current)) return;
            Body b(req);
            auto o = org_from(b, current->org);
            // Issue 12: If-Match (412 when stale) or `version` (409 when stale).
            const long long posted = b.number("version", 0);
            if (auto e = b.error()) return Web::api_error(res, *e);
            if (!if_match_holds(req, res, current->org.version)) return;
            o.version =
                expected_version(req, posted ? std::optional<long long>(posted) : std::nullopt,
                                 current->org.version, 0);
            if (auto s = web.services().admin.update_organisation(a, o); !s.ok())
              return Web::api_error(res, s.error());
            o.version = (o.version ? o.version : current->org.version) + 1;
            set_etag(res, o.version);
            Web::json(res, org_json(o));
          });
}

void user_routes(Web& web) {
  web.api("GET", "/api/v1/me", [](const Request&, Response& res, const Actor& a) {
    Web::json(res, user_json(a.user, a.memberships));
  });
  web.api("GET", "/api/v1/users", [&web](const Request&, Response& res, const Actor& a) {
    auto users = web.services().admin.users(a);
    if (!ok_or_error(res, users)) return;
    json out = json::array();
    for (const auto& u : *users) out.push_back(user_json(u.user, u.memberships));
    Web::json(res, {{"items", out}});
  });
  web.api("GET", R"(/api/v1/users/(\d+))",
          [&web](const Request& req, Response& res, const Actor& a) {
            auto u = web.services().admin.user(a, id_param(req));
            if (!ok_or_error(res, u)) return;
            Web::json(res, user_json(u->user, u->memberships));
          });
  web.api("POST", "/api/v1/users", [&web](const Request& req, Response& res, const Actor& a) {
    Body b(req);
    User u;
    u.email = b.text("email");
    u.full_name = b.text("full_name");
    u.phone = b.text("phone");
    u.qualification = b.text("qualification");
    u.adeli = b.text("adeli");
    // ORG-2, SEC-5: created in its organisation with its role, then handed over by an
    // invitation e-mail (nobody else knows its password).
    Id org_id = b.number("organisation_id");
    auto role = parse_role(b.text("role"));
    if (!role) b.add("role", "Rôle inconnu.");
    if (org_id <= 0) b.add("organisation_id", "Choisissez une organisation.");
    if (auto e = b.error()) return Web::api_error(res, *e);
    auto id = web.services().admin.invite_user(a, u, org_id, *role);
    if (!ok_or_error(res, id)) return;
    auto created = web.services().admin.user(a, *id);
    if (!ok_or_error(res, created)) return;
    Web::json(res, user_json(created->user, created->memberships), 201);
  });
  web.api("POST", R"(/api/v1/users/(\d+)/invitation)",
          [&web](const Request& req, Response& res, const Actor& a) {
            auto s = web.services().admin.resend_invitation(a, id_param(req));
            if (!s.ok()) return Web::api_error(res, s.error());
            Web::json(res, {{"ok", true}});
          });
  web.api("POST", R"(/api/v1/users/(\d+)/memberships)",
          [&web](const Request& req, Response& res, const Actor& a) {
            Body b(req);
            Membership m;
            m.user_id = id_param(req);
            m.org_id = b.number("organisation_id");
            auto role = parse_role(b.text("role"));
            if (!role)
              b.add("role", "Rôle inconnu.");
            else
              m.role = *role;
            if (auto e = b.error()) return Web::api_error(res, *e);
            auto id = web.services().admin.add_membership(a, m);
            if (!ok_or_error(res, id)) return;
            Web::json(res,
                      {{"id", *id},
                       {"user_id", m.user_id},
                       {"organisation_id", m.org_id},
                       {"role", role_name(m.role)}},
                      201);
          });
}

void contract_routes(Web& web) {
  web.api("GET", "/api/v1/contracts", [&web](const Request&, Response& res, const Actor& a) {
    auto cs = web.services().admin.contracts(a);
    if (!ok_or_error(res, cs)) return;
    json out = json::array();
    for (const auto& c : *cs) out.push_back(contract_json(c));
    Web::json(res, {{"items", out}});
  });
  web.api("GET", "/api/v1/lots", [&web](const Request&, Response& res, const Actor& a) {
    auto ls = web.services().admin.lots(a);
    if (!ok_or_error(res, ls)) return;
    json out = json::array();
    for (const auto& l : *ls) out.push_back(lot_json(l));
    Web::json(res, {{"items", out}});
  });
  web.api("GET", R"(/api/v1/lots/(\d+))",
          [&web](const Request& req, Response& res, const Actor& a) {
            auto l = web.services().admin.lot(a, id_param(req));
            if (!ok_or_error(res, l)) return;
            Web::json(res, lot_json(*l));
          });
  web.api("POST", R"(/api/v1/contracts/(\d+)/lots)",
          [&web](const Request& req, Response& res, const Actor& a) {
            Body b(req);
            Lot l;
            l.contract_id = id_param(req);
            l.number = b.count("number");
            l.label = b.text("label");
            l.provider_org_id = b.number("provider_org_id");
            l.spip_ids = b.ids("spip_ids");
            l.individual_hours = b.count("individual_hours");
            l.collective_hours = b.count("collective_hours");
            l.individual_price_cents = b.number("individual_price_cents");
            l.collective_price_cents = b.number("collective_price_cents");
            if (auto e = b.error()) return Web::api_error(res, *e);
            auto id = web.services().admin.create_lot(a, l);
            if (!ok_or_error(res, id)) return;
            auto created = web.services().admin.lot(a, *id);
            if (!ok_or_error(res, created)) return;
            Web::json(res, lot_json(*created), 201);
          });
  web.api("POST", R"(/api/v1/lots/(\d+)/amendments)",
          [&web](const Request& req, Response& res, const Actor& a) {
            Body b(req);
            VolumeAmendment v;
            v.lot_id = id_param(req);
            if (auto d = b.date("effective_on")) v.effective_on = *d;
            v.individual_hours_delta = b.count("individual_hours_delta");
            v.collective_hours_delta = b.count("collective_hours_delta");
            v.reason = b.text("reason");
            if (auto e = b.error()) return Web::api_error(res, *e);
            auto id = web.services().admin.add_amendment(a, v);
            if (!ok_or_error(res, id)) return;
            auto lot = web.services().admin.lot(a, v.lot_id);
            if (!ok_or_error(res, lot)) return;
            Web::json(res, lot_json(*lot), 201);
          });
}

}  // namespace

void add_api(Web& web) {
  org_routes(web);
  user_routes(web);
  contract_routes(web);
}

}  // namespace parcours::http
