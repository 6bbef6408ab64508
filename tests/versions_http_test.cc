// Two people, one file: no silent lost update (issue 12, item 21; SEC-5 integrity). Two
// signed-in browsers open the same edit form and save one after the other: the second save
// is refused (409) with what changed meanwhile, who saved it and when, the typed values kept
// and the current version in the form, so that a second submit after reading saves. The API
// answers an ETag and honours If-Match (412) and a `version` member (409). On both backends,
// and with two servers sharing one PostgreSQL.
#include <gtest/gtest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <thread>

#include <nlohmann/json.hpp>

#include "paper_support.h"

namespace parcours::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// The value of the hidden field « version » of a form page.
std::string form_version(const std::string& body) {
  return capture(body, R"re(<input type="hidden" name="version" value="(\d+)">)re");
}

// The edit form of create_demo_person's person, with `phone` and `email`.
httplib::Params person_form(TestServer& server, const std::string& csrf, const std::string& phone,
                            const std::string& email, const std::string& version) {
  return {{"csrf_token", csrf},
          {"last_name", "Benali"},
          {"first_name", "Amina"},
          {"birth_date", "1994-05-17"},
          {"sex", "F"},
          {"milieu", "mf"},
          {"site_id", std::to_string(server.org_id("EP-DEMO-18-MA"))},
          {"judicial_status", "condamne"},
          {"qualification", "sans"},
          {"referent_cpip_id", std::to_string(server.user_id("cpip@demo.parcours.fr"))},
          {"prison_number", "18-2025-0042"},
          {"sentence_end", "2027-03-14"},
          {"phone", phone},
          {"email", email},
          {"address", ""},
          {"diagnosis", "Parcours scolaire interrompu en 3e."},
          {"diagnosis_on", "2025-01-20"},
          {"diagnosis_by", "CPU arrivants de la maison d’arrêt"},
          {"version", version}};
}

const char* const kPhone = "06 12 34 56 78";
// What the refused save shows beside the phone (french_instant: non-breaking spaces).
const char* const kPhoneChanged =
    "06 12 34 56 78 (enregistré entre-temps par Sandrine Leroy le lundi 3 mars 2025 à "
    "10\u00a0h\u00a000)";

// The scenario of the issue, the CPIP on `cpip_port`, the SPIP manager on `manager_port`.
void play_person_scenario(TestServer& server, int cpip_port, int manager_port, Id person) {
  const std::string url = "/personnes/" + std::to_string(person) + "/modifier";
  Browser manager(manager_port);
  ASSERT_EQ(manager.login("spip@demo.parcours.fr", demo_password()).status, 303);
  Browser cpip(cpip_port);
  ASSERT_EQ(cpip.login("cpip@demo.parcours.fr", demo_password()).status, 303);

  // The manager opens the form first, then the CPIP opens it and saves the phone number.
  auto loaded = manager.get(url);
  ASSERT_EQ(loaded.status, 200);
  const std::string seen = form_version(loaded.body);
  ASSERT_FALSE(seen.empty()) << "the edit form carries the version it was loaded at";
  auto cpip_form = cpip.get(url);
  ASSERT_EQ(cpip_form.status, 200);
  ASSERT_EQ(
      cpip.post(url, person_form(server, cpip.csrf(), kPhone, "", form_version(cpip_form.body)))
          .status,
      303);

  // The manager saves the e-mail from the form loaded earlier: refused, nothing lost.
  auto refused =
      manager.post(url, person_form(server, manager.csrf(), "", "amina.benali@example.org", seen));
  EXPECT_EQ(refused.status, 409) << refused.body.substr(0, 3000);
  EXPECT_NE(refused.body.find("modifiée entre-temps"), std::string::npos);
  EXPECT_NE(refused.body.find("Téléphone\u00a0: "), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find(kPhoneChanged), std::string::npos) << refused.body;
  EXPECT_EQ(refused.body.find("Adresse e-mail\u00a0: "), std::string::npos)
      << "only what the other person changed is shown";
  EXPECT_NE(refused.body.find(R"(value="amina.benali@example.org")"), std::string::npos)
      << "the typed values are kept";
  const std::string current = form_version(refused.body);
  EXPECT_NE(current, seen) << "the form now carries the stored version";
  auto stored = server.journeys().person_file(actor_of(server, "spip@demo.parcours.fr"), person);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->person.phone, kPhone);
  EXPECT_EQ(stored->person.email, "");

  // Having read the message, the manager keeps the phone number and saves again.
  EXPECT_EQ(manager
                .post(url, person_form(server, manager.csrf(), kPhone, "amina.benali@example.org",
                                       current))
                .status,
            303);
  stored = server.journeys().person_file(actor_of(server, "spip@demo.parcours.fr"), person);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->person.phone, kPhone);
  EXPECT_EQ(stored->person.email, "amina.benali@example.org");
}

