// The web pages of the journey (issue 3): people, cases, sessions, agenda and permanences.
// Server-rendered, usable without JavaScript; every rule is the app service's.
#include "http/journey_pages.h"

namespace parcours::http {

void add_journey_pages(Web& web) {
  add_journey_people_pages(web);
  add_journey_case_pages(web);
  add_journey_session_pages(web);
  add_workshop_pages(web);
  add_paper_pages(web);
  add_file_pages(web);
  add_bilan_pages(web);
}

}  // namespace parcours::http
