// Issue 3 acceptance over HTTP, on SQLite and PostgreSQL: one real server, the CPIP of SPIP 18
// and an intervenant of PREST-DEMO-1 driving the JSON API with personal API tokens (so that
// the test clock may jump days). The whole PPAIP journey with every deadline checked at each
// step through GET /api/v1/prescriptions/{id} (PPAIP-3..16, DL-1); the abandonment after an
// unjustified absence at the reconvocation (PPAIP-12); `parcours audit verify` on the database
// of a journey, intact then edited in SQL (SEC-2).
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <regex>

#include <nlohmann/json.hpp>

#include "http/journey_json.h"
#include "journey_support.h"

namespace parcours::testing {
namespace {

using nlohmann::json;
using std::chrono::hours;
using namespace std::chrono_literals;

struct JsonReply {
  int status = 0;
  json body;
  std::string raw;
};

// A JSON client holding a personal API token of the account, created through the account
// page: the token outlives the test clock's jumps, which expire browser sessions.
class ApiClient {
 public:
  ApiClient(int port, const std::string& email) : browser_(port) {
    Browser web(port);
    EXPECT_EQ(web.login(email, demo_password()).status, 303) << email;
    web.get("/compte");
    auto created =
        web.post("/compte/jetons",
                 {{"name", "Tests"}, {"password", demo_password()}, {"csrf_token", web.csrf()}});
    EXPECT_EQ(created.status, 201) << email;
    std::smatch m;
    if (std::regex_search(created.body, m, std::regex("(prc_[A-Za-z0-9_-]+)")))
      auth_ = {{"Authorization", "Bearer " + m[1].str()}};
    id = get("/api/v1/me").body.value("id", Id{0});
  }
  JsonReply get(const std::string& path) { return send("GET", path, json()); }
  JsonReply post(const std::string& path, const json& body) { return send("POST", path, body); }
  JsonReply patch(const std::string& path, const json& body) { return send("PATCH", path, body); }
  JsonReply put(const std::string& path, const json& body) { return send("PUT", path, body); }

  Id id = 0;

 private:
  JsonReply send(const std::string& method, const std::string& path, const json& body) {
    Reply r = browser_.send_json(method, path, body.is_null() ? "" : body.dump(), auth_);
    return {r.status, json::parse(r.body, nullptr, false), r.body};
  }
  Browser browser_;
  httplib::Headers auth_;
};

class HttpJourney : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    server_ = std::make_unique<TestServer>(GetParam());
    at(paris(2025, 3, 3, 9));  // Monday 3 March 2025
    cpip_ = std::make_unique<ApiClient>(server_->port(), "cpip@demo.parcours.fr");
    cip_ = std::make_unique<ApiClient>(server_->port(), "cip@demo.parcours.fr");
  }
  void TearDown() override {
    cpip_.reset();
    cip_.reset();
    server_.reset();
  }

  void at(Instant t) { server_->clock().set(t); }
  static std::string iso(Instant t) { return http::iso_instant(t); }
  std::string path(Id pid) const { return "/api/v1/prescriptions/" + std::to_string(pid); }

  // A person of SPIP 18 at the Bourges prison, created by the CPIP; then prescribed.
  Id prescribe(const std::string& last_name) {
    auto person = cpip_->post("/api/v1/persons", {{"last_name", last_name},
                                                  {"first_name", "Yanis"},
                                                  {"birth_date", "1991-09-23"},
                                                  {"sex", "M"},
                                                  {"milieu", "mf"},
                                                  {"site_id", server_->org_id("EP-DEMO-18-MA")},
                                                  {"judicial_status", "condamne"},
                                                  {"qualification", "sans"},
                                                  {"referent_cpip_id", cpip_->id}});
    EXPECT_EQ(person.status, 201) << person.raw;
    auto p = cpip_->post("/api/v1/prescriptions",
                         {{"person_id", person.body.value("id", Id{0})},
                          {"modality", "individual"},
                          {"objectives", "Construire un projet professionnel avant la sortie."},
                          {"volunteer", true},
                          {"needs_support", true}});
    EXPECT_EQ(p.status, 201) << p.raw;
    return p.body.value("id", Id{0});
  }

