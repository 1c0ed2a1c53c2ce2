// `papers eval`: the matching rules on small records made here, where an expected record is
// found, the command's exit status and JSON, and the development set held at the F1 it reaches
// (text-layer papers and their scanned twins), so that quality can only go up.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <tuple>
#include <sstream>

#include "evaluation/evaluation.h"
#include "evaluation/outcomes_eval.h"
#include "evaluation/packs_eval.h"
#include "tests/text_fixture.h"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace papers;

namespace {

const FieldScore& score_of(const EvalReport& r, const std::string& field) {
  for (const auto& [name, score] : r.fields)
    if (name == field) return score;
  FAIL("no field " << field);
  throw;
}

EvalReport score_one(const json& got, const json& want) {
  EvalReport r = make_report("test");
  score_paper("paper.pdf", got, want, r);
  return r;
}



}  // namespace

TEST_CASE("eval: texts match after case folding and white space / dates exactly", "[eval]") {
  const json want = {{"title", "Libraries, Registration and  Archives Strategy"}, {"meeting_date", "2025-03-04"}};
  auto r = score_one({{"title", "LIBRARIES, REGISTRATION AND ARCHIVES\nSTRATEGY"}, {"meeting_date", "2025-03-04"}}, want);
  CHECK(score_of(r, "title").tp == 1);
  CHECK(score_of(r, "meeting_date").tp == 1);
  CHECK(r.misses.empty());

  // A date one day out is wrong: one false positive and one false negative.
  r = score_one({{"title", "Libraries, Registration and Archives Strategy"}, {"meeting_date", "2025-03-05"}}, want);
  CHECK(score_of(r, "meeting_date").fp == 1);
  CHECK(score_of(r, "meeting_date").fn == 1);
  CHECK(score_of(r, "meeting_date").f1() == 0.0);
  REQUIRE(r.misses.size() == 1);
  CHECK(r.misses[0].field == "meeting_date");
  CHECK(r.misses[0].missing == json::array({"2025-03-04"}));
  CHECK(r.misses[0].unexpected == json::array({"2025-03-05"}));

  // A text with a different word is wrong, however close.
  r = score_one({{"title", "Libraries, Registration and Archive Strategy"}}, want);
  CHECK(score_of(r, "title").tp == 0);
}

TEST_CASE("eval: null is no value / a guess where none is expected is a false positive", "[eval]") {
  auto r = score_one({{"agenda_item", nullptr}, {"author", "Jane Smith"}}, {{"agenda_item", nullptr}, {"author", nullptr}});
  CHECK(score_of(r, "agenda_item").tp + score_of(r, "agenda_item").fp + score_of(r, "agenda_item").fn == 0);
  CHECK(score_of(r, "author").fp == 1);
  CHECK(score_of(r, "author").fn == 0);
  CHECK(score_of(r, "author").precision() == 0.0);
  r = score_one({{"author", nullptr}}, {{"author", "Jane Smith"}});
  CHECK(score_of(r, "author").fn == 1);
  CHECK(score_of(r, "author").recall() == 0.0);
  // A field the expected record does not hold is not scored.
  r = score_one({{"organisation", "Kent County Council"}}, json::object());
  CHECK(score_of(r, "organisation").fp == 0);
}

