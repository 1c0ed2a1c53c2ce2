// Record to JSON. See record_json.h.
#include "pipeline/record_json.h"

#include "pipeline/fields.h"
#include "pipeline/utf8.h"

namespace papers {
namespace {

using nlohmann::json;

json at_json(const Provenance& at) { return json{{"page", at.page}, {"span", json::array({at.span.begin, at.span.end})}}; }

json optional_string(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json text_field(const std::optional<TextField>& f) { return f ? json(f->value) : json(nullptr); }

json date_json(const DateValue& d) {
  return json{{"text", d.text}, {"kind", d.kind}, {"start", d.start}, {"end", d.end}, {"page", d.at.page},
              {"span", json::array({d.at.span.begin, d.at.span.end})}};
}

json optional_int(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

// {"for": 39, "against": 19, "abstain": 1, "names": {"for": [...], ...}, "result": "carried", "page": 10}
json vote_json(const Vote& v) {
  json j = {{"for", optional_int(v.in_favour)}, {"against", optional_int(v.against)}, {"abstain", optional_int(v.abstain)},
            {"result", v.result.empty() ? json(nullptr) : json(v.result)}, {"page", v.at.page}};
  if (!v.names_in_favour.empty() || !v.names_against.empty() || !v.names_abstain.empty())
    j["names"] = {{"for", v.names_in_favour}, {"against", v.names_against}, {"abstain", v.names_abstain}};
  return j;
}

json provenance_of(const std::optional<TextField>& f) { return f ? at_json(f->at) : json(nullptr); }
json provenance_of(const std::optional<DateValue>& d) { return d ? at_json(d->at) : json(nullptr); }

}  // namespace

json record_to_json(const Record& r) {
  json j;
  j["id"] = r.source.sha256;
  j["source"] = {{"path", printable(r.source.path)}, {"sha256", r.source.sha256}, {"bytes", r.source.bytes},
                 {"media_type", r.source.media_type}, {"pages", r.source.pages}};
  json pages = json::array();
  for (const PageInfo& p : r.pages) {
    json page = {{"number", p.number}, {"method", p.method}, {"chars", p.chars},
                 {"confidence", p.confidence ? json(*p.confidence) : json(nullptr)}};
    if (!p.ocr_reason.empty()) page["ocr_reason"] = p.ocr_reason;
    if (p.rotation != 0) page["rotation"] = p.rotation;
    if (p.ocr_dpi != 0) page["dpi"] = p.ocr_dpi;
    if (!p.error.empty()) page["error"] = p.error;
    pages.push_back(std::move(page));
  }
  j["extraction"] = {{"method", r.method}, {"extractor_version", kExtractorVersion}, {"pages", pages}};
  if (!r.source.warning.empty()) j["extraction"]["warning"] = r.source.warning;
  j["title"] = text_field(r.title);
  j["body"] = text_field(r.body);
  j["organisation"] = text_field(r.organisation);
  j["meeting_date"] = r.meeting_date ? json(r.meeting_date->start) : json(nullptr);
  j["report_date"] = r.report_date ? json(r.report_date->start) : json(nullptr);
  j["agenda_item"] = text_field(r.agenda_item);
  j["author"] = text_field(r.author);
  j["classification"] = text_field(r.classification);
  j["exempt_paragraphs"] = text_field(r.exempt_paragraphs);
  j["provenance"] = {{"title", provenance_of(r.title)},
                     {"body", provenance_of(r.body)},
                     {"organisation", provenance_of(r.organisation)},
                     {"meeting_date", provenance_of(r.meeting_date)},
                     {"report_date", provenance_of(r.report_date)},
                     {"agenda_item", provenance_of(r.agenda_item)},
                     {"author", provenance_of(r.author)},
                     {"classification", provenance_of(r.classification)},
                     {"exempt_paragraphs", provenance_of(r.exempt_paragraphs)}};
  json sections = json::array();
  for (const Section& s : r.sections) {
    json paragraphs = json::array();
    for (const Paragraph& p : s.paragraphs) paragraphs.push_back({{"number", optional_string(p.number)}, {"text", p.text}});
    sections.push_back({{"number", optional_string(s.number)}, {"heading", s.heading}, {"paragraphs", paragraphs}});
  }
  j["sections"] = sections;
  json recs = json::array();
  for (const Recommendation& rec : r.recommendations)
    recs.push_back({{"number", optional_string(rec.number)}, {"text", rec.text}, {"body", optional_string(rec.body)},
                    {"action", optional_string(rec.action)}, {"page", rec.at.page},
                    {"span", json::array({rec.at.span.begin, rec.at.span.end})}});
  j["recommendations"] = recs;
  json decisions = json::array();
  for (const Decision& d : r.decisions)
    decisions.push_back({{"number", optional_string(d.number)}, {"text", d.text}, {"minute", optional_string(d.minute)},
                         {"vote", d.vote ? vote_json(*d.vote) : json(nullptr)}, {"page", d.at.page},
                         {"span", json::array({d.at.span.begin, d.at.span.end})}});
  j["decisions"] = decisions;
  json items = json::array();
  for (const MeetingItem& m : r.items)
    items.push_back({{"number", m.number}, {"heading", m.heading}, {"agenda_item", optional_string(m.agenda_item)},
                     {"pages", m.first_page ? json::array({*m.first_page, *m.last_page}) : json(nullptr)},
                     {"page", m.at.page}, {"span", json::array({m.at.span.begin, m.at.span.end})}});
  j["items"] = items;
  json contacts = json::array();
  for (const Contact& c : r.contacts)
    contacts.push_back({{"name", optional_string(c.name)}, {"role", optional_string(c.role)},
                        {"email", optional_string(c.email)}, {"phone", optional_string(c.phone)},
                        {"phone_allocated", c.phone ? json(c.phone_allocated) : json()}, {"page", c.at.page},
                        {"span", json::array({c.at.span.begin, c.at.span.end})}});
  j["contacts"] = contacts;
  json legal = json::array();
  for (const LegalReference& l : r.legal_references)
    legal.push_back({{"text", l.text}, {"act", l.act}, {"act_key", l.act_key}, {"section", optional_string(l.section)},
                     {"page", l.at.page},
                     {"span", json::array({l.at.span.begin, l.at.span.end})}});
  j["legal_references"] = legal;
  json dates = json::array();
  for (const DateValue& d : r.dates) dates.push_back(date_json(d));
  j["dates"] = dates;
  json links = json::array();
  for (const Link& l : r.links)
    links.push_back({{"url", l.url}, {"page", l.at.page}, {"span", json::array({l.at.span.begin, l.at.span.end})}});
  j["links"] = links;
  j["text"] = r.text;
  if (!r.parts.empty()) {
    // A pack: its parts, each with the id its record has (none for a blank part).
    json parts = json::array();
    std::size_t k = 0;
    for (const PackPart& part : r.parts) {
      json p = {{"first", part.first}, {"last", part.last}, {"kind", part.kind}, {"title", part.title},
                {"agenda_item", optional_string(part.agenda_item)}, {"paper", nullptr}};
      if (part.kind != "blank") {
        for (std::size_t i = k; i < r.part_records.size(); ++i)
          if (r.part_records[i].part_of && r.part_records[i].part_of->first == part.first) {
            p["paper"] = r.part_records[i].source.sha256;
            k = i + 1;
            break;
          }
      }
      parts.push_back(std::move(p));
    }
    j["parts"] = parts;
  }
  if (r.part_of)
    j["part_of"] = {{"pack", r.part_of->pack_id}, {"path", printable(r.part_of->pack_path)}, {"first", r.part_of->first},
                    {"last", r.part_of->last}};
  return j;
}

}  // namespace papers
