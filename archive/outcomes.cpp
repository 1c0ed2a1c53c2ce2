// Outcomes of recommendations. See outcomes.h.
#include "archive/outcomes.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string_view>

#include "extractors/lexicon.h"
#include "extractors/pattern.h"

namespace papers {
namespace {

using nlohmann::json;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string string_of(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int int_of(const json& j, const char* key) {
  const auto it = j.find(key);
  return it != j.end() && it->is_number_integer() ? it->get<int>() : 0;
}

// A word cut to its stem, so that "considered" meets "consider" and "endorses" "endorse".
std::string stem(std::string w) {
  for (const char* suffix : {"ing", "ed", "es", "s", "e"}) {
    const std::size_t n = std::char_traits<char>::length(suffix);
    if (w.size() >= n + 3 && w.compare(w.size() - n, n, suffix) == 0) {
      w.erase(w.size() - n);
      break;
    }
  }
  return w;
}

// The words a text is about: lower case, stop words left out, stemmed, each once.
std::set<std::string> words_of(std::string_view text) {
  std::set<std::string> out;
  std::string word;
  const auto flush = [&]() {
    if (!word.empty() && !in_lexicon("link_stopwords", word)) out.insert(stem(word));
    word.clear();
  };
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) word.push_back(static_cast<char>(std::tolower(c)));
    else flush();
  }
  flush();
  return out;
}

// The share of a's words that b holds.
double contained(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty()) return 0;
  std::size_t n = 0;
  for (const std::string& w : a) n += b.count(w);
  return static_cast<double>(n) / static_cast<double>(a.size());
}

// Reference numbers such as "24/00108": two to four digits, a slash, three to six digits, not part
// of a date ("30/01/2025") or a span of years ("2024/2025").
std::set<std::string> references_in(std::string_view text) {
  std::set<std::string> out;
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '/') continue;
    std::size_t b = i, e = i + 1;
    while (b > 0 && digit(text[b - 1])) --b;
    while (e < text.size() && digit(text[e])) ++e;
    const std::size_t left = i - b, right = e - i - 1;
    if (left < 2 || left > 4 || right < 3 || right > 6) continue;
    if ((b > 0 && (text[b - 1] == '/' || std::isalnum(static_cast<unsigned char>(text[b - 1])))) ||
        (e < text.size() && (text[e] == '/' || std::isalnum(static_cast<unsigned char>(text[e])))))
      continue;
    const std::string l(text.substr(b, left)), r(text.substr(i + 1, right));
    const auto year = [](const std::string& s) { return s.size() == 4 && (s.rfind("19", 0) == 0 || s.rfind("20", 0) == 0); };
    if (year(l) && (year(r) || r.size() == 2)) continue;
    out.insert(l + "/" + r);
  }
  return out;
}

bool same_text(const std::string& a, const std::string& b) { return !a.empty() && lower(a) == lower(b); }

bool refers_elsewhere(const std::string& text) {
  const std::string t = lower(text);
  for (const std::string& ask : lexicon("referring_asks"))
    if (t.find(lower(ask)) != std::string::npos) return true;
  return false;
}