TEST_CASE("eval: list fields are multisets / legal references by Act and section", "[eval]") {
  const json want = {
      {"recommendations", {{{"number", "1"}, {"text", "NOTE the report."}}, {{"number", "2"}, {"text", "APPROVE the plan."}}}},
      {"legal_references",
       {{{"text", "s.151 of the Local Government Act 1972"}, {"act", "Local Government Act 1972"}, {"section", "151"}},
        {{"text", "the Localism Act 2011"}, {"act", "Localism Act 2011"}, {"section", nullptr}}}}};
  const json got = {
      // numbered differently, same texts: both right
      {"recommendations", {{{"number", "a"}, {"text", "note the report."}}, {{"number", "b"}, {"text", "APPROVE the plan."}},
                           {{"number", "c"}, {"text", "AGREE the budget."}}}},
      // written another way, same Act and section: right; another section: wrong
      {"legal_references",
       {{{"text", "section 151 of the Local Government Act 1972"}, {"act", "Local Government Act 1972"}, {"section", "151"}},
        {{"text", "section 1 of the Localism Act 2011"}, {"act", "Localism Act 2011"}, {"section", "1"}}}}};
  auto r = score_one(got, want);
  CHECK(score_of(r, "recommendations").tp == 2);
  CHECK(score_of(r, "recommendations").fp == 1);
  CHECK(score_of(r, "recommendations").fn == 0);
  CHECK(score_of(r, "legal_references").tp == 1);
  CHECK(score_of(r, "legal_references").fp == 1);
  CHECK(score_of(r, "legal_references").fn == 1);
  CHECK(r.overall.tp == 3);
  CHECK(r.overall.fp == 2);
  CHECK(r.overall.fn == 1);
  CHECK(r.overall.precision() == Approx(3.0 / 5.0));
  CHECK(r.overall.recall() == Approx(3.0 / 4.0));
}

TEST_CASE("eval: a contact is right only with its name, role, e-mail and phone", "[eval]") {
  const json c = {{"name", "Claire Mears"}, {"role", "Head of Libraries"}, {"email", "claire.mears@kent.gov.uk"}, {"phone", "+443000417102"}};
  json upper = c;
  upper["email"] = "Claire.Mears@kent.gov.uk";
  auto r = score_one({{"contacts", {upper}}}, {{"contacts", {c}}});
  CHECK(score_of(r, "contacts").tp == 1);
  json wrong_phone = c;
  wrong_phone["phone"] = "+443000417103";
  r = score_one({{"contacts", {wrong_phone}}}, {{"contacts", {c}}});
  CHECK(score_of(r, "contacts").tp == 0);
  CHECK(score_of(r, "contacts").fp == 1);
  CHECK(score_of(r, "contacts").fn == 1);
}

TEST_CASE("eval: decisions scored by text apart from recommendations / F1 per publisher", "[eval]") {
  const json want = {{"publisher", "Souldern Parish Council"},
                     {"recommendations", json::array()},
                     {"decisions", {{{"number", "4"}, {"text", "the minutes be approved."}}}}};
  // The decision extracted as a recommendation is wrong twice: a recommendation not expected and a
  // decision missed.
  EvalReport r = make_report("test");
  score_paper("a.pdf", {{"recommendations", {{{"text", "the minutes be approved."}}}}}, want, r);
  CHECK(score_of(r, "recommendations").fp == 1);
  CHECK(score_of(r, "decisions").fn == 1);
  // Found as a decision (number not scored), it is right.
  score_paper("b.pdf", {{"decisions", {{{"number", nullptr}, {"text", "The minutes be approved."}}}}}, want, r);
  CHECK(score_of(r, "decisions").tp == 1);
  // A second publisher, all right; a record naming none is in no publisher's sum.
  score_paper("c.pdf", {{"title", "Agenda"}}, {{"publisher", "Kent County Council"}, {"title", "AGENDA"}}, r);
  score_paper("d.pdf", {{"title", "X"}}, {{"title", "Y"}}, r);
  REQUIRE(r.publishers.size() == 2);
  CHECK(r.publishers[0].name == "Souldern Parish Council");
  CHECK(r.publishers[0].papers == 2);
  CHECK(r.publishers[0].score.tp == 1);
  CHECK(r.publishers[0].score.fp == 1);
  CHECK(r.publishers[0].score.fn == 1);
  CHECK(r.publishers[1].name == "Kent County Council");
  CHECK(r.publishers[1].score.f1() == 1.0);
  const std::string table = report_table(r);
  CHECK(table.find("Souldern Parish Council") < table.find("Kent County Council"));  // weakest first
  CHECK(report_json(r)["publishers"]["Kent County Council"]["papers"] == 1);
}

