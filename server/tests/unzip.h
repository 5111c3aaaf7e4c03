// Reading the zips the exports answer (docx packages, bundles, archives).
#pragma once

#include <map>
#include <optional>
#include <string>

namespace vw::testing {

// The entries of a zip archive in memory, by name; nullopt when it is not
// a zip.
std::optional<std::map<std::string, std::string>> Unzip(const std::string& bytes);

}  // namespace vw::testing