class VersionsHttp : public PaperTest {};

TEST_P(VersionsHttp, SEC_5_StaleSaveOfAPersonFileIsRefusedWithWhatChanged) {
  const Id person = create_demo_person(*server_);
  play_person_scenario(*server_, server_->port(), server_->port(), person);
}

TEST_P(VersionsHttp, SEC_5_StaleSaveOfABilanDraftIsRefusedWithWhatChanged) {
  const Id pid = ended_case("Benali", "Amina");
  const std::string url = "/prescriptions/" + id(pid) + "/bilan";
  Browser first = signed_in("cip@demo.parcours.fr");
  Browser second = signed_in("cip@demo.parcours.fr");  // another desk, another session
  auto draft = [&](Browser& b, const std::string& project, const std::string& version) {
    return b.post(url, {{"csrf_token", b.csrf()},
                        {"type", "final"},
                        {"programme_done", "Nous nous sommes vus chaque semaine."},
                        {"professional_project", project},
                        {"action_plan", "S’inscrire à la formation CACES en avril."},
                        {"recommendations", ""},
                        {"version", version},
                        {"action", "enregistrer"}});
  };
  auto page = first.get(url + "?type=final");
  ASSERT_EQ(page.status, 200);
  ASSERT_EQ(form_version(page.body), "0") << "no draft yet";
  ASSERT_EQ(draft(first, "Devenir préparatrice de commandes.", "0").status, 303);

  const std::string seen = form_version(first.get(url + "?type=final").body);
  ASSERT_EQ(seen, "1");
  second.get(url + "?type=final");
  ASSERT_EQ(draft(second, "Devenir cariste.", seen).status, 303);

  auto refused = draft(first, "Devenir préparatrice de commandes en logistique.", seen);
  EXPECT_EQ(refused.status, 409) << refused.body.substr(0, 3000);
  EXPECT_NE(refused.body.find("Votre projet professionnel\u00a0: Devenir cariste. (enregistré "
                              "entre-temps par"),
            std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find("Devenir préparatrice de commandes en logistique."),
            std::string::npos)
      << "the typed text is kept";
  EXPECT_EQ(form_version(refused.body), "2");
  EXPECT_EQ(draft(first, "Devenir préparatrice de commandes en logistique.", "2").status, 303);
  auto v = server_->files().bilan(actor("cip@demo.parcours.fr"), pid, "final");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->bilan.professional_project, "Devenir préparatrice de commandes en logistique.");
  EXPECT_EQ(v->bilan.version, 3);
}

