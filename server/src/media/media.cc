#include "media/media.h"

#include <vips/vips8>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <cstdio>
#include <mutex>
#include <stdexcept>

#include "media/subprocess.h"

namespace vw::media {
namespace {

constexpr const char* kField = "file";

Error FileError(const std::string& message) { return Error::Invalid(kField, "【文件】" + message); }
Error Unsupported(std::string message) {
  return Error{ErrorCode::kUnsupportedMediaType, "【文件】" + std::move(message), kField};
}

const char* SupportedList(Kind kind) {
  return kind == Kind::kImage ? "图片格式（JPEG、PNG、WebP、GIF）" : "视频格式（MP4、MOV、WebM）";
}

// libvips' blob of `bytes` (not copied: it must outlive the blob).
struct Blob {
  explicit Blob(std::string_view bytes)
      : blob(vips_blob_new(nullptr, bytes.data(), bytes.size())) {}
  ~Blob() { vips_area_unref(VIPS_AREA(blob)); }
  Blob(const Blob&) = delete;
  Blob& operator=(const Blob&) = delete;
  VipsBlob* blob;
};

// JPEG bytes of `image` in sRGB without alpha and without any metadata.
Rendition Encode(vips::VImage image) {
  if (image.has_alpha()) {
    image = image.flatten(vips::VImage::option()->set("background", std::vector<double>{255}));
  }
  if (image.interpretation() != VIPS_INTERPRETATION_sRGB &&
      image.interpretation() != VIPS_INTERPRETATION_B_W) {
    image = image.colourspace(VIPS_INTERPRETATION_sRGB);
  }
  if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);
  VipsBlob* out = image.jpegsave_buffer(
      vips::VImage::option()->set("Q", 85)->set("strip", true)->set("optimize_coding", true));
  std::size_t size = 0;
  const void* data = vips_blob_get(out, &size);
  Rendition r{std::string(static_cast<const char*>(data), size),
              static_cast<std::uint32_t>(image.width()),
              static_cast<std::uint32_t>(image.height())};
  vips_area_unref(VIPS_AREA(out));
  return r;
}

// `image` shrunk so that its long side is at most `side` (never enlarged).
vips::VImage Fit(const vips::VImage& image, std::uint32_t side) {
  return image.thumbnail_image(static_cast<int>(side), vips::VImage::option()
                                                           ->set("height", static_cast<int>(side))
                                                           ->set("size", VIPS_SIZE_DOWN)
                                                           ->set("no_rotate", true));
}

// The three renditions of encoded image bytes, upright.
ProcessedImage Renditions(std::string_view bytes, const Limits& limits) {
  Blob blob(bytes);
  // thumbnail_buffer applies the EXIF orientation and shrinks on load.
  vips::VImage full =
      vips::VImage::thumbnail_buffer(blob.blob, static_cast<int>(limits.full_side),
                                     vips::VImage::option()
                                         ->set("height", static_cast<int>(limits.full_side))
                                         ->set("size", VIPS_SIZE_DOWN)
                                         ->set("fail_on", VIPS_FAIL_ON_ERROR));
  full = full.copy_memory();
  ProcessedImage out;
  out.full = Encode(full);
  out.web = Encode(Fit(full, limits.web_side));
  out.thumb = Encode(Fit(full, limits.thumb_side));
  return out;
}

double NumberOf(const boost::json::value* v) {
  if (!v) return 0;
  if (v->is_string()) {
    try {
      return std::stod(std::string(v->as_string()));
    } catch (const std::exception&) {
      return 0;
    }
  }
  if (v->is_int64()) return static_cast<double>(v->as_int64());
  if (v->is_double()) return v->as_double();
  return 0;
}

const std::string& Ffmpeg(const char* name) {
  static const std::string ffmpeg = FindProgram("ffmpeg").value_or("");
  static const std::string ffprobe = FindProgram("ffprobe").value_or("");
  return std::string_view(name) == "ffmpeg" ? ffmpeg : ffprobe;
}

}  // namespace

