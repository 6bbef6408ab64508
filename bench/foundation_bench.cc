// Foundation benchmarks (make bench): what every signed-in page pays — the session lookup
// with its memberships — the page rendering, and the sign-in password check.
#include <benchmark/benchmark.h>

#include <filesystem>

#include "app/auth.h"
#include "app/reference.h"
#include "app/secrets.h"
#include "app/system_clock.h"
#include "cli/commands.h"
#include "http/templates.h"
#include "seed/demo.h"
#include "storage/soci_store.h"

namespace {

using namespace parcours;

// One demo database shared by the benchmarks of this process (SQLite file under build/).
struct DemoDb {
  std::unique_ptr<SociStore> store;
  SystemClock clock;
  DemoDb() {
    const std::string dir = "build/bench";
    std::filesystem::create_directories(dir);
    std::filesystem::remove(dir + "/bench.db");
    auto s = SociStore::open("sqlite:" + dir + "/bench.db", 2);
    if (!s.ok()) throw std::runtime_error(s.error().message);
    store = std::move(*s);
    (void)store->migrate();
    auto d = load_demo(*store, cli::read_file(bundled_reference_path()));
    if (!d.ok()) throw std::runtime_error(d.error().message);
  }
};

DemoDb& db() {
  static DemoDb d;
  return d;
}

void BM_SessionLookup(benchmark::State& state) {
  AuthService auth(*db().store, db().clock);
  auto in = auth.login("coordination@demo.parcours.fr", kDemoPassword, "127.0.0.1");
  if (!in.ok()) state.SkipWithError("login failed");
  for (auto _ : state) {
    auto s = auth.session(in->session_token);
    benchmark::DoNotOptimize(s.ok());
  }
}
BENCHMARK(BM_SessionLookup)->Unit(benchmark::kMicrosecond);

void BM_RenderListPage(benchmark::State& state) {
  http::Templates t(PARCOURS_SOURCE_DIR "/web/templates");
  nlohmann::json rows = nlohmann::json::array();
  for (int i = 0; i < state.range(0); ++i)
    rows.push_back(
        {{"cells",
          {{{"text", "Établissement de démonstration n° " + std::to_string(i)}, {"href", "/x"}},
           {{"text", "Établissement pénitentiaire"}},
           {{"text", "EP-" + std::to_string(i)}}}}});
  nlohmann::json view = {
      {"heading", "Organisations"},
      {"caption", "Liste"},
      {"columns", {{{"label", "Nom"}}, {{"label", "Type"}}, {{"label", "Code"}}}},
      {"rows", rows},
      {"empty", false},
      {"actions", nlohmann::json::array()}};
  for (auto _ : state) {
    auto html = t.render("list", view);
    benchmark::DoNotOptimize(html.size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_RenderListPage)->Arg(50)->Arg(500)->Unit(benchmark::kMicrosecond);

void BM_PasswordVerify(benchmark::State& state) {
  const std::string hash = hash_password("Parcours-demo-2025");
  for (auto _ : state) benchmark::DoNotOptimize(verify_password(hash, "Parcours-demo-2025"));
}
BENCHMARK(BM_PasswordVerify)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
