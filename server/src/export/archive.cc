#include "export/archive.h"

#include <zip.h>

#include <memory>

namespace vw::archive {
namespace {

Error ZipFailure(std::string_view what, zip_error_t* error) {
  return Error::Internal("生成" + std::string(what) + "失败：" + zip_error_strerror(error));
}

}  // namespace

Result<std::string> Zip(const std::vector<std::pair<std::string, std::string>>& entries,
                        std::string_view what) {
  zip_error_t error;
  zip_error_init(&error);
  std::unique_ptr<zip_error_t, decltype(&zip_error_fini)> error_guard(&error, &zip_error_fini);
  zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!buffer) return ZipFailure(what, &error);
  std::unique_ptr<zip_source_t, decltype(&zip_source_free)> buffer_guard(buffer, &zip_source_free);
  zip_source_keep(buffer);  // zip_close would free it; the bytes are read after
  zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
  if (!archive) return ZipFailure(what, &error);
  for (const auto& [name, content] : entries) {
    zip_source_t* part = zip_source_buffer(archive, content.data(), content.size(), 0);
    if (!part || zip_file_add(archive, name.c_str(), part, ZIP_FL_ENC_UTF_8) < 0) {
      if (part) zip_source_free(part);
      zip_error_set(&error, zip_error_code_zip(zip_get_error(archive)),
                    zip_error_code_system(zip_get_error(archive)));
      zip_discard(archive);
      return ZipFailure(what, &error);
    }
  }
  if (zip_close(archive) < 0) {
    zip_error_set(&error, zip_error_code_zip(zip_get_error(archive)),
                  zip_error_code_system(zip_get_error(archive)));
    zip_discard(archive);
    return ZipFailure(what, &error);
  }
  if (zip_source_open(buffer) < 0 || zip_source_seek(buffer, 0, SEEK_END) < 0) {
    return ZipFailure(what, zip_source_error(buffer));
  }
  zip_int64_t size = zip_source_tell(buffer);
  std::string bytes(size < 0 ? 0 : static_cast<size_t>(size), '\0');
  if (size < 0 || zip_source_seek(buffer, 0, SEEK_SET) < 0 ||
      zip_source_read(buffer, bytes.data(), bytes.size()) != size) {
    zip_source_close(buffer);
    return ZipFailure(what, zip_source_error(buffer));
  }
  zip_source_close(buffer);
  return bytes;
}

}  // namespace vw::archive
