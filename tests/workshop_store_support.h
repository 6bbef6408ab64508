// A fresh migrated database, on one backend, with the organisations, people and cases the
// storage contract tests of workshops and the professional file need
// (storage_workshop_test.cc, storage_document_test.cc).
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "app/ports.h"
#include "db_support.h"
#include "storage/soci_store.h"

namespace parcours::testing_support {

inline Instant at(long long seconds) {
  return Instant{std::chrono::seconds{seconds}};
}

inline Date day(int y, unsigned m, unsigned d) {
  return Date{date::year{y}, date::month{m}, date::day{d}};
}

template <typename T>
std::vector<Id> ids(const std::vector<T>& rows) {
  std::vector<Id> out;
  for (const T& r : rows) out.push_back(r.id);
  return out;
}

class WorkshopStoreBase : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Runs fn in a transaction that must commit.
  void write(const std::function<void(Repos&)>& fn);
  // Runs fn in a transaction expected to fail; returns the error.
  Error failing_write(const std::function<void(Repos&)>& fn);
  // Rows of a table, counted on a connection of the test's own.
  long long count_rows(const std::string& table);

  // Runs fn in a committed transaction and returns its value.
  template <typename Fn>
  auto in_tx(Fn fn) {
    using T = decltype(fn(std::declval<Repos&>()));
    Result<T> r =
        parcours::transact<T>(*store_, [&](Repos& repos) -> Result<T> { return fn(repos); });
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::move(r.value()) : T{};
  }

  // Runs fn in a read transaction and returns its value.
  template <typename Fn>
  auto in_read(Fn fn) {
    using T = decltype(fn(std::declval<Repos&>()));
    Result<T> r = parcours::read<T>(*store_, [&](Repos& repos) -> Result<T> { return fn(repos); });
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::move(r.value()) : T{};
  }

  // A workshop of provider_ for spip_ with only the mandatory fields.
  Workshop workshop(const std::string& theme = "cv", Id provider = 0, Id spip = 0) const;
  Id add_workshop(const Workshop& w);
  WorkshopSession workshop_session(Id workshop_id, int number, Date d, int start = 540) const;
  Id add_workshop_session(Id workshop_id, int number, Date d, int start = 540,
                          const std::string& status = "planned");
  Id add_participant(Id workshop_id, Id prescription_id, Id person_id);
  Id add_prescription(Id person_id, Id provider);
  Id add_person(const std::string& last, const std::string& first);

  std::string url_;
  std::unique_ptr<SociStore> store_;
  Id spip_ = 0, other_spip_ = 0, site_ = 0, provider_ = 0, other_provider_ = 0, partner_ = 0;
  Id other_partner_ = 0;
  Id cpip_ = 0, intervenant_ = 0, other_intervenant_ = 0;
  Id lot_ = 0, place_ = 0;
  Id person_ = 0, other_person_ = 0;
  Id case_ = 0, other_case_ = 0;  // person_'s case with provider_, other_person_'s with the other
};

}  // namespace parcours::testing_support