// The outcome a decision's words give: the first phrase of outcome_words.txt found as whole words
// (longest first), a noting verb only as the decision's verb (its first word after its subject:
// "Cabinet note the report", "Notes that ..."); else agreed.
std::string outcome_of(const std::string& decision) {
  const std::string t = " " + lower(decision) + " ";
  std::vector<std::pair<std::string, std::string>> phrases(lexicon_kinds("outcome_words").begin(), lexicon_kinds("outcome_words").end());
  std::sort(phrases.begin(), phrases.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // The decision's verb: its first word that is not its subject or "agree to".
  std::string verb;
  {
    std::string word;
    std::size_t i = 0;
    const std::set<std::string> subject = {"that", "the", "cabinet", "county", "council", "committee", "board", "members", "it", "was",
                                           "agree", "agrees", "agreed", "to", "resolved", "unanimously"};
    for (; i <= t.size(); ++i) {
      const unsigned char c = i < t.size() ? static_cast<unsigned char>(t[i]) : ' ';
      if (std::isalpha(c)) {
        word.push_back(static_cast<char>(c));
        continue;
      }
      if (word.empty()) continue;
      if (!subject.count(word)) {
        verb = word;
        break;
      }
      word.clear();
    }
  }
  for (const auto& [phrase, outcome] : phrases)
    if (outcome == "noted" && verb == phrase) return "noted";
  // Other outcomes in the decision's own clause: its first ten words ("That the item be deferred to
  // the next meeting"), not what it notes or asks ("Notes that ... may lead to the elections being
  // postponed").
  std::size_t clause = 0;
  for (int words = 0; clause < t.size() && words < 11; ++clause)
    if (t[clause] == ' ' && clause + 1 < t.size() && t[clause + 1] != ' ') ++words;
  for (const auto& [phrase, outcome] : phrases) {
    if (outcome == "noted") continue;
    const std::string p = lower(phrase);
    for (std::size_t at = t.find(p); at != std::string::npos && at < clause; at = t.find(p, at + 1)) {
      const bool starts = at == 0 || !std::isalpha(static_cast<unsigned char>(t[at - 1]));
      const bool ends = at + p.size() >= t.size() || !std::isalpha(static_cast<unsigned char>(t[at + p.size()]));
      if (starts && ends) return outcome;
    }
  }
  return "agreed";
}

// Whether a minute records an amendment carried ("Amendment carried.", "put the amendment ... to
// the vote and it was agreed").
bool amendment_carried(std::string_view minute_text) {
  static const Pattern kCarried(R"re((?i)\bamendment\b[^.]{0,200}?\b(?:carried|agreed)\b)re");
  return RE2::PartialMatch(re2::StringPiece(minute_text.data(), minute_text.size()), kCarried);
}

struct Place {
  const LinkPaper* minutes = nullptr;
  const LinkPaper::Item* item = nullptr;
};

}  // namespace

LinkPaper link_paper_from_record(const json& record) {
  LinkPaper p;
  p.id = string_of(record, "id");
  if (record.contains("source") && record["source"].is_object()) p.path = string_of(record["source"], "path");
  p.organisation = string_of(record, "organisation");
  p.body = string_of(record, "body");
  p.meeting_date = string_of(record, "meeting_date");
  p.title = string_of(record, "title");
  p.agenda_item = string_of(record, "agenda_item");
  const std::string text = string_of(record, "text");
  // The first page: as many code points as the record says it has, at most 4,000 bytes.
  std::size_t first_page = text.size();
  if (record.contains("extraction") && record["extraction"].contains("pages") && record["extraction"]["pages"].is_array() &&
      !record["extraction"]["pages"].empty()) {
    std::size_t chars = static_cast<std::size_t>(std::max(0, int_of(record["extraction"]["pages"][0], "chars")));
    std::size_t i = 0;
    for (; i < text.size() && chars > 0; ++i)
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) --chars;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    first_page = i;
  }
  std::size_t opening = std::min<std::size_t>(first_page, 4000);
  while (opening < text.size() && opening > 0 && (static_cast<unsigned char>(text[opening]) & 0xC0) == 0x80) --opening;
  p.opening = text.substr(0, opening);
  p.title_words = words_of(p.title);
  p.references = references_in(p.opening);
  for (const std::string& r : references_in(p.title)) p.references.insert(r);
  int seq = 0;
  for (const json& r : record.value("recommendations", json::array())) {
    ++seq;
    if (!r.is_object()) continue;
    LinkPaper::Recommendation rec{seq, string_of(r, "number"), string_of(r, "text"), int_of(r, "page"), {}};
    rec.words = words_of(rec.text);
    p.recommendations.push_back(std::move(rec));
  }
  const json items = record.value("items", json::array());
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& m = items[i];
    if (!m.is_object()) continue;
    const auto begin_of = [&](const json& x) -> std::size_t {
      const auto s = x.find("span");
      return s != x.end() && s->is_array() && !s->empty() && (*s)[0].is_number_unsigned() ? (*s)[0].get<std::size_t>() : 0;
    };
    const std::size_t b = std::min(begin_of(m), text.size());
    const std::size_t e = i + 1 < items.size() ? std::max(b, std::min(begin_of(items[i + 1]), text.size())) : text.size();
    LinkPaper::Item item{string_of(m, "number"), string_of(m, "heading"), string_of(m, "agenda_item"), int_of(m, "page"),
                         amendment_carried(std::string_view(text).substr(b, e - b)), {}, {}};
    item.heading_words = words_of(item.heading);
    item.heading_references = references_in(item.heading);
    p.items.push_back(std::move(item));
  }
  seq = 0;
  for (const json& d : record.value("decisions", json::array())) {
    ++seq;
    if (!d.is_object()) continue;
    LinkPaper::Decision decision{seq, string_of(d, "number"), string_of(d, "minute"), string_of(d, "text"), int_of(d, "page"),
                                 d.value("vote", json()), {}};
    decision.words = words_of(decision.text);
    p.decisions.push_back(std::move(decision));
  }
  return p;
}

