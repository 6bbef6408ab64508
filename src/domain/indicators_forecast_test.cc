// SPEC INV-2: the exhaustion forecast of a volume stays within the contract — past its last day
// the dashboard says the volume will not run out before the contract ends.
#include <gtest/gtest.h>

#include "domain/indicators.h"

namespace parcours {
namespace {

using namespace date::literals;

TEST(IndicatorsForecast, INV_2_ForecastBeyondTheContractEndSaysSo) {
  const Date as_of = 2025_y / date::May / 31;
  const Date last_day = 2026_y / date::December / 31;
  // 10 000 h left at 90 h per 90 days: about 27 years, far beyond the contract.
  const auto far = forecast_exhaustion(0, 10'000, 90 * 60, 90, as_of, last_day);
  EXPECT_EQ(far.kind, Exhaustion::Kind::beyond_contract);
  EXPECT_EQ(far.date, last_day);
  EXPECT_EQ(exhaustion_label(far),
            "Au rythme actuel, le volume ne sera pas épuisé avant la fin du marché "
            "(31 décembre 2026)");
  // 60 h left at 90 h per 90 days: runs out on 30 July 2025, within the contract.
  const auto near = forecast_exhaustion(40 * 60, 100, 90 * 60, 90, as_of, last_day);
  EXPECT_EQ(near.kind, Exhaustion::Kind::on_date);
  EXPECT_EQ(exhaustion_label(near), "mercredi 30 juillet 2025");
  // Running out on the last day itself is still within the contract.
  const auto on_last = forecast_exhaustion(0, 1, 60, 1, 2026_y / date::December / 30, last_day);
  EXPECT_EQ(on_last.kind, Exhaustion::Kind::on_date);
  EXPECT_EQ(on_last.date, last_day);
  // Without a contract end, the date as before.
  EXPECT_EQ(forecast_exhaustion(0, 10'000, 90 * 60, 90, as_of).kind, Exhaustion::Kind::on_date);
}

}  // namespace
}  // namespace parcours
