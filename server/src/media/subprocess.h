// Runs a helper program (ffmpeg, ffprobe) with strict limits: an argument
// vector, never a shell; a wall-clock timeout after which it is killed;
// CPU-time and address-space limits; its standard output read up to a
// bound (the rest discarded, the run marked truncated); standard error
// discarded. Thread-safe (each call forks its own child).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace vw::media {

struct ToolLimits {
  std::chrono::milliseconds timeout{60'000};
  std::size_t max_output = 8u << 20;  // bytes of standard output kept
  long cpu_seconds = 120;
  std::size_t address_space = std::size_t{2} << 30;
};

struct ToolRun {
  int exit_code = -1;  // -1 when killed or not started
  bool timed_out = false;
  bool truncated = false;
  std::string output;
  bool ok() const { return exit_code == 0 && !timed_out && !truncated; }
};

// The absolute path of `program` found on PATH, nullopt when absent.
std::optional<std::string> FindProgram(const std::string& program);

// Runs argv[0] (an absolute path) with argv. A failure to start is a run
// with exit_code -1.
ToolRun RunTool(const std::vector<std::string>& argv, const ToolLimits& limits);

}  // namespace vw::media
