// Stage 2, read: bytes, SHA-256 and media type of one file. See read.h.
#include "pipeline/read.h"

#include <magic.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <system_error>

namespace papers {
namespace {

struct MagicCloser {
  void operator()(magic_t m) const { if (m) magic_close(m); }
};
using MagicHandle = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

MagicHandle open_magic() {
  MagicHandle handle(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_TAR |
                                MAGIC_NO_CHECK_ELF | MAGIC_NO_CHECK_CDF));
  if (handle && magic_load(handle.get(), nullptr) != 0) handle.reset();
  return handle;
}

// Only the start of a file decides its type; libmagic reads no further than this.
constexpr std::size_t kSniffBytes = 64 * 1024;

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

// The kind a file's name promises, used only to warn when the content says otherwise.
MediaKind kind_by_name(const std::string& path) {
  const std::string ext = lower_extension(path);
  if (ext == ".pdf") return MediaKind::pdf;
  if (ext == ".txt" || ext == ".md" || ext == ".html" || ext == ".htm" || ext == ".text") return MediaKind::text;
  if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff") return MediaKind::image;
  return MediaKind::unsupported;
}

const char* kind_name(MediaKind kind) {
  switch (kind) {
    case MediaKind::pdf: return "PDF";
    case MediaKind::text: return "text";
    case MediaKind::image: return "image";
    case MediaKind::unsupported: return "unsupported";
  }
  return "unsupported";
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0xf]);
  }
  return out;
}

std::string sniff_media_type(std::string_view bytes) {
  thread_local MagicHandle handle = open_magic();
  if (bytes.empty()) return "application/x-empty";
  // PDF readers accept a header anywhere in the first KiB; so do we.
  if (bytes.substr(0, 1024).find("%PDF-") != std::string_view::npos) return "application/pdf";
  if (!handle) return "application/octet-stream";
  const char* type = magic_buffer(handle.get(), bytes.data(), std::min(bytes.size(), kSniffBytes));
  if (!type) return "application/octet-stream";
  // libmagic calls plain text that opens with mail-like header lines ("From:", "Subject:",
  // "Path:") a mail or news message; a paper in the "From: / To: / Subject:" house style is
  // plain text, and is read as such.
  if (std::strcmp(type, "message/rfc822") == 0 || std::strcmp(type, "message/news") == 0) return "text/plain";
  return type;
}

MediaKind media_kind(std::string_view type) {
  if (type == "application/pdf") return MediaKind::pdf;
  if (type.starts_with("text/") || type == "application/xhtml+xml") return MediaKind::text;
  if (type == "image/png" || type == "image/jpeg" || type == "image/tiff") return MediaKind::image;
  return MediaKind::unsupported;
}

Outcome<SourceFile> ReadStage::operator()(const Document& document) const {
  const auto fail = [&](std::string reason) {
    return Failure{document.path, "read", std::move(reason), ""};
  };
  if (!document.skip_reason.empty()) return fail(document.skip_reason);

  std::error_code ec;
  const auto status = std::filesystem::status(document.path, ec);
  if (ec) return fail("cannot open: " + ec.message());
  if (!std::filesystem::is_regular_file(status)) return fail("not a regular file");
  const auto size = std::filesystem::file_size(document.path, ec);
  if (ec) return fail("cannot read size: " + ec.message());
  if (size == 0) return fail("empty file (0 bytes)");
  if (size > options_.max_bytes)
    return fail("too large: " + std::to_string(size) + " bytes (limit " + std::to_string(options_.max_bytes) + ")");

  std::ifstream in(document.path, std::ios::binary);
  if (!in) return fail(std::string("cannot open: ") + std::strerror(errno));
  SourceFile file;
  file.path = document.path;
  file.bytes.resize(size);
  in.read(file.bytes.data(), static_cast<std::streamsize>(size));
  if (static_cast<std::uint64_t>(in.gcount()) != size) return fail("cannot read: short read");

  file.sha256 = sha256_hex(file.bytes);
  file.media_type = sniff_media_type(file.bytes);
  file.kind = media_kind(file.media_type);

  const MediaKind named = kind_by_name(document.path);
  if (file.kind == MediaKind::unsupported) {
    std::string reason = "unsupported content: " + file.media_type;
    if (named != MediaKind::unsupported)
      reason += std::string(" (the name says ") + kind_name(named) + ")";
    return Failure{document.path, "read", reason, file.sha256};
  }
  if (named != MediaKind::unsupported && named != file.kind)
    file.warning = std::string("the name says ") + kind_name(named) + " but the content is " +
                   file.media_type + "; read as " + kind_name(file.kind);
  return file;
}

}  // namespace papers
