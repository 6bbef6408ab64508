// Imports of reference data, CSV files and the demo dataset (SPEC ORG-1..5, SEC-1, SEC-5),
// on SQLite and on a real PostgreSQL.
#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "app/admin.h"
#include "app/auth.h"
#include "app/csv_import.h"
#include "app/reference.h"
#include "db_support.h"
#include "seed/demo.h"
#include "storage/soci_store.h"

namespace parcours {
namespace {

const char* kRefused3 =
    "Import refusé : 3 lignes comportent des erreurs. Aucune ligne n’a été importée.";

class FixedClock : public Clock {
 public:
  Instant now() const override {
    return date::sys_days{Date{date::year{2025}, date::month{3}, date::day{3}}};
  }
};

std::string reference_json() {
  std::ifstream in(bundled_reference_path());
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class ImportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    PARCOURS_SKIP_UNLESS_BACKEND(GetParam());
    db_ = std::make_unique<testdb::TestDatabase>(GetParam());
    auto store = SociStore::open(db_->url());
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store.value());
    auto migrated = store_->migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.error().message;
    admin_ = make_actor("ADMIN", OrgKind::partner, Role::admin, "admin@example.fr");
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
  }

  // A user with one membership in a new organisation, as an Actor.
  Actor make_actor(const std::string& org_code, OrgKind kind, Role role, const std::string& email,
                   Id parent = 0) {
    auto actor = transact<Actor>(*store_, [&](Repos& r) -> Result<Actor> {
      Organisation o;
      o.kind = kind;
      o.code = org_code;
      o.name = "Organisation " + org_code;
      o.parent_id = parent;
      auto org = insert_organisation(r, o);
      if (!org.ok()) return org.error();
      User u;
      u.email = email;
      u.full_name = "Dominique Testeur";
      auto user = insert_user(r, u);
      if (!user.ok()) return user.error();
      if (auto m = insert_membership(r, Membership{0, *user, *org, role}); !m.ok())
        return m.error();
      return load_actor(r, *r.users.find(*user));
    });
    EXPECT_TRUE(actor.ok()) << actor.error().message;
    return actor.ok() ? actor.value() : Actor{};
  }

  void import_ref() {
    auto s = import_reference(*store_, reference_json());
    ASSERT_TRUE(s.ok()) << s.error().message;
  }

  template <typename T, typename Fn>
  T query(Fn fn) {
    auto v = read<T>(*store_, [&](Repos& r) -> Result<T> { return fn(r); });
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v.ok() ? v.value() : T{};
  }

  int count_orgs() {
    return query<int>([](Repos& r) { return static_cast<int>(r.orgs.list(std::nullopt).size()); });
  }
  int count_users() {
    return query<int>([](Repos& r) { return static_cast<int>(r.users.list().size()); });
  }
  std::optional<Organisation> org(const std::string& code) {
    return query<std::optional<Organisation>>([&](Repos& r) { return r.orgs.find_by_code(code); });
  }
  std::optional<User> user(const std::string& email) {
    return query<std::optional<User>>([&](Repos& r) { return r.users.find_by_email(email); });
  }
  std::vector<Membership> memberships(Id user_id) {
    return query<std::vector<Membership>>(
        [&](Repos& r) { return r.users.memberships_of(user_id); });
  }
  std::vector<Lot> reference_lots() {
    return query<std::vector<Lot>>([](Repos& r) {
      auto c = r.contracts.find_contract_by_reference("DISP21-PPAIP");
      return c ? r.contracts.lots_of(c->id) : std::vector<Lot>{};
    });
  }
  std::string code_of(Id id) {
    return query<std::string>([&](Repos& r) { return r.orgs.find(id)->code; });
  }
  void add_provider(const std::string& code) {
    auto id = transact<Id>(*store_, [&](Repos& r) {
      Organisation o;
      o.kind = OrgKind::provider;
      o.code = code;
      o.name = "Prestataire " + code;
      return insert_organisation(r, o);
    });
    ASSERT_TRUE(id.ok()) << id.error().message;
  }

  std::unique_ptr<testdb::TestDatabase> db_;
  std::unique_ptr<SociStore> store_;
  Actor admin_;
};

// ---- Establishments (ORG-1) ---------------------------------------------------------------