void InitImageLibrary() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("vocweek") != 0) throw std::runtime_error("libvips did not start");
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_cache_set_max_files(0);
    vips_concurrency_set(1);
    vips_block_untrusted_set(TRUE);
    vips_operation_block_set("VipsForeignLoad", TRUE);
    for (const char* loader : {"VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer",
                               "VipsForeignLoadWebpBuffer", "VipsForeignLoadNsgifBuffer"}) {
      vips_operation_block_set(loader, FALSE);
    }
  });
}

std::uint64_t MaxBytes(Kind kind, const Limits& limits) {
  return kind == Kind::kImage ? limits.max_image_bytes : limits.max_video_bytes;
}

const char* KindCode(Kind kind) { return kind == Kind::kImage ? "image" : "video"; }

std::optional<Kind> ParseKind(std::string_view code) {
  if (code == "image") return Kind::kImage;
  if (code == "video") return Kind::kVideo;
  return std::nullopt;
}

Status CheckSniffed(const Sniffed& s, Kind expected, const Limits& limits, bool whole) {
  if (!s.known() || KindOf(s.format) != expected) {
    return Unsupported(std::string("不是支持的") + SupportedList(expected));
  }
  if (expected == Kind::kVideo) return Ok();
  if (!s.has_dimensions()) {
    if (whole) return FileError("图片已损坏：读不出尺寸");
    return Ok();  // the header follows in later bytes: checked on completion
  }
  if (s.width > limits.max_side || s.height > limits.max_side ||
      std::uint64_t{s.width} * s.height > limits.max_pixels) {
    return FileError("图片尺寸 " + std::to_string(s.width) + "×" + std::to_string(s.height) +
                     " 超出上限（每边不超过 " + std::to_string(limits.max_side) +
                     " 像素，共不超过 " + std::to_string(limits.max_pixels / 1'000'000) +
                     " 百万像素）");
  }
  return Ok();
}

Result<ProcessedImage> ProcessImage(std::string_view bytes, const Limits& limits) {
  if (bytes.size() > limits.max_image_bytes) {
    return Error{ErrorCode::kPayloadTooLarge,
                 "【文件】图片超过 " + std::to_string(limits.max_image_bytes >> 20) + " MB",
                 kField};
  }
  Sniffed s = Sniff(bytes);
  VW_RETURN_IF_ERROR(CheckSniffed(s, Kind::kImage, limits, true));
  InitImageLibrary();
  try {
    // The decoder's own view of the header must agree with the budget too.
    {
      vips::VImage header = vips::VImage::new_from_buffer(bytes.data(), bytes.size(), "");
      Sniffed seen = s;
      seen.width = static_cast<std::uint32_t>(header.width());
      seen.height = static_cast<std::uint32_t>(header.height());
      VW_RETURN_IF_ERROR(CheckSniffed(seen, Kind::kImage, limits, true));
    }
    ProcessedImage out = Renditions(bytes, limits);
    out.source = s.format;
    return out;
  } catch (const vips::VError&) {
    vips_error_clear();
    return FileError("图片已损坏或无法解码");
  }
}

