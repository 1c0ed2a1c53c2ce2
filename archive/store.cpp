// Which back end a location names, and opening it. See store.h.
#include "archive/store.h"

#include "archive/postgres/postgres_store.h"
#include "archive/sqlite/sqlite_store.h"

namespace papers {

bool is_postgres_location(const std::string& location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::unique_ptr<Store> open_store(const std::string& location, bool read_only, const std::function<void(Store&)>& link_outcomes) {
  if (is_postgres_location(location)) return std::make_unique<PostgresStore>(location, read_only);
  return std::make_unique<SqliteStore>(location, read_only, link_outcomes);
}

}  // namespace papers
