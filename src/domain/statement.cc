#include "domain/statement.h"

#include <cstdio>
#include <map>
#include <tuple>

#include "domain/indicators.h"

namespace parcours {
namespace {

using SourceKey = std::pair<std::string, Id>;  // (modality, source_id)

// What has been issued so far for one session, all statements together.
struct IssuedNet {
  long long minutes = 0;
  long long amount_cents = 0;
  long long unit_price_cents = 0;
  std::string flags;
  Id last_line_id = 0;
  StatementLine last;
};

std::map<SourceKey, IssuedNet> net_by_source(const std::vector<StatementLine>& issued) {
  std::map<SourceKey, IssuedNet> out;
  for (const auto& l : issued) {
    auto& n = out[{l.modality, l.source_id}];
    n.minutes += l.minutes;
    n.amount_cents += l.amount_cents;
    if (l.id >= n.last_line_id) {
      n.last_line_id = l.id;
      n.unit_price_cents = l.unit_price_cents;
      n.flags = l.flags;
      n.last = l;
    }
  }
  return out;
}

StatementLine difference(const StatementLine& now, const IssuedNet& net) {
  StatementLine d = now;
  d.minutes = now.minutes - net.minutes;
  d.amount_cents = now.amount_cents - net.amount_cents;
  d.corrects_line_id = net.last_line_id;
  return d;
}

StatementLine take_back(const IssuedNet& net) {
  StatementLine d = net.last;
  d.id = 0;
  d.statement_id = 0;
  d.minutes = -net.minutes;
  d.amount_cents = -net.amount_cents;
  d.flags.clear();
  d.corrects_line_id = net.last_line_id;
  return d;
}

}  // namespace

const char* statement_flag_label(const std::string& flag) {
  if (flag == kFlagNoScan) return "Sans feuille d’émargement signée";
  if (flag == kFlagNoAuthorisation) return "Intervenant sans autorisation d’accès à cette date";
  if (flag == kFlagOutsideProgramme) return "Hors programme validé";
  return "Contrôle inconnu";
}

bool within_validated_programme(const std::string& session_kind,
                                std::optional<Instant> validated_at, Instant session_start) {
  if (session_kind == "first_interview") return true;
  return validated_at && *validated_at <= session_start;
}

std::vector<std::string> split_flags(const std::string& flags) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : flags) {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

std::string statement_number(const std::string& contract_reference, int lot_number,
                             const std::string& period_month, int sequence) {
  return contract_reference + "-L" + std::to_string(lot_number) + "-" + period_month + "-" +
         std::to_string(sequence);
}

std::vector<StatementLine> lines_to_issue(const std::vector<StatementLine>& current,
                                          const std::vector<StatementLine>& issued) {
  std::vector<StatementLine> out;
  if (issued.empty()) {
    out = current;
  } else {
    auto nets = net_by_source(issued);
    for (const auto& now : current) {
      auto it = nets.find({now.modality, now.source_id});
      if (it == nets.end()) {
        out.push_back(now);
        continue;
      }
      const IssuedNet& net = it->second;
      if (net.minutes != now.minutes || net.amount_cents != now.amount_cents ||
          net.flags != now.flags)
        out.push_back(difference(now, net));
      nets.erase(it);
    }
    for (const auto& [key, net] : nets)
      if (net.minutes != 0 || net.amount_cents != 0) out.push_back(take_back(net));
  }
  int no = 0;
  for (auto& l : out) l.line_no = ++no;
  return out;
}

void total_statement(Statement& s, const std::vector<StatementLine>& lines) {
  s.individual_minutes = s.collective_minutes = 0;
  s.individual_cents = s.collective_cents = 0;
  s.flagged_lines = 0;
  for (const auto& l : lines) {
    const bool individual = l.modality == "individual";
    (individual ? s.individual_minutes : s.collective_minutes) += l.minutes;
    (individual ? s.individual_cents : s.collective_cents) += l.amount_cents;
    if (!l.flags.empty()) ++s.flagged_lines;
  }
}

bool parse_period_month(const std::string& text, int& year, int& month) {
  char tail = 0;
  if (text.size() != 7 || std::sscanf(text.c_str(), "%4d-%2d%c", &year, &month, &tail) != 2)
    return false;
  return year >= 2000 && year <= 2200 && month >= 1 && month <= 12;
}

Date period_first_day(int year, int month) {
  return Date{date::year{year}, date::month{static_cast<unsigned>(month)}, date::day{1}};
}

Date period_last_day(int year, int month) {
  return Date{date::year_month_day_last{
      date::year{year}, date::month_day_last{date::month{static_cast<unsigned>(month)}}}};
}

}  // namespace parcours