TEST_P(ImportTest, ORG_1_EstablishmentsCsvImportsEveryLine) {
  import_ref();
  const int before = count_orgs();
  const std::string csv =
      "\xEF\xBB\xBF"
      "Code;Nom;SPIP;Département;Adresse;Téléphone\r\n"
      "EP18;Maison d’arrêt de Bourges;SPIP18;18;\"2, rue de l’Île; 18000 Bourges\";01 99 00 00 "
      "01\r\n"
      "EP21;Maison d’arrêt de Dijon;SPIP21;21;;\r\n"
      "EP39;Maison d’arrêt de Lons-le-Saunier;SPIP25-39;39;;\r\n";
  auto n = import_establishments_csv(*store_, admin_, csv);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 3);
  EXPECT_EQ(count_orgs(), before + 3);
  auto ep = org("EP18");
  ASSERT_TRUE(ep);
  EXPECT_EQ(ep->kind, OrgKind::establishment);
  EXPECT_EQ(ep->milieu, Milieu::closed);
  EXPECT_EQ(ep->name, "Maison d’arrêt de Bourges");
  EXPECT_EQ(ep->address, "2, rue de l’Île; 18000 Bourges");
  EXPECT_EQ(ep->phone, "01 99 00 00 01");
  EXPECT_EQ(code_of(ep->parent_id), "SPIP18");
}

TEST_P(ImportTest, ORG_1_CommaSeparatedFileIsAccepted) {
  import_ref();
  auto n = import_establishments_csv(*store_, admin_,
                                     "code,nom,spip\nEP58,Maison d’arrêt de Nevers,SPIP58\n");
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 1);
}

TEST_P(ImportTest, SEC_5_BadEstablishmentsFileIsRefusedWhole) {
  import_ref();
  const int before = count_orgs();
  const std::string csv =
      "code;nom;spip;departement;adresse;telephone\n"
      "EP18;Maison d’arrêt de Bourges;SPIP18;18;;\n"     // line 2: good
      "EP99;Maison d’arrêt inconnue;SPIP99;99;;\n"       // line 3: unknown SPIP
      "EP36;Centre de détention;SPIP36;36;;\n"           // line 4: good
      "EP18;Doublon de Bourges;SPIP18;18;;\n"            // line 5: code twice in the file
      "EP45;Centre pénitentiaire d’Orléans;SPIP45;;;\n"  // line 6: good
      "SPIP21;Déjà pris;SPIP21;21;;\n";                  // line 7: code already in the database
  auto n = import_establishments_csv(*store_, admin_, csv);
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code, ErrorCode::invalid);
  EXPECT_EQ(n.error().message, kRefused3);
  const auto& d = n.error().details;
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].field, "ligne 3");
  EXPECT_TRUE(contains(d[0].message, "Le SPIP « SPIP99 » n’existe pas")) << d[0].message;
  EXPECT_EQ(d[1].field, "ligne 5");
  EXPECT_TRUE(contains(d[1].message, "figure déjà à la ligne 2")) << d[1].message;
  EXPECT_EQ(d[2].field, "ligne 7");
  EXPECT_TRUE(contains(d[2].message, "déjà utilisé")) << d[2].message;
  EXPECT_EQ(count_orgs(), before);  // nothing imported, not even the good lines
  EXPECT_FALSE(org("EP36"));
}

TEST_P(ImportTest, SEC_5_LineNumbersCountPhysicalLines) {
  import_ref();
  const std::string csv =
      "code;nom;spip;departement;adresse;telephone\n"
      "EP18;Maison d’arrêt;SPIP18;18;\"Bâtiment A\nAllée des Tilleuls\";\n"  // lines 2–3
      "\n"                                                                   // line 4: blank
      "EP 36;Centre de détention;SPIP36;36;;\n";                             // line 5: bad code
  auto n = import_establishments_csv(*store_, admin_, csv);
  ASSERT_FALSE(n.ok());
  ASSERT_EQ(n.error().details.size(), 1u);
  EXPECT_EQ(n.error().details[0].field, "ligne 5");
  EXPECT_TRUE(contains(n.error().details[0].message, "Colonne « code »"))
      << n.error().details[0].message;
  EXPECT_TRUE(contains(n.error().message, "1 ligne comporte des erreurs")) << n.error().message;
}

TEST_P(ImportTest, SEC_5_HeaderWithoutRequiredColumnIsRefused) {
  auto n = import_establishments_csv(*store_, admin_, "code;nom;departement\nEP18;Bourges;18\n");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code, ErrorCode::invalid);
  ASSERT_EQ(n.error().details.size(), 1u);
  EXPECT_EQ(n.error().details[0].field, "ligne 1");
  EXPECT_TRUE(contains(n.error().details[0].message, "Colonne « spip » manquante"));
}