bool title_in_heading(const std::string& title, const std::string& heading) {
  const std::set<std::string> words = words_of(title);
  return words.size() >= 3 && contained(words, words_of(heading)) >= 0.75;
}

bool is_report(const LinkPaper& p) { return !p.recommendations.empty(); }
bool is_minutes(const LinkPaper& p) { return !p.items.empty() && !p.decisions.empty(); }

std::vector<OutcomeLink> link_outcomes(const LinkPaper& report, const std::vector<const LinkPaper*>& minutes) {
  std::vector<OutcomeLink> links;
  if (!is_report(report) || report.body.empty()) return links;
  // The minutes papers of the report's body and organisation: of its meeting date, or (for the
  // reference cue only) of any date when the report has none.
  std::vector<const LinkPaper*> dated, any_date;
  for (const LinkPaper* m : minutes) {
    if (!m || m->id == report.id || !is_minutes(*m) || !same_text(m->body, report.body)) continue;
    if (!report.organisation.empty() && !m->organisation.empty() && !same_text(m->organisation, report.organisation)) continue;
    any_date.push_back(m);
    if (!report.meeting_date.empty() && m->meeting_date == report.meeting_date) dated.push_back(m);
  }
  const std::vector<const LinkPaper*>& by_reference = report.meeting_date.empty() ? any_date : dated;
  Place place;
  std::string cue;
  const auto only = [](const std::vector<Place>& found) { return found.size() == 1 ? found[0] : Place{}; };
  {
    const WordSet& refs = report.references;
    std::vector<Place> found;
    if (!refs.empty())
      for (const LinkPaper* m : by_reference)
        for (const LinkPaper::Item& item : m->items) {
          const WordSet& in_heading = item.heading_references;
          if (std::any_of(in_heading.begin(), in_heading.end(), [&](const std::string& r) { return refs.count(r) > 0; }))
            found.push_back({m, &item});
        }
    place = only(found);
    if (place.item) cue = "reference";
  }
  if (!place.item && !report.agenda_item.empty()) {
    std::vector<Place> found;
    for (const LinkPaper* m : dated)
      for (const LinkPaper::Item& item : m->items)
        if (same_text(item.agenda_item, report.agenda_item)) found.push_back({m, &item});
    place = only(found);
    if (place.item) cue = "agenda item";
  }
  if (!place.item) {
    const WordSet& title = report.title_words;
    if (title.size() >= 3) {
      double best = 0.75;
      std::vector<Place> found;
      for (const LinkPaper* m : dated)
        for (const LinkPaper::Item& item : m->items) {
          const double score = contained(title, item.heading_words);
          if (score > best + 1e-9) {
            best = score;
            found = {{m, &item}};
          } else if (score >= best - 1e-9 && !found.empty()) {
            found.push_back({m, &item});
          }
        }
      place = only(found);
      if (place.item) cue = "title";
    }
  }
  if (!place.item) {
    // The text: the one minute of the meeting whose decisions hold most of the report's
    // recommendations' words, for at least two of them (a report whose title the minutes do not use).
    std::vector<const WordSet*> asked;
    for (const LinkPaper::Recommendation& rec : report.recommendations) asked.push_back(&rec.words);
    std::size_t best = 1;
    std::vector<Place> found;
    for (const LinkPaper* m : dated)
      for (const LinkPaper::Item& item : m->items) {
        std::size_t matched = 0;
        for (const WordSet* a : asked) {
          if (a->size() < 3) continue;
          for (const LinkPaper::Decision& d : m->decisions)
            if (d.minute == item.number && contained(*a, d.words) >= 0.8) {
              ++matched;
              break;
            }
        }
        if (matched > best) {
          best = matched;
          found = {{m, &item}};
        } else if (matched == best && matched > 1) {
          found.push_back({m, &item});
        }
      }
    place = only(found);
    if (place.item) cue = "text";
  }
  if (!place.item) return links;

  std::vector<const LinkPaper::Decision*> in_minute;
  for (const LinkPaper::Decision& d : place.minutes->decisions)
    if (d.minute == place.item->number) in_minute.push_back(&d);
  if (in_minute.empty()) return links;
  const bool amended_minute = place.item->amendment_carried;
  for (const LinkPaper::Recommendation& rec : report.recommendations) {
    const WordSet& rec_words = rec.words;
    const LinkPaper::Decision* best = nullptr;
    double best_score = 0, best_back = 0;
    for (const LinkPaper::Decision* d : in_minute) {
      const WordSet& dec_words = d->words;
      const double score = contained(rec_words, dec_words), back = contained(dec_words, rec_words);
      if (score > best_score + 1e-9 || (score >= best_score - 1e-9 && back > best_back)) {
        best = d;
        best_score = score;
        best_back = back;
      }
    }
    OutcomeLink link;
    link.report_id = report.id;
    link.recommendation = rec.seq;
    link.minutes_id = place.minutes->id;
    link.minute = place.item->number;
    link.minute_heading = place.item->heading;
    link.cue = cue;
    const bool same_number = best && !rec.number.empty() && same_text(rec.number, best->number);
    if (best && rec_words.size() >= 3 && (best_score >= 0.6 || (same_number && best_score >= 0.3))) {
      link.match = best_score >= 0.6 ? "words" : "number";
      link.decisions = {best->seq};
      link.decision_text = best->text;
      link.page = best->page;
      link.vote = best->vote;
      link.outcome = outcome_of(best->text);
      // The minute carried an amendment, and this decision is not in the recommendation's words.
      if (amended_minute && (link.outcome == "agreed" || link.outcome == "noted") && (best_score < 0.8 || best_back < 0.8))
        link.outcome = "amended";
    } else if (report.recommendations.size() == 1 && in_minute.size() == 1) {
      // The report's one recommendation and its minute's one decision ("That the award of the
      // contract be deferred"): that decision is what the meeting did with it, in whatever words.
      link.match = "only decision";
      link.decisions = {in_minute[0]->seq};
      link.decision_text = in_minute[0]->text;
      link.page = in_minute[0]->page;
      link.vote = in_minute[0]->vote;
      link.outcome = outcome_of(in_minute[0]->text);
    } else if (refers_elsewhere(rec.text)) {
      link.match = "whole resolution";
      std::set<std::string> outcomes;
      for (const LinkPaper::Decision* d : in_minute) {
        link.decisions.push_back(d->seq);
        // "(a) Adopt the plan ... (b) Delegate authority ...": each with its number where printed.
        if (!link.decision_text.empty()) link.decision_text += " ";
        if (!d->number.empty() && d->number != d->minute) link.decision_text += "(" + d->number + ") ";
        link.decision_text += d->text;
        outcomes.insert(outcome_of(d->text));
        if (link.vote.is_null()) link.vote = d->vote;
      }
      link.page = in_minute.front()->page;
      link.outcome = outcomes.size() == 1 ? *outcomes.begin() : "agreed";
    } else {
      continue;
    }
    links.push_back(std::move(link));
  }
  return links;
}

}  // namespace papers