TEST_CASE("eval: where a paper's expected record is found", "[eval]") {
  const fs::path dir = papers::test::fresh_temp_dir("eval-expected");
  const fs::path other = papers::test::fresh_temp_dir("eval-expected-other");
  std::ofstream(dir / "07_exempt.expected.json") << "{}";
  std::ofstream(other / "09_minutes.expected.json") << "{}";
  CHECK(expected_record_for(dir / "07_exempt.pdf", {}) == dir / "07_exempt.expected.json");
  CHECK(expected_record_for(dir / "07_exempt.rot180.pdf", {}) == dir / "07_exempt.expected.json");
  CHECK(!expected_record_for(dir / "09_minutes.s300.png", {}));
  CHECK(expected_record_for(dir / "09_minutes.s300.png", {other}) == other / "09_minutes.expected.json");
  CHECK(expected_record_for(dir / "09_minutes.s300.png", {dir, other}) == other / "09_minutes.expected.json");
  fs::remove_all(dir);
  fs::remove_all(other);
}

TEST_CASE("eval: the command scores a folder / --json / --min-f1 sets the exit status", "[eval][cli]") {
  const fs::path dir = papers::test::fresh_temp_dir("eval-cli");
  std::ofstream(dir / "memo.txt") << "From: County Treasurer\nTo: Policy and Resources Committee\nDate: 3 February 1994\n"
                                     "Subject: COUNCIL TAX SETTING 1994/95\n\n1. Recommendations\n\n"
                                     "1.1 The Committee is recommended to NOTE the report.\n";
  // The right title, and a meeting date the paper does not give.
  std::ofstream(dir / "memo.expected.json") << R"({"title": "Council Tax Setting 1994/95", "meeting_date": "1994-02-10"})";
  std::ofstream(dir / "no-label.txt") << "Nothing labelled here.\n";
  const std::string base = std::string(PAPERS_BINARY) + " eval '" + dir.string() + "'";
  const fs::path out = dir.string() + ".json";  // outside the folder scored
  int status = std::system((base + " --json > '" + out.string() + "'").c_str());
  CHECK(WEXITSTATUS(status) == 0);
  const json report = json::parse(papers::test::read_whole_file(out));
  fs::remove(out);
  CHECK(report["papers"] == 1);
  CHECK(report["without_expected"] == 1);
  CHECK(report["fields"]["title"]["tp"] == 1);
  CHECK(report["fields"]["meeting_date"]["fn"] == 1);
  CHECK(report["overall"]["f1"].get<double>() == Approx(2.0 / 3.0));
  REQUIRE(report["misses"].size() == 1);
  CHECK(report["misses"][0]["field"] == "meeting_date");

  status = std::system((base + " --min-f1 0.9 > /dev/null").c_str());
  CHECK(WEXITSTATUS(status) == 3);
  status = std::system((base + " --min-f1 0.6 > /dev/null").c_str());
  CHECK(WEXITSTATUS(status) == 0);

  // --batch scores only the records of that labelling batch; expected records in two folders.
  const fs::path labels = dir.string() + "-labels";
  fs::create_directories(labels);
  std::ofstream(dir / "second.txt") << "Subject: ALLOTMENT RENTS\n\nThe Council is asked to approve the rents.\n";
  std::ofstream(labels / "second.expected.json") << R"({"batch": 2, "title": "Allotment Rents"})";
  const std::string both = base + " --expected '" + labels.string() + "' --json";
  status = std::system((both + " > '" + out.string() + "'").c_str());
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(json::parse(papers::test::read_whole_file(out))["papers"] == 2);
  status = std::system((both + " --batch 2 > '" + out.string() + "'").c_str());
  CHECK(WEXITSTATUS(status) == 0);
  const json batch = json::parse(papers::test::read_whole_file(out));
  CHECK(batch["papers"] == 1);
  CHECK(batch["fields"]["title"]["tp"] == 1);
  status = std::system((both + " --batch 3 > /dev/null 2>&1").c_str());
  CHECK(WEXITSTATUS(status) == 4);  // no labelled paper of that batch
  fs::remove(out);
  fs::remove_all(labels);
  fs::remove_all(dir);
}

