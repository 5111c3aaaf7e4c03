// libFuzzer target: the CSV reader (and the file type sniffing) on any bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vw;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)tables::DetectFileType("", "", bytes);
  for (const tables::Limits& limits : {tables::Limits{}, fuzz::TinyLimits()}) {
    fuzz::CheckTable(tables::ReadTable(bytes, tables::FileType::kCsv, limits), limits);
  }
  return 0;
}