  Id submit(Id pid, double hours, json actions) {
    auto r = cip_->post(path(pid) + "/proposals",
                        {{"actions", std::move(actions)},
                         {"individual_hours", hours},
                         {"content", "Positionnement, projet, candidatures."},
                         {"justification", "Entretiens de deux heures, rapprochés."},
                         {"calendar", "lundis et mercredis 14\u00a0h"}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", Id{0});
  }

  void decide(Id proposal, const std::string& decision, const std::string& comment = "") {
    auto r = cpip_->post("/api/v1/proposals/" + std::to_string(proposal) + "/decision",
                         {{"decision", decision}, {"comment", comment}});
    EXPECT_EQ(r.status, 200) << r.raw;
  }

  Id plan(Id pid, const std::string& day, const std::string& start, int minutes) {
    auto r = cip_->post(path(pid) + "/sessions", {{"date", day},
                                                  {"start", start},
                                                  {"duration_minutes", minutes},
                                                  {"intervenant_id", cip_->id},
                                                  {"place_label", "Salle d’activités"}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", Id{0});
  }

  JsonReply attendance(Id session, const json& body) {
    auto r = cip_->post("/api/v1/sessions/" + std::to_string(session) + "/attendance", body);
    EXPECT_EQ(r.status, 200) << r.raw;
    return r;
  }

  void fire(ApiClient& who, Id pid, const json& event) {
    auto r = who.post(path(pid) + "/events", event);
    EXPECT_EQ(r.status, 200) << event.dump() << ": " << r.raw;
  }

  json view(Id pid) {
    auto r = cpip_->get(path(pid));
    EXPECT_EQ(r.status, 200) << r.raw;
    return r.body;
  }

  // The deadline of a rule (the last opened), or null.
  static json deadline(const json& v, const std::string& rule) {
    json out;
    for (const auto& d : v["deadlines"])
      if (d["rule_id"] == rule) out = d;
    return out;
  }

  // DL-1: every deadline of the case, as "rule: state", is exactly `expected`.
  void expect_deadlines(const json& v, std::vector<std::string> expected, const char* step) {
    std::vector<std::string> actual;
    for (const auto& d : v["deadlines"])
      actual.push_back(d["rule_id"].get<std::string>() + ": " + d["state"].get<std::string>());
    std::sort(actual.begin(), actual.end());
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(actual, expected) << step;
  }

  std::unique_ptr<TestServer> server_;
  std::unique_ptr<ApiClient> cpip_;
  std::unique_ptr<ApiClient> cip_;
};

TEST_P(HttpJourney, PPAIP_WholeJourneyFromPrescriptionToFinalBilanWithEveryDeadline) {
  // PPAIP-3: prescribed on Monday 3 March 2025 at 10 h.
  at(paris(2025, 3, 3, 10));
  const Id pid = prescribe("Quiniou");
  ASSERT_GT(pid, 0);
  json v = view(pid);
  EXPECT_EQ(v["state"], "prescribed");
  expect_deadlines(v, {"first_interview: pending"}, "prescribed");
  // PPAIP-4: 5 calendar days from receipt, to the end of Saturday 8 March.
  EXPECT_EQ(deadline(v, "first_interview")["due_at"], iso(paris(2025, 3, 8, 23, 59) + 59s));

  // The provider's inbox shows it, first interview pending.
  auto inbox = cip_->get("/api/v1/prescriptions");
  ASSERT_EQ(inbox.status, 200) << inbox.raw;
  auto mine = std::find_if(inbox.body["items"].begin(), inbox.body["items"].end(),
                           [&](const json& s) { return s["id"] == pid; });
  ASSERT_NE(mine, inbox.body["items"].end());
  EXPECT_EQ((*mine)["state"], "prescribed");
  EXPECT_EQ((*mine)["next_deadline"]["label"], "Premier entretien avec la personne");
  EXPECT_EQ((*mine)["next_deadline"]["state"], "pending");

  // PPAIP-4: the first interview, held on Wednesday 5 March at 9 h 30, recorded at 11 h.
  at(paris(2025, 3, 5, 11));
  auto interview =
      cip_->post(path(pid) + "/first-interview",
                 {{"date", "2025-03-05"}, {"start", "09:30"}, {"duration_minutes", 60}});
  ASSERT_EQ(interview.status, 201) << interview.raw;
  v = view(pid);
  EXPECT_EQ(v["state"], "first_interview_done");
  expect_deadlines(v, {"first_interview: met_on_time", "impossibility_signal: pending"},
                   "first interview");
  EXPECT_TRUE(deadline(v, "impossibility_signal")["conditional"].get<bool>());  // PPAIP-5

  // PPAIP-6, 7: version 1 refused with a comment, version 2 resubmitted, then validated.
  const Id v1 = submit(pid, 12, json::array({"positioning", "project_definition"}));
  EXPECT_EQ(view(pid)["state"], "proposal_submitted");
  at(paris(2025, 3, 6, 10));
  decide(v1, "refuse", "Ajouter l’aide aux candidatures.");
  v = view(pid);
  EXPECT_EQ(v["state"], "proposal_refused");
  EXPECT_EQ(v["proposals"][0]["decision_comment"], "Ajouter l’aide aux candidatures.");
  at(paris(2025, 3, 6, 15));
  const Id v2 = submit(pid, 15, json::array({"positioning", "project_definition", "applications"}));
  EXPECT_EQ(view(pid)["state"], "proposal_submitted");
  at(paris(2025, 3, 7, 10));
  decide(v2, "validate");
  v = view(pid);
  EXPECT_EQ(v["state"], "validated");
  ASSERT_EQ(v["proposals"].size(), 2u);
  EXPECT_EQ(v["proposals"][0]["status"], "refused");
  EXPECT_EQ(v["proposals"][1]["version"], 2);
  EXPECT_EQ(v["proposals"][1]["status"], "validated");
  // PPAIP-8: start within 5 days of the validation, to the end of Wednesday 12 March. No
  // impossibility was signalled within 48 hours: that conditional deadline lapsed.
  expect_deadlines(
      v,
      {"first_interview: met_on_time", "impossibility_signal: lapsed", "programme_start: pending"},
      "validated");
  EXPECT_EQ(deadline(v, "programme_start")["due_at"], iso(paris(2025, 3, 12, 23, 59) + 59s));

  // PPAIP-10: four sessions planned, then the calendar sent to the CPIP.
  at(paris(2025, 3, 7, 11));
  const Id s1 = plan(pid, "2025-03-10", "14:00", 90);
  const Id s2 = plan(pid, "2025-03-12", "14:00", 90);
  const Id s3 = plan(pid, "2025-03-17", "14:00", 120);
  const Id s4 = plan(pid, "2025-03-19", "14:00", 120);
  fire(*cip_, pid, {{"event", "send_calendar"}});
  auto emails = read<std::vector<OutboxEmail>>(server_->store(),
                                               [](Repos& r) -> Result<std::vector<OutboxEmail>> {
                                                 return r.notifications.emails(std::nullopt, 1000);
                                               });
  ASSERT_TRUE(emails.ok());
  auto calendar_mail = std::find_if(emails->begin(), emails->end(), [](const OutboxEmail& e) {
    return e.kind == "calendar" && e.to_address == "cpip@demo.parcours.fr" &&
           e.subject.find("QUINIOU") != std::string::npos;
  });
  ASSERT_NE(calendar_mail, emails->end());
  EXPECT_NE(calendar_mail->body.find("lundi 10 mars 2025 à 14\u00a0h"), std::string::npos)
      << calendar_mail->body;
  EXPECT_NE(calendar_mail->body.find("mercredi 19 mars 2025"), std::string::npos);
  auto notes = cpip_->get("/api/v1/notifications");
  ASSERT_EQ(notes.status, 200);
  EXPECT_TRUE(
      std::any_of(notes.body["items"].begin(), notes.body["items"].end(), [](const json& n) {
        return n["kind"] == "calendar" &&
               n["title"].get<std::string>().find("QUINIOU") != std::string::npos;
      }));
  expect_deadlines(
      view(pid),
      {"first_interview: met_on_time", "impossibility_signal: lapsed", "programme_start: pending"},
      "calendar sent: planning before sending is no change");

  // PPAIP-8, 11: the first session held on Monday 10 March starts the programme.
  at(paris(2025, 3, 10, 16));
  EXPECT_EQ(attendance(s1, {{"present", true}}).body["event"], "start");
  v = view(pid);
  EXPECT_EQ(v["state"], "in_progress");
  expect_deadlines(v,
                   {"first_interview: met_on_time", "impossibility_signal: lapsed",
                    "programme_start: met_on_time"},
                   "started");

  // PPAIP-12: a justified absence summons nobody again.
  at(paris(2025, 3, 12, 16));
  auto excused = attendance(s2, {{"present", false}, {"absence_reason", "illness"}});
  EXPECT_EQ(excused.body["message"], "Absence justifiée enregistrée.");
  EXPECT_TRUE(excused.body["event"].is_null());
  v = view(pid);
  EXPECT_EQ(v["state"], "in_progress");
  EXPECT_FALSE(v["reconvocation_pending"].get<bool>());
  EXPECT_EQ(v["sessions"].size(), 5u);  // first interview and the four planned
  for (const auto& s : v["sessions"]) EXPECT_NE(s["kind"], "reconvocation");

  // PPAIP-10: moving a session on Thursday 13 March at 10 h is a change of the calendar sent,
  // to communicate within 48 hours: by Saturday 15 March at 10 h.
  at(paris(2025, 3, 13, 10));
  auto moved = cip_->patch("/api/v1/sessions/" + std::to_string(s3),
                           {{"date", "2025-03-18"}, {"start", "10:00"}, {"duration_minutes", 120}});
  ASSERT_EQ(moved.status, 200) << moved.raw;
  v = view(pid);
  const Instant first_due = paris(2025, 3, 15, 10);
  EXPECT_EQ(deadline(v, "calendar_change")["due_at"], iso(first_due));
  expect_deadlines(v,
                   {"first_interview: met_on_time", "impossibility_signal: lapsed",
                    "programme_start: met_on_time", "calendar_change: pending"},
                   "calendar changed");

  // PPAIP-13: a general search suspends the programme on Friday 14 March at 9 h; the
  // deadline pauses and stays pending past its original due instant.
  const Instant suspended = paris(2025, 3, 14, 9);
  at(suspended);
  fire(*cip_, pid, {{"event", "suspend"}, {"reason", "general_search"}});
  v = view(pid);
  EXPECT_EQ(v["state"], "suspended");
  EXPECT_EQ(deadline(v, "calendar_change")["paused_since"], iso(suspended));
  at(paris(2025, 3, 15, 12));
  EXPECT_EQ(deadline(view(pid), "calendar_change")["state"], "pending");

  // Resumed three days later: the due instant is pushed by exactly the pause.
  const Instant resumed = paris(2025, 3, 17, 9);
  at(resumed);
  fire(*cpip_, pid, {{"event", "resume"}});
  v = view(pid);
  EXPECT_EQ(v["state"], "in_progress");
  EXPECT_EQ(resumed - suspended, hours{72});
  EXPECT_EQ(deadline(v, "calendar_change")["due_at"], iso(first_due + (resumed - suspended)));
  EXPECT_TRUE(deadline(v, "calendar_change")["paused_since"].is_null());
  ASSERT_EQ(v["suspensions"].size(), 1u);
  EXPECT_EQ(v["suspensions"][0]["reason"], "general_search");
  EXPECT_EQ(v["suspensions"][0]["from"], iso(suspended));
  EXPECT_EQ(v["suspensions"][0]["until"], iso(resumed));

  // Communicated on Tuesday 18 March at 8 h: late against the original due instant, on time
  // thanks to the pause.
  at(paris(2025, 3, 18, 8));
  fire(*cip_, pid, {{"event", "communicate_calendar_change"}});
  expect_deadlines(view(pid),
                   {"first_interview: met_on_time", "impossibility_signal: lapsed",
                    "programme_start: met_on_time", "calendar_change: met_on_time"},
                   "calendar change communicated");

  // PPAIP-11: hours done against hours validated.
  at(paris(2025, 3, 18, 12, 30));
  attendance(s3, {{"present", true}});
  at(paris(2025, 3, 19, 16, 30));
  attendance(s4, {{"present", true}});
  v = view(pid);
  EXPECT_DOUBLE_EQ(v["hours_done"].get<double>(), 6.5);  // 1 + 1.5 + 2 + 2 (s2 was missed)
  EXPECT_DOUBLE_EQ(v["hours_validated"].get<double>(), 15);
  EXPECT_DOUBLE_EQ(v["hours_planned"].get<double>(), 0);

  // PPAIP-15, 16: ended on Thursday 20 March as completed, dated from the last interview on
  // Wednesday 19 March; the final bilan is due 5 jours ouvrés later — Wednesday 26 March, the
  // weekend not counted (5 calendar days would give Monday 24 March).
  at(paris(2025, 3, 20, 10));
  fire(*cip_, pid, {{"event", "end"}, {"reason", "completed"}, {"date", "2025-03-19"}});
  v = view(pid);
  EXPECT_EQ(v["state"], "ended");
  EXPECT_EQ(v["end_reason"], "completed");
  EXPECT_EQ(v["ended_at"], iso(paris(2025, 3, 19)));
  EXPECT_EQ(deadline(v, "final_bilan_individual")["due_at"], iso(paris(2025, 3, 26, 23, 59) + 59s));
  expect_deadlines(v,
                   {"first_interview: met_on_time", "impossibility_signal: lapsed",
                    "programme_start: met_on_time", "calendar_change: met_on_time",
                    "final_bilan_individual: pending"},
                   "ended");

  // PPAIP-16: the bare event cannot close the case without a bilan.
  at(paris(2025, 3, 25, 11));
  auto bare = cip_->post(path(pid) + "/events", {{"event", "deliver_final_bilan"}});
  EXPECT_EQ(bare.status, 422) << bare.raw;
  EXPECT_EQ(view(pid)["state"], "ended");
  // The final bilan handed over on Tuesday 25 March, recorded on Thursday 27 March, closes
  // the case on time.
  auto bilan = cip_->put(path(pid) + "/bilan",
                         {{"kind", "final"},
                          {"programme_done", "Huit entretiens individuels."},
                          {"professional_project", "Agent de maintenance des bâtiments."},
                          {"action_plan", "Formation de juin, entretien d’entrée à préparer."}});
  ASSERT_EQ(bilan.status, 200) << bilan.raw;
  at(paris(2025, 3, 27, 9));
  auto delivered =
      cip_->post("/api/v1/bilans/" + std::to_string(bilan.body["id"].get<Id>()) + "/delivery",
                 {{"delivered_to_person_on", "2025-03-25"}, {"mode", "hand"}});
  EXPECT_EQ(delivered.status, 200) << delivered.raw;
  v = view(pid);
  EXPECT_EQ(v["state"], "closed");
  expect_deadlines(v,
                   {"first_interview: met_on_time", "impossibility_signal: lapsed",
                    "programme_start: met_on_time", "calendar_change: met_on_time",
                    "final_bilan_individual: met_on_time"},
                   "closed");
}

TEST_P(HttpJourney, PPAIP_12_UnjustifiedAbsenceAtTheReconvocationIsAbandonment) {
  at(paris(2025, 3, 3, 9));
  const Id pid = prescribe("Le Bihan");
  at(paris(2025, 3, 3, 13));
  ASSERT_EQ(cip_->post(path(pid) + "/first-interview",
                       {{"date", "2025-03-03"}, {"start", "11:00"}, {"duration_minutes", 60}})
                .status,
            201);
  const Id proposal = submit(pid, 10, json::array({"positioning", "project_definition"}));
  at(paris(2025, 3, 3, 15));
  decide(proposal, "validate");
  const Id first = plan(pid, "2025-03-04", "10:00", 60);

  // An unjustified absence: the person is to be summoned again; the CPIP is told.
  at(paris(2025, 3, 4, 12));
  auto absent = attendance(first, {{"present", false}, {"absence_reason", "refusal"}});
  EXPECT_TRUE(absent.body["event"].is_null());
  EXPECT_NE(absent.body["message"].get<std::string>().find("reconvoquer"), std::string::npos);
  json v = view(pid);
  EXPECT_EQ(v["state"], "validated");
  EXPECT_TRUE(v["reconvocation_pending"].get<bool>());
  auto notes = cpip_->get("/api/v1/notifications");
  EXPECT_TRUE(
      std::any_of(notes.body["items"].begin(), notes.body["items"].end(), [](const json& n) {
        return n["kind"] == "case_signal" &&
               n["title"] == "Absence non justifiée — M. Yanis LE BIHAN";
      }));

  // The next session planned is the reconvocation.
  const Id again = plan(pid, "2025-03-06", "10:00", 60);
  v = view(pid);
  auto next = std::find_if(v["sessions"].begin(), v["sessions"].end(),
                           [](const json& s) { return s["status"] == "planned"; });
  ASSERT_NE(next, v["sessions"].end());
  EXPECT_EQ((*next)["id"], again);
  EXPECT_EQ((*next)["kind"], "reconvocation");
  expect_deadlines(
      v,
      {"first_interview: met_on_time", "impossibility_signal: pending", "programme_start: pending"},
      "reconvocation planned");

  // Unjustified absence at the reconvocation on Thursday 6 March: abandonment. The start
  // deadline, not yet due, is waived; the lapsed conditional one stays as it was.
  at(paris(2025, 3, 6, 12));
  auto abandoned = attendance(again, {{"present", false}, {"absence_reason", "unknown"}});
  EXPECT_EQ(abandoned.body["event"], "abandon");
  v = view(pid);
  EXPECT_EQ(v["state"], "abandoned");
  EXPECT_EQ(v["end_reason"], "abandonment");
  EXPECT_EQ(v["ended_at"], iso(paris(2025, 3, 6, 10)));
  expect_deadlines(
      v,
      {"first_interview: met_on_time", "impossibility_signal: lapsed", "programme_start: waived"},
      "abandoned");
  EXPECT_NE(deadline(v, "programme_start")["waiver_reason"].get<std::string>().find("Abandonné"),
            std::string::npos);

  // A closed case takes no more sessions; it leaves the provider's current list.
  auto closed = cip_->post(path(pid) + "/sessions", {{"date", "2025-03-10"},
                                                     {"start", "10:00"},
                                                     {"duration_minutes", 60},
                                                     {"intervenant_id", cip_->id}});
  EXPECT_EQ(closed.status, 422) << closed.raw;
  auto listed = [&](const std::string& filter) {
    auto l = cip_->get("/api/v1/prescriptions?filter=" + filter);
    return std::any_of(l.body["items"].begin(), l.body["items"].end(),
                       [&](const json& s) { return s["id"] == pid; });
  };
  EXPECT_FALSE(listed("en-cours"));
  EXPECT_TRUE(listed("terminees"));
}

// ---- SEC-2: `parcours audit verify` on the database of a journey ---------------------------

struct CommandRun {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// The parcours program built beside this test program.
CommandRun run_parcours(const std::string& args) {
  CommandRun out;
  FILE* pipe = popen(("'" + parcours_program() + "' " + args + " 2>&1").c_str(), "r");
  if (!pipe) return out;
  std::array<char, 4096> buf{};
  while (std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe))
    out.output.append(buf.data(), n);
  const int status = pclose(pipe);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

TEST_P(HttpJourney, SEC_2_AuditVerifyCommandPassesAfterAJourneyAndFailsAfterAnSqlEdit) {
  at(paris(2025, 3, 3, 9));
  const Id pid = prescribe("Cadiou");
  at(paris(2025, 3, 3, 13));
  ASSERT_EQ(cip_->post(path(pid) + "/first-interview",
                       {{"date", "2025-03-03"}, {"start", "11:00"}, {"duration_minutes", 60}})
                .status,
            201);
  decide(submit(pid, 10, json::array({"positioning"})), "refuse", "Trop court.");
  const std::string args = "--database '" + server_->database_url() + "' audit verify";

  CommandRun intact = run_parcours(args);
  EXPECT_EQ(intact.exit_code, 0) << intact.output;
  EXPECT_NE(intact.output.find("Journal d’audit intègre"), std::string::npos) << intact.output;

  // An intruder with database access edits one entry.
  ASSERT_EQ(testdb::execute_outside(server_->database_url(),
                                    "UPDATE audit_log SET detail = 'x' WHERE seq = 3"),
            1);
  CommandRun altered = run_parcours(args);
  EXPECT_EQ(altered.exit_code, 1) << altered.output;
  EXPECT_NE(altered.output.find("Journal d’audit altéré"), std::string::npos) << altered.output;
  EXPECT_NE(altered.output.find("Entrée n° 3 modifiée"), std::string::npos) << altered.output;
}

INSTANTIATE_TEST_SUITE_P(Backends, HttpJourney, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours::testing
