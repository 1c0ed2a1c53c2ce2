// Bad input: every kind of unreadable file gets a clear reason and a failures row, the batch
// goes on, nothing already archived is lost, a re-run adds no duplicates; the real corpus's
// text-layer papers all archive; a serial and a parallel run give the same archive.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <map>

#include "archive/archive.h"
#include "pipeline/pipeline.h"
#include "pipeline/record_json.h"
#include "tests/text_fixture.h"

namespace fs = std::filesystem;
using namespace papers;

namespace {

class TestSink : public PipelineSink {
 public:
  explicit TestSink(Archive& a) : archive_(a) {}
  // (already_archived comes from another stage than the rest: one archive call at a time.)
  bool already_archived(const std::string& sha, const std::string&) override {
    std::lock_guard<std::mutex> lock(mutex_);
    return archive_.contains(sha);
  }
  void archived(Record r) override {
    std::lock_guard<std::mutex> lock(mutex_);
    archive_.put(r, record_to_json(r));
  }
  void skipped(const std::string& path, const std::string& sha) override {
    std::lock_guard<std::mutex> lock(mutex_);
    archive_.add_path(sha, path);
  }
  void failed(Failure f) override {
    std::lock_guard<std::mutex> lock(mutex_);
    archive_.put_failure(f);
  }

 private:
  Archive& archive_;
  std::mutex mutex_;
};

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::temp_directory_path() / ("papers-test-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::map<std::string, std::string> failures_by_name(Archive& a) {
  std::map<std::string, std::string> out;
  for (const Failure& f : a.failures()) out[fs::path(f.path).filename().string()] = f.reason;
  return out;
}

const fs::path kSource(PAPERS_SOURCE_DIR);

}  // namespace

TEST_CASE("bad input: each is reported / recorded and skipped / the batch goes on", "[bad-input]") {
  const fs::path dir = fresh_dir("bad");
  const std::string good_pdf = read_all(kSource / "corpus/dev/01_memo_county_highways.pdf");
  fs::copy_file(kSource / "corpus/seeds/000_2fd81aa742bb2f43.txt", dir / "good.txt");
  write(dir / "good.pdf", good_pdf);
  write(dir / "empty.pdf", "");
  write(dir / "zip-named.pdf", std::string("PK\x03\x04\x14\x00\x00\x00\x08\x00", 10) + std::string(200, '\x01'));
  write(dir / "truncated.pdf", good_pdf.substr(0, 700));
  write(dir / "corrupt.pdf", "%PDF-1.4\n" + std::string(4000, '\x07') + "\n%%EOF\n");
  write(dir / "latin1.txt", "Report to the Board\n\nThe caf\xe9 budget for 2019/20 is \xa3" "5,000.\n");
  write(dir / "binary.txt", std::string("abc\0def\0ghi", 11));
  fs::create_symlink(dir / "nowhere.pdf", dir / "dangling.pdf");
  REQUIRE(::mkfifo((dir / "pipe.pdf").c_str(), 0600) == 0);
  // Encrypted: qpdf (a test dependency) encrypts the good PDF with a user password.
  const std::string qpdf = "qpdf --encrypt secret owner 256 -- '" + (dir / "good.pdf").string() + "' '" + (dir / "encrypted.pdf").string() + "'";
  REQUIRE(std::system(qpdf.c_str()) == 0);

  const fs::path db = fs::path(dir.string() + ".db");
  {
    Archive archive(db.string());
    TestSink sink(archive);
    PipelineCounts counts = run_pipeline({dir.string()}, PipelineOptions{2, 0, {}, {}, {}, false, {}, {}}, sink);
    CHECK(counts.archived == 2);
    CHECK(counts.failed == 9);
    const auto f = failures_by_name(archive);
    CHECK(f.at("empty.pdf").find("empty file") != std::string::npos);
    CHECK(f.at("zip-named.pdf").find("(the name says PDF)") != std::string::npos);
    CHECK(f.at("truncated.pdf").find("damaged PDF") != std::string::npos);
    CHECK(f.at("corrupt.pdf").find("damaged PDF") != std::string::npos);
    CHECK(f.at("encrypted.pdf").find("encrypted PDF") != std::string::npos);
    CHECK(f.at("latin1.txt").find("not UTF-8") != std::string::npos);
    CHECK(f.at("binary.txt").find("unsupported content") != std::string::npos);
    CHECK(f.at("dangling.pdf").find("broken symbolic link") != std::string::npos);
    CHECK(f.at("pipe.pdf").find("not a regular file") != std::string::npos);
    CHECK(archive.stats().papers == 2);
  }
  {
    // A re-run archives nothing twice and keeps what was archived.
    Archive archive(db.string());
    TestSink sink(archive);
    PipelineCounts counts = run_pipeline({dir.string()}, PipelineOptions{1, 0, {}, {}, {}, false, {}, {}}, sink);
    CHECK(counts.archived == 0);
    CHECK(counts.skipped == 2);
    CHECK(archive.stats().papers == 2);
  }
  fs::remove_all(dir);
  fs::remove(db);
}

