// The journey JSON API (/api/v1) over HTTP on SQLite and PostgreSQL: a person's file, an
// eligibility refusal, the prescription, the provider's first interview, a refused then
// validated proposal, sessions and attendance, the "À faire" list and notifications, with
// the input checks (SEC-5) and the confidentiality boundaries (SEC-1).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http_support.h"

namespace parcours::testing {
namespace {

using nlohmann::json;
using ::parcours::testdb::backends;

struct JsonReply {
  int status = 0;
  json body;
  std::string raw;
};

// A signed-in browser speaking JSON, with the session's CSRF token on writes.
class ApiClient {
 public:
  ApiClient(int port, const std::string& email) : port_(port), email_(email), browser_(port) {
    sign_in();
  }
  // After the test clock moved past the session's lifetime.
  void sign_in() {
    auto r = browser_.login(email_, demo_password());
    EXPECT_EQ(r.status, 303) << email_ << ": " << r.body;
    EXPECT_EQ(browser_.get("/").status, 200);
  }

  JsonReply get(const std::string& path) { return parse(browser_.send_json("GET", path, "")); }
  JsonReply post(const std::string& path, const json& body) { return post_raw(path, body.dump()); }
  JsonReply post_raw(const std::string& path, const std::string& body) {
    return parse(browser_.send_json("POST", path, body, {{"X-CSRF-Token", browser_.csrf()}}));
  }
  JsonReply put(const std::string& path, const json& body) {
    return parse(browser_.send_json("PUT", path, body.dump(), {{"X-CSRF-Token", browser_.csrf()}}));
  }
  JsonReply patch(const std::string& path, const json& body) {
    httplib::Client c("127.0.0.1", port_);
    httplib::Headers h = {{"Cookie", "parcours_session=" + browser_.cookie("parcours_session")},
                          {"X-CSRF-Token", browser_.csrf()}};
    auto r = c.Patch(path.c_str(), h, body.dump(), "application/json");
    Reply reply;
    if (r) {
      reply.status = r->status;
      reply.body = r->body;
    }
    return parse(reply);
  }

 private:
  static JsonReply parse(const Reply& r) {
    JsonReply out;
    out.status = r.status;
    out.raw = r.body;
    out.body = json::parse(r.body, nullptr, false);
    return out;
  }
  int port_;
  std::string email_;
  Browser browser_;
};

bool has_field_error(const json& body, const std::string& field) {
  if (!body.contains("details")) return false;
  for (const auto& d : body["details"])
    if (d["field"] == field) return true;
  return false;
}

class JourneyApi : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
  }
  void TearDown() override { server_.reset(); }

  ApiClient client(const std::string& email) { return ApiClient(server_->port(), email); }
  Date today() { return paris_date(server_->clock().now()); }
  static std::string day(Date d, int plus) {
    return iso(Date{date::sys_days(d) + date::days{plus}});
  }

  // A person of SPIP 18 in the demonstration prison of Bourges, created by the CPIP.
  Id create_person(ApiClient& cpip) {
    auto me = cpip.get("/api/v1/me");
    EXPECT_EQ(me.status, 200);
    auto created =
        cpip.post("/api/v1/persons", {{"last_name", "Benali"},
                                      {"first_name", "Amina"},
                                      {"birth_date", "1990-04-12"},
                                      {"sex", "F"},
                                      {"milieu", "mf"},
                                      {"spip_id", server_->org_id("SPIP18")},
                                      {"site_id", server_->org_id("EP-DEMO-18-MA")},
                                      {"judicial_status", "condamne"},
                                      {"qualification", "3"},
                                      {"referent_cpip_id", me.body["id"]},
                                      {"prison_number", "18-2025-0042"},
                                      {"sentence_end", "2028-06-30"},
                                      {"diagnosis",
                                       {{"text", "CAP cuisine ; souhaite se reconvertir."},
                                        {"established_on", "2025-02-12"},
                                        {"established_by", "CPU"}}}});
    EXPECT_EQ(created.status, 201) << created.raw;
    return created.body.value("id", Id{0});
  }

  std::unique_ptr<TestServer> server_;
};