Result<ProcessedVideo> ProcessVideo(const std::filesystem::path& file, const Limits& limits,
                                    const std::filesystem::path& clean) {
  std::error_code ec;
  auto size = std::filesystem::file_size(file, ec);
  if (ec) return Error::Internal();
  if (size > limits.max_video_bytes) {
    return Error{ErrorCode::kPayloadTooLarge,
                 "【文件】视频超过 " + std::to_string(limits.max_video_bytes >> 20) + " MB",
                 kField};
  }
  std::string head(512, '\0');
  if (FILE* f = std::fopen(file.c_str(), "rb")) {
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
  }
  Sniffed s = Sniff(head);
  VW_RETURN_IF_ERROR(CheckSniffed(s, Kind::kVideo, limits, true));
  if (Ffmpeg("ffprobe").empty() || Ffmpeg("ffmpeg").empty()) {
    return Error::Internal("服务器未安装 ffmpeg，暂不能处理视频");
  }
  // The demuxer is the sniffed one (never guessed from content or name),
  // and only local files may be opened.
  std::string demuxer = s.format == Format::kMp4 ? "mov" : "matroska";
  std::string input = "file:" + file.string();
  ToolLimits tl;
  tl.timeout = limits.tool_timeout;
  tl.max_output = 1u << 20;
  ToolRun probe = RunTool(
      {Ffmpeg("ffprobe"), "-v", "error", "-protocol_whitelist", "file", "-f", demuxer,
       "-show_entries", "format=duration:stream=codec_type,width,height", "-of", "json", input},
      tl);
  if (!probe.ok()) return FileError("视频已损坏或无法解析");
  ProcessedVideo out;
  out.format = s.format;
  try {
    auto doc = boost::json::parse(probe.output).as_object();
    double seconds = NumberOf(doc.at("format").as_object().if_contains("duration"));
    for (const auto& stream : doc.at("streams").as_array()) {
      const auto& o = stream.as_object();
      const auto* type = o.if_contains("codec_type");
      if (type && type->is_string() && type->as_string() == "video") {
        out.width = static_cast<std::uint32_t>(NumberOf(o.if_contains("width")));
        out.height = static_cast<std::uint32_t>(NumberOf(o.if_contains("height")));
        break;
      }
    }
    if (!(seconds > 0)) return FileError("视频已损坏：读不出时长");
    out.duration_ms = std::llround(seconds * 1000);
    if (seconds > limits.max_video_seconds) {
      return FileError("视频时长超过 " +
                       std::to_string(static_cast<int>(limits.max_video_seconds)) + " 秒");
    }
  } catch (const std::exception&) {
    return FileError("视频已损坏或无法解析");
  }
  if (out.width == 0 || out.height == 0) return FileError("视频中没有画面");
  if (out.width > limits.max_side || out.height > limits.max_side) {
    return FileError("视频画面尺寸超出上限");
  }
  char at[32];
  std::snprintf(at, sizeof at, "%.3f", std::min(1.0, out.duration_ms / 2000.0));
  tl.max_output = limits.max_image_bytes;
  ToolRun frame = RunTool(
      {Ffmpeg("ffmpeg"), "-v",  "error", "-nostdin", "-threads", "1",  "-protocol_whitelist",
       "file",           "-ss", at,      "-f",       demuxer,    "-i", input,
       "-frames:v",      "1",   "-an",   "-sn",      "-dn",      "-f", "image2pipe",
       "-c:v",           "png", "-"},
      tl);
  if (!frame.ok() || frame.output.empty()) return FileError("视频已损坏：取不到封面画面");
  InitImageLibrary();
  try {
    ProcessedImage poster = Renditions(frame.output, limits);
    out.poster_web = std::move(poster.web);
    out.poster_thumb = std::move(poster.thumb);
  } catch (const vips::VError&) {
    vips_error_clear();
    return FileError("视频已损坏：取不到封面画面");
  }
  // The copy kept: picture and sound streams only (phones put the place in
  // data tracks too), no container metadata or chapters, not re-encoded.
  tl.max_output = 64u << 10;
  ToolRun copy = RunTool({Ffmpeg("ffmpeg"),
                          "-v",
                          "error",
                          "-nostdin",
                          "-y",
                          "-protocol_whitelist",
                          "file",
                          "-f",
                          demuxer,
                          "-i",
                          input,
                          "-map",
                          "0:v:0",
                          "-map",
                          "0:a:0?",
                          "-map_metadata",
                          "-1",
                          "-map_chapters",
                          "-1",
                          "-c",
                          "copy",
                          "-f",
                          s.format == Format::kMp4 ? "mp4" : "webm",
                          "file:" + clean.string()},
                         tl);
  if (!copy.ok()) {
    std::error_code ec;
    std::filesystem::remove(clean, ec);
    return FileError("视频的编码无法处理，请转为 MP4（H.264/AAC）或 WebM 后再上传");
  }
  return out;
}

}  // namespace vw::media