TEST_CASE("bad input: a file named .pdf that holds text is read as text / with a warning", "[bad-input]") {
  const fs::path dir = fresh_dir("misnamed");
  fs::copy_file(kSource / "corpus/seeds/001_e546f663aee729a3.txt", dir / "really-text.pdf");
  auto r = extract_file((dir / "really-text.pdf").string());
  REQUIRE(r.ok());
  CHECK(r.value().source.media_type == "text/plain");
  CHECK(r.value().source.warning.find("the name says PDF") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("a text dump that opens with From: / To: / Subject: is read as text, not refused as mail", "[bad-input]") {
  const fs::path dir = fresh_dir("from-header");
  {
    std::ofstream out(dir / "cabinet-report.txt");
    out << "From:\tDerek Holt, Cabinet Member for Community and Regulatory Services\n"
           "To:\tCabinet - 4th March 2025\n"
           "Subject:\tLibraries, Registration and Archives Strategy 2025-2030\n"
           "Classification:\tUnrestricted\n\n"
           "Summary: This report sets out the strategy.\n";
  }
  auto r = extract_file((dir / "cabinet-report.txt").string());
  REQUIRE(r.ok());
  CHECK(r.value().source.media_type == "text/plain");  // libmagic says message/rfc822
  CHECK(r.value().source.warning.empty());
  CHECK(r.value().text.find("Libraries, Registration and Archives Strategy") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("bad input: the command line reports failures and exits 3", "[bad-input][cli]") {
  const fs::path dir = fresh_dir("cli");
  write(dir / "empty.pdf", "");
  fs::copy_file(kSource / "corpus/seeds/000_2fd81aa742bb2f43.txt", dir / "good.txt");
  const std::string cmd = std::string(PAPERS_BINARY) + " --archive '" + (dir / "a.db").string() + "' ingest '" + dir.string() +
                          "' 2> '" + (dir / "err.txt").string() + "'";
  const int status = std::system(cmd.c_str());
  CHECK(WEXITSTATUS(status) == 3);
  const std::string err = read_all(dir / "err.txt");
  CHECK(err.find("failed: " + (dir / "empty.pdf").string() + ": empty file") != std::string::npos);
  CHECK(err.find("1 archived") != std::string::npos);
  fs::remove_all(dir);
}

TEST_CASE("real corpus: every paper archives / text layers read as text / scans OCR'd", "[corpus][realcorpus][ocr]") {
  const fs::path real = papers::test::realcorpus_dir();
  INFO("the real corpus is read from " << real << " (set PAPERS_REALCORPUS to move it)");
  if (!papers::test::have_folder(real)) return;
  const fs::path dir = fresh_dir("real");
  Archive archive((dir / "a.db").string());
  TestSink sink(archive);
  PipelineCounts counts = run_pipeline({real.string()}, PipelineOptions{}, sink);
  for (const auto& [name, reason] : failures_by_name(archive)) FAIL_CHECK(name << ": " << reason);
  CHECK(counts.failed == 0);
  std::map<std::string, std::string> method;  // file name -> extraction method
  archive.each_record([&](const nlohmann::json& r) {
    method[fs::path(r["source"]["path"].get<std::string>()).filename().string()] = r["extraction"]["method"];
  });
  int pdfs = 0;
  for (const auto& e : fs::directory_iterator(real)) {
    const std::string name = e.path().filename().string();
    const std::string ext = e.path().extension().string();
    if (ext != ".pdf" && ext != ".jpg") continue;
    INFO(name);
    REQUIRE(method.count(name));
    if (ext == ".jpg") CHECK(method[name] == "image-ocr");
    if (ext == ".pdf") ++pdfs;
  }
  CHECK(pdfs == 23);
  // The README's image-only scans are OCR'd page by page; its text-layer papers keep their text
  // layer (the two scans with an old OCR layer keep theirs too: it reads as words).
  for (const char* scan : {"rivergrove_1974-City-Charter.pdf", "rivergrove_1976-Res-#22-PC.pdf", "jfk_176-10011-10152.pdf",
                           "jfk_124-10180-10295.pdf", "jfk_62-116395-2nd_nr_250x.pdf"})
    CHECK(method[scan] == "pdf-ocr");
  for (const char* text : {"kent_Printed minutes 30th-Jan-2025 10.00 Cabinet.pdf", "lametro_test_agenda.pdf",
                           "dgu_TB(4)1 Transparency Board agenda - 11.01.11.pdf", "suffolklib_board-meeting-minutes-2013-05-29.pdf"})
    CHECK(method[text] == "pdf-text");
  fs::remove_all(dir);
}

TEST_CASE("a serial run and a parallel run give the same archive", "[pipeline]") {
  const fs::path dir = fresh_dir("serial");
  std::vector<std::string> records[2];
  int i = 0;
  for (int jobs : {1, 4}) {
    Archive archive((dir / ("a" + std::to_string(jobs) + ".db")).string());
    TestSink sink(archive);
    run_pipeline({(kSource / "corpus").string()}, PipelineOptions{jobs, 0, {}, {}, {}, false, {}, {}}, sink);
    archive.each_record([&](const nlohmann::json& r) { records[i].push_back(r.dump()); });
    std::sort(records[i].begin(), records[i].end());
    ++i;
  }
  CHECK(records[0].size() >= 24);
  CHECK(records[0] == records[1]);
  fs::remove_all(dir);
}
