#include "domain/journey.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include <date/tz.h>

#include "domain/calendar.h"
#include "domain/validation.h"

namespace parcours {

namespace {

constexpr const char* kWeekdayNames[] = {"lundi",    "mardi",  "mercredi", "jeudi",
                                         "vendredi", "samedi", "dimanche"};

std::string join_labels(const ProgrammeConfig& config, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) {
    std::string label = id;
    for (const auto& a : config.actions)
      if (a.id == id) label = a.label;
    if (!out.empty()) out += " ; ";
    out += label;
  }
  return out;
}

// ISO weekday (Monday = 1) of a date.
int iso_weekday(Date d) {
  return static_cast<int>(date::weekday{date::sys_days{d}}.iso_encoding());
}

}  // namespace

std::vector<ProposalChange> compare_proposals(const ProgrammeConfig& config, const Proposal& before,
                                              const Proposal& after) {
  std::vector<ProposalChange> out;
  auto add = [&out](const char* field, const char* label, const std::string& b,
                    const std::string& a) {
    if (a != b) out.push_back({field, label, b, a});
  };
  add("individual_hours", "Heures individuelles", french_hours(before.individual_hours),
      french_hours(after.individual_hours));
  add("actions", "Actions", join_labels(config, before.actions),
      join_labels(config, after.actions));
  add("content", "Contenu du programme", before.content, after.content);
  add("justification", "Justification des heures", before.justification, after.justification);
  add("workshops", "Ateliers collectifs", before.workshops ? "Oui" : "Non",
      after.workshops ? "Oui" : "Non");
  add("workshops_detail", "Ateliers prévus", before.workshops_detail, after.workshops_detail);
  add("calendar", "Calendrier prévisionnel", before.calendar, after.calendar);
  return out;
}

Instant session_start(const Session& s) {
  return paris_wall_clock(s.date, s.start_minute);
}

Instant session_end(const Session& s) {
  return session_start(s) + std::chrono::minutes{s.duration_minutes};
}

// French typography (UX-1): no-break spaces, so that « 14 h 30 » never breaks across lines.
std::string french_time(int minute_of_day) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%d\u00a0h\u00a0%02d", minute_of_day / 60, minute_of_day % 60);
  return buf;
}

std::string french_duration(int minutes) {
  if (minutes < 60) return std::to_string(minutes) + "\u00a0min";
  std::string out = std::to_string(minutes / 60) + "\u00a0h";
  if (minutes % 60) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "\u00a0%02d", minutes % 60);
    out += buf;
  }
  return out;
}

std::string french_hours(double hours) {
  double rounded = std::round(hours * 100) / 100;
  char buf[32];
  if (rounded == std::floor(rounded))
    std::snprintf(buf, sizeof buf, "%.0f\u00a0h", rounded);
  else
    std::snprintf(buf, sizeof buf, "%.2f\u00a0h", rounded);
  std::string out = buf;
  std::replace(out.begin(), out.end(), '.', ',');
  if (auto pos = out.find(",50\u00a0h"); pos != std::string::npos) out.replace(pos, 3, ",5");
  return out;
}

std::optional<int> parse_clock_time(const std::string& text) {
  std::string t = trim(text);
  int h = 0, m = 0;
  char sep = 0;
  char extra = 0;
  if (std::sscanf(t.c_str(), "%d%c%d%c", &h, &sep, &m, &extra) != 3) return std::nullopt;
  if (sep != ':' && sep != 'h') return std::nullopt;
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}

bool overlaps_training(const Prescription& p, const Session& s) {
  if (p.training_timetable.empty()) return false;
  if (p.training_until && date::sys_days(s.date) > date::sys_days(*p.training_until)) return false;
  const int wd = iso_weekday(s.date);
  const int start = s.start_minute;
  const int end = s.start_minute + s.duration_minutes;
  for (const auto& slot : p.training_timetable) {
    if (slot.weekday != wd) continue;
    if (start < slot.end_minute && slot.start_minute < end) return true;
  }
  return false;
}

namespace {

SessionSlot paris_slot(Instant t) {
  const Date d = paris_date(t);
  const auto minutes =
      std::chrono::duration_cast<std::chrono::minutes>(t - paris_wall_clock(d, 0)).count();
  return {d, static_cast<int>(std::clamp<long long>(minutes, 0, 24 * 60 - 1))};
}

}  // namespace

SessionSlot first_interview_default(Instant prescribed_at, Instant now) {
  SessionSlot slot = paris_slot(now - std::chrono::hours{1});
  slot.start_minute -= slot.start_minute % 15;
  if (paris_wall_clock(slot.date, slot.start_minute) >= prescribed_at) return slot;
  SessionSlot after = paris_slot(prescribed_at);
  after.start_minute =
      std::min(after.start_minute + (15 - after.start_minute % 15) % 15, 24 * 60 - 15);
  if (paris_wall_clock(after.date, after.start_minute) <= now) return after;
  return paris_slot(now);
}

SessionSlot free_slot(const Prescription& p, Date from, int duration_minutes) {
  for (int day = 0; day < 14; ++day) {
    const Date d{date::sys_days(from) + date::days{day}};
    if (iso_weekday(d) > 5) continue;
    for (int start = 9 * 60; start + duration_minutes <= 17 * 60; start += 30) {
      Session s;
      s.date = d;
      s.start_minute = start;
      s.duration_minutes = duration_minutes;
      if (!overlaps_training(p, s)) return {d, start};
    }
  }
  return {from, 9 * 60};
}

