// Vocabularies as data. See lexicon.h.
#include "extractors/lexicon.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <set>

namespace papers {
namespace {

// s with runs of white space made one space and trimmed; lower-cased (ASCII) when lower.
std::string one_spaced(std::string_view s, bool lower) {
  std::string out;
  bool space = false;
  for (unsigned char c : s) {
    if (std::isspace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += lower ? static_cast<char>(std::tolower(c)) : static_cast<char>(c);
  }
  return out;
}

std::string folded(std::string_view s) { return one_spaced(s, true); }

std::vector<std::string> parse(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (const std::size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    if (std::string entry = one_spaced(line, false); !entry.empty()) out.push_back(std::move(entry));
  }
  return out;
}

struct Loaded {
  std::vector<std::string> entries;
  std::set<std::string> folded;
  std::string alternation;
  std::vector<std::string> longest_words;  // each entry's longest word, lower case, no repeats
  bool ascii = true;                       // every entry is ASCII (may_hold_entry can judge)
};

// Every lexicon, read once on first use (a function-local static: thread-safe, and no lock after).
const std::map<std::string, Loaded, std::less<>>& all_loaded() {
  static const std::map<std::string, Loaded, std::less<>> all = [] {
    std::map<std::string, Loaded, std::less<>> out;
    for (const LexiconFile& f : lexicon_files()) {
      Loaded l;
      l.entries = parse(f.text);
      for (const std::string& e : l.entries) l.folded.insert(folded(e));
      l.alternation = quoted_alternation(l.entries);
      for (const std::string& e : l.entries) {
        std::string longest;
        for (std::size_t at = 0; at < e.size();) {
          const std::size_t space = std::min(e.find(' ', at), e.size());
          if (space - at > longest.size()) longest = e.substr(at, space - at);
          at = space + 1;
        }
        for (char& c : longest) {
          if (static_cast<unsigned char>(c) >= 0x80) l.ascii = false;
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        if (std::find(l.longest_words.begin(), l.longest_words.end(), longest) == l.longest_words.end())
          l.longest_words.push_back(std::move(longest));
      }
      out.emplace(std::string(f.name), std::move(l));
    }
    return out;
  }();
  return all;
}

const Loaded& loaded(std::string_view name) {
  const auto& all = all_loaded();
  if (auto it = all.find(name); it != all.end()) return it->second;
  std::fprintf(stderr, "papers: no lexicon named %.*s (extractors/lexicons/)\n", static_cast<int>(name.size()), name.data());
  std::abort();
}

}  // namespace

const std::vector<std::string>& lexicon(std::string_view name) { return loaded(name).entries; }

std::string lexicon_alternation(std::string_view name) { return loaded(name).alternation; }

bool may_hold_entry(std::string_view name, std::string_view text) {
  const Loaded& l = loaded(name);
  if (!l.ascii) return true;
  // The line in lower case once (ASCII letters only, as std::tolower in the C locale), then a
  // plain search for each word: not a case-folding comparison per character per word.
  thread_local std::string lowered;
  lowered.assign(text);
  for (char& c : lowered)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  for (const std::string& word : l.longest_words)
    if (lowered.find(word) != std::string::npos) return true;
  return false;
}

bool in_lexicon(std::string_view name, std::string_view word) { return loaded(name).folded.count(folded(word)) > 0; }

std::string quoted_alternation(std::vector<std::string> words) {
  std::stable_sort(words.begin(), words.end(), [](const std::string& x, const std::string& y) { return x.size() > y.size(); });
  std::string alternation = "(?:";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string quoted = RE2::QuoteMeta(words[i]);
    std::string spaced;  // "head\ of" -> "head\s+of"
    for (std::size_t k = 0; k < quoted.size(); ++k) {
      if (quoted[k] == '\\' && k + 1 < quoted.size() && quoted[k + 1] == ' ') {
        spaced += "\\s+";
        ++k;
      } else {
        spaced += quoted[k];
      }
    }
    alternation += (i ? "|" : "") + spaced;
  }
  return alternation + ")";
}

const std::map<std::string, std::string>& lexicon_kinds(std::string_view name) {
  static std::mutex lock;
  static std::map<std::string, std::map<std::string, std::string>, std::less<>> made;
  const std::lock_guard<std::mutex> hold(lock);
  if (auto it = made.find(name); it != made.end()) return it->second;
  std::map<std::string, std::string> kinds;
  for (const std::string& entry : lexicon(name)) {
    const std::size_t eq = entry.rfind(" = ");
    if (eq == std::string::npos) {
      std::fprintf(stderr, "papers: lexicon %.*s: no ' = ' in '%s'\n", static_cast<int>(name.size()), name.data(), entry.c_str());
      std::abort();
    }
    std::string word = entry.substr(0, eq);
    std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    kinds[word] = entry.substr(eq + 3);
  }
  return made.emplace(std::string(name), std::move(kinds)).first->second;
}

}  // namespace papers
