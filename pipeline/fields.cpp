// Stage 6, fields. See fields.h.
#include "pipeline/fields.h"

#include <algorithm>

#include "extractors/contacts.h"
#include "extractors/dates.h"
#include "extractors/decisions.h"
#include "extractors/header_fields.h"
#include "extractors/legal_references.h"
#include "extractors/links.h"
#include "extractors/meeting_items.h"
#include "extractors/recommendations.h"

namespace papers {

Outcome<Record> FieldsStage::operator()(Segments segments) const {
  Record r;
  HeaderFields h = extract_header_fields(segments);
  r.title = std::move(h.title);
  r.body = std::move(h.body);
  r.organisation = std::move(h.organisation);
  r.agenda_item = std::move(h.agenda_item);
  r.author = std::move(h.author);
  r.classification = std::move(h.classification);
  r.meeting_date = std::move(h.meeting_date);
  r.report_date = std::move(h.report_date);
  r.recommendations = extract_recommendations(segments);
  r.decisions = extract_decisions(segments);
  if (!r.body) r.body = body_of_decisions(r.decisions);
  // Minutes number their items; each decision says which it is under. An agenda lists its items.
  if (!r.decisions.empty() && names_itself_minutes(segments)) {
    r.items = extract_meeting_items(segments);
    assign_minutes(r.decisions, r.items, extract_votes(segments));
  } else if (r.decisions.empty()) {
    r.items = extract_agenda_items(segments);
  }
  r.contacts = extract_contacts(segments);
  // An agenda is issued by the officer who signs it at its end ("Cathy Fleet - Parish Clerk -
  // 01869 347000"): its author, where its first lines name none.
  if (!r.author && r.decisions.empty() && !r.contacts.empty() && names_itself_agenda(segments)) {
    const Contact& last = r.contacts.back();
    const std::size_t size = segments.text.text.size();
    if (last.name && last.role && last.at.span.begin >= size - std::min<std::size_t>(size, 600))
      r.author = TextField{*last.name + ", " + *last.role, last.at};
  }
  r.legal_references = extract_legal_references(segments);
  if (r.classification && r.classification->value == "exempt") r.exempt_paragraphs = schedule_12a_paragraphs(r.legal_references);
  r.dates = extract_dates(segments);
  // A US paper's "06/08/1961" is 8 June.
  if (date_order_.value_or(numeric_date_order(segments.text.text)) == DateOrder::month_first) {
    for (std::optional<DateValue>* d : {&r.meeting_date, &r.report_date})
      if (*d) read_month_first(**d);
    for (DateValue& d : r.dates) read_month_first(d);
  }
  // Minutes record one meeting: the one day their header gives is that meeting's, not a report's.
  if (!r.meeting_date && r.report_date && r.report_date->kind == "day" && names_itself_minutes(segments)) {
    r.meeting_date = std::move(r.report_date);
    r.report_date.reset();
  }
  // A record of decision's or notice's meeting is the day the text gives its body: "decision by
  // Cabinet on 30 January 2025".
  if (!r.meeting_date && r.body) r.meeting_date = meeting_date_of_body(r.dates, segments.text.text, r.body->value);
  r.links = extract_links(segments);
  r.sections = std::move(segments.sections);
  r.source = std::move(segments.text.source);
  r.method = std::move(segments.text.method);
  r.pages = std::move(segments.text.pages);
  r.text = std::move(segments.text.text);
  return r;
}

}  // namespace papers
