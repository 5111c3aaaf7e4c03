// The award certificate (荣誉证书) as a one-page A4 landscape PDF, drawn with
// cairo and pango (Noto CJK) like export/pdf.h, with a QR code (libqrencode)
// of the verification URL. Thread-safe as export/pdf.h is.
#pragma once

#include <string>

#include "core/result.h"

namespace vw::awards {

struct CertificateText {
  std::string unit_name;      // 授予 …
  std::string campaign_name;  // 在 … 中
  std::string award_name;     // 荣获“…”
  std::string issuer;         // the owner unit, bottom right
  std::string date;           // YYYY-MM-DD, printed as 2025年5月30日
  std::string code;           // verification code
  std::string verify_url;     // <public URL>/p/awards/verify/<code>
};

// kInternal when cairo fails or the URL does not fit a QR code.
Result<std::string> RenderCertificate(const CertificateText& t);

}  // namespace vw::awards
