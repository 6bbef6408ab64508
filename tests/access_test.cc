// SEC-1 and SEC-2 over HTTP, on SQLite and PostgreSQL: every journey route — pages, forms and
// /api/v1 — is tried by every role and by users of another SPIP or provider. Every forbidden
// attempt is refused (403), changes nothing and leaves an "access.denied" entry by its author
// in the audit trail; the lists of outsiders do not show the case; the SPIP and the provider
// of the case still do their part.
#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "http/journey_json.h"
#include "journey_support.h"

namespace parcours::testing {
namespace {

using nlohmann::json;

// The accounts tried, by short name. Outsiders: no journey role, or another SPIP or provider.
const std::map<std::string, std::string>& actors() {
  static const std::map<std::string, std::string> a = {
      {"admin", "admin@demo.parcours.fr"},
      {"disp", "disp@demo.parcours.fr"},
      {"spip", "spip@demo.parcours.fr"},  // SPIP 18 manager: the case's SPIP
      {"plie", "plie@demo.parcours.fr"},
      {"siae", "siae@demo.parcours.fr"},
      {"dupre", "francois.dupre@demo.parcours.fr"},     // coordinator of PREST-DEMO-4
      {"olivier", "olivier.mathieu@demo.parcours.fr"},  // CPIP of SPIP 36
      {"aurelie", "aurelie.vasseur@demo.parcours.fr"},  // CPIP of SPIP 45
      {"cpip", "cpip@demo.parcours.fr"},                // CPIP of SPIP 18: the prescriber
      {"cip", "cip@demo.parcours.fr"}};                 // intervenant of PREST-DEMO-1
  return a;
}

bool outsider(const std::string& key) {
  return key != "cpip" && key != "cip" && key != "spip";
}

// Markers of the fixture: the two people's names, in the session's place and permanence note.
const char* const kMarkers[] = {"kerguelen", "ploumanach"};

// Whether `body` shows `text`, ignoring ASCII case (names are shown "Mme Maëlle KERGUELEN").
bool contains(std::string body, std::string text) {
  for (std::string* s : {&body, &text})
    for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return body.find(text) != std::string::npos;
}

// A signed-in browser: forms carry csrf_token, JSON requests the X-CSRF-Token header.
class Client {
 public:
  Client(int port, const std::string& email) : browser_(port) {
    EXPECT_EQ(browser_.login(email, demo_password()).status, 303) << email;
    EXPECT_EQ(browser_.get("/").status, 200) << email;
  }
  Reply get(const std::string& path) { return browser_.get(path); }
  Reply post(const std::string& path, httplib::Params form) {
    form.emplace("csrf_token", browser_.csrf());
    return browser_.post(path, form);
  }
  Reply api(const std::string& method, const std::string& path, const json& body) {
    return browser_.send_json(method, path, method == "GET" ? "" : body.dump(),
                              {{"X-CSRF-Token", browser_.csrf()}});
  }

 private:
  Browser browser_;
};

// One request on a journey route and the actors entitled to it.
struct Attempt {
  std::string method;
  std::string path;
  bool api = true;
  json body = json::object();  // API
  httplib::Params form;        // page POST
  std::set<std::string> allowed;
  std::string text() const { return method + " " + path; }
};

Reply send(Client& c, const Attempt& a) {
  if (a.api) return c.api(a.method, a.path, a.body);
  if (a.method == "GET") return c.get(a.path);
  return c.post(a.path, a.form);
}

class Access : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
    for (const auto& [key, email] : actors()) users_[key] = server_->user_id(email);
    spip18_ = server_->org_id("SPIP18");
    site_ = server_->org_id("EP-DEMO-18-MA");
    prest1_ = server_->org_id("PREST-DEMO-1");
    build_fixture();
    for (const auto& [key, email] : actors())
      clients_[key] = std::make_unique<Client>(server_->port(), email);
  }
  void TearDown() override {
    clients_.clear();
    server_.reset();
  }

