// UTF-8 checks and the printable form of bytes that may not be UTF-8 (a file name is whatever
// bytes the file system holds). Must not change valid text: only bytes that are not UTF-8, and
// control characters, are written out as escapes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace papers {

// True when text is valid UTF-8; otherwise sets *bad_offset (when given) to the first bad byte.
bool valid_utf8(std::string_view text, std::size_t* bad_offset = nullptr);

// bytes as valid UTF-8 for JSON, CSV and the terminal: each byte that is not part of a valid
// UTF-8 sequence, and each control character, becomes "\xHH"; a backslash stays a backslash.
// E.g. the name bytes 61 FF FE 2E 70 64 66 print as "a\xFF\xFE.pdf".
std::string printable(std::string_view bytes);

}  // namespace papers