// The development set and its scanned twins, held at what they reach now. Raise these when the
// set or the extractors improve; never lower them to make a change pass.
TEST_CASE("eval: development set / text-layer papers at F1 1.000 / scanned twins at 0.995", "[eval][corpus][ocr]") {
  const fs::path corpus = fs::path(PAPERS_SOURCE_DIR) / "corpus";
  const EvalReport text = evaluate({{(corpus / "dev").string()}, {}, {}}, PipelineOptions{});
  CHECK(text.papers >= 60);
  CHECK(text.failed.empty());
  INFO(report_table(text));
  CHECK(text.overall.f1() >= 1.0);

  const EvalReport scans = evaluate({{(corpus / "scans").string()}, {corpus / "dev"}, {}}, PipelineOptions{});
  CHECK(scans.papers >= 19);
  CHECK(scans.failed.empty());
  INFO(report_table(scans));
  CHECK(scans.overall.f1() >= 0.995);
}

// Real Kent County Council papers (../shared/realcorpus, read in place), labelled by hand in
// tests/realcorpus/ (see its README for the judgement calls). Held at what they reach now.
TEST_CASE("eval: real Kent papers / labelled by hand / held at the F1 they reach", "[eval][corpus][realcorpus]") {
  const fs::path labels = fs::path(PAPERS_SOURCE_DIR) / "tests/realcorpus";
  PipelineOptions options;
  options.text.ocr.mode = OcrOptions::Mode::never;  // the labelled papers have text layers
  if (!papers::test::have_folder(papers::test::realcorpus_dir())) return;
  const EvalReport kent = evaluate({{papers::test::realcorpus_dir().string()}, {labels}, 0}, options);
  CHECK(kent.papers == 3);
  CHECK(kent.failed.empty());
  INFO(report_table(kent));
  CHECK(kent.overall.f1() >= 1.0);
}

// Real papers of sixteen publishers (../shared/realcorpus and realcorpus2, read in place), labelled
// by hand in tests/realcorpus and tests/realcorpus2 (rules: tests/realcorpus2/LABELLING.md), batch
// by batch; their first-look and after-fix figures are in corpus/FIRST_LOOK.md. Each scored batch
// is held at what it reaches now (raise these as the extractors improve, never lower them).
// Batches 6 to 9 are held below; every labelled batch has had its first look.
TEST_CASE("eval: real papers of many publishers / batches 1-5 held at the F1 they reach", "[eval][corpus][realcorpus]") {
  if (!papers::test::have_folder(papers::test::realcorpus_dir()) || !papers::test::have_folder(papers::test::realcorpus2_dir())) return;
  const fs::path source(PAPERS_SOURCE_DIR);
  PipelineOptions options;
  options.text.ocr.mode = OcrOptions::Mode::never;  // batches 1-5 are text layers and text dumps
  const std::pair<int, double> floors[] = {{1, 0.940}, {2, 0.970}, {3, 0.957}, {4, 0.935}, {5, 0.900}};
  FieldScore all;
  long papers = 0;
  std::set<std::string> publishers;
  for (const auto& [batch, floor] : floors) {
    const EvalReport r = evaluate({{papers::test::realcorpus_dir().string(), papers::test::realcorpus2_dir().string()},
                                   {source / "tests/realcorpus", source / "tests/realcorpus2"},
                                   batch},
                                  options);
    INFO("batch " << batch << "\n" << report_table(r, 40));
    CHECK(r.failed.empty());
    CHECK(r.papers >= 10);
    CHECK(r.overall.f1() >= floor);
    all.add(r.overall);
    papers += r.papers;
    for (const auto& p : r.publishers) publishers.insert(p.name);
  }
  CHECK(papers >= 56);
  CHECK(publishers.size() >= 16);
  CHECK(all.f1() >= 0.939);
}