  // On Monday 3 March 2025, SPIP 18 and PREST-DEMO-1: a case C of person P with its first
  // interview, a proposal awaiting the CPIP, a session held this morning (S) and one next week
  // (S2); person Q without prescription and a pending orientation request O for Q; a
  // permanence of the provider.
  void build_fixture() {
    const Actor cpip = actor_of(*server_, "cpip@demo.parcours.fr");
    const Actor cip = actor_of(*server_, "cip@demo.parcours.fr");
    server_->clock().set(paris(2025, 3, 3, 8));
    p_ = create_demo_person(*server_, "Kerguelen", "Maëlle");
    q_ = create_demo_person(*server_, "Ploumanach", "Yann");
    c_ = must(server_->journeys().prescribe(cpip, eligible_prescription(p_)));
    server_->clock().set(paris(2025, 3, 3, 9));
    must(server_->journeys().record_first_interview(
        cip, c_, session_at(ymd(2025, 3, 3), 8, 15, 30, users_["cip"])));
    Proposal pr;
    pr.actions = {"positioning", "project_definition"};
    pr.individual_hours = 12;
    pr.content = "Positionnement puis définition du projet.";
    pr.justification = "Six entretiens de deux heures.";
    pr_ = must(server_->journeys().submit_proposal(cip, c_, pr));
    Session s = session_at(ymd(2025, 3, 3), 9, 30, 45, users_["cip"]);
    s.place_label = "Salle Kerguelen";
    s_ = must(server_->journeys().plan_session(cip, c_, s)).id;
    s2_ = must(server_->journeys().plan_session(
                   cip, c_, session_at(ymd(2025, 3, 10), 14, 0, 60, users_["cip"])))
              .id;
    Orientation o;
    o.person_id = q_;
    o.source = "person";
    o.requested_on = ymd(2025, 3, 3);
    o_ = must(server_->journeys().record_orientation(cpip, o));
    Permanence perm;
    perm.provider_id = prest1_;
    perm.site_id = site_;
    perm.date = ymd(2025, 3, 3);
    perm.start_minute = 8 * 60;
    perm.duration_minutes = 60;
    perm.note = "Permanence Kerguelen";
    must(server_->journeys().record_permanence(cip, perm));
    server_->clock().set(paris(2025, 3, 3, 10, 30));  // S is held, S2 still to come
  }

  template <typename T>
  static T must(Result<T> r) {
    if (!r.ok()) throw std::runtime_error(r.error().message);
    return *r;
  }

