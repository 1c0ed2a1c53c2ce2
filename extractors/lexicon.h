// Vocabularies as data: the entries of one file of extractors/lexicons/ (compiled into the
// program, see lexicons/README.md), an RE2 alternation of them, and membership. Extractors build
// their patterns around these instead of writing the words into a regex.
// Must not hold any vocabulary itself, and must not read files at run time.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace papers {

// One file of extractors/lexicons/ as compiled in (lexicons.cpp, generated).
struct LexiconFile {
  std::string_view name;  // "decision_markers" for decision_markers.txt
  std::string_view text;
};
std::span<const LexiconFile> lexicon_files();

// The entries of lexicons/NAME.txt in file order: one a line, white space trimmed and made single
// spaces, '#' comments and blank lines dropped. A name with no file stops the program (a
// programming error, like a pattern that does not compile).
const std::vector<std::string>& lexicon(std::string_view name);

// "(?:chief executive|clerk|...)": the entries quoted for RE2, longest first (so that "head of
// finance" is tried before "head"), each space matching any run of white space. For use inside a
// case-insensitive pattern.
std::string lexicon_alternation(std::string_view name);

// The same for any words: quoted, longest first, spaces matching any run of white space.
std::string quoted_alternation(std::vector<std::string> words);

// False only when text cannot hold an entry of lexicons/NAME.txt: it holds no entry's longest
// word, in any ASCII case. A cheap test before a pattern built around lexicon_alternation(NAME)
// runs over a line (no copy, no RE2 call); true whenever an entry has a word that is not ASCII.
// For normalised text (NFKC, as segments are): RE2's (?i) also folds the few non-ASCII letters
// that case-map onto ASCII (the Kelvin sign, the long s), which NFKC has already replaced.
bool may_hold_entry(std::string_view name, std::string_view text);

// Whether word is an entry of lexicons/NAME.txt, in any case (ASCII) and with white space made one space.
bool in_lexicon(std::string_view name, std::string_view word);

// A lexicon whose lines are "word = kind" (header_labels.txt: "report to = meeting"): each word, in
// lower case, with its kind. A line without " = " stops the program, as a missing file does.
const std::map<std::string, std::string>& lexicon_kinds(std::string_view name);

}  // namespace papers
