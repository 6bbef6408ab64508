// Shared by the HTTP tests of workshops, paper sheets and the professional file
// (workshop_pages_test.cc, paper_http_test.cc): a real server on both backends at Monday
// 3 March 2025, 10:00 in Paris; collective cases of SPIP 18 sent to PREST-DEMO-1; a workshop
// built through the use cases; PDFs read back with poppler (DESIGN §5).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "journey_support.h"

namespace parcours::testing {

// The text of every page of a PDF, white space folded to single spaces.
std::string pdf_text(const std::string& bytes);

// The first group of `pattern` in `body`, or "".
std::string capture(const std::string& body, const std::string& pattern);

// How many times `needle` occurs in `body`.
int occurrences(const std::string& body, const std::string& needle);

// A small but valid PDF (a signed sheet, as a scanner would produce one).
std::string tiny_pdf();

class PaperTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override { server_.reset(); }

  Browser signed_in(const std::string& email);
  // A page that rendered completely: the status, the text, no template leftovers.
  static void expect_page(const Reply& r, const std::string& text, int status = 200);

  // A person of SPIP 18 and her PPAIP prescribed by cpip@ to PREST-DEMO-1 (collective by
  // default); returns the prescription id.
  Id collective_case(const std::string& last_name, const std::string& first_name,
                     const std::string& modality = "collective");
  // The first interview of the case, Monday 3 March at 14:00 for an hour, recorded by cip@ at
  // 16:00 (the clock is left there); returns the session id.
  Id first_interview(Id prescription_id);
  // An individual PPAIP played to its end as cip@ and cpip@: first interview on Monday 3 March
  // at 14:00, six hours validated, one 3-hour session held on Tuesday 4 March at
  // 9:30, ended at 17:30 that day (the clock is left there); returns the prescription id.
  Id ended_case(const std::string& last_name, const std::string& first_name);
  // WS-1: SPIP 18 agrees "cv_letter" and "job_search_techniques" (as cpip@).
  void agree_themes();
  // A "CV et lettre" workshop of PREST-DEMO-1 for SPIP 18 led by cip@, one 2-hour session at
  // 14:30 on each day, created as cip@.
  Id create_workshop(const std::vector<Date>& days);
  // Registers the case on the workshop (as cip@); returns the participant id.
  Id register_case(Id workshop_id, Id prescription_id);

  Actor actor(const std::string& email) { return actor_of(*server_, email); }
  std::string id(Id x) const { return std::to_string(x); }

  std::unique_ptr<TestServer> server_;
};

}  // namespace parcours::testing
