// A real, throwaway PostgreSQL server for tests: a cluster made with Debian's initdb in a
// temporary folder, started on a Unix socket there (no TCP port), each test's database made
// fresh, and the server stopped and its folder removed when the test program ends. Run as
// root, the server runs as nobody (initdb refuses root). No mock: the tests of the PostgreSQL
// archive talk to the same server users run.
// Must not be skipped: where the server's programs are missing, it says to run the install script.
#pragma once

#include <string>

namespace papers::test {

class PostgresServer {
 public:
  // The one server of this test program, started at first use.
  static PostgresServer& shared();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  // A new, empty database on the server: its URL, for --archive.
  std::string fresh_database();
  // The server's folder (its socket is there).
  const std::string& folder() const { return folder_; }

 private:
  PostgresServer();
  // Runs a server program (initdb, pg_ctl, createdb) as the server's user; throws if it fails.
  void run(const std::string& program, const std::string& arguments);
  std::string folder_, as_user_;
  int databases_ = 0;
};

}  // namespace papers::test
