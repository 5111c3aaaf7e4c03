#include "unzip.h"

#include <zip.h>

namespace vw::testing {

std::optional<std::map<std::string, std::string>> Unzip(const std::string& bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!archive) {
    if (source) zip_source_free(source);
    return std::nullopt;
  }
  std::map<std::string, std::string> entries;
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_stat_t st;
    if (zip_stat_index(archive, i, 0, &st) != 0) continue;
    std::string content(st.size, '\0');
    zip_file_t* file = zip_fopen_index(archive, i, 0);
    if (!file) continue;
    zip_int64_t read = zip_fread(file, content.data(), content.size());
    zip_fclose(file);
    if (read == static_cast<zip_int64_t>(st.size)) entries[st.name] = content;
  }
  zip_close(archive);  // frees the source
  return entries;
}

}  // namespace vw::testing
