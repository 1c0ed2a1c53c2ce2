// Dates: each British form with its kind, start and end, and numbers that are not dates.
#include <catch2/catch.hpp>

#include "extractors/dates.h"

using papers::find_dates;
using papers::first_date;
using papers::numeric_date_order;
using papers::read_month_first;
using papers::DateOrder;
using papers::DateValue;

namespace {
struct Expect { const char* text; const char* kind; const char* start; const char* end; };
}

TEST_CASE("dates: every common British form", "[dates]") {
  const Expect cases[] = {
      {"on 19 July 2018 the", "day", "2018-07-19", "2018-07-19"},
      {"the 30th July 2018", "day", "2018-07-30", "2018-07-30"},
      {"19th July, 2018", "day", "2018-07-19", "2018-07-19"},
      {"Thursday 5 March 2015", "day", "2015-03-05", "2015-03-05"},
      {"date 19/07/2018.", "day", "2018-07-19", "2018-07-19"},
      {"minutes 19 11 10 and 11.01.11", "day", "2011-01-11", "2011-01-11"},
      {"published 2018-07-19", "day", "2018-07-19", "2018-07-19"},
      {"since July 2018", "month", "2018-07-01", "2018-07-31"},
      {"in February 2024", "month", "2024-02-01", "2024-02-29"},
      {"the year 2017/18", "financial_year", "2017-04-01", "2018-03-31"},
      {"the strategy for 2019/20 to 2022/23.", "range", "2019-04-01", "2023-03-31"},
      {"capital programme 2023/24 - 2026/27", "range", "2023-04-01", "2027-03-31"},
      {"the year 2017-18", "financial_year", "2017-04-01", "2018-03-31"},
      {"the year 2017/2018", "financial_year", "2017-04-01", "2018-03-31"},
      {"for the period April 2017 to March 2018.", "range", "2017-04-01", "2018-03-31"},
      {"held on 1-3 May 2019", "range", "2019-05-01", "2019-05-03"},
      {"from 6 July 2020 to 28 September 2020", "range", "2020-07-06", "2020-09-28"},
      {"Plan 2017 -2020", "range", "2017-01-01", "2020-12-31"},
      {"14TH MARCH 1996", "day", "1996-03-14", "1996-03-14"},
      {"in 2005 there were", "year", "2005-01-01", "2005-12-31"},
  };
  for (const Expect& e : cases) {
    INFO(e.text);
    const auto dates = find_dates(e.text);
    REQUIRE(dates.size() == 1);
    CHECK(dates[0].kind == e.kind);
    CHECK(dates[0].start == e.start);
    CHECK(dates[0].end == e.end);
  }
}

TEST_CASE("dates: spans point at the words", "[dates]") {
  const std::string text = "The meeting on 19 July 2018 agreed it.";
  const auto dates = find_dates(text);
  REQUIRE(dates.size() == 1);
  CHECK(text.substr(dates[0].at.span.begin, dates[0].at.span.end - dates[0].at.span.begin) == "19 July 2018");
}

TEST_CASE("dates: numbers that are not dates", "[dates]") {
  const char* misses[] = {
      "Police Reform and Social Responsibility Act 2011",   // an Act's year
      "call 0300 333 3456 or 01622 694000",                  // phone numbers
      "see http://example.gov.uk/2016/09/18-03-01-plan.pdf",  // a web address
      "S.I. 2012/1020 applies",                               // a statutory instrument number
      "paragraph 1.2.3 of the report",                        // a paragraph number
      "31/02/2019 is no day",                                 // an impossible date
      "a budget of 2,000 pounds",
  };
  for (const char* m : misses) {
    INFO(m);
    CHECK(find_dates(m).empty());
  }
}

TEST_CASE("dates: a US paper's numeric dates are month first / the paper's own one-way dates decide / British papers day first", "[dates]") {
  // Only month first can be read: read so in any paper, when the year is in full.
  REQUIRE(first_date("Memo of 06/18/1961"));
  CHECK(first_date("Memo of 06/18/1961")->start == "1961-06-18");
  CHECK_FALSE(first_date("11.20.01 Apologies"));  // a minute's number, not a date
  // Which way a paper reads "06/08/1961".
  CHECK(numeric_date_order("Received 06/18/1961. Meeting of 06/08/1961.") == DateOrder::month_first);
  CHECK(numeric_date_order("Received 18/06/1961. Meeting of 06/08/1961.") == DateOrder::day_first);
  CHECK(numeric_date_order("City of Rivergrove, P.O. Box 1104, Lake Oswego, OR 97034. Dated 06/08/1961.") == DateOrder::month_first);
  CHECK(numeric_date_order("UNITED STATES GOVERNMENT Memorandum 06/08/1961") == DateOrder::month_first);
  CHECK(numeric_date_order("Kent County Council, Maidstone ME14 1XQ. Dated 06/08/2019.") == DateOrder::day_first);
  DateValue d = *first_date("06/08/1961");
  CHECK(d.start == "1961-08-06");
  read_month_first(d);
  CHECK(d.start == "1961-06-08");
  DateValue written = *first_date("6 August 1961");
  read_month_first(written);
  CHECK(written.start == "1961-08-06");  // only numeric dates are re-read
}

TEST_CASE("dates: the day a paper gives its body is its meeting / another body's day is not / two days give none", "[dates]") {
  const std::string text =
      "The decision was endorsed at the Health Reform Cabinet Committee on 21 January 2025 prior to decision by Cabinet on "
      "30 January 2025.";
  const auto dates = papers::find_dates(text);
  const auto day = papers::meeting_date_of_body(dates, text, "Cabinet");
  REQUIRE(day);
  CHECK(day->start == "2025-01-30");
  CHECK_FALSE(papers::meeting_date_of_body(dates, text, "Council"));
  const std::string two = "reported to the Council meeting of 4 June 1999 and to the Council on 9 July 1999";
  CHECK_FALSE(papers::meeting_date_of_body(papers::find_dates(two), two, "Council"));
  const std::string held = "at the meeting of the Board held on Thursday, 12 March 2020";
  CHECK(papers::meeting_date_of_body(papers::find_dates(held), held, "Board")->start == "2020-03-12");
}
