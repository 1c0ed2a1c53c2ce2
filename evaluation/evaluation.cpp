// Scoring of extracted records against expected ones. See evaluation.h.
#include "evaluation/evaluation.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "pipeline/discover.h"
#include "pipeline/normalise.h"
#include "pipeline/record_json.h"

namespace papers {
namespace {

using nlohmann::json;

// Unicode normalisation (and what normalise mends on every page: "15\" July" is "15th July"),
// case folding, white space made one space, trimmed.
std::string fold(const std::string& s) {
  std::string folded;
  icu::UnicodeString::fromUTF8(restore_raised_ordinals(normalise_characters(s))).foldCase().toUTF8String(folded);
  std::string out;
  bool space = false;
  for (char c : folded) {
    const bool white = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (white) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string folded_or_empty(const json& v) { return v.is_string() ? fold(v.get<std::string>()) : std::string(); }
std::string exact_or_empty(const json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

enum class Rule { text, exact };

struct ScalarField {
  const char* name;
  Rule rule;
};
constexpr ScalarField kScalars[] = {
    {"title", Rule::text},       {"body", Rule::text},           {"organisation", Rule::text},
    {"meeting_date", Rule::exact}, {"report_date", Rule::exact}, {"agenda_item", Rule::text},
    {"author", Rule::text},      {"classification", Rule::text},
};

// The key an item of a list field is matched by, and what a person is shown of it.
std::string item_key(const std::string& field, const json& item) {
  if (field == "recommendations" || field == "decisions") return folded_or_empty(item.value("text", json()));
  if (field == "contacts")
    return folded_or_empty(item.value("name", json())) + "\x1f" + folded_or_empty(item.value("role", json())) + "\x1f" +
           lower(exact_or_empty(item.value("email", json()))) + "\x1f" + exact_or_empty(item.value("phone", json()));
  if (field == "legal_references")
    return folded_or_empty(item.value("act", json())) + "\x1f" + exact_or_empty(item.value("section", json()));
  if (field == "dates")
    return exact_or_empty(item.value("kind", json())) + "\x1f" + exact_or_empty(item.value("start", json())) + "\x1f" +
           exact_or_empty(item.value("end", json()));
  if (field == "links") return item.is_string() ? item.get<std::string>() : exact_or_empty(item.value("url", json()));
  return item.dump();
}

json shown(const std::string& field, const json& item) {
  if (field == "recommendations" || field == "decisions") return item.value("text", json());
  if (field == "contacts")
    return json{{"name", item.value("name", json())}, {"role", item.value("role", json())},
                {"email", item.value("email", json())}, {"phone", item.value("phone", json())}};
  if (field == "legal_references") return json{{"act", item.value("act", json())}, {"section", item.value("section", json())}};
  if (field == "dates")
    return json{{"text", item.value("text", json())}, {"kind", item.value("kind", json())},
                {"start", item.value("start", json())}, {"end", item.value("end", json())}};
  if (field == "links") return item.is_string() ? item : item.value("url", json());
  return item;
}

constexpr const char* kLists[] = {"recommendations", "decisions", "contacts", "legal_references", "dates", "links"};

std::string fixed3(double v) {
  char b[16];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}

}  // namespace

const std::vector<std::string>& scored_fields() {
  static const std::vector<std::string> fields = [] {
    std::vector<std::string> f;
    for (const ScalarField& s : kScalars) f.emplace_back(s.name);
    for (const char* l : kLists) f.emplace_back(l);
    return f;
  }();
  return fields;
}

FieldScore& EvalReport::field(const std::string& name) {
  for (auto& [n, score] : fields)
    if (n == name) return score;
  fields.emplace_back(name, FieldScore{});
  return fields.back().second;
}

EvalReport make_report(std::string root) {
  EvalReport r;
  r.root = std::move(root);
  for (const std::string& f : scored_fields()) r.fields.emplace_back(f, FieldScore{});
  return r;
}

void score_paper(const std::string& paper, const json& extracted, const json& expected, EvalReport& report) {
  ++report.papers;
  const FieldScore before = report.overall;
  for (const ScalarField& s : kScalars) {
    if (!expected.contains(s.name)) continue;  // an expected record may leave a field unlabelled
    const json& want = expected[s.name];
    const json got = extracted.value(s.name, json());
    FieldScore score;
    const bool has_want = want.is_string(), has_got = got.is_string();
    const bool same = has_want && has_got &&
                      (s.rule == Rule::exact ? want.get<std::string>() == got.get<std::string>()
                                             : fold(want.get<std::string>()) == fold(got.get<std::string>()));
    if (same) {
      score.tp = 1;
    } else {
      score.fn = has_want ? 1 : 0;
      score.fp = has_got ? 1 : 0;
    }
    if (score.fp || score.fn)
      report.misses.push_back(FieldMiss{paper, s.name, has_want ? json::array({want}) : json::array(),
                                        has_got ? json::array({got}) : json::array()});
    report.field(s.name).add(score);
    report.overall.add(score);
  }
  for (const char* name : kLists) {
    if (!expected.contains(name)) continue;
    const json& want = expected[name];
    const json got = extracted.value(name, json::array());
    std::multimap<std::string, const json*> left;  // expected items not yet matched
    for (const json& item : want) left.emplace(item_key(name, item), &item);
    FieldScore score;
    json unexpected = json::array();
    for (const json& item : got) {
      auto it = left.find(item_key(name, item));
      if (it != left.end()) {
        ++score.tp;
        left.erase(it);
      } else {
        ++score.fp;
        unexpected.push_back(shown(name, item));
      }
    }
    score.fn = static_cast<long>(left.size());
    if (score.fp || score.fn) {
      json missing = json::array();
      for (const json& item : want)  // in the paper's order
        for (auto it = left.begin(); it != left.end(); ++it)
          if (it->second == &item) {
            missing.push_back(shown(name, item));
            break;
          }
      report.misses.push_back(FieldMiss{paper, name, missing, unexpected});
    }
    report.field(name).add(score);
    report.overall.add(score);
  }
  if (const auto p = expected.find("publisher"); p != expected.end() && p->is_string()) {
    const std::string name = p->get<std::string>();
    auto it = std::find_if(report.publishers.begin(), report.publishers.end(),
                           [&](const EvalReport::PublisherScore& s) { return s.name == name; });
    if (it == report.publishers.end()) it = report.publishers.insert(report.publishers.end(), {name, 0, {}});
    ++it->papers;
    it->score.add(FieldScore{report.overall.tp - before.tp, report.overall.fp - before.fp, report.overall.fn - before.fn});
  }
}

std::optional<std::filesystem::path> expected_record_for(const std::filesystem::path& paper,
                                                         const std::vector<std::filesystem::path>& expected_dirs) {
  namespace fs = std::filesystem;
  const std::string stem = paper.stem().string();
  std::vector<std::string> names{stem + ".expected.json"};
  if (const auto dot = stem.find('.'); dot != std::string::npos && dot > 0)
    names.push_back(stem.substr(0, dot) + ".expected.json");
  std::vector<fs::path> folders{paper.parent_path()};
  folders.insert(folders.end(), expected_dirs.begin(), expected_dirs.end());
  std::error_code ec;
  for (const fs::path& folder : folders)
    for (const std::string& name : names)
      if (fs::is_regular_file(folder / name, ec)) return folder / name;
  return std::nullopt;
}

namespace {

// Scores what the pipeline yields, one paper at a time (memory: one record and its expected one).
class EvalSink : public PipelineSink {
 public:
  EvalSink(EvalReport& report, const std::map<std::string, std::filesystem::path>& expected)
      : report_(report), expected_(expected) {}
  bool already_archived(const std::string&, const std::string&) override { return false; }
  void archived(Record record) override { score(record.source.path, record_to_json(record)); }
  void skipped(const std::string& path, const std::string&) override {
    fail(path, "the same bytes as another paper in this set");
  }
  void failed(Failure failure) override { fail(failure.path, failure.reason); }

 private:
  json expected_of(const std::string& path) {
    const auto it = expected_.find(path);
    if (it == expected_.end()) return json::object();
    std::ifstream in(it->second);
    json e = json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (e.is_discarded() || !e.is_object()) {
      report_.failed.emplace_back(it->second.string(), "expected record is not a JSON object");
      return json::object();
    }
    return e;
  }
  void score(const std::string& path, const json& record) { score_paper(path, record, expected_of(path), report_); }
  void fail(const std::string& path, const std::string& reason) {
    report_.failed.emplace_back(path, reason);
    score_paper(path, json::object(), expected_of(path), report_);
  }
  EvalReport& report_;
  const std::map<std::string, std::filesystem::path>& expected_;
};

// The "batch" an expected record names, or nullopt (no such key, or not readable: scoring says so).
std::optional<int> batch_of(const std::filesystem::path& record) {
  std::ifstream in(record);
  const json e = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (e.is_discarded() || !e.is_object()) return std::nullopt;
  const auto b = e.find("batch");
  if (b == e.end() || !b->is_number_integer()) return std::nullopt;
  return b->get<int>();
}

std::string joined(const std::vector<std::string>& roots) {
  std::string out;
  for (const std::string& r : roots) out += (out.empty() ? "" : " ") + r;
  return out;
}

}  // namespace

EvalReport evaluate(const EvalSelection& selection, const PipelineOptions& options, std::string* ocr_error) {
  EvalReport report = make_report(joined(selection.roots));
  std::vector<std::string> paths;
  std::map<std::string, std::filesystem::path> expected;
  Discovery discovery(selection.roots);
  while (std::optional<Document> doc = discovery.next()) {
    if (!doc->skip_reason.empty()) {
      report.failed.emplace_back(doc->path, doc->skip_reason);
      continue;
    }
    if (doc->path.ends_with(".expected.json")) continue;
    const auto record = expected_record_for(doc->path, selection.expected_dirs);
    if (!record) {
      ++report.without_expected;
      continue;
    }
    if (selection.batch && batch_of(*record) != selection.batch) continue;
    paths.push_back(doc->path);
    expected[doc->path] = *record;
  }
  std::sort(paths.begin(), paths.end());
  EvalSink sink(report, expected);
  run_pipeline(paths, options, sink, ocr_error);
  // The sink sees papers in the order they finish; misses are listed by paper.
  std::stable_sort(report.misses.begin(), report.misses.end(),
                   [](const FieldMiss& a, const FieldMiss& b) { return a.paper < b.paper; });
  std::sort(report.failed.begin(), report.failed.end());
  return report;
}

std::string report_table(const EvalReport& report, std::size_t max_misses) {
  std::string out;
  char line[256];
  out += "papers eval " + report.root + ": " + std::to_string(report.papers) + " papers scored (" +
         std::to_string(report.failed.size()) + " failed), " + std::to_string(report.without_expected) +
         " files without an expected record\n\n";
  std::snprintf(line, sizeof line, "%-18s %6s %6s %6s %10s %8s %7s\n", "field", "tp", "fp", "fn", "precision", "recall", "F1");
  out += line;
  const auto row = [&](const std::string& name, const FieldScore& s) {
    std::snprintf(line, sizeof line, "%-18s %6ld %6ld %6ld %10s %8s %7s\n", name.c_str(), s.tp, s.fp, s.fn,
                  fixed3(s.precision()).c_str(), fixed3(s.recall()).c_str(), fixed3(s.f1()).c_str());
    out += line;
  };
  for (const auto& [name, score] : report.fields) row(name, score);
  row("overall", report.overall);
  if (!report.publishers.empty()) {
    std::vector<EvalReport::PublisherScore> by_f1 = report.publishers;
    std::stable_sort(by_f1.begin(), by_f1.end(), [](const auto& a, const auto& b) { return a.score.f1() < b.score.f1(); });
    std::snprintf(line, sizeof line, "\n%-48s %6s %6s %6s %6s %7s\n", "publisher (weakest first)", "papers", "tp", "fp", "fn", "F1");
    out += line;
    for (const auto& p : by_f1) {
      std::snprintf(line, sizeof line, "%-48.48s %6ld %6ld %6ld %6ld %7s\n", p.name.c_str(), p.papers, p.score.tp, p.score.fp,
                    p.score.fn, fixed3(p.score.f1()).c_str());
      out += line;
    }
  }
  if (!report.failed.empty()) {
    out += "\nfailed (no record to score; each expected field counts as missed)\n";
    for (const auto& [paper, reason] : report.failed) out += "  " + paper + ": " + reason + "\n";
  }
  if (!report.misses.empty()) {
    out += "\npapers that miss (- expected, not extracted; + extracted, not expected)\n";
    std::size_t shown_count = 0;
    std::string last_paper;
    for (const FieldMiss& m : report.misses) {
      if (shown_count++ == max_misses) {
        std::snprintf(line, sizeof line, "  ... and %zu more (--json lists all)\n", report.misses.size() - max_misses);
        out += line;
        break;
      }
      if (m.paper != last_paper) out += "  " + m.paper + "\n";
      last_paper = m.paper;
      for (const json& v : m.missing) out += "    " + m.field + " - " + v.dump() + "\n";
      for (const json& v : m.unexpected) out += "    " + m.field + " + " + v.dump() + "\n";
    }
  }
  return out;
}

json report_json(const EvalReport& report) {
  const auto scores = [](const FieldScore& s) {
    return json{{"tp", s.tp}, {"fp", s.fp}, {"fn", s.fn}, {"precision", s.precision()}, {"recall", s.recall()}, {"f1", s.f1()}};
  };
  json out;
  out["root"] = report.root;
  out["papers"] = report.papers;
  out["without_expected"] = report.without_expected;
  out["fields"] = json::object();
  for (const auto& [name, score] : report.fields) out["fields"][name] = scores(score);
  out["overall"] = scores(report.overall);
  out["publishers"] = json::object();
  for (const auto& p : report.publishers) {
    json one = scores(p.score);
    one["papers"] = p.papers;
    out["publishers"][p.name] = one;
  }
  out["failed"] = json::array();
  for (const auto& [paper, reason] : report.failed) out["failed"].push_back({{"paper", paper}, {"reason", reason}});
  out["misses"] = json::array();
  for (const FieldMiss& m : report.misses)
    out["misses"].push_back({{"paper", m.paper}, {"field", m.field}, {"missing", m.missing}, {"unexpected", m.unexpected}});
  return out;
}

}  // namespace papers
