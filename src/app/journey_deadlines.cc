// Lifting a deadline with its reason (SPEC DL-1: « levée (motif) »).
#include <algorithm>

#include <nlohmann/json.hpp>

#include "app/audit.h"
#include "app/journey.h"
#include "app/journey_internal.h"
#include "domain/validation.h"

namespace parcours {

using namespace journey_detail;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxWaiverReason = 2000;

Result<CaseDeadline> open_deadline_of(Repos& r, Id prescription_id, Id deadline_id) {
  for (auto& d : r.journeys.deadlines_of(prescription_id))
    if (d.id == deadline_id) {
      if (d.deadline.met_at)
        return conflict("Ce délai est déjà rempli : il ne peut plus être levé.");
      if (d.deadline.waived_at) return conflict("Ce délai est déjà levé.");
      return d;
    }
  return not_found("Ce délai n’existe pas pour cette prise en charge.");
}

}  // namespace

// DL-1: a person unavailable before the programme starts must not leave a deadline « dépassé »
// forever; a SPIP manager or the provider's coordinator lifts it, saying why.
Status JourneyService::waive_deadline(const Actor& a, Id prescription_id, Id deadline_id,
                                      const std::string& reason) {
  auto out = guarded_transact<bool>(
      store_, clock_, a, "deadline.waive", "prescription", prescription_id,
      [&](Repos& r) -> Result<bool> {
        auto c = case_context(r, a, programmes_, prescription_id);
        if (!c.ok()) return c.error();
        if (!may_waive_deadlines(a, c->p))
          return forbidden(
              "Seuls l’encadrement du SPIP et le coordinateur du prestataire peuvent lever un "
              "délai.");
        const std::string why = trim(reason);
        if (why.empty())
          return invalid("Indiquez le motif de la levée du délai.",
                         {{"reason", "Le motif est obligatoire."}});
        if (why.size() > kMaxWaiverReason)
          return invalid("Le motif est trop long.", {{"reason", "2 000 caractères au plus."}});
        auto d = open_deadline_of(r, c->p.id, deadline_id);
        if (!d.ok()) return d.error();
        if (auto s = waive(d->deadline, clock_.now(), why); !s.ok()) return s.error();
        r.journeys.update_deadline(*d);
        std::string label = d->deadline.rule_id;
        if (const DeadlineRule* rule = deadline(*c->config, d->deadline.rule_id))
          label = rule->label;
        add_case_event(r, clock_, a, c->p, "deadline_waived", "Délai levé : " + label, why);
        record(r, clock_, a, "deadline.waive", "deadline", d->id, c->p.person_id,
               json{{"prescription_id", c->p.id}, {"rule", d->deadline.rule_id}}.dump());
        return true;
      });
  if (!out.ok()) return out.error();
  return {};
}

}  // namespace parcours