// Batches 6 to 9, after the fixes their first looks (0.418, 0.090, 0.338 and 0.830,
// corpus/FIRST_LOOK.md) prompted: election notices, an appeal decision, a parish's response, a
// community college's agenda and calendar and three scans (6); US typescripts and scans, every
// page OCR'd (7); scanned parish minutes and agendas (8); Kent papers of kinds not labelled
// before, EqIAs, budget appendices, Cabinet minutes, a minister's letter (9).
TEST_CASE("eval: real papers / batches 6 to 9 (notices, decisions, US and parish scans, Kent's other kinds) held at the F1 they reach", "[eval][corpus][realcorpus]") {
  if (!papers::test::have_folder(papers::test::realcorpus_dir()) || !papers::test::have_folder(papers::test::realcorpus2_dir())) return;
  const fs::path source(PAPERS_SOURCE_DIR);
  const std::tuple<int, long, double> batches[] = {{6, 10, 0.832}, {7, 12, 0.344}, {8, 6, 0.906}, {9, 10, 0.980}};
  for (const auto& [batch, papers, floor] : batches) {
    const EvalReport r = evaluate({{papers::test::realcorpus_dir().string(), papers::test::realcorpus2_dir().string()},
                                   {source / "tests/realcorpus", source / "tests/realcorpus2"},
                                   batch},
                                  PipelineOptions{});
    INFO("batch " << batch << "\n" << report_table(r, 40));
    CHECK(r.failed.empty());
    CHECK(r.papers == papers);
    CHECK(r.overall.f1() >= floor);
  }
}

TEST_CASE("eval: outcome links of the two Kent meetings / labelled by hand against the printed minutes / held at the precision and recall they reach", "[eval][corpus][realcorpus][outcomes]") {
  if (!papers::test::have_folder(papers::test::realcorpus2_dir())) return;
  const fs::path source(PAPERS_SOURCE_DIR);
  std::string error;
  const OutcomeEvalReport r = evaluate_outcomes(source / "tests/outcomes/kent.outcomes.json", papers::test::realcorpus2_dir(), PipelineOptions{}, &error);
  INFO(outcome_report_table(r));
  CHECK(error.empty());
  CHECK(r.failed.empty());
  CHECK(r.papers == 12);
  CHECK(r.labelled == 36);
  // The issue asks precision >= 0.95 and recall >= 0.90; these are what the linker reaches.
  CHECK(r.precision() >= 1.0);
  CHECK(r.recall() >= 1.0);
  // The recorded vote on the motion that carried the Devolution White Paper's recommendations.
  CHECK(r.votes >= 4);  // links, so a recommendation the report prints twice counts twice
  CHECK(r.votes_right == r.votes);
}

TEST_CASE("eval: outcome labels / an extracted recommendation is the label whose words it shares most", "[eval][outcomes]") {
  CHECK(outcome_label_match("NOTE the forecast revenue overspend of £23.3m (excluding Schools)", "Note the forecast revenue overspend of £23.3m (excluding Schools) and the actions being taken") >= 0.5);
  CHECK(outcome_label_match("Note the Reserves Monitoring, Treasury Management and Prudential", "Note the forecast capital underspend of £111.6m") < 0.5);
  CHECK(outcome_label_match("", "Agree the plan") == 0.0);
}

TEST_CASE("eval: Kent's agenda packs / split at the pages labelled by hand / each part matched to its original", "[eval][corpus][realcorpus][packs]") {
  if (!papers::test::have_folder(papers::test::realcorpus2_dir())) return;
  const fs::path source(PAPERS_SOURCE_DIR);
  std::string error;
  const PackEvalReport r = evaluate_packs(source / "tests/packs", papers::test::realcorpus2_dir(), PipelineOptions{}, &error);
  INFO(pack_report_table(r));
  CHECK(error.empty());
  CHECK(r.failed.empty());
  CHECK(r.packs == 3);
  CHECK(r.parts == 15);
  CHECK(r.parts_right == r.parts);
  CHECK(r.extra_parts == 0);
  CHECK(r.originals == 9);
  CHECK(r.originals_right == r.originals);
}