TEST_P(JourneyApi, PPAIP_PrescriptionToValidatedProgrammeThroughTheApi) {
  ApiClient cpip = client("cpip@demo.parcours.fr");
  ApiClient cip = client("cip@demo.parcours.fr");
  const Id person = create_person(cpip);
  ASSERT_GT(person, 0);

  // BEN-1: the file as the SPIP sees it, judicial information included.
  auto file = cpip.get("/api/v1/persons/" + std::to_string(person));
  ASSERT_EQ(file.status, 200) << file.raw;
  EXPECT_EQ(file.body["person"]["last_name"], "Benali");
  EXPECT_EQ(file.body["person"]["birth_date"], "1990-04-12");
  EXPECT_EQ(file.body["person"]["sex"], "F");
  EXPECT_EQ(file.body["person"]["milieu"], "mf");
  EXPECT_EQ(file.body["person"]["judicial_status"], "condamne");
  EXPECT_EQ(file.body["person"]["sentence_end"], "2028-06-30");
  EXPECT_EQ(file.body["person"]["diagnosis"]["established_on"], "2025-02-12");
  EXPECT_TRUE(file.body["can_prescribe"].get<bool>());
  auto listed = cpip.get("/api/v1/persons?q=benali");
  ASSERT_EQ(listed.status, 200);
  ASSERT_EQ(listed.body["items"].size(), 1u);
  EXPECT_EQ(listed.body["items"][0]["id"], person);

  // PPAIP-1: a person who is not a volunteer cannot be prescribed; the rule is named.
  const unsigned training_day =
      date::weekday{date::sys_days{today()} + date::days{3}}.iso_encoding();
  json prescription = {
      {"person_id", person},
      {"modality", "individual"},
      {"objectives", "Construire un projet professionnel."},
      {"training_timetable",
       json::array({{{"weekday", training_day}, {"start", "09:00"}, {"end", "12:00"}}})},
      {"training_until", day(today(), 60)},
      {"volunteer", false},
      {"needs_support", true},
      {"legal_residence", true}};
  auto refused = cpip.post("/api/v1/prescriptions", prescription);
  EXPECT_EQ(refused.status, 422) << refused.raw;
  EXPECT_EQ(refused.body["error"], "rule_violation");
  EXPECT_NE(refused.body["message"].get<std::string>().find("volontaire"), std::string::npos);
  EXPECT_TRUE(has_field_error(refused.body, "volunteer"));

  prescription["volunteer"] = true;
  auto prescribed = cpip.post("/api/v1/prescriptions", prescription);
  ASSERT_EQ(prescribed.status, 201) << prescribed.raw;
  const Id pid = prescribed.body["id"].get<Id>();
  const std::string case_path = "/api/v1/prescriptions/" + std::to_string(pid);

  auto view = cpip.get(case_path);
  ASSERT_EQ(view.status, 200) << view.raw;
  EXPECT_EQ(view.body["state"], "prescribed");
  EXPECT_EQ(view.body["training_timetable"][0]["start"], "09:00");
  EXPECT_EQ(view.body["person"]["judicial_status"], "condamne");
  EXPECT_FALSE(view.body["deadlines"].empty());
  EXPECT_EQ(view.body["deadlines"][0]["state"], "pending");

  // SEC-1: the provider sees the case it received, without the judicial information.
  auto inbox = cip.get("/api/v1/prescriptions");
  ASSERT_EQ(inbox.status, 200) << inbox.raw;
  bool found = false;
  for (const auto& s : inbox.body["items"]) found = found || s["id"] == pid;
  EXPECT_TRUE(found);
  auto provider_view = cip.get(case_path);
  ASSERT_EQ(provider_view.status, 200) << provider_view.raw;
  EXPECT_FALSE(provider_view.body["person"].contains("judicial_status"));
  EXPECT_FALSE(provider_view.body["person"].contains("sentence_end"));
  EXPECT_TRUE(provider_view.body["provider_side"].get<bool>());
  bool can_record = false;
  for (const auto& a : provider_view.body["actions"])
    can_record = can_record || a["event"] == "record_first_interview";
  EXPECT_TRUE(can_record);

  // PPAIP-4: the first interview, held the day after the prescription.
  server_->clock().advance(std::chrono::hours{48});
  cpip.sign_in();
  cip.sign_in();
  auto interview = cip.post(case_path + "/first-interview", {{"date", day(today(), -1)},
                                                             {"start", "10:00"},
                                                             {"duration_minutes", 60},
                                                             {"place_label", "Salle 2"}});
  ASSERT_EQ(interview.status, 201) << interview.raw;
  EXPECT_EQ(cip.get(case_path).body["state"], "first_interview_done");

  // PPAIP-6, 7: a proposal, refused with a comment, then a new version validated.
  json proposal = {{"actions", {"positioning", "project_definition"}},
                   {"individual_hours", 12},
                   {"content", "Positionnement puis définition du projet."},
                   {"justification", "Six entretiens de deux heures."},
                   {"calendar", "mardis 10\u00a0h – 12\u00a0h"}};
  auto first = cip.post(case_path + "/proposals", proposal);
  ASSERT_EQ(first.status, 201) << first.raw;
  auto again = cip.post(case_path + "/proposals", proposal);
  EXPECT_EQ(again.status, 409) << again.raw;  // one proposal awaits the CPIP
  auto waiting = cpip.get("/api/v1/validations");
  ASSERT_EQ(waiting.status, 200);
  ASSERT_EQ(waiting.body["items"].size(), 1u);
  EXPECT_EQ(waiting.body["items"][0]["id"], pid);
  const std::string first_decision =
      "/api/v1/proposals/" + std::to_string(first.body["id"].get<Id>()) + "/decision";
  auto bad_decision = cpip.post(first_decision, {{"decision", "peut-être"}});
  EXPECT_EQ(bad_decision.status, 422);
  EXPECT_TRUE(has_field_error(bad_decision.body, "decision"));
  auto refusal = cpip.post(
      first_decision, {{"decision", "refuse"}, {"comment", "Ajouter l’aide aux candidatures."}});
  ASSERT_EQ(refusal.status, 200) << refusal.raw;
  EXPECT_EQ(refusal.body["ok"], true);
  EXPECT_EQ(cpip.get(case_path).body["state"], "proposal_refused");

  proposal["actions"].push_back("applications");
  proposal["individual_hours"] = 15.5;
  auto second = cip.post(case_path + "/proposals", proposal);
  ASSERT_EQ(second.status, 201) << second.raw;
  auto validation =
      cpip.post("/api/v1/proposals/" + std::to_string(second.body["id"].get<Id>()) + "/decision",
                {{"decision", "validate"}});
  ASSERT_EQ(validation.status, 200) << validation.raw;
  view = cip.get(case_path);
  EXPECT_EQ(view.body["state"], "validated");
  EXPECT_DOUBLE_EQ(view.body["hours_validated"].get<double>(), 15.5);
  ASSERT_EQ(view.body["proposals"].size(), 2u);
  EXPECT_EQ(view.body["proposals"][0]["status"], "refused");
  EXPECT_EQ(view.body["proposals"][0]["decision_comment"], "Ajouter l’aide aux candidatures.");
  EXPECT_EQ(view.body["proposals"][1]["version"], 2);
  EXPECT_FALSE(view.body["proposals"][1]["changes"].empty());

  // PPAIP-3: a session on the training timetable is kept with a warning; moved, it is not.
  auto me = cip.get("/api/v1/me");
  auto planned = cip.post(case_path + "/sessions", {{"date", day(today(), 1)},
                                                    {"start", "10:00"},
                                                    {"duration_minutes", 120},
                                                    {"intervenant_id", me.body["id"]}});
  ASSERT_EQ(planned.status, 201) << planned.raw;
  const std::string session_path =
      "/api/v1/sessions/" + std::to_string(planned.body["id"].get<Id>());
  EXPECT_FALSE(planned.body["warnings"].empty()) << planned.raw;
  auto moved = cip.patch(
      session_path, {{"date", day(today(), 1)}, {"start", "14:00"}, {"duration_minutes", 120}});
  ASSERT_EQ(moved.status, 200) << moved.raw;
  EXPECT_TRUE(moved.body["warnings"].empty());
  auto early = cip.post(session_path + "/attendance", {{"present", true}});
  EXPECT_EQ(early.status, 422) << early.raw;  // not held yet

  // PPAIP-11: presence recorded after the session; the programme starts.
  server_->clock().advance(std::chrono::hours{48});
  cpip.sign_in();
  cip.sign_in();
  auto present = cip.post(session_path + "/attendance", {{"present", true}});
  ASSERT_EQ(present.status, 200) << present.raw;
  EXPECT_EQ(present.body["message"], "Présence enregistrée.");
  EXPECT_EQ(present.body["event"], "start");
  view = cpip.get(case_path);
  EXPECT_EQ(view.body["state"], "in_progress");
  // PPAIP-11: the first interview (1 h) and this session (2 h).
  EXPECT_DOUBLE_EQ(view.body["hours_done"].get<double>(), 3.0);
  ASSERT_FALSE(view.body["sessions"].empty());
  EXPECT_EQ(view.body["sessions"].back()["start"], "14:00");
  EXPECT_EQ(view.body["sessions"].back()["status"], "present");

  // DL-2: the CPIP's list and notifications.
  auto todo = cpip.get("/api/v1/todo");
  ASSERT_EQ(todo.status, 200) << todo.raw;
  EXPECT_TRUE(todo.body["items"].is_array());
  auto notes = cpip.get("/api/v1/notifications");
  ASSERT_EQ(notes.status, 200) << notes.raw;
  EXPECT_GT(notes.body["unread"].get<int>(), 0);
  EXPECT_EQ(cpip.post_raw("/api/v1/notifications/read", "").status, 200);
  EXPECT_EQ(cpip.get("/api/v1/notifications").body["unread"], 0);
}

