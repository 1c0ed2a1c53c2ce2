// A throwaway PostgreSQL server for tests. See postgres_server.h.
#include "tests/archive/postgres_server.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#ifndef PAPERS_PG_BINDIR
#define PAPERS_PG_BINDIR ""
#endif

namespace papers::test {
namespace fs = std::filesystem;

PostgresServer& PostgresServer::shared() {
  static PostgresServer server;
  return server;
}

void PostgresServer::run(const std::string& program, const std::string& arguments) {
  const std::string path = std::string(PAPERS_PG_BINDIR) + "/" + program;
  const std::string cmd = as_user_ + "'" + path + "' " + arguments + " >>'" + folder_ + "/programs.log' 2>&1";
  if (std::system(cmd.c_str()) != 0)
    throw std::runtime_error("PostgreSQL's " + program + " failed (see " + folder_ + "/programs.log): " + cmd);
}

PostgresServer::PostgresServer() {
  if (std::string(PAPERS_PG_BINDIR).empty() || !fs::exists(std::string(PAPERS_PG_BINDIR) + "/initdb"))
    throw std::runtime_error("PostgreSQL's server (initdb, pg_ctl) is not installed: run scripts/install-deps.sh");
  char tmpl[] = "/tmp/papers-pg-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("cannot make a folder for the test server");
  folder_ = tmpl;
  if (geteuid() == 0) {
    // initdb will not run as root: the server runs as nobody, in a folder of its own.
    if (chown(folder_.c_str(), 65534, 65534) != 0) throw std::runtime_error("cannot give " + folder_ + " to nobody");
    as_user_ = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  }
  run("initdb", "-D '" + folder_ + "/data' -U papers --auth=trust --encoding=UTF8 --locale=C -N");
  // fsync off: a test's database need not outlive a crash of the machine.
  run("pg_ctl", "-D '" + folder_ + "/data' -l '" + folder_ + "/server.log' -w -o \"-k '" + folder_ +
                    "' -c listen_addresses='' -c fsync=off -c full_page_writes=off -c max_connections=50\" start");
}

PostgresServer::~PostgresServer() {
  try {
    run("pg_ctl", "-D '" + folder_ + "/data' -m immediate -w stop");
  } catch (...) {
  }
  std::error_code ec;
  fs::remove_all(folder_, ec);
}

std::string PostgresServer::fresh_database() {
  const std::string name = "archive" + std::to_string(++databases_);
  run("createdb", "-h '" + folder_ + "' -U papers " + name);
  return "postgresql:///" + name + "?host=" + folder_ + "&user=papers";
}

}  // namespace papers::test
