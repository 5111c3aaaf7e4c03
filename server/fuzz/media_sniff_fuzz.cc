// libFuzzer target: the media type and dimension sniffing (media/sniff.h)
// on any bytes, whole and cut at every length a client's first chunk may
// have.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "media/sniff.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vw::media;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  Sniffed whole = Sniff(bytes);
  // Dimensions only for images; the names and types are always defined.
  VW_FUZZ_CHECK(KindOf(whole.format) == Kind::kImage || (whole.width == 0 && whole.height == 0));
  VW_FUZZ_CHECK(whole.known() || (whole.width == 0 && whole.height == 0));
  VW_FUZZ_CHECK(MimeOf(whole.format) != nullptr && NameOf(whole.format) != nullptr);
  // A prefix never changes the format once the magic bytes are in it.
  for (std::size_t cut : {std::size_t{12}, std::size_t{32}, size / 2}) {
    if (cut >= size) continue;
    Sniffed head = Sniff(bytes.substr(0, cut));
    VW_FUZZ_CHECK(!head.known() || head.format == whole.format);
  }
  return 0;
}