  // Every journey route, with a well-formed request (the SPIP or provider gets it through).
  std::vector<Attempt> attempts() const {
    const std::string P = std::to_string(p_), Q = std::to_string(q_), C = std::to_string(c_);
    const std::string S = std::to_string(s_), S2 = std::to_string(s2_);
    const std::string cip = std::to_string(users_.at("cip"));
    const std::string site = std::to_string(site_);
    const std::set<std::string> spip{"cpip", "spip"}, cpip{"cpip"}, provider{"cip"},
        both{"cpip", "spip", "cip"};
    const json person = {{"last_name", "Nedelec"},
                         {"first_name", "Aziliz"},
                         {"birth_date", "1992-06-01"},
                         {"sex", "F"},
                         {"milieu", "mf"},
                         {"spip_id", spip18_},
                         {"site_id", site_},
                         {"judicial_status", "condamne"},
                         {"qualification", "sans"},
                         {"referent_cpip_id", users_.at("cpip")}};
    httplib::Params person_form;
    for (const auto& [k, v] : person.items())
      person_form.emplace(k, v.is_string() ? v.get<std::string>() : v.dump());
    httplib::Params edit_form = person_form;
    edit_form.erase("last_name");
    edit_form.emplace("last_name", "Kerguelen");
    const std::string api_case = "/api/v1/prescriptions/" + C;
    const std::string page_case = "/prescriptions/" + C;
    return {
        // ---- JSON API ----
        {"POST", "/api/v1/persons", true, person, {}, spip},
        {"GET", "/api/v1/persons/" + Q, true, {}, {}, spip},
        {"GET", "/api/v1/persons/" + P, true, {}, {}, both},
        {"PUT", "/api/v1/persons/" + P, true, {{"first_name", "Modifiée"}}, {}, spip},
        {"POST", "/api/v1/persons/" + Q + "/orientations", true, {{"source", "person"}}, {}, spip},
        {"POST",
         "/api/v1/orientations/" + std::to_string(o_) + "/decline",
         true,
         {{"comment", "Déjà suivie par ailleurs."}},
         {},
         cpip},
        {"POST",
         "/api/v1/prescriptions",
         true,
         {{"person_id", q_}, {"volunteer", true}, {"needs_support", true}},
         {},
         cpip},
        {"GET", api_case, true, {}, {}, both},
        {"POST",
         api_case + "/events",
         true,
         {{"event", "withdraw_prescription"}, {"reason", "Libération anticipée"}},
         {},
         cpip},
        {"POST", api_case + "/events", true, {{"event", "send_calendar"}}, {}, provider},
        {"POST", api_case + "/intervenant", true, {{"user_id", users_.at("cip")}}, {}, provider},
        {"POST",
         api_case + "/first-interview",
         true,
         {{"date", "2025-03-03"}, {"start", "08:15"}, {"duration_minutes", 30}},
         {},
         provider},
        {"POST",
         api_case + "/proposals",
         true,
         {{"actions", json::array({"positioning"})},
          {"individual_hours", 10},
          {"content", "Positionnement."},
          {"justification", "Cinq entretiens."}},
         {},
         provider},
        {"POST",
         "/api/v1/proposals/" + std::to_string(pr_) + "/decision",
         true,
         {{"decision", "refuse"}, {"comment", "Préciser les actions."}},
         {},
         cpip},
        {"POST",
         api_case + "/sessions",
         true,
         {{"date", "2025-03-12"},
          {"start", "14:00"},
          {"duration_minutes", 60},
          {"intervenant_id", users_.at("cip")}},
         {},
         provider},
        {"PATCH",
         "/api/v1/sessions/" + S2,
         true,
         {{"date", "2025-03-11"}, {"start", "14:00"}, {"duration_minutes", 60}},
         {},
         provider},
        {"POST", "/api/v1/sessions/" + S2 + "/cancel", true, {{"reason", "Fouille"}}, {}, provider},
        {"POST", "/api/v1/sessions/" + S + "/attendance", true, {{"present", true}}, {}, provider},
        {"POST",
         "/api/v1/permanences",
         true,
         {{"provider_id", prest1_},
          {"site_id", site_},
          {"date", "2025-03-04"},
          {"start", "14:00"},
          {"duration_minutes", 60}},
         {},
         provider},
        // ---- Pages and forms ----
        {"GET", "/personnes/nouvelle", false, {}, {}, {"cpip", "spip", "olivier", "aurelie"}},
        {"POST", "/personnes/nouvelle", false, {}, person_form, spip},
        {"GET", "/personnes/" + Q, false, {}, {}, spip},
        {"GET", "/personnes/" + P, false, {}, {}, both},
        {"GET", "/personnes/" + P + "/modifier", false, {}, {}, spip},
        {"POST", "/personnes/" + P + "/modifier", false, {}, edit_form, spip},
        {"GET", "/personnes/" + Q + "/orientation", false, {}, {}, spip},
        {"POST",
         "/personnes/" + Q + "/orientation",
         false,
         {},
         {{"source", "person"}, {"requested_on", "2025-03-03"}},
         spip},
        {"GET", "/personnes/" + Q + "/prescrire", false, {}, {}, cpip},
        {"POST",
         "/personnes/" + Q + "/prescrire",
         false,
         {},
         {{"modality", "individual"}, {"volunteer", "1"}, {"needs_support", "1"}},
         cpip},
        {"POST",
         "/orientations/" + std::to_string(o_) + "/refus",
         false,
         {},
         {{"person_id", Q}, {"comment", "Déjà suivie par ailleurs."}},
         cpip},
        {"GET", page_case, false, {}, {}, both},
        {"GET", page_case + "/courrier-calendrier", false, {}, {}, both},
        {"GET", page_case + "/proposition", false, {}, {}, provider},
        {"POST",
         page_case + "/proposition",
         false,
         {},
         {{"actions", "positioning"},
          {"individual_hours", "10"},
          {"content", "Positionnement."},
          {"justification", "Cinq entretiens."}},
         provider},
        {"GET", page_case + "/intervenant", false, {}, {}, provider},
        {"POST", page_case + "/intervenant", false, {}, {{"intervenant_id", cip}}, provider},
        {"POST",
         "/propositions/" + std::to_string(pr_) + "/decision",
         false,
         {},
         {{"prescription_id", C}, {"decision", "refuser"}, {"comment", "Préciser."}},
         cpip},
        {"POST",
         page_case + "/evenement",
         false,
         {},
         {{"event", "withdraw_prescription"}, {"reason", "Libération anticipée"}},
         cpip},
        {"POST", page_case + "/evenement", false, {}, {{"event", "send_calendar"}}, provider},
        {"GET", page_case + "/premier-entretien", false, {}, {}, provider},
        {"POST",
         page_case + "/premier-entretien",
         false,
         {},
         {{"date", "2025-03-03"}, {"start", "08:15"}, {"duration", "30"}, {"intervenant_id", cip}},
         provider},
        {"GET", page_case + "/seances/nouvelle", false, {}, {}, provider},
        {"POST",
         page_case + "/seances/nouvelle",
         false,
         {},
         {{"date", "2025-03-13"}, {"start", "14:00"}, {"duration", "60"}, {"intervenant_id", cip}},
         provider},
        {"POST",
         "/seances/" + S + "/presence",
         false,
         {},
         {{"prescription_id", C}, {"presence", "present"}},
         provider},
        {"POST",
         "/seances/" + S2 + "/deplacer",
         false,
         {},
         {{"prescription_id", C}, {"date", "2025-03-11"}, {"start", "15:00"}, {"duration", "60"}},
         provider},
        {"POST",
         "/seances/" + S2 + "/annuler",
         false,
         {},
         {{"prescription_id", C}, {"reason", "Fouille"}},
         provider},
        // Another provider records a permanence of its own structure: not an attempt on ours.
        {"POST",
         "/permanences",
         false,
         {},
         {{"site_id", site}, {"date", "2025-03-04"}, {"start", "14:00"}, {"duration", "60"}},
         {"cip", "dupre"}},
    };
  }

