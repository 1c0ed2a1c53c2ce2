// Outcome links scored against labels. See outcomes_eval.h.
#include "evaluation/outcomes_eval.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <set>

#include "archive/outcomes.h"
#include "evaluation/record_collector.h"
#include "pipeline/record_json.h"

namespace papers {
namespace {

using nlohmann::json;

std::set<std::string> plain_words(const std::string& text) {
  std::set<std::string> out;
  std::string w;
  for (unsigned char c : text + " ") {
    if (std::isalnum(c) || c >= 0x80) w.push_back(static_cast<char>(std::tolower(c)));
    else if (!w.empty()) {
      if (w.size() > 2) out.insert(w);
      w.clear();
    }
  }
  return out;
}


// At most n bytes of s, cut at a character's start (a miss line must stay UTF-8 for --json).
std::string cut(const std::string& s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string str(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

double outcome_label_match(const std::string& a, const std::string& b) {
  const std::set<std::string> x = plain_words(a), y = plain_words(b);
  if (x.empty() || y.empty()) return 0;
  std::size_t n = 0;
  for (const std::string& w : x) n += y.count(w);
  return std::max(static_cast<double>(n) / static_cast<double>(x.size()), static_cast<double>(n) / static_cast<double>(y.size()));
}

OutcomeEvalReport evaluate_outcomes(const std::filesystem::path& labels_path, const std::filesystem::path& root,
                                    const PipelineOptions& options, std::string* error) {
  OutcomeEvalReport report;
  std::ifstream in(labels_path);
  const json labels = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (labels.is_discarded() || !labels.is_object() || !labels.contains("papers") || !labels["papers"].is_array()) {
    if (error) *error = labels_path.string() + ": not an outcomes label file (an object with \"papers\")";
    return report;
  }
  // Every labelled paper and every minutes paper named, once each.
  std::set<std::string> files;
  for (const json& p : labels["papers"]) {
    if (!str(p, "paper").empty()) files.insert((root / str(p, "paper")).string());
    if (!str(p, "minutes").empty()) files.insert((root / str(p, "minutes")).string());
  }
  RecordCollector sink;
  run_pipeline(std::vector<std::string>(files.begin(), files.end()), options, sink, error);
  if (error && !error->empty()) return report;
  report.failed = sink.failures;
  std::vector<LinkPaper> papers;
  for (const auto& [path, record] : sink.records) papers.push_back(link_paper_from_record(record_to_json(record)));
  std::vector<const LinkPaper*> minutes;
  for (const LinkPaper& p : papers) minutes.push_back(&p);
  const auto by_path = [&](const std::string& path) -> const LinkPaper* {
    for (const LinkPaper& p : papers)
      if (p.path == path) return &p;
    return nullptr;
  };
  for (const json& labelled : labels["papers"]) {
    const json recs = labelled.value("recommendations", json::array());
    if (recs.empty()) continue;
    ++report.papers;
    const std::string name = str(labelled, "paper");
    const LinkPaper* paper = by_path((root / name).string());
    std::vector<bool> reached(recs.size(), false);
    if (paper) {
      const LinkPaper* minutes_paper = by_path((root / str(labelled, "minutes")).string());
      for (const OutcomeLink& link : link_outcomes(*paper, minutes)) {
        ++report.links;
        const LinkPaper::Recommendation* rec = nullptr;
        for (const LinkPaper::Recommendation& r : paper->recommendations)
          if (r.seq == link.recommendation) rec = &r;
        // The label this recommendation is.
        std::size_t best = recs.size();
        double best_score = 0.5;
        for (std::size_t i = 0; i < recs.size(); ++i) {
          const double s = outcome_label_match(rec ? rec->text : "", str(recs[i], "text"));
          if (s >= best_score) {
            best_score = s;
            best = i;
          }
        }
        const std::string got = link.outcome + ", minute " + link.minute;
        const bool right = best < recs.size() && str(recs[best], "outcome") == link.outcome && str(recs[best], "minute") == link.minute &&
                           minutes_paper && minutes_paper->id == link.minutes_id;
        if (right) {
          ++report.right;
          reached[best] = true;
          const json want_vote = recs[best].value("vote", json());
          if (want_vote.is_object()) {
            ++report.votes;
            const json& got_vote = link.vote;
            bool same = got_vote.is_object();
            for (const char* side : {"for", "against", "abstain"}) {
              if (!same) break;
              same = got_vote.value(side, json()) == want_vote.value(side, json()) &&
                     got_vote.value("names", json::object()).value(side, json::array()) ==
                         want_vote.value("names", json::object()).value(side, json::array());
            }
            if (same) ++report.votes_right;
            else report.misses.push_back({name, rec ? cut(rec->text, 60) : "?", "vote " + cut(want_vote.dump(), 80), "vote " + cut(got_vote.dump(), 80)});
          }
        } else {
          report.misses.push_back({name, rec ? (rec->number.empty() ? "" : rec->number + " ") + cut(rec->text, 60) : "?",
                                   best < recs.size() ? str(recs[best], "outcome") + ", minute " + str(recs[best], "minute") : "no label",
                                   got});
        }
      }
    }
    for (std::size_t i = 0; i < recs.size(); ++i) {
      if (str(recs[i], "outcome").empty()) continue;
      ++report.labelled;
      if (reached[i]) ++report.reached;
      else
        report.misses.push_back({name, (str(recs[i], "number").empty() ? "" : str(recs[i], "number") + " ") + cut(str(recs[i], "text"), 60),
                                 str(recs[i], "outcome") + ", minute " + str(recs[i], "minute"), paper ? "none" : "paper not read"});
    }
  }
  return report;
}

std::string outcome_report_table(const OutcomeEvalReport& r) {
  char line[512];
  std::string out;
  std::snprintf(line, sizeof line,
                "outcome links: %ld labelled papers, %ld labelled recommendations with an outcome\n"
                "links made %ld, right %ld: precision %.3f\nlabelled reached %ld of %ld: recall %.3f\n"
                "votes (counts and names) right: %ld of %ld labelled\n",
                r.papers, r.labelled, r.links, r.right, r.precision(), r.reached, r.labelled, r.recall(), r.votes_right, r.votes);
  out += line;
  if (!r.misses.empty()) out += "\nmisses (paper | recommendation | labelled | linked):\n";
  for (const auto& m : r.misses) out += "  " + m.paper + " | " + m.recommendation + " | " + m.want + " | " + m.got + "\n";
  for (const auto& [path, why] : r.failed) out += "failed: " + path + ": " + why + "\n";
  return out;
}

json outcome_report_json(const OutcomeEvalReport& r) {
  json misses = json::array();
  for (const auto& m : r.misses) misses.push_back({{"paper", m.paper}, {"recommendation", m.recommendation}, {"labelled", m.want}, {"linked", m.got}});
  return {{"papers", r.papers}, {"labelled", r.labelled}, {"reached", r.reached}, {"links", r.links}, {"right", r.right},
          {"precision", r.precision()}, {"recall", r.recall()}, {"votes", r.votes}, {"votes_right", r.votes_right}, {"misses", misses}};
}

}  // namespace papers
