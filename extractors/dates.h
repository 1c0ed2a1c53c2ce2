// Dates in a paper: every common British form, with kind, start and end (ISO 8601).
//   "19 July 2018", "30th July 2018", "Thursday 5 March 2015", "19/07/2018"  -> day
//   (numeric dates day first; a US paper's month first: numeric_date_order, read_month_first)
//   "July 2018"                                                             -> month
//   "in 2005"                                                               -> year
//   "2017/18", "2017-18", "2017/2018"                                        -> financial_year (1 April to 31 March)
//   "April 2017 to March 2018", "1-3 May 2019", "2017 - 2020"                -> range
// Numbers that only look like dates are left alone: years in Act titles ("Act 2011"), web
// addresses, e-mail addresses, phone numbers, statutory instrument numbers ("S.I. 2012/1020").
// Pure functions: no I/O, no state; patterns compiled once.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "pipeline/model.h"

namespace papers {

// Every date in text (spans relative to text, page left 0), in order, not overlapping.
std::vector<DateValue> find_dates(std::string_view text);

// The first date in a short value such as a header field ("Cabinet - 4th March 2025").
std::optional<DateValue> first_date(std::string_view text);

// Every date in the paper's normalised text, with page and span.
std::vector<DateValue> extract_dates(const Segments& segments);

// The day a paper's body meets, where the text names the body and then the day: "prior to
// decision by Cabinet on 30 January 2025", "the Council meeting of 4 June 1999", "to the Board
// held on 12 March". For a paper whose banner gives no meeting date (a record of decision, a
// notice). Every such day must be the same one; else, or when none, nullopt.
std::optional<DateValue> meeting_date_of_body(const std::vector<DateValue>& dates, std::string_view text, std::string_view body);

// How a paper writes numeric dates. Its own dates that read one way only decide ("18/06/1961":
// day first; "06/18/1961": month first); when none do, a paper of a US body (a state and ZIP
// code, "United States") writes the month first; else day first, as British papers do.
enum class DateOrder { day_first, month_first };
DateOrder numeric_date_order(std::string_view text);

// A numeric day that reads both ways, read month first: "06/08/1961" becomes 8 June 1961
// instead of 6 August. Other dates are left as they are.
void read_month_first(DateValue& date);

}  // namespace papers