  static const Attempt& attempt(const std::vector<Attempt>& all, const std::string& method,
                                const std::string& path, const std::string& with = "") {
    for (const auto& a : all)
      if (a.method == method && a.path == path &&
          (with.empty() || a.body.dump().find(with) != std::string::npos ||
           std::any_of(a.form.begin(), a.form.end(),
                       [&](const auto& kv) { return kv.second == with; })))
        return a;
    throw std::runtime_error("no attempt " + method + " " + path);
  }

  // What a refused attempt must leave untouched: the SPIP's people, the two people's cases and
  // orientations, the case's proposals, sessions, deadlines, suspensions and timeline, the
  // providers' permanences.
  std::string snapshot() {
    auto s = read<std::string>(server_->store(), [&](Repos& r) -> Result<std::string> {
      json out = json::object();
      PersonQuery people;
      people.spip_id = spip18_;
      people.limit = 10000;
      for (const auto& p : r.persons.search(people))
        out["persons"].push_back(http::to_json(p, true));
      for (Id person : {p_, q_}) {
        PrescriptionQuery q;
        q.person_id = person;
        for (const auto& c : r.journeys.prescriptions(q)) out["cases"].push_back(http::to_json(c));
        for (const auto& o : r.journeys.orientations_of_person(person))
          out["orientations"].push_back(http::to_json(o));
        out["timeline"].push_back(r.journeys.events_of_person(person, 10000).size());
      }
      for (const auto& x : r.journeys.proposals_of(c_))
        out["proposals"].push_back(http::to_json(x));
      for (const auto& x : r.journeys.sessions_of(c_)) out["sessions"].push_back(http::to_json(x));
      out["deadlines"] = r.journeys.deadlines_of(c_).size();
      out["suspensions"] = r.journeys.suspensions_of(c_).size();
      for (Id provider : {prest1_, server_->org_id("PREST-DEMO-4")})
        for (const auto& x :
             r.journeys.permanences_of(provider, ymd(2025, 1, 1), ymd(2025, 12, 31)))
          out["permanences"].push_back(http::to_json(x));
      return out.dump();
    });
    EXPECT_TRUE(s.ok());
    return s.ok() ? *s : "";
  }

  long long audit_seq() {
    auto s = read<long long>(server_->store(), [](Repos& r) -> Result<long long> {
      auto head = r.audit.head();
      return head ? head->first : 0;
    });
    return s.ok() ? *s : -1;
  }

  // "access.denied" entries by `user` after `seq`.
  int denied_since(long long seq, Id user) {
    auto n = read<int>(server_->store(), [&](Repos& r) -> Result<int> {
      int count = 0;
      for (const auto& e : r.audit.entries_after(seq, 100000))
        count += e.action == "access.denied" && e.actor_user_id == user;
      return count;
    });
    return n.ok() ? *n : -1;
  }

  std::unique_ptr<TestServer> server_;
  std::map<std::string, Id> users_;
  std::map<std::string, std::unique_ptr<Client>> clients_;
  Id spip18_ = 0, site_ = 0, prest1_ = 0;
  Id p_ = 0, q_ = 0, c_ = 0, pr_ = 0, s_ = 0, s2_ = 0, o_ = 0;
};

