// Temporary stubs: replaced by the real implementation.
#include <stdexcept>

#include "storage/repositories.h"

namespace parcours::storage {

Id SqlPersonRepository::insert(const Person&) {
  throw std::runtime_error("insert");
}
void SqlPersonRepository::update(const Person&) {
  throw std::runtime_error("update");
}
std::optional<Person> SqlPersonRepository::find(Id) {
  throw std::runtime_error("find");
}
std::vector<Person> SqlPersonRepository::search(const PersonQuery&) {
  throw std::runtime_error("search");
}
int SqlPersonRepository::count(const PersonQuery&) {
  throw std::runtime_error("count");
}

}  // namespace parcours::storage
