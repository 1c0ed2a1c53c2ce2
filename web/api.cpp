// The JSON API of `papers serve`. See api.h.
#include "web/api.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>
#include <set>
#include <system_error>

#include "pipeline/read.h"
#include "pipeline/utf8.h"

namespace papers::web {
namespace {

namespace fs = std::filesystem;

Reply bad_request(const std::string& why) { return {400, {{"error", why}}}; }

bool is_hex_id(const std::string& id, std::size_t min_size) {
  return id.size() >= min_size && id.size() <= 64 &&
         std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// A whole number in [low, high], or nothing.
std::optional<int> bounded_int(const std::string& text, int low, int high) {
  int v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < low || v > high) return std::nullopt;
  return v;
}

// The paths to try for an archived path: as given, then beside the archive.
std::vector<fs::path> candidates(const std::string& archived_path, const fs::path& archive_dir) {
  const fs::path p(archived_path);
  if (p.is_absolute()) return {p};
  std::vector<fs::path> out{p};
  if (!archive_dir.empty()) out.push_back(archive_dir / p);
  return out;
}

std::uintmax_t file_size_or_zero(const fs::path& p) {
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return 0;
  const auto n = fs::file_size(p, ec);
  return ec ? 0 : n;
}

}  // namespace

nlohmann::json snippet_parts(const std::string& marked) {
  nlohmann::json parts = nlohmann::json::array();
  std::string text;
  bool match = false;
  auto flush = [&] {
    if (!text.empty()) parts.push_back({{"text", text}, {"match", match}});
    text.clear();
  };
  for (char c : marked) {
    if (c == kMarkBegin[0] || c == kMarkEnd[0]) {
      flush();
      match = c == kMarkBegin[0];
    } else {
      text += c;
    }
  }
  flush();
  return parts;
}

bool servable_inline(const std::string& media_type) {
  static const std::set<std::string> kInline = {"application/pdf", "image/png", "image/jpeg", "image/tiff", "text/plain"};
  return kInline.count(media_type) > 0;
}

namespace {

// Why params are not a request's (a name not known, or given twice); "" when they are.
std::string unknown_or_repeated(const Params& params, const std::vector<std::string>& known) {
  for (auto it = params.begin(); it != params.end(); it = params.upper_bound(it->first)) {
    if (std::find(known.begin(), known.end(), it->first) == known.end()) {
      std::string names;
      for (const std::string& k : known) names += (names.empty() ? "" : ", ") + k;
      return "unknown parameter '" + it->first + "' (known: " + names + ")";
    }
    if (params.count(it->first) > 1) return "parameter '" + it->first + "' given more than once";
  }
  return "";
}

// A parameter's value, "" when not given.
std::string param(const Params& params, const char* name) {
  const auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

// since and until as days ("" when not given); the reason when one is not a year, month or day.
std::string read_date_bounds(const Params& params, std::string& since, std::string& until) {
  for (const char* name : {"since", "until"}) {
    const std::string v = param(params, name);
    if (v.empty()) continue;
    const std::optional<std::string> day = filter_day(v, std::string(name) == "until");
    if (!day) return std::string(name) + " must be a year, a month or a day (YYYY, YYYY-MM or YYYY-MM-DD), not '" + v + "'";
    (std::string(name) == "since" ? since : until) = *day;
  }
  return "";
}

}  // namespace

Reply papers_reply(Archive& archive, const Params& params, const ApiLimits& limits) {
  if (std::string why = unknown_or_repeated(params, {"sort", "body", "since", "until", "limit", "offset"}); !why.empty())
    return bad_request(why);
  PaperListQuery q;
  if (const std::string sort = param(params, "sort"); !sort.empty()) {
    if (sort != "date" && sort != "body" && sort != "organisation" && sort != "archived")
      return bad_request("sort must be date, body, organisation or archived, not '" + sort + "'");
    q.sort = sort;
  }
  q.filter.body = param(params, "body");
  if (q.filter.body.size() > limits.max_filter_bytes)
    return bad_request("a filter is longer than " + std::to_string(limits.max_filter_bytes) + " bytes");
  if (std::string why = read_date_bounds(params, q.filter.since, q.filter.until); !why.empty()) return bad_request(why);
  if (!param(params, "limit").empty()) {
    const auto v = bounded_int(param(params, "limit"), 1, limits.max_limit);
    if (!v) return bad_request("limit must be a whole number from 1 to " + std::to_string(limits.max_limit));
    q.limit = *v;
  }
  if (!param(params, "offset").empty()) {
    const auto v = bounded_int(param(params, "offset"), 0, std::numeric_limits<int>::max() - 1);
    if (!v) return bad_request("offset must be a whole number from 0");
    q.offset = *v;
  }
  const std::int64_t total = archive.count_papers(q.filter);
  nlohmann::json list = nlohmann::json::array();
  for (const PaperListItem& p : archive.list_papers(q)) {
    const auto known = [](const std::string& v) { return v.empty() ? nlohmann::json() : nlohmann::json(v); };
    list.push_back({{"id", p.id}, {"title", known(p.title)}, {"body", known(p.body)}, {"organisation", known(p.organisation)},
                    {"date", known(p.date)}, {"path", printable(p.path)}, {"pages", p.pages}, {"url", "/papers/" + p.id},
                    {"lowest_ocr_confidence", p.lowest_ocr_confidence ? nlohmann::json(*p.lowest_ocr_confidence) : nlohmann::json()},
                    {"low_confidence", p.lowest_ocr_confidence && *p.lowest_ocr_confidence < kLowConfidence}});
  }
  return {200,
          {{"sort", q.sort}, {"total", total}, {"offset", q.offset}, {"limit", q.limit},
           {"more", q.offset + static_cast<std::int64_t>(list.size()) < total}, {"papers", std::move(list)}}};
}

Reply search_reply(Archive& archive, const Params& params, const ApiLimits& limits) {
  if (std::string why = unknown_or_repeated(params, {"q", "in", "body", "organisation", "since", "until", "include_undated", "act",
                                                      "outcome", "limit", "offset"});
      !why.empty())
    return bad_request(why);
  auto get = [&](const char* name) { return param(params, name); };
  SearchQuery q;
  q.text = get("q");
  if (q.text.find_first_not_of(" \t\r\n") == std::string::npos) return bad_request("the query is empty: give q, e.g. q=precept");
  if (q.text.size() > limits.max_query_bytes)
    return bad_request("the query is longer than " + std::to_string(limits.max_query_bytes) + " bytes");
  const std::string in = get("in").empty() ? "papers" : get("in");
  if (in != "papers" && in != "recommendations" && in != "decisions")
    return bad_request("in must be papers, recommendations or decisions, not '" + in + "'");
  q.in = in == "recommendations" ? SearchIn::recommendations : in == "decisions" ? SearchIn::decisions : SearchIn::papers;
  q.body = get("body");
  q.organisation = get("organisation");
  q.act = get("act");
  for (const std::string* f : {&q.body, &q.organisation, &q.act})
    if (f->size() > limits.max_filter_bytes)
      return bad_request("a filter is longer than " + std::to_string(limits.max_filter_bytes) + " bytes");
  if (std::string why = read_date_bounds(params, q.since, q.until); !why.empty()) return bad_request(why);
  if (const std::string v = get("outcome"); !v.empty()) {
    if (q.in != SearchIn::recommendations) return bad_request("outcome filters recommendations: give in=recommendations with it");
    if (std::find(outcome_kinds().begin(), outcome_kinds().end(), v) == outcome_kinds().end())
      return bad_request("outcome must be agreed, amended, deferred, rejected, noted, withdrawn or none, not '" + v + "'");
    q.outcome = v;
  }
  if (const std::string v = get("include_undated"); !v.empty()) {
    if (v != "0" && v != "1" && v != "true" && v != "false") return bad_request("include_undated must be 1 or 0, not '" + v + "'");
    q.include_undated = v == "1" || v == "true";
  }
  if (!get("limit").empty()) {
    const auto v = bounded_int(get("limit"), 1, limits.max_limit);
    if (!v) return bad_request("limit must be a whole number from 1 to " + std::to_string(limits.max_limit));
    q.limit = *v;
  }
  if (!get("offset").empty()) {
    const auto v = bounded_int(get("offset"), 0, limits.max_offset);
    if (!v) return bad_request("offset must be a whole number from 0 to " + std::to_string(limits.max_offset));
    q.offset = *v;
  }
  q.mark_begin = kMarkBegin;
  q.mark_end = kMarkEnd;
  const int shown = q.limit;
  q.limit = shown + 1;  // one more than shown, to know whether there is a next page
  std::vector<SearchHit> hits;
  try {
    hits = archive.search(q);
  } catch (const SearchError& e) {
    return bad_request(e.what());
  }
  const bool more = static_cast<int>(hits.size()) > shown;
  if (more) hits.resize(static_cast<std::size_t>(shown));
  nlohmann::json out = {{"query", q.text}, {"in", in}, {"limit", shown}, {"offset", q.offset}, {"more", more},
                        {"undated_left_out", archive.undated_left_out(q)}};
  nlohmann::json list = nlohmann::json::array();
  for (const SearchHit& h : hits) {
    const std::string url = "/papers/" + h.paper_id;
    nlohmann::json j = {{"id", h.paper_id},    {"title", h.title}, {"body", h.body},   {"date", h.date},
                        {"path", printable(h.path)},      {"score", h.score}, {"url", url},       {"snippet", snippet_parts(h.snippet)}};
    const std::optional<double> lowest = archive.lowest_ocr_confidence(h.paper_id);
    j["low_confidence"] = lowest && *lowest < kLowConfidence;  // an OCR'd page read poorly: check it against the original
    if (q.in != SearchIn::papers) {
      j["number"] = h.number;
      j["page"] = h.page;
      j["text"] = h.text;
      j["page_url"] = url + "/original#page=" + std::to_string(h.page);
    }
    if (q.in == SearchIn::recommendations) j["outcome"] = h.outcome.empty() ? nlohmann::json() : nlohmann::json(h.outcome);
    list.push_back(std::move(j));
  }
  out["hits"] = std::move(list);
  return {200, std::move(out)};
}

Reply paper_reply(Archive& archive, const std::string& id, const fs::path& archive_dir) {
  if (!is_hex_id(id, 6)) return bad_request("a paper id is its SHA-256 (64 hex digits, lower case) or a prefix of at least 6");
  auto record = archive.record(id);
  if (!record) return {404, {{"error", "no single paper with id " + id}}};
  const std::string full_id = (*record)["id"].get<std::string>();
  // A pack's part: its original is the pack's file, its page 1 the pack's page "first".
  std::string original_id = full_id;
  int page_offset = 0;
  if (const auto part = record->find("part_of"); part != record->end() && part->is_object() && (*part)["pack"].is_string()) {
    original_id = (*part)["pack"].get<std::string>();
    page_offset = part->value("first", 1) - 1;
  }
  // Whether an original is there to link to: a path holding a file of the archived size (the
  // hash is checked when the file is asked for).
  const auto bytes = (*record)["source"].value("bytes", std::uintmax_t{0});
  std::string found;
  for (const std::string& path : archive.original_paths(original_id)) {
    for (const fs::path& p : candidates(path, archive_dir))
      if (found.empty() && file_size_or_zero(p) == bytes && bytes > 0) found = path;
  }
  nlohmann::json original = {{"url", "/papers/" + original_id + "/original"}, {"available", !found.empty()}, {"page_offset", page_offset}};
  if (found.empty()) original["reason"] = "the original is not where it was archived from (moved, changed or deleted)";
  (*record)["original"] = std::move(original);
  return {200, std::move(*record)};
}

Reply overview_reply(Archive& archive) {
  nlohmann::json bodies = nlohmann::json::array();
  for (const auto& [name, n] : archive.bodies()) bodies.push_back({{"name", name}, {"papers", n}});
  nlohmann::json years = nlohmann::json::array();
  for (const YearBodyCount& c : archive.recommendations_by_year())
    years.push_back({{"year", c.year}, {"body", c.body}, {"recommendations", c.recommendations}});
  return {200,
          {{"papers", archive.count_papers()},
           {"recommendations", archive.count_recommendations()},
           {"decisions", archive.count_decisions()},
           {"bodies", std::move(bodies)},
           {"recommendations_by_year", std::move(years)}}};
}

OriginalLookup find_original(Archive& archive, const std::string& id, const fs::path& archive_dir) {
  if (!is_hex_id(id, 64)) return {400, "an original is asked for by its paper's full id (64 hex digits)", {}};
  auto record = archive.record(id);
  if (!record) return {404, "no paper with id " + id, {}};
  const auto bytes = (*record)["source"].value("bytes", std::uintmax_t{0});
  for (const std::string& path : archive.original_paths(id)) {
    for (const fs::path& p : candidates(path, archive_dir)) {
      if (file_size_or_zero(p) != bytes || bytes == 0) continue;
      std::ifstream in(p, std::ios::binary);
      std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (!in.good() && !in.eof()) continue;
      if (sha256_hex(content) != id) continue;  // same size, other bytes: not this paper's original
      Original o;
      o.bytes = std::move(content);
      o.media_type = (*record)["source"].value("media_type", std::string());
      o.file_name = p.filename().string();
      return {200, "", std::move(o)};
    }
  }
  return {404, "the original of " + id.substr(0, 12) + " is no longer where it was archived from (moved, changed or deleted)", {}};
}

}  // namespace papers::web
