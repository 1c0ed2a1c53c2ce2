// The JSON API of `papers serve`, apart from HTTP: each function takes the request's parameters
// and a read-only Archive and returns a status and a JSON body, so that the answers can be tested
// and reused without a socket. The routes and shapes are documented in the README.
//   /api/search?q=...      search_reply     ranked hits with snippets split into marked parts
//   /api/papers            papers_reply     a page of papers to browse, by date, body or organisation
//   /api/papers/ID         paper_reply      the whole record, with where its original is served
//   /api/overview          overview_reply   counts, bodies, recommendations per year per body
//   /papers/ID/original    find_original    the archived bytes, verified against the id
// Must not write to the archive, and must not turn a malformed request into a 5xx: every
// parameter is checked and a bad one answered 400 with what was wrong.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "archive/archive.h"

namespace papers::web {

// Request parameters by name; a name given twice is an error (it is a multimap so that the
// check can see it).
using Params = std::multimap<std::string, std::string>;

struct Reply {
  int status = 200;
  nlohmann::json body;
};

// Limits on what a request may ask for; defaults as stated.
struct ApiLimits {
  std::size_t max_query_bytes = 500;   // q
  std::size_t max_filter_bytes = 200;  // body, organisation, act
  int max_limit = 100;                 // hits a page (default 20)
  int max_offset = 10000;              // hits passed over (deep pages: narrow the query instead)
};

// GET /api/search: q (required), in (papers|recommendations|decisions), body, organisation, since, until,
// act, limit, offset. 400 for a missing/overlong/malformed query, an unknown or repeated
// parameter, a date that is not YYYY-MM-DD, a limit or offset out of range.
Reply search_reply(Archive& archive, const Params& params, const ApiLimits& limits = {});

// GET /api/papers: a page of the archive's papers to browse: sort (date, body, organisation,
// archived), body, since, until, limit (1-100, default 50), offset. Each paper: id, title, body,
// organisation, date, path, pages, url, lowest_ocr_confidence, low_confidence; with total and more.
Reply papers_reply(Archive& archive, const Params& params, const ApiLimits& limits = {});

// GET /api/papers/ID: ID is the SHA-256 or a prefix of at least 6 lower-case hex digits.
// 400 for an id that is not that, 404 for none or more than one paper. archive_dir is the
// archive's folder, where relative paths are also tried (see find_original).
Reply paper_reply(Archive& archive, const std::string& id, const std::filesystem::path& archive_dir);

// GET /api/overview.
Reply overview_reply(Archive& archive);

// The original file of paper id (full SHA-256), read from the first of its archived paths whose
// bytes still hash to id; relative paths are tried against the working folder, then against
// archive_dir (the archive's folder). Nothing else is ever read: the id picks the paths, the hash
// confirms the bytes.
struct Original {
  std::string bytes, media_type, file_name;
};
struct OriginalLookup {
  int status = 200;     // 200, 400 (not an id), 404 (unknown, or no path holds those bytes now)
  std::string reason;   // when not 200
  Original original;
};
OriginalLookup find_original(Archive& archive, const std::string& id, const std::filesystem::path& archive_dir);

// A snippet whose matches FTS5 marked with kMarkBegin/kMarkEnd, as parts for the page:
// [{"text": "the ", "match": false}, {"text": "precept", "match": true}, ...].
inline constexpr const char* kMarkBegin = "\x02";
inline constexpr const char* kMarkEnd = "\x03";
nlohmann::json snippet_parts(const std::string& marked);

// The media types whose originals are served as themselves; anything else goes as
// application/octet-stream, to be downloaded, never rendered.
bool servable_inline(const std::string& media_type);

}  // namespace papers::web