TEST_P(Access, SEC_1_EveryForbiddenAttemptIsRefusedChangesNothingAndIsLogged) {
  const std::string before = snapshot();
  int tried = 0;
  for (const auto& a : attempts()) {
    for (const auto& [key, email] : actors()) {
      if (a.allowed.count(key)) continue;
      const long long seq = audit_seq();
      Reply r = send(*clients_[key], a);
      const std::string what = a.text() + " as " + email;
      EXPECT_EQ(r.status, 403) << what << "\n" << r.body.substr(0, 400);
      EXPECT_EQ(denied_since(seq, users_[key]), 1) << what << ": one access.denied entry";
      EXPECT_EQ(snapshot(), before) << what << " changed something";
      ++tried;
    }
  }
  EXPECT_GT(tried, 300);
  // SEC-2: the journal, refusals included, is intact.
  auto verified = verify_audit(server_->store());
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->ok) << verified->problem;
}

// Lists are per caseload: an outsider gets their own (without this case), or a refusal when
// their role has no caseload at all.
TEST_P(Access, SEC_1_ListsOfOutsidersDoNotShowTheCase) {
  const std::set<std::string> no_caseload{"admin", "disp", "plie", "siae"};
  const std::set<std::string> not_provider{"admin", "disp",    "plie",    "siae",
                                           "spip",  "olivier", "aurelie", "cpip"};
  const std::vector<std::pair<std::string, std::set<std::string>>> lists = {
      {"/api/v1/persons", no_caseload},
      {"/api/v1/prescriptions?filter=toutes", no_caseload},
      {"/api/v1/validations", no_caseload},
      {"/api/v1/todo", {}},
      {"/api/v1/agenda?from=2025-03-01&to=2025-03-31", not_provider},
      {"/api/v1/permanences?from=2025-03-01&to=2025-03-31", not_provider},
      {"/personnes", no_caseload},
      {"/prescriptions?filtre=toutes", no_caseload},
      {"/validations", no_caseload},
      {"/a-faire", {}},
      {"/agenda?du=2025-03-01&au=2025-03-31", not_provider},
      {"/permanences?mois=2025-03", not_provider},
  };
  for (const auto& [path, refused] : lists) {
    const bool api = path.rfind("/api/", 0) == 0;
    for (const auto& [key, email] : actors()) {
      const long long seq = audit_seq();
      Reply r = api ? clients_[key]->api("GET", path, {}) : clients_[key]->get(path);
      const std::string what = "GET " + path + " as " + email;
      if (refused.count(key)) {
        EXPECT_EQ(r.status, 403) << what;
        EXPECT_EQ(denied_since(seq, users_[key]), 1) << what << ": one access.denied entry";
        continue;
      }
      EXPECT_EQ(r.status, 200) << what;
      if (!outsider(key)) continue;
      for (const char* marker : kMarkers)
        EXPECT_FALSE(contains(r.body, marker)) << what << " shows " << marker;
    }
  }
  // The case's own sides see it; the provider only the person prescribed to it.
  auto shows = [&](const std::string& key, const std::string& path, const std::string& text) {
    Reply r = clients_[key]->get(path);
    EXPECT_EQ(r.status, 200) << path;
    return contains(r.body, text);
  };
  EXPECT_TRUE(shows("cpip", "/api/v1/persons", "Ploumanach"));
  EXPECT_TRUE(shows("cip", "/api/v1/persons", "Kerguelen"));
  EXPECT_FALSE(shows("cip", "/api/v1/persons", "Ploumanach"));
  EXPECT_TRUE(shows("cip", "/api/v1/prescriptions", "Kerguelen"));
  EXPECT_TRUE(shows("spip", "/prescriptions?filtre=spip", "Kerguelen"));
  EXPECT_TRUE(shows("cpip", "/validations", "Kerguelen"));
  EXPECT_TRUE(shows("cip", "/api/v1/agenda?from=2025-03-01&to=2025-03-31", "Salle Kerguelen"));
  EXPECT_TRUE(shows("cip", "/permanences?mois=2025-03", "Permanence Kerguelen"));
}

