// QR codes as SVG (libqrencode), for tickets on screen and on paper.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace vw::qr {

// An SVG image of `text` (error correction M, a four-module quiet zone),
// `size` pixels wide. kInternal when the text does not fit a QR code.
Result<std::string> Svg(std::string_view text, int size = 240);

}  // namespace vw::qr
