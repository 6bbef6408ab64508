// The text forms a request arrives in (http/form_body.h), parsed by the server core since it
// replaced cpp-httplib (issue 13): what browsers send, and what they never would.
#include <gtest/gtest.h>

#include "http/form_body.h"

namespace parcours::http {
namespace {

TEST(FormBody, UrlDecodingKeepsMalformedSequencesAsWritten) {
  EXPECT_EQ(url_decode("Fran%C3%A7ois+Dupr%C3%A9", true), "François Dupré");
  EXPECT_EQ(url_decode("a+b", false), "a+b");
  EXPECT_EQ(url_decode("100%", true), "100%");
  EXPECT_EQ(url_decode("%zz%4", true), "%zz%4");
}

TEST(FormBody, UrlEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(url_encode_component("tri=nom&page=2"), "tri%3Dnom%26page%3D2");
  EXPECT_EQ(url_encode_component("/personnes/3", "/"), "/personnes/3");
  EXPECT_EQ(url_encode_component("é"), "%C3%A9");
}

TEST(FormBody, QueryPairsRepeatAndMayHaveNoValue) {
  Params p;
  parse_query("presence=present&presence=absent&flag&=x&&nom=L%C3%A9a", p);
  EXPECT_EQ(p.count("presence"), 2u);
  EXPECT_EQ(p.find("flag")->second, "");
  EXPECT_EQ(p.find("nom")->second, "Léa");
  EXPECT_EQ(p.count(""), 1u);
}

TEST(FormBody, MultipartPartsKeepNameFileNameTypeAndBytes) {
  using namespace std::string_literals;  // the file holds a NUL byte
  const std::string body =
      "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nFeuille "
      "signée\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename=\"scan; 1.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n\x00\x01\r\n--XyZ--"
      "\r\n"s;
  FileParts parts;
  ASSERT_TRUE(parse_multipart(std::string_view(body.data(), body.size()),
                              "multipart/form-data; boundary=XyZ", parts));
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts.find("title")->second.content, "Feuille signée");
  const FilePart& file = parts.find("file")->second;
  EXPECT_EQ(file.filename, "scan; 1.pdf");
  EXPECT_EQ(file.content_type, "application/pdf");
  EXPECT_EQ(file.content, std::string("%PDF\r\n\x00\x01", 8));
}

TEST(FormBody, MalformedMultipartIsRefused) {
  FileParts parts;
  EXPECT_FALSE(parse_multipart("--a\r\nno headers end", "multipart/form-data; boundary=a", parts));
  EXPECT_FALSE(
      parse_multipart("--a\r\nX: y\r\n\r\nnever closed", "multipart/form-data; boundary=a", parts));
  EXPECT_FALSE(parse_multipart("--a--", "multipart/form-data", parts));  // no boundary
  EXPECT_TRUE(parse_multipart("--a--\r\n", "multipart/form-data; boundary=\"a\"", parts));
}

}  // namespace
}  // namespace parcours::http
