// The archive's logic, once for both back ends (archive/store.h). See archive.h.
#include "archive/archive.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>
#include <thread>

#include "archive/outcomes.h"
#include "archive/schema.h"
#include "pipeline/record_json.h"
#include "extractors/decisions.h"
#include "extractors/legal_references.h"

namespace papers {
namespace {

std::string now_iso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::optional<std::string> value_of(const std::optional<TextField>& f) {
  return f ? std::optional<std::string>(f->value) : std::nullopt;
}
std::optional<std::string> value_of(const std::optional<DateValue>& d) {
  return d ? std::optional<std::string>(d->start) : std::nullopt;
}

}  // namespace

bool valid_iso_day(const std::string& v) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (v.size() != 10 || v[4] != '-' || v[7] != '-' || std::sscanf(v.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (v[i] < '0' || v[i] > '9') return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m >= 1 && m <= 12 && d >= 1 && d <= kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

std::optional<std::string> filter_day(const std::string& v, bool end) {
  if (valid_iso_day(v)) return v;
  const bool digits = std::all_of(v.begin(), v.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
  if (!digits) return std::nullopt;
  if (v.size() == 4 && v.find('-') == std::string::npos) return v + (end ? "-12-31" : "-01-01");
  if (v.size() == 7 && v[4] == '-' && v.find('-', 5) == std::string::npos) {
    const int month = std::atoi(v.c_str() + 5);
    if (month < 1 || month > 12) return std::nullopt;
    if (!end) return v + "-01";
    for (const char* last : {"-31", "-30", "-29", "-28"})
      if (valid_iso_day(v + last)) return v + last;
  }
  return std::nullopt;
}

namespace {

// Outcomes: every report of the bodies linked anew to the minutes of its meeting, one body at a
// time (its reports and minutes in memory, the rest of the archive not), in one transaction.
std::int64_t link_outcomes_in(Store& store, const std::set<std::string>& bodies) {
  std::vector<std::string> wanted;
  if (bodies.empty()) {
    auto b = store.prepare("SELECT DISTINCT lower(body) FROM papers WHERE body IS NOT NULL");
    while (b->step()) wanted.push_back(b->text(0));
  } else {
    wanted.assign(bodies.begin(), bodies.end());
  }
  const bool own_transaction = !store.in_transaction();
  if (own_transaction) store.begin();
  std::int64_t made = 0;
  try {
    store.serialise("outcomes");  // workers linking the same body's papers at once would undo each other
    // A body's reports and minutes read a page at a time (by seq), so that a back end that fetches
    // a statement's rows at once holds a page of records, not the body's.
    auto papers = store.prepare(
        "SELECT seq, record FROM papers p WHERE p.body = ?1 COLLATE NOCASE AND (EXISTS (SELECT 1 FROM recommendations r WHERE r.paper_id = p.id)"
        " OR EXISTS (SELECT 1 FROM decisions d WHERE d.paper_id = p.id)) AND seq > ?2 ORDER BY seq LIMIT 64");
    auto drop = store.prepare("DELETE FROM outcomes WHERE report_id = ?");
    auto put = store.prepare(
        "INSERT INTO outcomes(report_id, recommendation, outcome, minutes_id, minute, minute_heading, page, cue, match, decisions,"
        " decision_text, vote) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(report_id, recommendation) DO UPDATE SET"
        " outcome = excluded.outcome, minutes_id = excluded.minutes_id, minute = excluded.minute, minute_heading = excluded.minute_heading,"
        " page = excluded.page, cue = excluded.cue, match = excluded.match, decisions = excluded.decisions,"
        " decision_text = excluded.decision_text, vote = excluded.vote");
    for (const std::string& body : wanted) {
      std::vector<LinkPaper> group;
      for (std::int64_t after = -1, got = 64; got == 64;) {
        papers->reset();
        papers->bind(1, body);
        papers->bind(2, after);
        got = 0;
        while (papers->step()) {
          ++got;
          after = papers->integer(0);
          const nlohmann::json record = nlohmann::json::parse(papers->text(1), nullptr, /*allow_exceptions=*/false);
          if (record.is_object()) group.push_back(link_paper_from_record(record));
        }
      }
      std::vector<const LinkPaper*> minutes;
      for (const LinkPaper& p : group)
        if (is_minutes(p)) minutes.push_back(&p);
      for (const LinkPaper& report : group) {
        if (!is_report(report)) continue;
        drop->reset();
        drop->bind(1, report.id);
        drop->run();
        for (const OutcomeLink& l : papers::link_outcomes(report, minutes)) {
          put->reset();
          put->bind(1, l.report_id);
          put->bind(2, static_cast<std::int64_t>(l.recommendation));
          put->bind(3, l.outcome);
          put->bind(4, l.minutes_id);
          put->bind(5, l.minute);
          put->bind(6, l.minute_heading);
          put->bind(7, static_cast<std::int64_t>(l.page));
          put->bind(8, l.cue);
          put->bind(9, l.match);
          put->bind(10, nlohmann::json(l.decisions).dump());
          put->bind(11, l.decision_text);
          put->bind(12, l.vote.is_null() ? std::optional<std::string>() : l.vote.dump());
          put->run();
          ++made;
        }
      }
    }
  } catch (...) {
    if (own_transaction) store.rollback();
    throw;
  }
  if (own_transaction) store.commit();
  return made;
}

}  // namespace

Archive::Archive(const std::string& location, bool read_only)
    : store_(open_store(location, read_only, [](Store& store) { link_outcomes_in(store, {}); })) {}

Archive::~Archive() = default;

void Archive::begin() { store_->begin(); }

void Archive::commit() { store_->commit(); }

void Archive::rollback() { store_->rollback(); }

void Archive::put_sketch(const std::string& id, const Sketch& sketch) { papers::put_sketch(*store_, id, sketch); }

std::vector<Archive::SamePaper> Archive::same_paper(const Record& r, const std::vector<std::uint64_t>& runs, const Sketch& sketch) {
  if (runs.empty()) return {};
  std::string sql = "SELECT paper_id FROM sketches WHERE ";
  for (int slot = 0; slot < kSketchSlots; ++slot)
    sql += std::string(slot ? " OR " : "") + "(slot = " + std::to_string(slot) + " AND value = ?" + std::to_string(slot + 1) + ")";
  sql += " GROUP BY paper_id HAVING count(*) >= " + std::to_string(kSketchCandidate);
  Borrowed s(store_->cached(sql.c_str()));
  for (int slot = 0; slot < kSketchSlots; ++slot) s->bind(slot + 1, sketch[static_cast<std::size_t>(slot)]);
  std::vector<std::string> candidates;
  while (s->step()) candidates.push_back(s->text(0));
  std::vector<std::pair<double, SamePaper>> found;
  // A candidate's plain columns first; its record (parsed as JSON for the text) only when it can be
  // the same paper: many near-identical papers (a form sent out a thousand times) are each
  // another's candidate, and parsing every one of their records made archiving them quadratic.
  Borrowed paper(store_->cached("SELECT pages, coalesce(pack_of, ''), parts IS NOT NULL FROM papers WHERE id = ?"));
  Borrowed text(store_->cached("SELECT json_extract(record, '$.text'), coalesce(CAST(json_extract(record, '$.part_of.first') AS INTEGER), 0)"
                               " FROM papers WHERE id = ?"));
  for (const std::string& id : candidates) {
    if (id == r.source.sha256) continue;
    paper->reset();
    paper->bind(1, id);
    if (!paper->step() || paper->integer(2) != 0) continue;  // a pack is no paper
    const std::string pack_of = paper->text(1);
    // A part and an original: two originals, or two parts, of one text are left as they are.
    if (pack_of.empty() == !r.part_of.has_value()) continue;
    if (paper->integer(0) != r.source.pages) continue;
    text->reset();
    text->bind(1, id);
    if (!text->step()) continue;
    const double score = resemblance(runs, word_runs(text->text(0)));
    if (score >= kSamePaper) found.push_back({score, SamePaper{id, pack_of, static_cast<int>(text->integer(1))}});
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<SamePaper> out;
  for (auto& [score, same] : found) out.push_back(std::move(same));
  return out;
}

// The packs in whose pages a paper was found ("PACK.pdf#pages=3-11" among its paths): their
// records' part names paper ("" none).
void Archive::point_packs_at(const std::string& id, const std::string& paper) {
  for (const std::string& place : original_paths(id)) {
    const std::size_t at = place.rfind("#pages=");
    if (at == std::string::npos) continue;
    Borrowed owner(store_->cached("SELECT paper_id FROM paper_paths WHERE path = ? AND paper_id != ?"));
    owner->bind(1, place.substr(0, at));
    owner->bind(2, id);
    const int first = std::atoi(place.c_str() + at + 7);
    std::vector<std::string> packs;
    while (owner->step()) packs.push_back(owner->text(0));
    for (const std::string& pack : packs) set_pack_part(pack, first, paper);
  }
}

// The paper a pack's part is, in the pack's stored record.
void Archive::set_pack_part(const std::string& pack_id, int first, const std::string& paper_id) {
  Borrowed s(store_->cached("SELECT record FROM papers WHERE id = ?"));
  s->bind(1, pack_id);
  if (!s->step()) return;
  nlohmann::json record = nlohmann::json::parse(s->text(0), nullptr, false);
  if (!record.is_object() || !record.contains("parts") || !record["parts"].is_array()) return;
  for (nlohmann::json& part : record["parts"])
    if (part.is_object() && part.value("first", 0) == first) part["paper"] = paper_id.empty() ? nlohmann::json() : nlohmann::json(paper_id);
  Borrowed u(store_->cached("UPDATE papers SET record = ? WHERE id = ?"));
  u->bind(1, record.dump());
  u->bind(2, pack_id);
  u->run();
}

bool Archive::put_paper(const Record& r, const nlohmann::json& record_json, std::optional<std::int64_t> seq) {
  if (contains(r.source.sha256)) {
    add_path(r.source.sha256, r.source.path);
    return false;
  }
  const std::vector<std::uint64_t> runs = word_runs(r.text);
  const Sketch sketch = sketch_of(runs);
  if (const std::vector<SamePaper> same = same_paper(r, runs, sketch); !same.empty()) {
    if (r.part_of) {
      // A part whose original is archived: the original (the likest) is the paper, the part one
      // more place of it.
      add_path(same[0].id, r.source.path);
      set_pack_part(r.part_of->pack_id, r.part_of->first, same[0].id);
      return false;
    }
    // An original whose packs' parts are archived (one pack or several binding it): the original
    // takes each part's place.
    std::vector<std::string> paths;
    for (const SamePaper& part : same) {
      const std::vector<std::string> its = original_paths(part.id);
      paths.insert(paths.end(), its.begin(), its.end());
      remove(part.id);
    }
    const bool fresh = insert(r, record_json, seq);
    for (const std::string& path : paths) add_path(r.source.sha256, path);
    for (const SamePaper& part : same) set_pack_part(part.pack_of, part.first, r.source.sha256);
    put_sketch(r.source.sha256, sketch);
    return fresh;
  }
  const bool fresh = insert(r, record_json, seq);
  if (fresh) put_sketch(r.source.sha256, sketch);
  return fresh;
}

bool Archive::contains(const std::string& id) {
  Borrowed s(store_->cached("SELECT 1 FROM papers WHERE id = ?"));
  s->bind(1, id);
  return s->step();
}

void Archive::add_path(const std::string& id, const std::string& path) {
  Borrowed s(store_->cached("INSERT INTO paper_paths(paper_id, path) VALUES (?, ?) ON CONFLICT DO NOTHING"));
  s->bind(1, id);
  s->bind(2, path);
  s->run();
  Borrowed clear(store_->cached("DELETE FROM failures WHERE path = ?"));
  clear->bind(1, path);
  clear->run();
}

namespace {

// A pack's record as stored: its lists of things found emptied (they are its parts', and counted
// there once), its fields, parts and text kept.
nlohmann::json pack_json(nlohmann::json record) {
  for (const char* key : {"recommendations", "decisions", "items", "contacts", "legal_references", "dates", "links"}) record[key] = nlohmann::json::array();
  return record;
}

}  // namespace

bool Archive::put(const Record& r, const nlohmann::json& record_json) {
  if (r.parts.empty()) return put_paper(r, record_json, std::nullopt);
  // A pack: its own row, then each part as a paper (or as a place of its original).
  if (!insert(r, pack_json(record_json), std::nullopt)) return false;
  for (const Record& part : r.part_records) put_paper(part, record_to_json(part), std::nullopt);
  return true;
}

namespace {

std::string ascii_lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

void Archive::touch_body_of(const std::string& id) {
  Borrowed s(store_->cached("SELECT body FROM papers WHERE id = ? AND body IS NOT NULL"));
  s->bind(1, id);
  if (s->step()) touched_bodies_.insert(ascii_lower(s->text(0)));
}

bool Archive::insert(const Record& r, const nlohmann::json& record_json, std::optional<std::int64_t> seq) {
  const std::string& id = r.source.sha256;
  if (r.body) touched_bodies_.insert(ascii_lower(r.body->value));
  std::int64_t paper_seq = 0;
  {
    // (Without seq: the next number, as the key's sequence gives.) No row back: the bytes were
    // archived already (by another process writing the same archive since this one looked).
    Borrowed s(store_->cached(
        seq ? "INSERT INTO papers(id, path, bytes, media_type, pages, method, title, body, organisation, meeting_date,"
              " report_date, agenda_item, author, classification, warning, record, ingested_at, pack_of, parts, seq)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING RETURNING seq"
            : "INSERT INTO papers(id, path, bytes, media_type, pages, method, title, body, organisation, meeting_date,"
              " report_date, agenda_item, author, classification, warning, record, ingested_at, pack_of, parts)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO NOTHING RETURNING seq"));
    s->bind(1, id);
    s->bind(2, r.source.path);
    s->bind(3, static_cast<std::int64_t>(r.source.bytes));
    s->bind(4, r.source.media_type);
    s->bind(5, static_cast<std::int64_t>(r.source.pages));
    s->bind(6, r.method);
    s->bind(7, value_of(r.title));
    s->bind(8, value_of(r.body));
    s->bind(9, value_of(r.organisation));
    s->bind(10, value_of(r.meeting_date));
    s->bind(11, value_of(r.report_date));
    s->bind(12, value_of(r.agenda_item));
    s->bind(13, value_of(r.author));
    s->bind(14, value_of(r.classification));
    s->bind(15, r.source.warning.empty() ? std::optional<std::string>() : r.source.warning);
    s->bind(16, record_json.dump());
    s->bind(17, now_iso());
    s->bind(18, r.part_of ? std::optional<std::string>(r.part_of->pack_id) : std::nullopt);
    if (!r.parts.empty()) s->bind(19, static_cast<std::int64_t>(r.parts.size()));
    else s->bind_null(19);
    if (seq) s->bind(20, *seq);
    if (!s->step()) {  // already there: only remember this path
      add_path(id, r.source.path);
      return false;
    }
    paper_seq = s->integer(0);
    s->run();
  }
  add_path(id, r.source.path);
  if (!r.parts.empty()) return true;  // a pack: its pages, text, recommendations, decisions ... are its parts', counted there once
  Borrowed page(store_->cached(
      "INSERT INTO pages(paper_id, number, method, chars, confidence, ocr_reason, rotation, error) VALUES (?,?,?,?,?,?,?,?)"));
  for (const PageInfo& p : r.pages) {
    page->reset();
    page->bind(1, id);
    page->bind(2, static_cast<std::int64_t>(p.number));
    page->bind(3, p.method);
    page->bind(4, static_cast<std::int64_t>(p.chars));
    page->bind(5, p.confidence);
    page->bind(6, p.ocr_reason.empty() ? std::nullopt : std::optional<std::string>(p.ocr_reason));
    if (p.rotation) page->bind(7, static_cast<std::int64_t>(p.rotation));
    else page->bind_null(7);
    page->bind(8, p.error.empty() ? std::nullopt : std::optional<std::string>(p.error));
    page->run();
  }
  store_->index_paper(paper_seq, r.title ? r.title->value : std::string(), r.text);
  // Recommendations and decisions: one row each (seq from 1 in the paper's order), each indexed.
  const auto put_items = [&](const char* table, const auto& items) {
    const std::string t(table);
    Borrowed row(store_->cached("INSERT INTO " + t + "(paper_id, seq, number, text, page, span_begin, span_end) VALUES (?,?,?,?,?,?,?)"));
    for (std::size_t i = 0; i < items.size(); ++i) {
      const auto& x = items[i];
      row->reset();
      row->bind(1, id);
      row->bind(2, static_cast<std::int64_t>(i + 1));
      row->bind(3, x.number);
      row->bind(4, x.text);
      row->bind(5, static_cast<std::int64_t>(x.at.page));
      row->bind(6, static_cast<std::int64_t>(x.at.span.begin));
      row->bind(7, static_cast<std::int64_t>(x.at.span.end));
      row->run();
      store_->index_item(t, id, static_cast<std::int64_t>(i + 1), x.text);
    }
  };
  put_items("recommendations", r.recommendations);
  put_items("decisions", r.decisions);
  Borrowed contact(store_->cached("INSERT INTO contacts(paper_id, seq, name, role, email, phone, page) VALUES (?,?,?,?,?,?,?)"));
  for (std::size_t i = 0; i < r.contacts.size(); ++i) {
    const Contact& x = r.contacts[i];
    contact->reset();
    contact->bind(1, id);
    contact->bind(2, static_cast<std::int64_t>(i + 1));
    contact->bind(3, x.name);
    contact->bind(4, x.role);
    contact->bind(5, x.email);
    contact->bind(6, x.phone);
    contact->bind(7, static_cast<std::int64_t>(x.at.page));
    contact->run();
  }
  Borrowed legal(store_->cached("INSERT INTO legal_references(paper_id, seq, text, act, act_key, section, page) VALUES (?,?,?,?,?,?,?)"));
  for (std::size_t i = 0; i < r.legal_references.size(); ++i) {
    const LegalReference& x = r.legal_references[i];
    legal->reset();
    legal->bind(1, id);
    legal->bind(2, static_cast<std::int64_t>(i + 1));
    legal->bind(3, x.text);
    legal->bind(4, x.act);
    legal->bind(5, act_key(x.act));
    legal->bind(6, x.section);
    legal->bind(7, static_cast<std::int64_t>(x.at.page));
    legal->run();
  }
  Borrowed date(store_->cached("INSERT INTO dates(paper_id, seq, text, kind, start, \"end\", page) VALUES (?,?,?,?,?,?,?)"));
  for (std::size_t i = 0; i < r.dates.size(); ++i) {
    const DateValue& x = r.dates[i];
    date->reset();
    date->bind(1, id);
    date->bind(2, static_cast<std::int64_t>(i + 1));
    date->bind(3, x.text);
    date->bind(4, x.kind);
    date->bind(5, x.start);
    date->bind(6, x.end);
    date->bind(7, static_cast<std::int64_t>(x.at.page));
    date->run();
  }
  Borrowed link(store_->cached("INSERT INTO links(paper_id, seq, url, page) VALUES (?,?,?,?)"));
  for (std::size_t i = 0; i < r.links.size(); ++i) {
    link->reset();
    link->bind(1, id);
    link->bind(2, static_cast<std::int64_t>(i + 1));
    link->bind(3, r.links[i].url);
    link->bind(4, static_cast<std::int64_t>(r.links[i].at.page));
    link->run();
  }
  return true;
}

void Archive::put_failure(const Failure& f) {
  auto s = store_->prepare(
      "INSERT INTO failures(path, sha256, stage, reason, at) VALUES (?,?,?,?,?)"
      " ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, stage=excluded.stage, reason=excluded.reason, at=excluded.at");
  s->bind(1, f.path);
  s->bind(2, f.sha256.empty() ? std::optional<std::string>() : f.sha256);
  s->bind(3, f.stage);
  s->bind(4, f.reason);
  s->bind(5, now_iso());
  s->run();
}

bool Archive::remove(const std::string& id) {
  std::int64_t seq = -1;
  {
    auto s = store_->prepare("SELECT seq FROM papers WHERE id = ?");
    s->bind(1, id);
    if (s->step()) seq = s->integer(0);
  }
  if (seq < 0) return false;
  touch_body_of(id);
  // An original that is also a pack's part ("PACK.pdf#pages=3-11" among its paths): the pack's
  // record no longer names it (`papers reextract PACK` makes the part a paper of its own again).
  point_packs_at(id, "");
  // A pack goes with its parts, and its places among its originals' paths.
  {
    std::vector<std::string> parts;
    auto p = store_->prepare("SELECT id FROM papers WHERE pack_of = ?");
    p->bind(1, id);
    while (p->step()) parts.push_back(p->text(0));
    for (const std::string& part : parts) remove(part);
    // "PACK.pdf#pages=3-11" among its originals' paths: every such place of each of its paths (a
    // pack's only: other papers have none).
    bool pack = false;
    {
      auto is_pack = store_->prepare("SELECT parts IS NOT NULL FROM papers WHERE id = ?");
      is_pack->bind(1, id);
      pack = is_pack->step() && is_pack->integer(0) != 0;
    }
    auto places = store_->prepare("DELETE FROM paper_paths WHERE paper_id != ?3 AND path >= ?1 AND path < ?2");
    for (const std::string& path : pack ? original_paths(id) : std::vector<std::string>{}) {
      places->reset();
      places->bind(1, path + "#pages=");
      places->bind(2, path + "#pages>");
      places->bind(3, id);
      places->run();
    }
  }
  const auto run = [&](const std::string& sql) {
    Borrowed s(store_->cached(sql));
    s->bind(1, id);
    s->run();
  };
  store_->unindex_paper(id, seq);  // while its rows still say which entries are its
  for (const char* table : {"recommendations", "decisions", "contacts", "legal_references", "dates", "links", "pages", "paper_paths"})
    run(std::string("DELETE FROM ") + table + " WHERE paper_id = ?");
  run("DELETE FROM outcomes WHERE report_id = ?1 OR minutes_id = ?1");
  run("DELETE FROM sketches WHERE paper_id = ?");
  run("DELETE FROM papers WHERE id = ?");
  return true;
}

bool Archive::replace(const Record& record, const nlohmann::json& record_json) {
  const std::string& id = record.source.sha256;
  std::string ingested_at;
  std::int64_t seq = 0;
  {
    auto s = store_->prepare("SELECT ingested_at, seq FROM papers WHERE id = ?");
    s->bind(1, id);
    if (!s->step()) return false;
    ingested_at = s->text(0);
    seq = s->integer(1);
  }
  std::vector<std::string> paths = original_paths(id);
  remove(id);
  insert(record, record.parts.empty() ? record_json : pack_json(record_json), seq);
  for (const std::string& path : paths) add_path(id, path);
  point_packs_at(id, id);  // the packs it was found in name it again
  if (record.parts.empty()) put_sketch(id, sketch_of(word_runs(record.text)));
  for (const Record& part : record.part_records) put_paper(part, record_to_json(part), std::nullopt);
  auto keep = store_->prepare("UPDATE papers SET ingested_at = ? WHERE id = ?");
  keep->bind(1, ingested_at);
  keep->bind(2, id);
  keep->run();
  return true;
}

std::vector<std::string> Archive::ids_older_than(int version) {
  // (A pack's parts are made again with their pack, never alone: their path is no file.)
  auto s = store_->prepare("SELECT id FROM papers WHERE pack_of IS NULL AND coalesce(CAST(json_extract(record, '$.extraction.extractor_version') AS INTEGER), 0) < ? ORDER BY seq");
  s->bind(1, static_cast<std::int64_t>(version));
  std::vector<std::string> out;
  while (s->step()) out.push_back(s->text(0));
  return out;
}

void Archive::resolve_failure(const std::string& path) {
  auto s = store_->prepare("DELETE FROM failures WHERE path = ?");
  s->bind(1, path);
  s->run();
}

std::optional<nlohmann::json> Archive::record(const std::string& id_or_prefix) {
  if (id_or_prefix.size() < 6) return std::nullopt;  // too short a prefix to be one paper
  auto s = store_->prepare("SELECT record FROM papers WHERE id >= ? AND id < ? ORDER BY id LIMIT 2");
  s->bind(1, id_or_prefix);
  s->bind(2, id_or_prefix + "\x7f");
  std::optional<nlohmann::json> found;
  int rows = 0;
  while (s->step()) {
    ++rows;
    found = nlohmann::json::parse(s->text(0));
  }
  if (rows != 1) return std::nullopt;
  annotate_record(*found);
  return found;
}

std::vector<std::string> Archive::ids_starting(const std::string& prefix, std::size_t limit) {
  auto s = store_->prepare("SELECT id FROM papers WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT ?3");
  s->bind(1, prefix);
  s->bind(2, prefix + "\x7f");
  s->bind(3, static_cast<std::int64_t>(limit));
  std::vector<std::string> out;
  while (s->step()) out.push_back(s->text(0));
  return out;
}

std::vector<std::string> Archive::ids_of_path(const std::string& path) {
  auto s = store_->prepare("SELECT id FROM papers WHERE path = ?1 UNION SELECT paper_id FROM paper_paths WHERE path = ?1 ORDER BY 1");
  s->bind(1, path);
  std::vector<std::string> out;
  while (s->step()) out.push_back(s->text(0));
  return out;
}

// A page at a time, by seq: a back end that fetches a statement's rows at once (PostgreSQL) then
// holds one page of records, never the archive's.
void Archive::each_page(const std::string& sql, const RecordFilter& f,
                        const std::function<void(const nlohmann::json& record, const std::string& ingested_at)>& visit) {
  constexpr std::int64_t kPage = 256;
  std::int64_t after = -1;
  for (bool more = true; more;) {
    std::vector<std::pair<std::string, std::string>> page;  // record, ingested_at
    {
      auto s = store_->prepare(sql);
      s->bind(1, f.body);
      s->bind(2, f.since);
      s->bind(3, f.until);
      s->bind(4, f.organisation);
      s->bind(5, after);
      s->bind(6, kPage);
      while (s->step()) {
        after = s->integer(0);
        page.emplace_back(s->text(1), s->text(2));
      }
    }
    more = static_cast<std::int64_t>(page.size()) == kPage;
    for (auto& [text, ingested_at] : page) {
      nlohmann::json record = nlohmann::json::parse(text);
      annotate_record(record);
      visit(record, ingested_at);
    }
  }
}

void Archive::each_record(const std::function<void(const nlohmann::json&)>& visit) {
  each_record(RecordFilter{}, [&](const nlohmann::json& record, const std::string&) { visit(record); });
}

void Archive::each_record(const RecordFilter& f,
                          const std::function<void(const nlohmann::json& record, const std::string& ingested_at)>& visit) {
  each_page("SELECT seq, record, ingested_at FROM papers p WHERE (?1 = '' OR p.body = ?1 COLLATE NOCASE)"
            " AND (?2 = '' OR coalesce(p.meeting_date, p.report_date) >= ?2)"
            " AND (?3 = '' OR coalesce(p.meeting_date, p.report_date) <= ?3)"
            " AND (?4 = '' OR p.organisation = ?4 COLLATE NOCASE) AND seq > ?5 ORDER BY seq LIMIT ?6",
            f, visit);
}

std::vector<Failure> Archive::failures() {
  auto s = store_->prepare("SELECT path, stage, reason, coalesce(sha256, '') FROM failures ORDER BY path");
  std::vector<Failure> out;
  while (s->step())
    out.push_back(Failure{s->text(0), s->text(1), s->text(2), s->text(3)});
  return out;
}

ArchiveStats Archive::stats() {
  ArchiveStats st;
  auto scalar = [&](const char* sql) {
    auto s = store_->prepare(sql);
    return s->step() ? s->integer(0) : 0;
  };
  auto grouped = [&](const char* sql) {
    auto s = store_->prepare(sql);
    std::vector<std::pair<std::string, std::int64_t>> out;
    while (s->step()) out.emplace_back(s->text(0), s->integer(1));
    return out;
  };
  st.papers = scalar("SELECT count(*) FROM papers WHERE parts IS NULL");
  st.packs = scalar("SELECT count(*) FROM papers WHERE parts IS NOT NULL");
  st.pages = scalar("SELECT coalesce(sum(pages), 0) FROM papers WHERE parts IS NULL");  // a pack's pages are its parts'
  st.failures = scalar("SELECT count(*) FROM failures");
  st.recommendations = scalar("SELECT count(*) FROM recommendations");
  st.decisions = scalar("SELECT count(*) FROM decisions");
  st.contacts = scalar("SELECT count(*) FROM contacts");
  st.legal_references = scalar("SELECT count(*) FROM legal_references");
  st.dates = scalar("SELECT count(*) FROM dates");
  st.by_page_method = grouped("SELECT method, count(*) FROM pages GROUP BY 1 ORDER BY 1");
  st.page_errors = scalar("SELECT count(*) FROM pages WHERE error IS NOT NULL");
  {
    auto s = store_->prepare(
        "SELECT p.id, p.path, group_concat(g.number || ' (' || cast(round(g.confidence) AS INTEGER) || ')', ', '),"
        " min(g.confidence) FROM pages g JOIN papers p ON p.id = g.paper_id"
        " WHERE g.method = 'ocr' AND g.confidence < ? GROUP BY p.id, p.path ORDER BY min(g.confidence), p.path");
    s->bind_real(1, kLowConfidence);
    while (s->step())
      st.low_confidence.push_back({s->text(0), s->text(1), s->text(2)});
  }
  st.by_media_type = grouped("SELECT media_type, count(*) FROM papers WHERE parts IS NULL GROUP BY 1 ORDER BY 2 DESC, 1");
  st.by_body = grouped("SELECT coalesce(body, '(unknown)'), count(*) FROM papers WHERE parts IS NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20");
  st.by_classification = grouped("SELECT coalesce(classification, '(unknown)'), count(*) FROM papers WHERE parts IS NULL GROUP BY 1 ORDER BY 2 DESC, 1");
  st.failure_reasons = grouped(
      "SELECT CASE WHEN instr(reason, ':') > 0 THEN substr(reason, 1, instr(reason, ':') - 1) ELSE reason END, count(*)"
      " FROM failures GROUP BY 1 ORDER BY 2 DESC, 1");
  for (const char* f : {"title", "body", "organisation", "meeting_date", "report_date", "agenda_item", "author", "classification"}) {
    const std::string sql = std::string("SELECT count(*) FROM papers WHERE parts IS NULL AND ") + f + " IS NOT NULL";
    st.field_coverage.emplace_back(f, scalar(sql.c_str()));
  }
  return st;
}

bool Archive::searchable() { return store_->searchable(); }

std::string query_cost_error(const std::string& query, const QueryLimits& limits) {
  if (query.size() > limits.max_bytes)
    return "the query is " + std::to_string(query.size()) + " bytes long; at most " + std::to_string(limits.max_bytes);
  int terms = 0, prefixes = 0;
  bool quoted = false;
  std::string word;
  const auto end_word = [&]() -> std::string {
    std::string w = std::move(word);
    word.clear();
    if (w.empty() || (!quoted && (w == "AND" || w == "OR" || w == "NOT" || w == "NEAR"))) return "";
    ++terms;
    if (w.back() != '*') return "";
    ++prefixes;
    std::size_t letters = 0;  // code points before the '*'
    for (std::size_t i = 0; i + 1 < w.size(); ++i) letters += (static_cast<unsigned char>(w[i]) & 0xC0) != 0x80;
    if (static_cast<int>(letters) < limits.min_prefix)
      return "the prefix '" + w + "' is too short: give at least " + std::to_string(limits.min_prefix) + " letters before *";
    return "";
  };
  for (std::size_t i = 0; i <= query.size(); ++i) {
    const char c = i < query.size() ? query[i] : ' ';
    const bool separator = c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ')' || c == '"' || c == '^' || c == ':' ||
                           c == '+' || c == ',' || (c == '-' && word.empty());
    if (!separator) {
      word += c;
      continue;
    }
    if (std::string why = end_word(); !why.empty()) return why;
    if (c == '"') quoted = !quoted;
  }
  if (terms > limits.max_terms)
    return "the query has " + std::to_string(terms) + " terms; at most " + std::to_string(limits.max_terms);
  if (prefixes > limits.max_prefixes)
    return "the query has " + std::to_string(prefixes) + " prefix terms (word*); at most " + std::to_string(limits.max_prefixes);
  return "";
}

std::string fts_query(const std::string& words) {
  // FTS5's barewords: letters, digits, '_' and any non-ASCII character.
  const auto bare = [](unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_'; };
  std::string out;
  for (std::size_t i = 0; i < words.size();) {
    const char c = words[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '(' || c == ')') {
      out += c;
      ++i;
      continue;
    }
    if (c == '"') {  // a phrase, as written (closed if the user did not)
      const std::size_t close = words.find('"', i + 1);
      out += words.substr(i, close == std::string::npos ? std::string::npos : close + 1 - i);
      if (close == std::string::npos) out += '"';
      i = close == std::string::npos ? words.size() : close + 1;
      continue;
    }
    std::size_t end = i;
    while (end < words.size() && words[end] != ' ' && words[end] != '\t' && words[end] != '\n' && words[end] != '(' &&
           words[end] != ')' && words[end] != '"')
      ++end;
    std::string word = words.substr(i, end - i);
    i = end;
    if (word == "AND" || word == "OR" || word == "NOT" || word == "NEAR") {
      out += word;
      continue;
    }
    const bool prefix = word.size() > 1 && word.back() == '*';
    if (prefix) word.pop_back();
    if (word.empty() || word == "*") continue;
    if (std::all_of(word.begin(), word.end(), [&](char ch) { return bare(static_cast<unsigned char>(ch)); })) {
      out += word;
    } else {
      out += '"' + word + '"';
    }
    if (prefix) out += '*';
  }
  return out;
}

namespace {

// The filter of a papers listing as SQL over papers p: ?1 body, ?2 since, ?3 until. A pack is no
// paper of the listing: its parts are.
constexpr const char* kListWhere =
    " WHERE p.parts IS NULL AND (?1 = '' OR p.body = ?1 COLLATE NOCASE) AND (?2 = '' OR coalesce(p.meeting_date, p.report_date) >= ?2)"
    " AND (?3 = '' OR coalesce(p.meeting_date, p.report_date) <= ?3)";

}  // namespace

std::vector<PaperListItem> Archive::list_papers(const PaperListQuery& q) {
  // (The order by name: known values first, then by date, newest first.)
  const std::string day = "coalesce(p.meeting_date, p.report_date)";
  const std::string order = q.sort == "body"           ? "p.body IS NULL, p.body COLLATE NOCASE, " + day + " DESC, p.seq"
                            : q.sort == "organisation" ? "p.organisation IS NULL, p.organisation COLLATE NOCASE, " + day + " DESC, p.seq"
                            : q.sort == "archived"     ? "p.seq DESC"
                                                       : day + " IS NULL, " + day + " DESC, p.seq";
  const std::string sql =
      "SELECT p.id, coalesce(p.title, ''), coalesce(p.body, ''), coalesce(p.organisation, ''),"
      " coalesce(p.meeting_date, p.report_date, ''), p.path, p.pages, (SELECT min(g.confidence) FROM pages g WHERE g.paper_id = p.id AND g.method = 'ocr')"
      " FROM papers p" + std::string(kListWhere) + " ORDER BY " + order + " LIMIT ?4 OFFSET ?5";
  auto s = store_->prepare(sql.c_str());
  s->bind(1, q.filter.body);
  s->bind(2, q.filter.since);
  s->bind(3, q.filter.until);
  s->bind(4, static_cast<std::int64_t>(q.limit));
  s->bind(5, static_cast<std::int64_t>(q.offset));
  std::vector<PaperListItem> out;
  while (s->step()) {
    PaperListItem item{s->text(0), s->text(1), s->text(2), s->text(3),
                       s->text(4), s->text(5), s->integer(6), std::nullopt};
    if (!s->null(7)) item.lowest_ocr_confidence = s->real(7);
    out.push_back(std::move(item));
  }
  return out;
}

std::int64_t Archive::count_papers(const RecordFilter& filter) {
  auto s = store_->prepare((std::string("SELECT count(*) FROM papers p") + kListWhere).c_str());
  s->bind(1, filter.body);
  s->bind(2, filter.since);
  s->bind(3, filter.until);
  return s->step() ? s->integer(0) : 0;
}

std::optional<double> Archive::lowest_ocr_confidence(const std::string& id) {
  auto s = store_->prepare("SELECT min(confidence) FROM pages WHERE paper_id = ? AND method = 'ocr'");
  s->bind(1, id);
  if (!s->step() || s->null(0)) return std::nullopt;
  return s->real(0);
}

std::int64_t Archive::undated_left_out(const SearchQuery& q) {
  if ((q.since.empty() && q.until.empty()) || q.include_undated) return 0;
  if (q.text.find_first_not_of(" \t\n") == std::string::npos || !query_cost_error(q.text).empty()) return 0;
  return store_->undated_left_out(q);
}

std::vector<SearchHit> Archive::search(const SearchQuery& q) {
  if (q.text.find_first_not_of(" \t\n") == std::string::npos) throw SearchError("the query is empty");
  // A query that would cost more than any one search may (a 96 KB query, sixteen "t*"s) is
  // refused before the index sees it, for the command line as for the web page.
  if (std::string why = query_cost_error(q.text); !why.empty()) throw SearchError(why);
  // An archive made before search is indexed when opened for writing; read-only, it cannot be.
  if (!searchable())
    throw SearchError("this archive was made by an older papers and has no index of this kind yet: run `papers ingest` "
                      "on it once (any folder, even one already archived) to bring it up to date");
  return store_->search(q);
}

std::vector<std::string> Archive::original_paths(const std::string& id) {
  Borrowed s(store_->cached("SELECT path, 0 FROM papers WHERE id = ?1 UNION SELECT path, 1 FROM paper_paths WHERE paper_id = ?1"
                      " AND path NOT IN (SELECT path FROM papers WHERE id = ?1) ORDER BY 2, 1"));
  s->bind(1, id);
  std::vector<std::string> out;
  while (s->step()) out.push_back(s->text(0));
  return out;
}

std::vector<std::pair<std::string, std::int64_t>> Archive::bodies() {
  auto s = store_->prepare("SELECT coalesce(body, ''), count(*) FROM papers GROUP BY 1 ORDER BY 2 DESC, 1");
  std::vector<std::pair<std::string, std::int64_t>> out;
  while (s->step()) out.emplace_back(s->text(0), s->integer(1));
  return out;
}

std::vector<YearBodyCount> Archive::recommendations_by_year() {
  auto s = store_->prepare(
      "SELECT CAST(substr(coalesce(p.meeting_date, p.report_date), 1, 4) AS INTEGER), coalesce(p.body, ''), count(*)"
      " FROM recommendations r JOIN papers p ON p.id = r.paper_id"
      " WHERE coalesce(p.meeting_date, p.report_date) IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2");
  std::vector<YearBodyCount> out;
  while (s->step())
    out.push_back({static_cast<int>(s->integer(0)), s->text(1), s->integer(2)});
  return out;
}

std::int64_t Archive::count_papers() {
  auto s = store_->prepare("SELECT count(*) FROM papers WHERE parts IS NULL");  // a pack is no paper: its parts are
  return s->step() ? s->integer(0) : 0;
}

std::int64_t Archive::count_decisions() {
  auto s = store_->prepare("SELECT count(*) FROM decisions");
  return s->step() ? s->integer(0) : 0;
}

std::int64_t Archive::count_recommendations() {
  auto s = store_->prepare("SELECT count(*) FROM recommendations");
  return s->step() ? s->integer(0) : 0;
}

std::int64_t Archive::link_outcomes(const std::set<std::string>& bodies) { return link_outcomes_in(*store_, bodies); }

namespace {

// Copies the rows sql gives (the columns of t, in order) into the same table of target; items
// rows indexed as the target's back end indexes them. The number of rows.
std::string insert_sql(const TableColumns& t) {
  std::string columns, marks;
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    columns += (i ? ", " : "") + t.columns[i];
    marks += i ? ",?" : "?";
  }
  return "INSERT INTO " + t.table + "(" + columns + ") VALUES (" + marks + ")";
}

// Binds column c of from's row to parameter i as the database typed it (a REAL as a double, not
// the 15 digits of its text).
void bind_as_read(Statement& to, int i, Statement& from, int c) {
  switch (from.kind(c)) {
    case Statement::Kind::null: to.bind_null(i); break;
    case Statement::Kind::integer: to.bind_int(i, from.integer(c)); break;
    case Statement::Kind::real: to.bind_real(i, from.real(c)); break;
    case Statement::Kind::text: to.bind_text(i, from.text(c)); break;
  }
}

// (last_key: the first column of the last row copied, when given.)
std::int64_t copy_rows(Statement& from, Store& target, const TableColumns& t, std::string* last_key = nullptr) {
  Borrowed put(target.cached(insert_sql(t)));
  const bool items = t.table == "recommendations" || t.table == "decisions";
  std::int64_t rows = 0;
  while (from.step()) {
    put->reset();
    for (std::size_t i = 0; i < t.columns.size(); ++i) bind_as_read(*put, static_cast<int>(i) + 1, from, static_cast<int>(i));
    put->run();
    if (items) target.index_item(t.table, from.text(0), from.integer(1), from.text(3));
    if (last_key) *last_key = from.text(0);
    ++rows;
  }
  return rows;
}

std::string select_sql(const TableColumns& t) {
  std::string columns;
  for (std::size_t i = 0; i < t.columns.size(); ++i) columns += (i ? ", " : "") + t.columns[i];
  return "SELECT " + columns + " FROM " + t.table;
}

}  // namespace

void Archive::copy_to(Archive& target, const std::function<void(std::int64_t)>& progress) {
  Store& to = *target.store_;
  for (const char* table : {"papers", "failures", "jobs"}) {
    Borrowed any(to.cached(std::string("SELECT count(*) FROM ") + table));
    if (any->step() && any->integer(0) > 0)
      throw std::runtime_error("the archive " + to.location() + " holds " + (std::string(table) == "papers" ? "papers" : table) +
                               " already: copy into a new, empty one");
  }
  // One snapshot of the source throughout, so that a paper and its rows are of one moment even
  // while others write to it; the target's transactions are undone if the copy stops.
  store_->begin_read();
  struct EndRead {
    Store& s;
    ~EndRead() { s.rollback(); }
  } end_read{*store_};
  const std::vector<TableColumns>& tables = schema_tables();
  constexpr std::int64_t kPage = 256;
  std::int64_t after = -1, copied = 0;
  for (bool more = true; more;) {
    // A page of papers, each with its rows of every table, in one transaction of the target.
    std::vector<std::pair<std::int64_t, std::string>> page;  // seq, id
    {
      Borrowed s(store_->cached("SELECT seq, id FROM papers WHERE seq > ? ORDER BY seq LIMIT ?"));
      s->bind(1, after);
      s->bind(2, kPage);
      while (s->step()) page.emplace_back(s->integer(0), s->text(1));
    }
    more = static_cast<std::int64_t>(page.size()) == kPage;
    if (page.empty()) break;
    after = page.back().first;
    to.begin();
    for (const auto& [seq, id] : page) {
      for (const TableColumns& t : tables) {
        if (t.table == "failures" || t.table == "jobs") continue;
        Borrowed rows(store_->cached(select_sql(t) + " WHERE " + (t.paper_key.empty() ? "id" : t.paper_key) + " = ?" +
                                     (t.table == "recommendations" || t.table == "decisions" ? " ORDER BY seq" : "")));
        rows->bind(1, id);
        copy_rows(*rows, to, t);
        if (t.table != "papers") continue;
        // The paper's text index, as the target keeps one (a pack has none: its parts do).
        Borrowed text(store_->cached("SELECT coalesce(title, ''), coalesce(json_extract(record, '$.text'), '') FROM papers WHERE id = ? AND parts IS NULL"));
        text->bind(1, id);
        if (text->step()) to.index_paper(seq, text->text(0), text->text(1));
      }
    }
    to.commit();
    copied += static_cast<std::int64_t>(page.size());
    if (progress) progress(copied);
  }
  // The tables of no paper, a page at a time by their key.
  for (const TableColumns& t : tables) {
    if (t.table != "failures" && t.table != "jobs") continue;
    if (!store_->has_table(t.table)) continue;
    const std::string key = t.columns[0];  // jobs: id (from 1), failures: path
    const bool numbered = t.table == "jobs";
    std::string last = numbered ? "0" : "";
    for (bool more = true; more;) {
      auto s = store_->prepare(select_sql(t) + " WHERE " + key + " > " + (numbered ? "CAST(?1 AS BIGINT)" : "?1") + " ORDER BY " + key +
                               " LIMIT " + std::to_string(kPage));
      s->bind(1, last);
      to.begin();
      const std::int64_t rows = copy_rows(*s, to, t, &last);
      to.commit();
      more = rows == kPage;
    }
  }
  to.restart_keys();
}

std::int64_t Archive::enqueue(const std::vector<Job>& files) {
  const bool own_transaction = !store_->in_transaction();
  if (own_transaction) store_->begin();
  std::int64_t added = 0;
  const std::string at = now_iso();
  try {
    for (const Job& f : files) {
      Borrowed s(store_->cached(
          "INSERT INTO jobs(path, size, mtime, state, attempts, enqueued_at) VALUES (?1, ?2, ?3, 'queued', 0, ?4)"
          " ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, state = 'queued', attempts = 0, worker = NULL,"
          " lease_until = NULL, reason = NULL, paper_id = NULL, enqueued_at = excluded.enqueued_at, finished_at = NULL"
          " WHERE jobs.size <> excluded.size OR jobs.mtime <> excluded.mtime RETURNING id"));
      s->bind(1, f.path);
      s->bind(2, f.size);
      s->bind(3, f.mtime);
      s->bind(4, at);
      if (s->step()) ++added;
      s->run();
    }
  } catch (...) {
    if (own_transaction) store_->rollback();
    throw;
  }
  if (own_transaction) store_->commit();
  return added;
}

std::vector<Job> Archive::take_jobs(const std::string& worker, int n, double lease_seconds, int max_attempts) {
  const std::string now = store_->now_sql();
  std::vector<Job> taken;
  store_->begin();
  try {
    // Jobs whose workers stopped (killed, or their machine lost) max_attempts times: failed.
    {
      Borrowed lost(store_->cached(
          "UPDATE jobs SET state = 'failed', lease_until = NULL, finished_at = ?2, reason = 'its worker stopped ' || attempts ||"
          " ' times before it was done (killed, or its machine lost)' WHERE id IN (SELECT id FROM jobs WHERE state = 'running'"
          " AND lease_until < " + now + " AND attempts >= ?1 ORDER BY id" + store_->skip_locked_sql() + ") RETURNING path, reason"));
      lost->bind(1, static_cast<std::int64_t>(max_attempts));
      lost->bind(2, now_iso());
      std::vector<Failure> failures;
      while (lost->step()) failures.push_back(Failure{lost->text(0), "work", lost->text(1), ""});
      for (const Failure& f : failures) put_failure(f);
    }
    Borrowed s(store_->cached(
        "UPDATE jobs SET state = 'running', worker = ?1, lease_until = " + now + " + ?2, attempts = attempts + 1"
        " WHERE id IN (SELECT id FROM jobs WHERE state IN ('queued', 'running') AND (state = 'queued' OR (lease_until < " + now +
        " AND attempts < ?4)) ORDER BY id LIMIT ?3" + store_->skip_locked_sql() + ") RETURNING id, path, size, mtime, attempts"));
    s->bind(1, worker);
    s->bind_real(2, lease_seconds);
    s->bind(3, static_cast<std::int64_t>(n));
    s->bind(4, static_cast<std::int64_t>(max_attempts));
    while (s->step()) taken.push_back(Job{s->integer(0), s->text(1), s->integer(2), s->integer(3), static_cast<int>(s->integer(4))});
  } catch (...) {
    store_->rollback();
    throw;
  }
  store_->commit();
  std::sort(taken.begin(), taken.end(), [](const Job& a, const Job& b) { return a.id < b.id; });
  return taken;
}

void Archive::renew_jobs(const std::string& worker, const std::vector<std::int64_t>& ids, double lease_seconds) {
  Borrowed s(store_->cached("UPDATE jobs SET lease_until = " + store_->now_sql() + " + ?2 WHERE id = ?3 AND worker = ?1 AND state = 'running'"));
  for (std::int64_t id : ids) {
    s->reset();
    s->bind(1, worker);
    s->bind_real(2, lease_seconds);
    s->bind(3, id);
    s->run();
  }
}

bool Archive::finish_job(std::int64_t id, const std::string& worker, const std::string& paper_id) {
  Borrowed s(store_->cached(
      "UPDATE jobs SET state = 'done', paper_id = ?3, reason = NULL, lease_until = NULL, finished_at = ?4"
      " WHERE id = ?1 AND worker = ?2 AND state = 'running' RETURNING id"));
  s->bind(1, id);
  s->bind(2, worker);
  s->bind(3, paper_id);
  s->bind(4, now_iso());
  const bool mine = s->step();
  s->run();
  return mine;
}

bool Archive::fail_job(std::int64_t id, const std::string& worker, const std::string& reason, int max_attempts) {
  Borrowed s(store_->cached(
      "UPDATE jobs SET state = CASE WHEN attempts >= ?4 THEN 'failed' ELSE 'queued' END, reason = ?3, lease_until = NULL,"
      " finished_at = CASE WHEN attempts >= ?4 THEN ?5 ELSE NULL END WHERE id = ?1 AND worker = ?2 AND state = 'running' RETURNING id"));
  s->bind(1, id);
  s->bind(2, worker);
  s->bind(3, reason);
  s->bind(4, static_cast<std::int64_t>(max_attempts));
  s->bind(5, now_iso());
  const bool mine = s->step();
  s->run();
  return mine;
}

void Archive::release_jobs(const std::string& worker, const std::vector<std::int64_t>& ids) {
  Borrowed s(store_->cached(
      "UPDATE jobs SET state = 'queued', attempts = attempts - 1, lease_until = NULL WHERE id = ?2 AND worker = ?1 AND state = 'running'"));
  for (std::int64_t id : ids) {
    s->reset();
    s->bind(1, worker);
    s->bind(2, id);
    s->run();
  }
}

std::int64_t Archive::open_jobs(const std::string& except_worker) {
  if (!store_->has_table("jobs")) return 0;
  Borrowed s(store_->cached("SELECT count(*) FROM jobs WHERE state = 'queued' OR (state = 'running' AND coalesce(worker, '') <> ?)"));
  s->bind(1, except_worker);
  return s->step() ? s->integer(0) : 0;
}

QueueStats Archive::queue_stats() {
  QueueStats q;
  if (!store_->has_table("jobs")) return q;
  {
    auto s = store_->prepare("SELECT state, count(*) FROM jobs GROUP BY state ORDER BY state");
    while (s->step()) q.by_state.emplace_back(s->text(0), s->integer(1));
  }
  {
    auto s = store_->prepare("SELECT count(*) FROM jobs WHERE state = 'running' AND lease_until < " + store_->now_sql());
    if (s->step()) q.lease_ran_out = s->integer(0);
  }
  auto s = store_->prepare("SELECT worker, state, count(*) FROM jobs WHERE worker IS NOT NULL GROUP BY worker, state ORDER BY worker, state");
  while (s->step()) q.by_worker.push_back({s->text(0), s->text(1), s->integer(2)});
  return q;
}

std::int64_t Archive::link_touched_outcomes() {
  if (touched_bodies_.empty()) return 0;
  const std::set<std::string> bodies = std::move(touched_bodies_);
  touched_bodies_.clear();
  return link_outcomes(bodies);
}

std::vector<RecommendationOutcome> Archive::outcomes_of(const std::string& report_id) {
  Borrowed s(store_->cached(
      "SELECT o.recommendation, o.outcome, o.minutes_id, coalesce(m.path, ''), coalesce(m.title, ''), coalesce(m.body, ''),"
      " coalesce(m.meeting_date, ''), o.minute, coalesce(o.minute_heading, ''), coalesce(o.page, 0), o.cue, o.match, o.decisions,"
      " coalesce(o.decision_text, ''), o.vote FROM outcomes o LEFT JOIN papers m ON m.id = o.minutes_id"
      " WHERE o.report_id = ? ORDER BY o.recommendation"));
  s->bind(1, report_id);
  std::vector<RecommendationOutcome> out;
  while (s->step()) {
    RecommendationOutcome o;
    o.recommendation = static_cast<int>(s->integer(0));
    o.outcome = s->text(1);
    o.minutes_id = s->text(2);
    o.minutes_path = s->text(3);
    o.minutes_title = s->text(4);
    o.body = s->text(5);
    o.meeting_date = s->text(6);
    o.minute = s->text(7);
    o.minute_heading = s->text(8);
    o.page = static_cast<int>(s->integer(9));
    o.cue = s->text(10);
    o.match = s->text(11);
    o.decisions = nlohmann::json::parse(s->text(12), nullptr, false);
    o.decision_text = s->text(13);
    if (!s->null(14)) o.vote = nlohmann::json::parse(s->text(14), nullptr, false);
    out.push_back(std::move(o));
  }
  return out;
}

std::vector<DecisionAnswer> Archive::answers_of(const std::string& minutes_id) {
  Borrowed s(store_->cached(
      "SELECT o.report_id, coalesce(p.title, ''), coalesce(p.path, ''), o.recommendation, o.outcome, o.decisions FROM outcomes o"
      " LEFT JOIN papers p ON p.id = o.report_id WHERE o.minutes_id = ? ORDER BY p.seq, o.recommendation"));
  s->bind(1, minutes_id);
  std::vector<DecisionAnswer> out;
  while (s->step()) {
    DecisionAnswer a{s->text(0), s->text(1), s->text(2), static_cast<int>(s->integer(3)),
                     s->text(4), nlohmann::json::parse(s->text(5), nullptr, false)};
    out.push_back(std::move(a));
  }
  return out;
}

nlohmann::json outcome_json(const RecommendationOutcome& o) {
  return {{"outcome", o.outcome}, {"minutes", o.minutes_id}, {"minutes_path", o.minutes_path}, {"body", o.body},
          {"meeting_date", o.meeting_date.empty() ? nlohmann::json() : nlohmann::json(o.meeting_date)}, {"minute", o.minute},
          {"minute_heading", o.minute_heading}, {"page", o.page}, {"decision", o.decision_text}, {"decisions", o.decisions},
          {"vote", o.vote}, {"cue", o.cue}, {"match", o.match}};
}

// An agenda's items, each with the minute that took it and the papers stamped with its number, of
// the same body's meeting of the same day.
void Archive::annotate_agenda(nlohmann::json& record) {
  const auto text = [&](const char* key) { return record.contains(key) && record[key].is_string() ? record[key].get<std::string>() : std::string(); };
  if (!record.contains("items") || !record["items"].is_array() || record["items"].empty()) return;
  if (record.contains("decisions") && record["decisions"].is_array() && !record["decisions"].empty()) return;  // minutes
  const std::string body = text("body"), date = text("meeting_date"), id = text("id");
  if (body.empty() || date.empty()) return;
  std::map<std::string, nlohmann::json> minutes, papers;  // by agenda item
  std::vector<std::pair<std::string, std::string>> titled;  // (id, title) of the meeting's other papers
  Borrowed s(store_->cached(
      "SELECT p.id, coalesce(p.title, ''), p.agenda_item, EXISTS (SELECT 1 FROM decisions d WHERE d.paper_id = p.id),"
      " json_extract(p.record, '$.items') FROM papers p WHERE p.body = ?1 COLLATE NOCASE AND p.meeting_date = ?2 AND p.parts IS NULL"
      " AND p.id != ?3 ORDER BY p.seq"));
  s->bind(1, body);
  s->bind(2, date);
  s->bind(3, id);
  while (s->step()) {
    const std::string other = s->text(0);
    if (!s->null(2))
      papers[s->text(2)].push_back({{"paper", other}, {"title", s->text(1)}});
    else
      titled.emplace_back(other, s->text(1));
    if (!static_cast<int>(s->integer(3))) continue;
    const nlohmann::json items = nlohmann::json::parse(s->text(4), nullptr, false);
    if (!items.is_array()) continue;
    for (const nlohmann::json& m : items)
      if (m.is_object() && m.value("agenda_item", nlohmann::json()).is_string())
        minutes.emplace(m["agenda_item"].get<std::string>(),
                        nlohmann::json{{"minutes", other}, {"minute", m.value("number", "")}, {"heading", m.value("heading", "")},
                                       {"page", m.value("page", 0)}});
  }
  for (nlohmann::json& item : record["items"]) {
    if (!item.is_object()) continue;
    const std::string number = item.value("agenda_item", nlohmann::json()).is_string() ? item["agenda_item"].get<std::string>() : "";
    const auto m = minutes.find(number);
    item["minute"] = m == minutes.end() ? nlohmann::json() : m->second;
    // Its papers: those stamped with its number, and those whose title its heading holds.
    const auto p = papers.find(number);
    nlohmann::json found = p == papers.end() ? nlohmann::json::array() : p->second;
    const std::string heading = item.value("heading", "");
    for (const auto& [other, title] : titled)
      if (title_in_heading(title, heading)) found.push_back({{"paper", other}, {"title", title}});
    item["papers"] = found;
  }
}

void Archive::annotate_record(nlohmann::json& record) {
  if (!record.is_object() || !record.contains("id") || !record["id"].is_string()) return;
  const std::string id = record["id"].get<std::string>();
  // Every place the paper was found: its own file, another copy, a pack's pages ("PACK.pdf#pages=3-11").
  record["places"] = original_paths(id);
  annotate_agenda(record);
  if (record.contains("recommendations") && record["recommendations"].is_array() && !record["recommendations"].empty()) {
    const std::vector<RecommendationOutcome> outcomes = outcomes_of(id);
    auto& recs = record["recommendations"];
    for (std::size_t i = 0; i < recs.size(); ++i) {
      if (!recs[i].is_object()) continue;
      recs[i]["outcome"] = nullptr;
      for (const RecommendationOutcome& o : outcomes)
        if (o.recommendation == static_cast<int>(i) + 1) recs[i]["outcome"] = outcome_json(o);
    }
  }
  if (record.contains("decisions") && record["decisions"].is_array() && !record["decisions"].empty()) {
    const std::vector<DecisionAnswer> answers = answers_of(id);
    auto& decs = record["decisions"];
    for (std::size_t i = 0; i < decs.size(); ++i) {
      if (!decs[i].is_object()) continue;
      nlohmann::json answered = nlohmann::json::array();
      for (const DecisionAnswer& a : answers)
        if (a.decisions.is_array() && std::find(a.decisions.begin(), a.decisions.end(), nlohmann::json(static_cast<int>(i) + 1)) != a.decisions.end())
          answered.push_back({{"report", a.report_id}, {"report_title", a.report_title}, {"report_path", a.report_path},
                              {"recommendation", a.recommendation}, {"outcome", a.outcome}});
      decs[i]["answers"] = answered;
    }
  }
}

}  // namespace papers
