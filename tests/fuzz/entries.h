// What each fuzz target does with one input, apart from libFuzzer, so that the same functions
// run under libFuzzer (tests/fuzz/*_fuzz.cpp, built with clang by scripts/fuzz.sh) and over the
// kept inputs in the ordinary test suite (tests/fuzz/regressions_test.cpp). Each feeds the bytes
// to the project's own code under its own limits and checks what it promises; a broken promise
// throws std::logic_error (libFuzzer then reports it as a crash, the test suite as a failure).
// Crashes, leaks and undefined behaviour are the sanitizers' to find. Must not write anything
// but its own temporary archive, and must not need a network.
#pragma once

#include <cstddef>
#include <cstdint>

namespace papers::fuzz {

// A file end to end as the ingest reads it: type by content, then a PDF's text layer and
// typography and its first page rendered (small), an image's first pages decoded, a text file
// decoded; then normalise, segment and fields. Promise: a record or a Failure with a reason,
// never an exception.
void read_file(const std::uint8_t* data, std::size_t size);

// Arbitrary text as a text file's: decode, strip markup, normalise, segment, every extractor,
// pack splitting, the record's JSON. Promise: a record (or a Failure with a reason), JSON that
// serialises, provenance inside the text.
void text_fields(const std::uint8_t* data, std::size_t size);

// A search query, as `papers search` and /api/search take it, over a small archive of the
// development papers. Promise: hits or a SearchError (a query the person must change), never
// another error, and the cost check agrees with what runs.
void search_query(const std::uint8_t* data, std::size_t size);

// The bytes a connection sends to `papers serve` (request line, headers, body), answered as on
// a socket. Promise: an HTTP response, never a 5xx.
void http_request(const std::uint8_t* data, std::size_t size);

}  // namespace papers::fuzz