TEST_P(ImportTest, SEC_5_EmptyFileOrHeaderOnlyIsRefused) {
  for (const char* text : {"", "\xEF\xBB\xBF", "code;nom;spip\r\n", "code;nom;spip\n;;\n\n"}) {
    auto n = import_establishments_csv(*store_, admin_, text);
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.error().message, "Le fichier ne contient aucune ligne à importer.");
  }
}

TEST_P(ImportTest, SEC_5_FileNotInUtf8IsRefusedWithAdvice) {
  import_ref();
  auto n = import_establishments_csv(*store_, admin_, "code;nom;spip\nEP21;C\xF4te;SPIP21\n");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code, ErrorCode::invalid);
  EXPECT_TRUE(contains(n.error().message, "CSV UTF-8")) << n.error().message;
  EXPECT_TRUE(contains(n.error().message, "Ligne 2")) << n.error().message;
}

TEST_P(ImportTest, SEC_5_UnterminatedQuoteIsRefused) {
  auto n = import_establishments_csv(*store_, admin_, "code;nom;spip\nEP21;\"Dijon;SPIP21\n");
  ASSERT_FALSE(n.ok());
  EXPECT_TRUE(contains(n.error().message, "Ligne 2 : un guillemet ouvert")) << n.error().message;
}

// ---- Users (ORG-2, ORG-4) -----------------------------------------------------------------

TEST_P(ImportTest, ORG_2_UsersCsvGivesSeveralMembershipsToOneAccount) {
  import_ref();
  add_provider("PREST-T");
  const int before = count_users();
  const std::string csv =
      "E-mail;Nom;Rôle;Organisation;Téléphone;Qualification;ADELI\n"
      "Camille.Durand@example.fr;Camille Durand;cpip;SPIP18;01 99 00 00 02;;\n"
      "camille.durand@example.fr;;CPIP;SPIP36;;;\n"
      "helene.garnier@example.fr;Hélène Garnier;Psychologue du travail;PREST-T;;Psychologue du "
      "travail;189300001\n"
      "marc.noel@example.fr;Marc Noël;Coordinateur prestataire;PREST-T;;;\n";
  auto n = import_users_csv(*store_, admin_, csv);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 4);
  EXPECT_EQ(count_users(), before + 3);
  auto camille = user("camille.durand@example.fr");
  ASSERT_TRUE(camille);
  EXPECT_EQ(camille->phone, "01 99 00 00 02");
  auto ms = memberships(camille->id);
  ASSERT_EQ(ms.size(), 2u);
  std::vector<std::string> codes = {code_of(ms[0].org_id), code_of(ms[1].org_id)};
  std::sort(codes.begin(), codes.end());
  EXPECT_EQ(codes, (std::vector<std::string>{"SPIP18", "SPIP36"}));
  auto helene = user("helene.garnier@example.fr");
  ASSERT_TRUE(helene);
  EXPECT_EQ(helene->adeli, "189300001");
  EXPECT_EQ(memberships(helene->id).at(0).role, Role::intervenant_psychologist);
}

TEST_P(ImportTest, ORG_4_PsychologistWithoutAdeliIsRefused) {
  add_provider("PREST-T");
  const int before = count_users();
  auto n = import_users_csv(*store_, admin_,
                            "email;nom;role;organisation\n"
                            "cip@example.fr;Julien Lefèvre;intervenant_cip;PREST-T\n"
                            "psy@example.fr;Hélène Garnier;intervenant_psychologist;PREST-T\n");
  ASSERT_FALSE(n.ok());
  EXPECT_EQ(n.error().code, ErrorCode::invalid);
  ASSERT_EQ(n.error().details.size(), 1u);
  EXPECT_EQ(n.error().details[0].field, "ligne 3");
  EXPECT_TRUE(contains(n.error().details[0].message, "ADELI")) << n.error().details[0].message;
  EXPECT_EQ(count_users(), before);
}

