#include "domain/csv.h"

#include <gtest/gtest.h>

namespace parcours {
namespace {

CsvTable parse_ok(std::string_view text) {
  auto t = parse_csv(text);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? t.value() : CsvTable{};
}

std::vector<std::string> fields(std::initializer_list<const char*> v) {
  return {v.begin(), v.end()};
}

TEST(Csv, SemicolonWithAccentsAndLineNumbers) {
  auto t = parse_ok(
      "code;nom;spip\nEP18;Maison d’arrêt de Bourges;SPIP18\nEP36;Centre de détention;SPIP36\n");
  EXPECT_EQ(t.delimiter, ';');
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].fields, fields({"code", "nom", "spip"}));
  EXPECT_EQ(t.rows[1].fields, fields({"EP18", "Maison d’arrêt de Bourges", "SPIP18"}));
  EXPECT_EQ(t.rows[1].line, 2);
  EXPECT_EQ(t.rows[2].line, 3);
}

TEST(Csv, CommaDetectedFromHeader) {
  auto t = parse_ok("email,nom,role\r\nelodie@example.fr,\"Marchand; Élodie\",cpip\r\n");
  EXPECT_EQ(t.delimiter, ',');
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].fields, fields({"elodie@example.fr", "Marchand; Élodie", "cpip"}));
}

TEST(Csv, SemicolonWinsWhenHeaderHasBoth) {
  auto t = parse_ok("nom;adresse, ville;code\nA;B;C\n");
  EXPECT_EQ(t.delimiter, ';');
  EXPECT_EQ(t.rows[0].fields, fields({"nom", "adresse, ville", "code"}));
}

TEST(Csv, SingleColumnDefaultsToSemicolon) {
  auto t = parse_ok("code\nA\n");
  EXPECT_EQ(t.delimiter, ';');
  EXPECT_EQ(t.rows.size(), 2u);
}

TEST(Csv, BomStrippedAndCrlf) {
  auto t = parse_ok(
      "\xEF\xBB\xBF"
      "code;nom\r\nX;Yonne\r\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[0].fields[0], "code");
  EXPECT_EQ(t.rows[1].fields, fields({"X", "Yonne"}));
}

TEST(Csv, LoneCarriageReturnEndsLine) {
  auto t = parse_ok("a;b\rc;d");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].line, 2);
  EXPECT_EQ(t.rows[1].fields, fields({"c", "d"}));
}

TEST(Csv, QuotesDoubledQuotesAndNewlinesInsideQuotes) {
  auto t = parse_ok(
      "code;adresse;note\n"
      "A;\"12, rue de l’Église\r\n21000 Dijon\";\"dit \"\"le Bourguignon\"\"\"\n"
      "B;\"\";fin\n");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[1].fields,
            fields({"A", "12, rue de l’Église\n21000 Dijon", "dit \"le Bourguignon\""}));
  EXPECT_EQ(t.rows[1].line, 2);
  EXPECT_EQ(t.rows[2].line, 4);  // the record above spans two physical lines
  EXPECT_EQ(t.rows[2].fields, fields({"B", "", "fin"}));
}

TEST(Csv, QuoteInsideUnquotedFieldIsKept) {
  auto t = parse_ok("a;b\nDupont \"Jo\";x\n");
  EXPECT_EQ(t.rows[1].fields[0], "Dupont \"Jo\"");
}

TEST(Csv, EmptyFieldsAndTrailingDelimiter) {
  auto t = parse_ok("a;b;c\n;;x\ny;;\n");
  EXPECT_EQ(t.rows[1].fields, fields({"", "", "x"}));
  EXPECT_EQ(t.rows[2].fields, fields({"y", "", ""}));
}

TEST(Csv, BlankAndTrailingEmptyLinesIgnored) {
  auto t = parse_ok("a;b\n\nc;d\n;\n\r\n\n");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].line, 3);
}

TEST(Csv, LastLineWithoutLineBreak) {
  auto t = parse_ok("a;b\nc;d");
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].fields, fields({"c", "d"}));
}

TEST(Csv, EmptyInputHasNoRows) {
  EXPECT_TRUE(parse_ok("").rows.empty());
  EXPECT_TRUE(parse_ok("\xEF\xBB\xBF\r\n\r\n").rows.empty());
}

