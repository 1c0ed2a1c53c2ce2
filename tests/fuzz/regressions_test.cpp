// The fuzz targets' inputs replayed in the ordinary suite (gcc, no libFuzzer): every input kept in
// tests/fuzz/regressions/TARGET/ (what a fuzzer once found, after its fix) and a sample of each
// target's seeds go through the same bodies (entries.h), which throw when a promise is broken.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "tests/fuzz/entries.h"

namespace fs = std::filesystem;

namespace {

const fs::path kSource(PAPERS_SOURCE_DIR);

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void replay(const std::function<void(const std::uint8_t*, std::size_t)>& entry, const std::string& input) {
  entry(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

std::vector<fs::path> files_in(const fs::path& dir, const std::string& extension = "") {
  std::vector<fs::path> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().filename().string()[0] != '.' && (extension.empty() || e.path().extension() == extension) && e.path().filename() != "README.md")
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

const std::map<std::string, std::function<void(const std::uint8_t*, std::size_t)>> kTargets = {
    {"read_file", papers::fuzz::read_file},
    {"text_fields", papers::fuzz::text_fields},
    {"search_query", papers::fuzz::search_query},
    {"http_request", papers::fuzz::http_request}};

}  // namespace

TEST_CASE("fuzz regressions: every kept input of every target replays without a broken promise", "[fuzz]") {
  for (const auto& [name, entry] : kTargets) {
    const fs::path kept = kSource / "tests/fuzz/regressions" / name;
    REQUIRE(fs::is_directory(kept));  // where scripts/fuzz.sh puts what it finds
    for (const fs::path& input : files_in(kept)) {
      INFO(name << ": " << input.filename().string());
      CHECK_NOTHROW(replay(entry, bytes_of(input)));
    }
  }
}

TEST_CASE("fuzz seeds: a sample of each target's seeds keeps its promises", "[fuzz]") {
  for (const fs::path& pdf : files_in(kSource / "corpus/dev", ".pdf")) CHECK_NOTHROW(replay(papers::fuzz::read_file, bytes_of(pdf)));
  CHECK_NOTHROW(replay(papers::fuzz::read_file, bytes_of(kSource / "corpus/scans/09_minutes_resolved.s300.png")));
  for (const fs::path& paper : files_in(kSource / "corpus/sources", ".paper"))
    CHECK_NOTHROW(replay(papers::fuzz::text_fields, bytes_of(paper)));
  for (const std::string q : {"winter service", "\x01recommend*", "\x02\"approved the\"", "NEAR(a b", "t* t* t* t* t*", "\"", "a OR"})
    CHECK_NOTHROW(replay(papers::fuzz::search_query, q));
  for (const std::string r : {"GET /api/search?q=winter HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                              "GET /api/papers?limit=abc HTTP/1.1\r\nHost: localhost\r\n\r\n",
                              "GET /api/overview HTTP/1.1\r\nHost: localhost\r\n\r\n",
                              "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\n\r\nabcd",
                              "GET /papers/zzzzzz/original HTTP/1.1\r\nHost: evil.example\r\n\r\n"})
    CHECK_NOTHROW(replay(papers::fuzz::http_request, r));
}