TEST_P(ImportTest, ORG_2_BadUsersFileIsRefusedWithEveryReason) {
  import_ref();
  add_provider("PREST-T");
  const int before = count_users();
  auto n = import_users_csv(*store_, admin_,
                            "email;nom;role;organisation\n"
                            "a@example.fr;Anne Petit;cpip;SPIP18\n"    // good
                            "pas-une-adresse;Bruno Roy;cpip;SPIP18\n"  // invalid e-mail
                            "c@example.fr;Claire Roux;juge;SPIP18\n"   // unknown role
                            "d@example.fr;Denis Vidal;cpip;PREST-T\n"  // role vs org kind
                            "e@example.fr;Eva Blanc;cpip;INCONNU\n");  // unknown organisation
  ASSERT_FALSE(n.ok());
  EXPECT_TRUE(contains(n.error().message, "Import refusé : 4 lignes comportent des erreurs"))
      << n.error().message;
  const auto& d = n.error().details;
  ASSERT_EQ(d.size(), 4u);
  EXPECT_EQ(d[0].field, "ligne 3");
  EXPECT_TRUE(contains(d[0].message, "« pas-une-adresse » n’est pas valide")) << d[0].message;
  EXPECT_EQ(d[1].field, "ligne 4");
  EXPECT_TRUE(contains(d[1].message, "Le rôle « juge » est inconnu")) << d[1].message;
  EXPECT_EQ(d[2].field, "ligne 5");
  EXPECT_TRUE(contains(d[2].message, "ne s’exerce pas")) << d[2].message;
  EXPECT_EQ(d[3].field, "ligne 6");
  EXPECT_TRUE(contains(d[3].message, "L’organisation « INCONNU » n’existe pas")) << d[3].message;
  EXPECT_EQ(count_users(), before);
}

TEST_P(ImportTest, ORG_2_ContradictoryDetailsForOneEmailAreRefused) {
  import_ref();
  auto n = import_users_csv(*store_, admin_,
                            "email;nom;role;organisation\n"
                            "a@example.fr;Anne Petit;cpip;SPIP18\n"
                            "a@example.fr;Anne Grand;cpip;SPIP36\n");
  ASSERT_FALSE(n.ok());
  ASSERT_EQ(n.error().details.size(), 1u);
  EXPECT_EQ(n.error().details[0].field, "ligne 3");
  EXPECT_TRUE(contains(n.error().details[0].message, "contredit la ligne 2"));
}

TEST_P(ImportTest, ORG_2_ExistingAccountIsRefused) {
  import_ref();
  auto n = import_users_csv(*store_, admin_,
                            "email;nom;role;organisation\nADMIN@example.fr;X Y;cpip;SPIP18\n");
  ASSERT_FALSE(n.ok());
  EXPECT_TRUE(contains(n.error().details.at(0).message, "déjà utilisée"));
}

TEST_P(ImportTest, SEC_1_NonAdministratorCannotImport) {
  import_ref();
  Actor cpip = make_actor("SPIP-T", OrgKind::spip, Role::cpip, "cpip@example.fr");
  ASSERT_NE(cpip.user.id, 0);
  ASSERT_FALSE(can_administer(cpip));
  auto e = import_establishments_csv(*store_, cpip, "code;nom;spip\nEP18;Bourges;SPIP18\n");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, ErrorCode::forbidden);
  auto u = import_users_csv(*store_, cpip,
                            "email;nom;role;organisation\na@example.fr;A B;cpip;SPIP18\n");
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(org("EP18"));
}

// ---- Reference contract (ORG-3) -----------------------------------------------------------