double hours_done(const std::vector<Session>& sessions) {
  int minutes = 0;
  for (const auto& s : sessions)
    if (s.status == "present") minutes += s.duration_minutes;
  return minutes / 60.0;
}

double hours_validated(const std::vector<Proposal>& proposals) {
  double hours = 0;
  int best = 0;
  for (const auto& p : proposals)
    if (p.status == "validated" && p.version > best) {
      best = p.version;
      hours = p.individual_hours;
    }
  return hours;
}

std::vector<Session> planned_sessions(const std::vector<Session>& sessions, Instant now) {
  std::vector<Session> out;
  for (const auto& s : sessions)
    if (s.status == "planned" && session_start(s) >= now) out.push_back(s);
  std::sort(out.begin(), out.end(),
            [](const Session& a, const Session& b) { return session_start(a) < session_start(b); });
  return out;
}

void check_session_slot(Validator& v, Date date, int start_minute, int duration_minutes) {
  if (!date.ok()) v.add("date", "La date de la séance est obligatoire.");
  if (start_minute < 0 || start_minute >= 24 * 60)
    v.add("start",
          "L’heure de début doit être comprise entre 0\u00a0h\u00a000 et 23\u00a0h\u00a059.");
  if (duration_minutes < 15 || duration_minutes > 8 * 60)
    v.add("duration", "La durée d’une séance doit être comprise entre 15 minutes et 8 heures.");
  else if (start_minute + duration_minutes > 24 * 60)
    v.add("duration", "La séance doit se terminer le jour même.");
}

Status validate_session(const Session& s) {
  Validator v;
  check_session_slot(v, s.date, s.start_minute, s.duration_minutes);
  if (s.intervenant_id == 0) v.add("intervenant_id", "L’intervenant est obligatoire.");
  v.max_text("place_label", s.place_label, "Le lieu", 200);
  v.max_text("note", s.note, "La note", 2000);
  return v.status("La séance n’est pas valide.");
}

Status validate_proposal(const ProgrammeConfig& config, const std::string& modality,
                         const Proposal& p) {
  Validator v;
  v.require_text("content", p.content, "Le contenu du programme", 10000);
  v.max_text("justification", p.justification, "La justification des heures", 5000);
  v.max_text("calendar", p.calendar, "Le calendrier prévisionnel", 5000);
  v.max_text("workshops_detail", p.workshops_detail, "Le détail des ateliers", 5000);
  if (p.actions.empty()) v.add("actions", "Choisissez au moins une action du programme.");
  for (const auto& id : p.actions) {
    bool known = std::any_of(config.actions.begin(), config.actions.end(),
                             [&id](const Choice& c) { return c.id == id; });
    if (!known) v.add("actions", "L’action « " + id + " » n’est pas prévue par le programme.");
  }
  const bool individual = modality != "collective";
  if (individual) {
    if (auto s = check_individual_hours(config, p.individual_hours); !s.ok())
      v.add("individual_hours", s.error().message);
    if (trim(p.justification).empty())
      v.add("justification", "Justifiez le nombre d’heures proposé.");
  } else if (p.individual_hours != 0) {
    v.add("individual_hours", "Un PPAIP collectif ne comporte pas d’heures individuelles.");
  }
  if (modality != "individual" && !p.workshops)
    v.add("workshops", "Cette modalité prévoit des ateliers collectifs : cochez-les.");
  return v.status("La proposition n’est pas valide.");
}

const char* french_weekday(int weekday) {
  if (weekday < 1 || weekday > 7) return "";
  return kWeekdayNames[weekday - 1];
}

std::string describe_timetable(const std::vector<TimetableSlot>& slots) {
  std::string out;
  for (const auto& s : slots) {
    if (!out.empty()) out += ", ";
    out += std::string(french_weekday(s.weekday)) + " " + french_time(s.start_minute) + " – " +
           french_time(s.end_minute);
  }
  return out;
}

Result<std::vector<TimetableSlot>> parse_timetable(const std::string& text) {
  std::vector<TimetableSlot> out;
  std::string normalized = text;
  std::replace(normalized.begin(), normalized.end(), ';', '\n');
  std::istringstream in(normalized);
  std::string line;
  Validator v;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty()) continue;
    auto space = line.find(' ');
    auto dash = line.find('-');
    TimetableSlot slot;
    slot.weekday = 0;
    if (space != std::string::npos) {
      std::string day = ascii_lower(line.substr(0, space));
      for (int i = 0; i < 7; ++i)
        if (day == kWeekdayNames[i]) slot.weekday = i + 1;
    }
    std::optional<int> start, end;
    if (space != std::string::npos && dash != std::string::npos && dash > space) {
      start = parse_clock_time(line.substr(space + 1, dash - space - 1));
      end = parse_clock_time(line.substr(dash + 1));
    }
    if (slot.weekday == 0 || !start || !end || *end <= *start) {
      v.add("training_timetable", "Créneau « " + line +
                                      " » : écrivez le jour puis les heures, par exemple "
                                      "« lundi 09:00-12:00 ».");
      continue;
    }
    slot.start_minute = *start;
    slot.end_minute = *end;
    out.push_back(slot);
  }
  if (!v.ok()) return v.status("L’emploi du temps de formation n’est pas valide.").error();
  return out;
}

std::string timetable_text(const std::vector<TimetableSlot>& slots) {
  std::string out;
  for (const auto& s : slots) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %02d:%02d-%02d:%02d", french_weekday(s.weekday),
                  s.start_minute / 60, s.start_minute % 60, s.end_minute / 60, s.end_minute % 60);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out;
}

}  // namespace parcours
