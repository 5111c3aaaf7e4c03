// The daily digest of held e-mails (messages.h, WriteDailyDigests).
#include <string>
#include <vector>

#include "messages/messages.h"
#include "messages/outbox_store.h"

namespace vw::messages {
namespace {

// At most this many held e-mails are listed per run (the rest wait for the
// next day's run); a digest lists at most kPerDigest of them.
constexpr int kPerRun = 5000;
constexpr std::size_t kPerDigest = 100;

store::OutboxRow DigestOf(const std::vector<store::OutboxRow>& items, const std::string& public_url,
                          const std::string& now) {
  store::OutboxRow d;
  const auto& last = items.back();
  d.unit_id = last.unit_id;
  d.user_id = last.user_id;
  d.kind = "digest";
  d.channel = "email";
  d.recipient = last.recipient;
  d.recipient_name = last.recipient_name;
  d.subject = "每日消息汇总（" + std::to_string(items.size()) + "条）";
  d.body = "您好，以下是您选择按每日汇总接收的" + std::to_string(items.size()) + "条消息：";
  int n = 0;
  for (const auto& item : items) {
    d.body += "\n\n" + std::to_string(++n) + ". " + item.subject;
    if (!item.body.empty()) d.body += "\n" + item.body;
    if (!item.link.empty()) d.body += "\n查看详情：" + public_url + item.link;
  }
  d.body += "\n\n（可在“消息设置”中改为立即接收。）";
  d.link = "/messages";
  d.status = "pending";
  d.created_at = now;
  return d;
}

}  // namespace

int WriteDailyDigests(db::Database& db, const std::string& public_url, const std::string& now) {
  db::Session s(db);
  db::Transaction tx(s);
  auto held = store::HeldEmails(s, kPerRun);
  int written = 0;
  std::size_t at = 0;
  while (at < held.size()) {
    std::size_t end = at;
    while (end < held.size() && end - at < kPerDigest &&
           held[end].recipient == held[at].recipient) {
      ++end;
    }
    std::vector<store::OutboxRow> items(held.begin() + static_cast<std::ptrdiff_t>(at),
                                        held.begin() + static_cast<std::ptrdiff_t>(end));
    std::vector<store::OutboxRow> mine;
    for (const auto& item : items) {
      if (store::MarkDigested(s, item.id, "已并入每日汇总邮件")) mine.push_back(item);
    }
    if (!mine.empty()) {
      store::InsertOutbox(s, DigestOf(mine, public_url, now));
      ++written;
    }
    at = end;
  }
  tx.Commit();
  return written;
}

}  // namespace vw::messages
