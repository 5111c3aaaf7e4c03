// The audit log: who did what to which record, when, from where.
//
// Record() writes inside the caller's transaction, so an audited change and
// its log row commit or roll back together. Entries are never updated or
// deleted by the application.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.h"
#include "db/database.h"

namespace vw::audit {

struct Entry {
  std::string action;  // "create", "update", "approve", "login"...
  std::string entity;  // "unit", "user", "campaign"...
  std::optional<Id> entity_id;
  std::optional<Id> unit_id;  // the unit whose data changed, for scoped reading
  std::string summary;        // one line in Chinese
  boost::json::value detail;  // what changed: {"field": {"from": a, "to": b}} or any JSON
};

void Record(db::Session& session, const Principal& actor, const Entry& entry);

struct Row {
  Id id = 0;
  std::string at;
  std::optional<Id> user_id;
  std::string username;
  std::optional<Id> unit_id;
  std::string action;
  std::string entity;
  std::optional<Id> entity_id;
  std::string summary;
  std::string detail;
  std::string ip;
  std::string request_id;
  // Who acted, as people read it: "姓名（单位）" from the user's display name
  // and home unit; the username when the account is gone, "系统" for none.
  std::string actor;
};

// The actor's label of Row::actor.
std::string ActorName(const std::string& display_name, const std::string& unit_name,
                      const std::string& username);

// Entries about one record, newest first.
std::vector<Row> ForEntity(db::Session& session, std::string_view entity, Id entity_id);
// How many entries about one record have `action` ("submit": how many
// times a form was handed in).
std::int64_t CountFor(db::Session& session, std::string_view entity, Id entity_id,
                      std::string_view action);

// {"name": {"from": old, "to": new}} for each differing pair; helper for detail.
void Diff(boost::json::object& out, std::string_view name, const boost::json::value& from,
          const boost::json::value& to);

boost::json::object ToJson(const Row& row);

}  // namespace vw::audit
