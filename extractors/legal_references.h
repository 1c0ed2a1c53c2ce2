// Legal references: Acts (and Regulations, Orders, Rules, Measures) with their year, and the
// section, Schedule or regulation cited with them, UK order first:
//   "section 12 of the Police Reform and Social Responsibility Act 2011" -> act, section "12"
//   "s.151 of the Local Government Act 1972", "s151"                     -> section "151"
//   "paragraph 3 of Schedule 12A to the Local Government Act 1972"       -> section "Schedule 12A"
//   "the Localism Act 2011, section 1"                                   -> section "1"
// A defined short name ('... Act 2011 (the "Act")', 'the "2011 Act"', "the Act of 1988", "that
// Act") resolves to the Act it names, so "Section 12 of the Act" is a reference to that Act. An
// undefined "the Act" is left out. Also cited without a year: "the Brown Act", "the FOI Act" (the
// Act the paper names in full, by title or initials), US codes ("Government Code Section 84308"),
// statute books by abbreviation ("ORS 221.760", lexicons/statute_abbreviations.txt), numbered
// ordinances other than the paper's own, and instruments known by name ("UK GDPR",
// lexicons/named_instruments.txt).
// Pure function; patterns compiled once.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/model.h"

namespace papers {

std::vector<LegalReference> extract_legal_references(const Segments& segments);

// The Schedule 12A paragraphs cited by the first reference to Schedule 12A that names any:
// "paragraph 3 of Part 1 of Schedule 12A ..." -> "3"; "paragraphs 1 and 2 of Schedule 12A" -> "1, 2".
std::optional<TextField> schedule_12a_paragraphs(const std::vector<LegalReference>& references);

// "Police Reform and Social Responsibility Act 2011" -> "police-reform-and-social-responsibility-act-2011"
std::string act_key(std::string_view act);

}  // namespace papers
