// libFuzzer target: papers::fuzz::read_file (tests/fuzz/entries.h). Built by scripts/fuzz.sh.
#include "tests/fuzz/entries.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  papers::fuzz::read_file(data, size);
  return 0;
}
