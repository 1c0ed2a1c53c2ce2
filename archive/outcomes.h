// What a meeting did with each recommendation of a report: the report is linked to a minute of
// the minutes (or record of decision) of the same organisation, body and meeting date, and each of
// its recommendations to the decision in that minute that dealt with it.
//  - The minute, by the first cue that names exactly one: a reference number printed both on the
//    report's first page and in the minute's heading ("24/00108"; the only cue that links a paper
//    without a meeting date, such as a proposed record of decision); the agenda item ("Agenda
//    Item 5" on the report, "(Item 5)" under the minute); the report's title in the minute's
//    heading (most of its words); the text (the one minute whose decisions hold most of the words
//    of two or more of the report's recommendations).
//  - The decision, by its words: most of the recommendation's words in it (stemmed, stop words of
//    lexicons/link_stopwords.txt left out), or the same number and some of the words; a
//    recommendation asking for a decision set out elsewhere (lexicons/referring_asks.txt: "agree
//    the proposed decision") is linked to the minute's whole resolution; a report's only
//    recommendation, to its minute's only decision, whatever its words ("That the award of the
//    contract be deferred").
//  - The outcome, from the decision's words (lexicons/outcome_words.txt): deferred, withdrawn,
//    rejected, noted (a noting verb), else agreed; amended when the minute records an amendment
//    carried and the decision's words are not the recommendation's.
// Nothing is linked on a guess: two minutes that fit equally, or no decision with enough of the
// recommendation's words, leave the recommendation without an outcome.
// Pure functions over records as archived (JSON); must not read or write the archive.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace papers {

// What linking reads of one record, with the words and reference numbers of its parts worked out
// once (link_outcomes compares every report of a body with every minutes paper of its meeting, so
// working them out per comparison made linking grow with the square of a body's papers). Made by
// link_paper_from_record only: the derived sets are filled there.
using WordSet = std::set<std::string>;
struct LinkPaper {
  std::string id, path;
  std::string organisation, body, meeting_date, title, agenda_item;  // "" unknown
  std::string opening;  // the first page's text (up to 4,000 bytes)
  WordSet title_words;       // words_of(title)
  WordSet references;        // reference numbers on the first page and in the title
  struct Recommendation {
    int seq = 0;  // 1-based, in the record's order
    std::string number, text;
    int page = 0;
    WordSet words;  // words_of(text)
  };
  struct Item {
    std::string number, heading, agenda_item;
    int page = 0;
    bool amendment_carried = false;  // its text records an amendment carried
    WordSet heading_words;       // words_of(heading)
    WordSet heading_references;  // reference numbers in the heading
  };
  struct Decision {
    int seq = 0;
    std::string number, minute, text;
    int page = 0;
    nlohmann::json vote;  // null when none is printed
    WordSet words;  // words_of(text)
  };
  std::vector<Recommendation> recommendations;
  std::vector<Item> items;
  std::vector<Decision> decisions;
};

LinkPaper link_paper_from_record(const nlohmann::json& record);

// One recommendation's outcome.
struct OutcomeLink {
  std::string report_id;
  int recommendation = 0;  // the recommendation's seq in its report
  std::string outcome;     // agreed, amended, deferred, rejected, noted, withdrawn
  std::string minutes_id;
  std::string minute;      // the minute's number ("88")
  std::string minute_heading;
  int page = 0;            // where the decision is printed in the minutes
  std::string cue;         // how the minute was found: "reference", "agenda item", "title" or "text"
  std::string match;       // how the decision was: "words", "number", "only decision" or "whole resolution"
  std::vector<int> decisions;  // the decisions' seqs in the minutes
  std::string decision_text;
  nlohmann::json vote;     // the vote on the motion, null when none is printed
};

// The links of one report's recommendations to the decisions of the candidate minutes (papers of
// the same body, any date: the function checks dates and organisations itself).
std::vector<OutcomeLink> link_outcomes(const LinkPaper& report, const std::vector<const LinkPaper*>& minutes);

// Whether most (three quarters) of a title's words, three or more, are in a heading's: the title
// cue, for a minute's heading or an agenda item's.
bool title_in_heading(const std::string& title, const std::string& heading);

// Whether a paper can be a report (it has recommendations) or minutes (it has numbered decisions).
bool is_report(const LinkPaper& p);
bool is_minutes(const LinkPaper& p);

}  // namespace papers