TEST_P(ImportTest, ORG_3_ReferenceContractHasSeedVolumes) {
  auto sum = import_reference(*store_, reference_json());
  ASSERT_TRUE(sum.ok()) << sum.error().message;
  EXPECT_EQ(sum->organisations_created, 13);  // the DISP and 12 SPIPs
  EXPECT_EQ(sum->contracts_created, 1);
  EXPECT_EQ(sum->lots_created, 6);
  auto disp = org("DISP21");
  ASSERT_TRUE(disp);
  EXPECT_EQ(disp->name, "DISP de Dijon");
  auto spips =
      query<std::vector<Organisation>>([](Repos& r) { return r.orgs.list(OrgKind::spip); });
  EXPECT_EQ(spips.size(), 12u);
  for (const auto& s : spips) EXPECT_EQ(s.parent_id, disp->id) << s.code;
  EXPECT_EQ(org("SPIP25-39")->departement, "25/39");
  EXPECT_EQ(org("SPIP21")->name, "SPIP de la Côte-d’Or");
  auto c = query<std::optional<Contract>>(
      [](Repos& r) { return r.contracts.find_contract_by_reference("DISP21-PPAIP"); });
  ASSERT_TRUE(c);
  EXPECT_EQ(c->programme, "ppaip");
  EXPECT_EQ(c->initial_months, 24);
  EXPECT_EQ(c->renewals_allowed, 2);
  EXPECT_EQ(c->renewal_months, 12);

  struct Expected {
    std::vector<std::string> spips;
    int individual, collective;
  };
  const std::vector<Expected> seed = {
      {{"SPIP18", "SPIP36"}, 660, 300},  {{"SPIP28", "SPIP45"}, 1740, 780},
      {{"SPIP37", "SPIP41"}, 840, 480},  {{"SPIP58", "SPIP89"}, 1680, 300},
      {{"SPIP21", "SPIP71"}, 1200, 300}, {{"SPIP25-39", "SPIP70-90"}, 1320, 300},
  };
  auto lots = reference_lots();
  ASSERT_EQ(lots.size(), 6u);
  int total = 0;
  for (std::size_t i = 0; i < lots.size(); ++i) {
    EXPECT_EQ(lots[i].number, static_cast<int>(i) + 1);
    EXPECT_EQ(lots[i].individual_hours, seed[i].individual) << "lot " << i + 1;
    EXPECT_EQ(lots[i].collective_hours, seed[i].collective) << "lot " << i + 1;
    EXPECT_EQ(lots[i].provider_org_id, 0);
    std::vector<std::string> codes;
    for (Id s : lots[i].spip_ids) codes.push_back(code_of(s));
    std::sort(codes.begin(), codes.end());
    EXPECT_EQ(codes, seed[i].spips) << "lot " << i + 1;
    total += lots[i].individual_hours + lots[i].collective_hours;
  }
  EXPECT_EQ(total, 9900);  // seed 001 §1.5: "9900 heures (sur 24 mois)"
}

TEST_P(ImportTest, ORG_3_ReferenceImportIsIdempotent) {
  import_ref();
  const int orgs = count_orgs();
  auto again = import_reference(*store_, reference_json());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_FALSE(again->changed());
  EXPECT_EQ(again->organisations_unchanged, 13);
  EXPECT_EQ(again->lots_unchanged, 6);
  EXPECT_EQ(count_orgs(), orgs);
  EXPECT_EQ(reference_lots().size(), 6u);
  auto contracts =
      query<int>([](Repos& r) { return static_cast<int>(r.contracts.contracts().size()); });
  EXPECT_EQ(contracts, 1);
}

TEST_P(ImportTest, ORG_3_ReferenceUpdatesWhatChangedAndKeepsTheRest) {
  import_ref();
  std::string json = reference_json();
  auto at = json.find("\"SPIP du Cher\"");
  ASSERT_NE(at, std::string::npos);
  json.replace(at, 14, "\"SPIP du Cher (18)\"");
  auto sum = import_reference(*store_, json);
  ASSERT_TRUE(sum.ok()) << sum.error().message;
  EXPECT_EQ(sum->organisations_updated, 1);
  EXPECT_EQ(sum->organisations_created, 0);
  EXPECT_EQ(org("SPIP18")->name, "SPIP du Cher (18)");
}

TEST_P(ImportTest, ORG_3_BrokenReferenceIsRefusedInFrench) {
  auto bad = import_reference(*store_, "{ \"disp\": ");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, ErrorCode::invalid);
  EXPECT_TRUE(contains(bad.error().message, "n’est pas un JSON valide")) << bad.error().message;
  auto incomplete = import_reference(*store_, R"({"disp": {"code": "DISP21"}, "spips": []})");
  ASSERT_FALSE(incomplete.ok());
  EXPECT_TRUE(contains(incomplete.error().message, "incomplet")) << incomplete.error().message;
  std::vector<std::string> paths;
  for (const auto& d : incomplete.error().details) paths.push_back(d.field);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "disp.name"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "contract"), paths.end());
  EXPECT_EQ(count_orgs(), 1);  // only the test's administration
}

// ---- Demo dataset -------------------------------------------------------------------------

