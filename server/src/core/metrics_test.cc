// Histograms count into cumulative buckets; label values are escaped.
#include "core/metrics.h"

#include <gtest/gtest.h>

namespace vw::metrics {
namespace {

TEST(MetricsTest, HistogramWritesCumulativeBucketsSumAndCount) {
  Histogram h({0.001, 0.01, 0.1});
  h.Observe(0.0005);
  h.Observe(0.001);  // on a bound: counted in that bucket
  h.Observe(0.05);
  h.Observe(3);
  EXPECT_EQ(h.count(), 4u);
  std::string out;
  h.Write(out, "t_seconds", "route=\"/a\"");
  EXPECT_EQ(out,
            "t_seconds_bucket{route=\"/a\",le=\"0.001\"} 2\n"
            "t_seconds_bucket{route=\"/a\",le=\"0.01\"} 2\n"
            "t_seconds_bucket{route=\"/a\",le=\"0.1\"} 3\n"
            "t_seconds_bucket{route=\"/a\",le=\"+Inf\"} 4\n"
            "t_seconds_sum{route=\"/a\"} 3.0515\n"
            "t_seconds_count{route=\"/a\"} 4\n");
  std::string bare;
  Histogram({1}).Write(bare, "w", "");
  EXPECT_EQ(bare, "w_bucket{le=\"1\"} 0\nw_bucket{le=\"+Inf\"} 0\nw_sum 0\nw_count 0\n");
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  EXPECT_EQ(Quoted("a\"b\\c\nd"), "\"a\\\"b\\\\c\\nd\"");
  std::string out;
  WriteSample(out, "n_total", "", 3);
  WriteSample(out, "n_total", "k=\"v\"", 4);
  EXPECT_EQ(out, "n_total 3\nn_total{k=\"v\"} 4\n");
}

}  // namespace
}  // namespace vw::metrics