TEST_P(JourneyApi, SEC_5_MalformedOrMistypedBodiesAreRefusedInFrench) {
  ApiClient cpip = client("cpip@demo.parcours.fr");
  auto broken = cpip.post_raw("/api/v1/prescriptions", "{\"person_id\": 1,");
  EXPECT_EQ(broken.status, 400) << broken.raw;
  EXPECT_EQ(broken.body["error"], "invalid");
  EXPECT_EQ(broken.body["message"], "Le corps de la requête n’est pas un objet JSON valide.");
  EXPECT_EQ(cpip.post_raw("/api/v1/persons", "[1, 2]").status, 400);

  auto mistyped = cpip.post(
      "/api/v1/persons",
      {{"last_name", "Diallo"}, {"first_name", 12}, {"birth_date", "1990-02-30"}, {"sex", "X"}});
  EXPECT_EQ(mistyped.status, 422) << mistyped.raw;
  EXPECT_EQ(mistyped.body["message"], "La requête contient des erreurs.");
  EXPECT_TRUE(has_field_error(mistyped.body, "first_name"));
  EXPECT_TRUE(has_field_error(mistyped.body, "birth_date"));
  EXPECT_TRUE(has_field_error(mistyped.body, "sex"));
  EXPECT_TRUE(has_field_error(mistyped.body, "site_id"));  // required on creation

  auto slot = cpip.post(
      "/api/v1/prescriptions",
      {{"person_id", 1}, {"training_timetable", json::array({{{"weekday", 9}, {"start", "9h"}}})}});
  EXPECT_EQ(slot.status, 422) << slot.raw;
  EXPECT_TRUE(has_field_error(slot.body, "training_timetable[0].weekday"));
  EXPECT_TRUE(has_field_error(slot.body, "training_timetable[0].start"));
  EXPECT_TRUE(has_field_error(slot.body, "training_timetable[0].end"));

  auto filter = cpip.get("/api/v1/prescriptions?filter=nimporte");
  EXPECT_EQ(filter.status, 422);
  auto prefs = cpip.put("/api/v1/notification-preferences", {{"email_opt_outs", "tout"}});
  EXPECT_EQ(prefs.status, 422);
  EXPECT_TRUE(has_field_error(prefs.body, "email_opt_outs"));
  auto period = cpip.get("/api/v1/agenda?from=2025-03-10&to=2025-03-01");
  EXPECT_EQ(period.status, 422);
}