TEST(Csv, UnterminatedQuoteCitesTheLineWhereItOpens) {
  auto t = parse_csv("a;b\nc;d\ne;\"jamais fermé\nf;g\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::invalid);
  EXPECT_EQ(t.error().message.rfind("Ligne 3 : ", 0), 0u) << t.error().message;
  EXPECT_NE(t.error().message.find("guillemet"), std::string::npos);
  ASSERT_EQ(t.error().details.size(), 1u);
  EXPECT_EQ(t.error().details[0].field, "ligne 3");
  EXPECT_EQ(t.error().details[0].message.rfind("Un guillemet ouvert", 0), 0u);
}

TEST(Csv, ClosingQuoteFollowedByTextIsRefused) {
  auto t = parse_csv("a;b\n\"ab\"c;d\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().message.rfind("Ligne 2 : ", 0), 0u) << t.error().message;
}

TEST(Csv, NonUtf8IsRefusedWithAdvice) {
  // "Côte" in Windows-1252 on line 2
  auto t = parse_csv("code;nom\nX;C\xF4te\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, ErrorCode::invalid);
  EXPECT_EQ(t.error().message.rfind("Ligne 2 : ", 0), 0u) << t.error().message;
  EXPECT_NE(t.error().message.find("CSV UTF-8"), std::string::npos);
}

TEST(Csv, Utf8Validation) {
  EXPECT_EQ(first_invalid_utf8("Élodie Nièvre œuvre €"), std::string_view::npos);
  EXPECT_EQ(first_invalid_utf8("ab\xC3"), 2u);                                // truncated
  EXPECT_EQ(first_invalid_utf8("\xC0\xAF"), 0u);                              // overlong '/'
  EXPECT_EQ(first_invalid_utf8("x\xED\xA0\x80"), 1u);                         // surrogate
  EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0u);                      // above U+10FFFF
  EXPECT_EQ(first_invalid_utf8("\xF0\x9F\x98\x80"), std::string_view::npos);  // emoji
}

TEST(Csv, FoldAndKey) {
  EXPECT_EQ(fold_accents_lower("Département de la CÔTE-D’OR, Œuvre"),
            "departement de la cote-d’or, oeuvre");
  EXPECT_EQ(csv_key(" Téléphone "), "telephone");
  EXPECT_EQ(csv_key("E-mail"), "email");
  EXPECT_EQ(csv_key("Psychologue du travail"), "psychologuedutravail");
  EXPECT_EQ(csv_key("intervenant_psychologist"), "intervenantpsychologist");
}

TEST(CsvWriter, EscapesOnlyWhenNeeded) {
  EXPECT_EQ(csv_field("Élodie Marchand"), "Élodie Marchand");
  EXPECT_EQ(csv_field("a;b"), "\"a;b\"");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");  // so that delimiter detection stays right
  EXPECT_EQ(csv_field("a,b", ','), "\"a,b\"");
  EXPECT_EQ(csv_field("dit \"Jo\""), "\"dit \"\"Jo\"\"\"");
  EXPECT_EQ(csv_field("deux\nlignes"), "\"deux\nlignes\"");
  EXPECT_EQ(csv_field(" espace"), "\" espace\"");
  EXPECT_EQ(csv_line({"a", "b;c", ""}), "a;\"b;c\";\r\n");
}

TEST(CsvWriter, RoundTrip) {
  std::vector<std::string> values = {"Côte-d’Or", "x;y", "\"q\"", "l1\nl2", "", " s "};
  auto t = parse_ok(csv_line(values) + csv_line(values));
  ASSERT_EQ(t.rows.size(), 2u);
  EXPECT_EQ(t.rows[1].fields, values);
}

TEST(CsvWriter, NeutralisesFormulas) {
  EXPECT_EQ(csv_safe_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
  EXPECT_EQ(csv_safe_text("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(csv_safe_text("-12,5"), "-12,5");
  EXPECT_EQ(csv_safe_text("+33"), "+33");
  EXPECT_EQ(csv_safe_text("-"), "'-");
  EXPECT_EQ(csv_safe_text("Nièvre"), "Nièvre");
}

}  // namespace
}  // namespace parcours