TEST_P(ImportTest, DemoLoadsThenSecondLoadConflicts) {
  auto demo = load_demo(*store_, reference_json());
  ASSERT_TRUE(demo.ok()) << demo.error().message;
  EXPECT_EQ(demo->password, kDemoPassword);
  EXPECT_EQ(demo->featured, 9);
  ASSERT_GE(demo->logins.size(), 9u);
  EXPECT_EQ(demo->logins[0].email, "admin@demo.parcours.fr");
  EXPECT_EQ(demo->logins[2].email, "cpip@demo.parcours.fr");
  EXPECT_EQ(demo->logins[6].email, "psychologue@demo.parcours.fr");
  EXPECT_EQ(demo->users, static_cast<int>(demo->logins.size()));
  const int orgs = count_orgs();
  const int users = count_users();

  auto again = load_demo(*store_, reference_json());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().message, "Les données de démonstration sont déjà chargées.");
  EXPECT_EQ(count_orgs(), orgs);
  EXPECT_EQ(count_users(), users);
  // What `make run` prints on every start.
  auto featured = featured_demo_logins(*store_);
  ASSERT_TRUE(featured.ok());
  ASSERT_EQ(featured->size(), 9u);
  EXPECT_EQ((*featured)[0].email, "admin@demo.parcours.fr");
  EXPECT_EQ((*featured)[8].email, "siae@demo.parcours.fr");
}

TEST_P(ImportTest, DemoAccountsSignInWithTheSharedPassword) {
  auto demo = load_demo(*store_, reference_json());
  ASSERT_TRUE(demo.ok()) << demo.error().message;
  FixedClock clock;
  AuthService auth(*store_, clock);
  for (int i = 0; i < demo->featured; ++i) {
    auto in = auth.login(demo->logins[i].email, kDemoPassword, "127.0.0.1");
    ASSERT_TRUE(in.ok()) << demo->logins[i].email << ": " << in.error().message;
    EXPECT_EQ(in->actor.memberships.size(), 1u);
  }
}

TEST_P(ImportTest, ORG_4_DemoLotsAreAwardedAndStaffed) {
  auto demo = load_demo(*store_, reference_json());
  ASSERT_TRUE(demo.ok()) << demo.error().message;
  const Date start{date::year{2025}, date::month{1}, date::day{1}};
  auto ok = read<bool>(*store_, [&](Repos& r) -> Result<bool> {
    for (const auto& lot : r.contracts.all_lots()) {
      auto provider = r.orgs.find(lot.provider_org_id);
      EXPECT_TRUE(provider && provider->kind == OrgKind::provider) << "lot " << lot.number;
      if (!provider) continue;
      EXPECT_TRUE(provider->name.find("(démo)") != std::string::npos);
      EXPECT_GE(lot.individual_price_cents, 5500);
      EXPECT_LE(lot.individual_price_cents, 6500);
      EXPECT_GE(lot.collective_price_cents, 7000);
      EXPECT_LE(lot.collective_price_cents, 9000);
      int psychologists = 0, intervenants = 0;
      for (const auto& m : r.users.members_of(provider->id)) {
        if (!is_intervenant(m.role)) continue;
        ++intervenants;
        psychologists += m.role == Role::intervenant_psychologist;
        auto auths = r.staff.authorisations_of_user(m.user_id);
        EXPECT_FALSE(auths.empty());
        for (const auto& a : auths) {
          EXPECT_TRUE(requested_in_time(a, start));
          EXPECT_TRUE(a.granted_on.has_value());
        }
      }
      EXPECT_GE(intervenants, 3);
      EXPECT_GE(psychologists, 1);
      EXPECT_EQ(r.staff.substitutes_of(provider->id).size(), 1u);
      // One coordinator for each establishment of the lot's SPIPs.
      std::size_t establishments = 0;
      for (Id spip : lot.spip_ids)
        for (const auto& child : r.orgs.children(spip))
          establishments += child.kind == OrgKind::establishment;
      EXPECT_EQ(r.staff.coordinators_of(provider->id).size(), establishments);
      EXPECT_EQ(r.orgs.places_of(provider->id).at(0).capacity, 6);
      EXPECT_TRUE(r.orgs.places_of(provider->id).at(0).public_transport);
    }
    return true;
  });
  ASSERT_TRUE(ok.ok()) << ok.error().message;
}

TEST_P(ImportTest, ORG_3_ReferenceReimportAfterDemoKeepsAwards) {
  ASSERT_TRUE(load_demo(*store_, reference_json()).ok());
  auto sum = import_reference(*store_, reference_json());
  ASSERT_TRUE(sum.ok()) << sum.error().message;
  EXPECT_FALSE(sum->changed());
  for (const auto& lot : reference_lots())
    EXPECT_NE(lot.provider_org_id, 0) << "lot " << lot.number;
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportTest, ::testing::ValuesIn(testdb::backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace parcours
