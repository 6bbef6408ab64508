// Collective workshops of the national dataset (SPEC WS-1..5): people of a case with workshops
// join the next workshop of their lot, SPIP and site that has a free seat (4 to 6 people,
// never more than 6), created on demand with 2 to 6 weekly sessions of 2 to 3 hours. The
// workshops, their participants and attendance are kept in memory and written once every case
// is written. Not a public interface.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "storage/national_model.h"

namespace parcours::storage::national {

struct WorkshopSessionSlot {
  RowId id = 0;
  int number = 1;
  Day day = 0;
  int start = 0;
  int duration = 120;
  Seconds recorded_at = 0;  // when the attendance of the whole group is recorded (if held)
};

struct WorkshopSlot {
  RowId id = 0;
  std::size_t lot = kNone, spip = kNone, site = kNone;
  std::string theme, title, description, external;
  UserRef intervenant;
  PlaceRef place;
  Seconds created_at = 0;
  int capacity = 6;
  int members = 0;
  Seconds last_added = 0;
  UserRef decider;  // the CPIP who validates the list (WS-3)
  std::vector<WorkshopSessionSlot> sessions;
};

class WorkshopPlanner {
 public:
  explicit WorkshopPlanner(Context& c);

  // A workshop of the lot on the site with a free seat, whose first session is on or after
  // `earliest` (and not much later), created when there is none.
  WorkshopSlot& assign(std::size_t lot, std::size_t spip, std::size_t site, Day earliest,
                       const UserRef& cpip);
  RowId add_participant(WorkshopSlot& w, RowId prescription, RowId person, RowId by, Seconds at);
  void withdraw(RowId participant);
  void attend(const WorkshopSessionSlot& s, RowId participant, bool present,
              const std::string& reason, bool justified, RowId by);
  // "l’atelier « CV et lettre de motivation »", as the timeline words it.
  std::string words(const WorkshopSlot& w) const;

  // Writes every workshop, session, participant, attendance and signed scan.
  void write(Rng& rng);

 private:
  struct Participant {
    RowId id = 0, workshop = 0, prescription = 0, person = 0, added_by = 0;
    Seconds added_at = 0;
    bool withdrawn = false;
  };
  struct Attendance {
    RowId session = 0, participant = 0, by = 0;
    bool present = true, justified = false;
    std::string reason;
    Seconds at = 0;
  };

  WorkshopSlot& create(std::size_t lot, std::size_t spip, std::size_t site, Day first,
                       const UserRef& cpip);
  void write_workshop(const WorkshopSlot& w);
  void write_scans(Rng& rng, const WorkshopSlot& w);

  Context& c_;
  Rng rng_;
  std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::vector<WorkshopSlot*>> by_key_;
  std::vector<std::unique_ptr<WorkshopSlot>> all_;
  std::vector<Participant> participants_;
  std::vector<Attendance> attendance_;
  RowId first_participant_ = 0;
};

}  // namespace parcours::storage::national
