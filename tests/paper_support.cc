#include "paper_support.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-page.h>

#include <cctype>
#include <regex>

namespace parcours::testing {

std::string pdf_text(const std::string& bytes) {
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc) return "";
  std::string raw;
  for (int i = 0; i < doc->pages(); ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    const auto utf8 = page->text(poppler::rectf(), poppler::page::raw_order_layout).to_utf8();
    raw.append(utf8.begin(), utf8.end());
    raw += ' ';
  }
  std::string out;
  for (char c : raw) {
    const bool space = std::isspace(static_cast<unsigned char>(c));
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

std::string capture(const std::string& body, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(body, m, std::regex(pattern))) return "";
  return m[1];
}

int occurrences(const std::string& body, const std::string& needle) {
  int n = 0;
  for (auto pos = body.find(needle); pos != std::string::npos; pos = body.find(needle, pos + 1))
    ++n;
  return n;
}

std::string tiny_pdf() {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
         "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
         "trailer << /Root 1 0 R >>\n%%EOF\n";
}

void PaperTest::SetUp() {
  PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
  server_ = std::make_unique<TestServer>(GetParam());
  server_->clock().set(paris(2025, 3, 3, 10, 0));  // Monday 3 March 2025
}

Browser PaperTest::signed_in(const std::string& email) {
  Browser b(server_->port());
  auto r = b.login(email, demo_password());
  EXPECT_EQ(r.status, 303) << email << " " << r.body.substr(0, 500);
  return b;
}

void PaperTest::expect_page(const Reply& r, const std::string& text, int status) {
  EXPECT_EQ(r.status, status) << r.body.substr(0, 4000);
  EXPECT_NE(r.body.find(text), std::string::npos) << "« " << text << " » absent";
  EXPECT_EQ(r.body.find("{{"), std::string::npos);
}

Id PaperTest::collective_case(const std::string& last_name, const std::string& first_name,
                              const std::string& modality) {
  const Id person = create_demo_person(*server_, last_name, first_name);
  auto id = server_->journeys().prescribe(actor("cpip@demo.parcours.fr"),
                                          eligible_prescription(person, modality));
  EXPECT_TRUE(id.ok()) << id.error().message;
  return id.ok() ? *id : 0;
}

Id PaperTest::first_interview(Id prescription_id) {
  server_->clock().set(paris(2025, 3, 3, 16, 0));
  const Actor cip = actor("cip@demo.parcours.fr");
  auto id = server_->journeys().record_first_interview(
      cip, prescription_id, session_at(ymd(2025, 3, 3), 14, 0, 60, cip.user.id));
  EXPECT_TRUE(id.ok()) << id.error().message;
  return id.ok() ? *id : 0;
}

Id PaperTest::ended_case(const std::string& last_name, const std::string& first_name) {
  const Actor cip = actor("cip@demo.parcours.fr");
  const Id cip_id = cip.user.id;
  const Id pid = collective_case(last_name, first_name, "individual");
  auto& journeys = server_->journeys();
  first_interview(pid);
  Proposal p;
  p.actions = {"positioning", "project_definition"};
  p.individual_hours = 6;
  p.content = "Positionnement, définition du projet.";
  p.justification = "Deux séances de trois heures.";
  auto proposal = journeys.submit_proposal(cip, pid, p);
  EXPECT_TRUE(proposal.ok()) << proposal.error().message;
  if (!proposal.ok()) return pid;
  EXPECT_TRUE(journeys.decide_proposal(actor("cpip@demo.parcours.fr"), *proposal, true, "").ok());
  auto planned = journeys.plan_session(cip, pid, session_at(ymd(2025, 3, 4), 9, 30, 180, cip_id));
  EXPECT_TRUE(planned.ok()) << planned.error().message;
  server_->clock().set(paris(2025, 3, 4, 17, 0));
  if (planned.ok()) {
    EXPECT_TRUE(journeys.record_attendance(cip, planned->id, {}).ok());
  }
  server_->clock().set(paris(2025, 3, 4, 17, 30));
  auto ended = journeys.fire(cip, pid, {"end", "validated_hours_reached", "", {}});
  EXPECT_TRUE(ended.ok()) << ended.error().message;
  return pid;
}

void PaperTest::agree_themes() {
  auto s = server_->workshops().set_agreed_themes(actor("cpip@demo.parcours.fr"),
                                                  server_->org_id("SPIP18"), "ppaip",
                                                  {"cv_letter", "job_search_techniques"});
  EXPECT_TRUE(s.ok()) << s.error().message;
}

Id PaperTest::create_workshop(const std::vector<Date>& days) {
  WorkshopInput in;
  in.spip_id = server_->org_id("SPIP18");
  in.site_id = server_->org_id("EP-DEMO-18-MA");
  in.theme = "cv_letter";
  in.title = "Préparer sa sortie";
  in.intervenant_id = server_->user_id("cip@demo.parcours.fr");
  in.place_label = "Salle polyvalente";
  for (Date d : days) {
    WorkshopSession s;
    s.date = d;
    s.start_minute = 14 * 60 + 30;
    s.duration_minutes = 120;
    in.sessions.push_back(s);
  }
  auto id = server_->workshops().create_workshop(actor("cip@demo.parcours.fr"), in);
  EXPECT_TRUE(id.ok()) << id.error().message;
  return id.ok() ? *id : 0;
}

Id PaperTest::register_case(Id workshop_id, Id prescription_id) {
  auto added = server_->workshops().add_participant(actor("cip@demo.parcours.fr"), workshop_id,
                                                    prescription_id);
  EXPECT_TRUE(added.ok()) << added.error().message;
  return added.ok() ? added->participant_id : 0;
}

}  // namespace parcours::testing
