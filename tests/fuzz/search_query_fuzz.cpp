// libFuzzer target: papers::fuzz::search_query (tests/fuzz/entries.h). Built by scripts/fuzz.sh.
#include "tests/fuzz/entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  papers::fuzz::search_query(data, size);
  return 0;
}