TEST_P(JourneyApi, SEC_1_OnlyTheSpipAndTheProviderSeeThePersonsFile) {
  ApiClient cpip = client("cpip@demo.parcours.fr");
  const Id person = create_person(cpip);
  ASSERT_GT(person, 0);
  const std::string path = "/api/v1/persons/" + std::to_string(person);

  // The DISP sees aggregates and invoicing evidence, not people.
  ApiClient disp = client("disp@demo.parcours.fr");
  auto denied = disp.get(path);
  EXPECT_EQ(denied.status, 403) << denied.raw;
  EXPECT_EQ(denied.body["error"], "forbidden");
  EXPECT_EQ(disp.get("/api/v1/persons").status, 403);

  // A provider sees the person only once prescribed to it; it never edits the file.
  ApiClient cip = client("cip@demo.parcours.fr");
  EXPECT_EQ(cip.get(path).status, 403);
  EXPECT_EQ(cpip.post("/api/v1/prescriptions", {{"person_id", person},
                                                {"volunteer", true},
                                                {"needs_support", true},
                                                {"legal_residence", true}})
                .status,
            201);
  auto seen = cip.get(path);
  ASSERT_EQ(seen.status, 200) << seen.raw;
  EXPECT_FALSE(seen.body["judicial_visible"].get<bool>());
  EXPECT_FALSE(seen.body["person"].contains("judicial_status"));
  EXPECT_EQ(cip.put(path, {{"first_name", "Aminata"}}).status, 403);

  // The SPIP edits it; absent fields keep their value.
  auto edited = cpip.put(path, {{"first_name", "Aminata"}, {"sentence_end", nullptr}});
  ASSERT_EQ(edited.status, 200) << edited.raw;
  EXPECT_EQ(edited.body["first_name"], "Aminata");
  EXPECT_EQ(edited.body["last_name"], "Benali");
  EXPECT_TRUE(edited.body["sentence_end"].is_null());

  // PPAIP-2: an orientation request, then its refusal with a reason.
  auto unknown = cpip.post(path + "/orientations", {{"source", "voisin"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(has_field_error(unknown.body, "source"));
  auto orientation =
      cpip.post(path + "/orientations", {{"source", "person"}, {"comment", "Demande écrite."}});
  ASSERT_EQ(orientation.status, 201) << orientation.raw;
  const std::string decline =
      "/api/v1/orientations/" + std::to_string(orientation.body["id"].get<Id>()) + "/decline";
  EXPECT_EQ(cpip.post(decline, json::object()).status, 422);  // reason required
  EXPECT_EQ(cpip.post(decline, {{"comment", "Déjà en formation."}}).status, 200);
  EXPECT_EQ(cpip.post(decline, {{"comment", "Encore."}}).status, 409);
}

TEST_P(JourneyApi, DL_2_NotificationPreferencesAndPermanences) {
  ApiClient cip = client("cip@demo.parcours.fr");
  auto prefs = cip.get("/api/v1/notification-preferences");
  ASSERT_EQ(prefs.status, 200) << prefs.raw;
  ASSERT_FALSE(prefs.body["kinds"].empty());
  const std::string kind = prefs.body["kinds"][0]["id"];
  auto set = cip.put("/api/v1/notification-preferences", {{"email_opt_outs", {kind}}});
  ASSERT_EQ(set.status, 200) << set.raw;
  EXPECT_EQ(set.body["email_opt_outs"], json::array({kind}));
  EXPECT_EQ(cip.put("/api/v1/notification-preferences", {{"email_opt_outs", {"inconnu"}}}).status,
            422);

  // PPAIP-17: a permanence on a site, then the list of the period.
  auto created = cip.post("/api/v1/permanences", {{"site_id", server_->org_id("EP-DEMO-18-MA")},
                                                  {"date", day(today(), -2)},
                                                  {"start", "14:00"},
                                                  {"duration_minutes", 120},
                                                  {"note", "Rencontre des CPIP"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  auto list = cip.get("/api/v1/permanences");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["start"], "14:00");
  EXPECT_EQ(list.body["items"][0]["date"], day(today(), -2));
  EXPECT_EQ(cip.get("/api/v1/agenda").status, 200);

  // Not a provider: no agenda, no permanences.
  ApiClient cpip = client("cpip@demo.parcours.fr");
  EXPECT_EQ(cpip.get("/api/v1/agenda").status, 403);
  EXPECT_EQ(cpip.post("/api/v1/permanences", {{"site_id", server_->org_id("EP-DEMO-18-MA")},
                                              {"date", day(today(), -2)},
                                              {"start", "14:00"}})
                .status,
            403);
}

INSTANTIATE_TEST_SUITE_P(Backends, JourneyApi, ::testing::ValuesIn(backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
