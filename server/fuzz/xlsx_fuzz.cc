// libFuzzer target: the xlsx reader.
//
// An input that starts like a zip ("PK\3\4") is read as the upload itself,
// so that mutations reach the zip layer. Any other input is the worksheet
// XML, then optionally "\0" and the shared string table, "\0" and the
// workbook, "\0" and the workbook's relationships; they are packed into an
// uncompressed workbook, so that mutations reach the XML readers instead of
// failing a checksum.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz_check.h"

namespace {

void Put16(std::string& out, unsigned v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
}
void Put32(std::string& out, std::uint32_t v) {
  Put16(out, v & 0xFFFF);
  Put16(out, v >> 16);
}

// A zip of stored (uncompressed) entries.
std::string StoredZip(const std::vector<std::pair<std::string, std::string_view>>& entries) {
  std::string out, directory;
  for (const auto& [name, content] : entries) {
    auto crc = static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(content.data()),
                                                static_cast<uInt>(content.size())));
    auto size = static_cast<std::uint32_t>(content.size());
    auto offset = static_cast<std::uint32_t>(out.size());
    Put32(out, 0x04034b50);
    Put16(out, 20);  // version needed
    Put16(out, 0);   // flags
    Put16(out, 0);   // stored
    Put32(out, 0);   // time, date
    Put32(out, crc);
    Put32(out, size);
    Put32(out, size);
    Put16(out, static_cast<unsigned>(name.size()));
    Put16(out, 0);
    out += name;
    out += content;

    Put32(directory, 0x02014b50);
    Put16(directory, 20);  // made by
    Put16(directory, 20);  // needed
    Put16(directory, 0);
    Put16(directory, 0);
    Put32(directory, 0);
    Put32(directory, crc);
    Put32(directory, size);
    Put32(directory, size);
    Put16(directory, static_cast<unsigned>(name.size()));
    Put16(directory, 0);  // extra
    Put16(directory, 0);  // comment
    Put16(directory, 0);  // disk
    Put16(directory, 0);  // internal attributes
    Put32(directory, 0);  // external attributes
    Put32(directory, offset);
    directory += name;
  }
  auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  Put32(out, 0x06054b50);
  Put16(out, 0);
  Put16(out, 0);
  Put16(out, static_cast<unsigned>(entries.size()));
  Put16(out, static_cast<unsigned>(entries.size()));
  Put32(out, static_cast<std::uint32_t>(directory.size()));
  Put32(out, directory_offset);
  Put16(out, 0);
  return out;
}

std::string Workbook(std::string_view input) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0; parts.size() < 3;) {
    std::size_t end = input.find('\0', start);
    if (end == std::string_view::npos) break;
    parts.push_back(input.substr(start, end - start));
    start = end + 1;
    if (parts.size() == 3) parts.push_back(input.substr(start));
  }
  if (parts.empty()) {
    parts.push_back(input);
  } else if (parts.size() < 4) {
    std::size_t used = 0;
    for (auto p : parts) used += p.size() + 1;
    parts.push_back(input.substr(std::min(used, input.size())));
  }
  std::vector<std::pair<std::string, std::string_view>> entries{
      {"xl/worksheets/sheet1.xml", parts[0]}};
  if (parts.size() > 1) entries.emplace_back("xl/sharedStrings.xml", parts[1]);
  entries.emplace_back(
      "xl/workbook.xml",
      parts.size() > 2 && !parts[2].empty()
          ? parts[2]
          : std::string_view(
                R"(<workbook><sheets><sheet name="S" sheetId="1"/></sheets></workbook>)"));
  if (parts.size() > 3) entries.emplace_back("xl/_rels/workbook.xml.rels", parts[3]);
  return StoredZip(entries);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vw;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string packed;
  std::string_view bytes = input;
  if (input.substr(0, 4) != std::string_view("PK\x03\x04", 4)) {
    packed = Workbook(input);
    bytes = packed;
  }
  for (const tables::Limits& limits : {tables::Limits{}, fuzz::TinyLimits()}) {
    fuzz::CheckTable(tables::ReadTable(bytes, tables::FileType::kXlsx, limits), limits);
  }
  return 0;
}
