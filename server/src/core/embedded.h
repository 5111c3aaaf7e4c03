// Files compiled into the binary (migrations, reference data); see cmake/embed.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace vw {

struct EmbeddedFile {
  std::string_view name;  // base name, e.g. "0001_foundation.sql"
  std::string_view content;
};

}  // namespace vw