TEST_P(Access, SEC_1_TheSpipAndTheProviderOfTheCaseStillWork) {
  const auto all = attempts();
  const long long start = audit_seq();
  // Every page and read, by every actor entitled to it.
  for (const auto& a : all) {
    if (a.method != "GET") continue;
    for (const auto& key : a.allowed)
      EXPECT_EQ(send(*clients_[key], a).status, 200) << a.text() << " as " << key;
  }

  // The writes, in an order the programme allows; a second try answers on the merits (409…).
  const std::string P = std::to_string(p_), Q = std::to_string(q_), C = std::to_string(c_);
  const std::string api_case = "/api/v1/prescriptions/" + C;
  const std::string S2 = "/api/v1/sessions/" + std::to_string(s2_);
  struct Step {
    std::string who;
    const Attempt* attempt;
    int status;
  };
  const std::vector<Step> steps = {
      {"cpip", &attempt(all, "POST", "/api/v1/persons"), 201},
      {"spip", &attempt(all, "POST", "/personnes/nouvelle"), 303},
      {"spip", &attempt(all, "PUT", "/api/v1/persons/" + P), 200},
      {"cpip", &attempt(all, "POST", "/personnes/" + P + "/modifier"), 303},
      {"spip", &attempt(all, "POST", "/api/v1/persons/" + Q + "/orientations"), 201},
      {"cpip", &attempt(all, "POST", "/personnes/" + Q + "/orientation"), 303},
      {"cpip", &attempt(all, "POST", "/orientations/" + std::to_string(o_) + "/refus"), 303},
      {"cpip", &attempt(all, "POST", "/api/v1/orientations/" + std::to_string(o_) + "/decline"),
       409},
      {"cip", &attempt(all, "POST", api_case + "/intervenant"), 200},
      {"cip", &attempt(all, "POST", "/prescriptions/" + C + "/intervenant"), 303},
      {"cip", &attempt(all, "POST", "/api/v1/sessions/" + std::to_string(s_) + "/attendance"), 200},
      {"cip", &attempt(all, "POST", "/seances/" + std::to_string(s_) + "/presence"), 409},
      {"cip", &attempt(all, "PATCH", S2), 200},
      {"cip", &attempt(all, "POST", "/seances/" + std::to_string(s2_) + "/deplacer"), 303},
      {"cip", &attempt(all, "POST", "/seances/" + std::to_string(s2_) + "/annuler"), 303},
      {"cip", &attempt(all, "POST", S2 + "/cancel"), 409},
      {"cip", &attempt(all, "POST", api_case + "/sessions"), 201},
      {"cip", &attempt(all, "POST", "/prescriptions/" + C + "/seances/nouvelle"), 303},
      {"cip", &attempt(all, "POST", api_case + "/events", "send_calendar"), 200},
      {"cip", &attempt(all, "POST", "/prescriptions/" + C + "/evenement", "send_calendar"), 303},
      {"cip", &attempt(all, "POST", "/api/v1/permanences"), 201},
      {"cip", &attempt(all, "POST", "/permanences"), 303},
      {"cpip", &attempt(all, "POST", "/propositions/" + std::to_string(pr_) + "/decision"), 303},
      {"cip", &attempt(all, "POST", "/prescriptions/" + C + "/proposition"), 303},
      {"cpip", &attempt(all, "POST", "/api/v1/proposals/" + std::to_string(pr_) + "/decision"),
       409},
      {"cip", &attempt(all, "POST", api_case + "/proposals"), 409},  // v2 awaits the CPIP
      {"cpip", &attempt(all, "POST", "/personnes/" + Q + "/prescrire"), 303},
      {"cpip", &attempt(all, "POST", "/api/v1/prescriptions"), 409},  // Q has a case now
      {"cpip", &attempt(all, "POST", "/prescriptions/" + C + "/evenement", "withdraw_prescription"),
       303},
  };
  for (const auto& step : steps) {
    Reply r = send(*clients_[step.who], *step.attempt);
    EXPECT_EQ(r.status, step.status) << step.attempt->text() << " as " << step.who << "\n"
                                     << r.body.substr(0, 600);
  }
  auto view = server_->journeys().prescription(actor_of(*server_, "cpip@demo.parcours.fr"), c_);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->prescription.state, "withdrawn");
  EXPECT_EQ(view->proposals.size(), 2u);
  // Nothing of this was refused.
  for (const char* key : {"cpip", "spip", "cip"})
    EXPECT_EQ(denied_since(start, users_[key]), 0) << key;
}

INSTANTIATE_TEST_SUITE_P(Backends, Access, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
