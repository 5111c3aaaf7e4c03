// Pictures for the played demo week, drawn with cairo (no stock photos):
// simple scenes of an activity week with a Chinese caption bar, the same
// bytes for the same arguments on every run.
#pragma once

#include <cstdint>
#include <string>

namespace vw::seed {

enum class Scene {
  kBooth,     // 展位: stands with banners and visitors
  kStage,     // 舞台: a stage with a banner, performers and an audience
  kWorkshop,  // 实训车间: machines, a robot arm, students in helmets
};

// A 1200 × 800 PNG of `scene` with `banner` on the scene's sign and
// `caption` in a bar at the bottom; `variant` moves the people and changes
// the colours. Thread-safe (pango's font map is per thread).
std::string DrawScene(Scene scene, const std::string& banner, const std::string& caption,
                      std::uint64_t variant);

}  // namespace vw::seed
