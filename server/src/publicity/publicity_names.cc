#include "publicity/publicity.h"

namespace vw::publicity {

const char* KindName(std::string_view kind) {
  if (kind == "article") return "稿件";
  if (kind == "photos") return "图片";
  if (kind == "video") return "视频";
  if (kind == "case") return "典型案例";
  return "";
}

const char* StatusName(std::string_view status) {
  if (status == "draft") return "草稿";
  if (status == "submitted") return "待审核";
  if (status == "returned") return "已退回";
  if (status == "accepted") return "已采用";
  if (status == "pushed") return "已择优推送";
  return "";
}

const char* ActionName(std::string_view action) {
  if (action == "submit") return "提交";
  if (action == "accept") return "采用";
  if (action == "return") return "退回";
  if (action == "recommend") return "推荐";
  if (action == "push") return "择优推送";
  if (action == "publish") return "公开";
  if (action == "unpublish") return "取消公开";
  return "";
}

}  // namespace vw::publicity
