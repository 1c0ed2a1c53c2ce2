// Stage 2, read: a discovered file's bytes, SHA-256 (the paper's id), size and media type,
// decided from the content (libmagic), never from the file name.
// Must not parse the content beyond sniffing its type; must not throw on bad input.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pipeline/model.h"

namespace papers {

struct ReadOptions {
  // Files larger than this are refused before they are read (a 2 GiB PDF is not a paper).
  std::uint64_t max_bytes = 512ull * 1024 * 1024;
};

// Lower-case hex SHA-256 of bytes (OpenSSL EVP).
std::string sha256_hex(std::string_view bytes);

// The media type of bytes by content, e.g. "application/pdf", "text/plain", "image/png".
// Thread-safe: each thread keeps its own libmagic handle.
std::string sniff_media_type(std::string_view bytes);

// What the pipeline does with a media type.
MediaKind media_kind(std::string_view media_type);

class ReadStage {
 public:
  explicit ReadStage(ReadOptions options = {}) : options_(options) {}
  Outcome<SourceFile> operator()(const Document& document) const;

 private:
  ReadOptions options_;
};

}  // namespace papers
