// libFuzzer target: papers::fuzz::http_request (tests/fuzz/entries.h). Built by scripts/fuzz.sh.
#include "tests/fuzz/entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  papers::fuzz::http_request(data, size);
  return 0;
}