TEST_P(VersionsHttp, SEC_5_StaleSaveOfAnOrganisationIsRefusedWithWhatChanged) {
  const Id org = server_->org_id("SPIP18");
  const std::string url = "/admin/organisations/" + id(org) + "/modifier";
  Browser one = signed_in("admin@demo.parcours.fr");
  Browser two = signed_in("admin@demo.parcours.fr");
  auto form_of = [&](Browser& b, const std::string& body) {
    httplib::Params p;
    for (const char* name : {"name", "code", "departement", "phone", "email"})
      p.emplace(name,
                capture(body, std::string(R"re(name=")re") + name + R"re(" value="([^"]*)")re"));
    p.emplace("address", capture(body, R"re(name="address"[^>]*>([^<]*)</textarea>)re"));
    for (const char* name : {"parent_id", "milieu"})
      p.emplace(name, capture(body, std::string(R"re(name=")re") + name +
                                        R"re("[\s\S]*?<option value="([^"]*)" selected)re"));
    p.emplace("active", "1");
    p.emplace("csrf_token", b.csrf());
    p.emplace("version", form_version(body));
    return p;
  };
  auto page_one = one.get(url);
  auto page_two = two.get(url);
  ASSERT_EQ(page_one.status, 200);
  auto saved = form_of(two, page_two.body);
  saved.erase("phone");
  saved.emplace("phone", "02 48 00 00 00");
  auto first_save = two.post(url, saved);
  ASSERT_EQ(first_save.status, 303) << first_save.body.substr(0, 3000);

  auto stale = form_of(one, page_one.body);
  stale.erase("email");
  stale.emplace("email", "spip18@example.org");
  auto refused = one.post(url, stale);
  EXPECT_EQ(refused.status, 409) << refused.body.substr(0, 3000);
  EXPECT_NE(refused.body.find("Téléphone\u00a0: 02 48 00 00 00 (enregistré entre-temps par"),
            std::string::npos)
      << refused.body;
  EXPECT_NE(refused.body.find(R"(value="spip18@example.org")"), std::string::npos);
}

TEST_P(VersionsHttp, SEC_5_ApiWritesHonourIfMatchAndVersion) {
  const Id person = create_demo_person(*server_);
  const std::string url = "/api/v1/persons/" + id(person);
  Browser spip = signed_in("spip@demo.parcours.fr");
  spip.get("/personnes/" + id(person) + "/modifier");  // a page with the CSRF token
  const httplib::Headers csrf{{"X-CSRF-Token", spip.csrf()}};
  auto with = [&csrf](const std::string& if_match) {
    httplib::Headers h = csrf;
    h.emplace("If-Match", if_match);
    return h;
  };
  auto got = spip.send_json("GET", url, "");
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(got.header("ETag"), "\"v1\"");
  EXPECT_EQ(json::parse(got.body)["version"], 1);

  auto put = spip.send_json("PUT", url, R"({"phone": "06 12 34 56 78"})", with("\"v1\""));
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.header("ETag"), "\"v2\"");
  EXPECT_EQ(json::parse(put.body)["version"], 2);

  auto stale = spip.send_json("PUT", url, R"({"email": "a@example.org"})", with("\"v1\""));
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_NE(json::parse(stale.body)["message"].get<std::string>().find("modifiée entre-temps"),
            std::string::npos);
  EXPECT_EQ(stale.header("ETag"), "\"v2\"");

  auto stale_body = spip.send_json("PUT", url, R"({"email": "a@example.org", "version": 1})", csrf);
  EXPECT_EQ(stale_body.status, 409) << stale_body.body;
  EXPECT_NE(stale_body.body.find("06 12 34 56 78 (enregistré entre-temps par"), std::string::npos)
      << stale_body.body;

  auto person_now = server_->journeys().person_file(actor("spip@demo.parcours.fr"), person);
  ASSERT_TRUE(person_now.ok());
  EXPECT_EQ(person_now->person.email, "");
  EXPECT_EQ(person_now->person.phone, "06 12 34 56 78");
  EXPECT_EQ(spip.send_json("PUT", url, R"({"email": "a@example.org", "version": 2})", csrf).status,
            200);
}

INSTANTIATE_TEST_SUITE_P(Backends, VersionsHttp, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

// ---- Two servers, one PostgreSQL ------------------------------------------------------------

bool listening(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

// `parcours serve` on an existing, migrated database.
class ServeProcess {
 public:
  explicit ServeProcess(const std::string& url) : port_(free_loopback_port()) {
    log_ = std::string(PARCOURS_BUILD_DIR) + "/versions-server-" + std::to_string(port_) + ".log";
    std::vector<std::string> args = {
        parcours_program(), "--database", url,      "serve",
        "--bind",           "127.0.0.1",  "--port", std::to_string(port_)};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      FILE* log = std::freopen(log_.c_str(), "w", stdout);
      if (log) dup2(fileno(log), 2);
      execv(argv[0], argv.data());
      _exit(127);
    }
    for (int i = 0; i < 300 && !listening(port_); ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) break;
      std::this_thread::sleep_for(100ms);
    }
    if (!listening(port_)) throw std::runtime_error("parcours serve did not start; see " + log_);
  }
  ~ServeProcess() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    if (!::testing::Test::HasFailure()) std::filesystem::remove(log_);
  }
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;
  int port() const { return port_; }

 private:
  int port_ = 0;
  pid_t pid_ = -1;
  std::string log_;
};

// The check is in the UPDATE itself: it holds when the two saves reach two servers.
TEST(VersionsTwoServers, SEC_5_StaleSaveThroughAnotherServerOnOnePostgresqlIsRefused) {
  PARCOURS_SKIP_UNLESS_BACKEND("postgresql");
  TestServer first("postgresql");
  first.clock().set(paris(2025, 3, 3, 10, 0));
  ServeProcess second(first.database_url());
  const Id person = create_demo_person(first);
  play_person_scenario(first, first.port(), second.port(), person);
}

}  // namespace
}  // namespace parcours::testing
