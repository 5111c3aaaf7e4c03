// The home page's rules (home.h).
#include <algorithm>
#include <set>

#include "campaign/campaign_store.h"
#include "core/time.h"
#include "home/home.h"
#include "home/home_store.h"
#include "org/scope.h"
#include "reporting/statistics_store.h"
#include "reporting/submissions.h"

namespace vw::home {
namespace {

namespace json = boost::json;

inline constexpr RoleSet kApprovers{Role::kUnitAdmin, Role::kReviewer};

// The units on which `p` holds one of `roles` directly, in grant order.
std::vector<Id> GrantedUnits(const Principal& p, RoleSet roles) {
  std::vector<Id> out;
  for (const auto& g : p.grants) {
    if (roles.Has(g.role) && std::find(out.begin(), out.end(), g.unit_id) == out.end()) {
      out.push_back(g.unit_id);
    }
  }
  return out;
}

bool Overdue(const std::string& due_at, const std::string& now) {
  return !due_at.empty() && now > due_at;
}

void AddApprovals(const std::vector<activity::Activity>& pending, const std::vector<Id>& units,
                  Home& h) {
  for (const auto& a : pending) {
    Id approving = activity::ApprovingUnitOf(a);
    if (std::find(units.begin(), units.end(), approving) == units.end()) continue;
    ++h.counts.approvals;
    if (static_cast<std::size_t>(h.counts.approvals) > HomeService::kMaxItemsPerKind) continue;
    WorkItem w;
    w.kind = "approval";
    w.title = "审批外出报备：" + a.title;
    w.unit_id = a.unit_id;
    w.unit_name = a.unit_name;
    w.due_at = a.starts_at;  // decide before the trip starts
    w.link = "/activities/approvals";
    h.todo.push_back(std::move(w));
  }
}

void AddReviews(db::Session& s, Id campaign_id, const std::vector<Id>& units, Home& h) {
  for (Id parent : units) {
    for (const auto& f : store::SubmittedChildren(s, campaign_id, parent)) {
      ++h.counts.reviews;
      if (static_cast<std::size_t>(h.counts.reviews) > HomeService::kMaxItemsPerKind) continue;
      WorkItem w;
      w.kind = "review";
      w.title = "审核" + f.unit_name + "的" + reporting::FormName(f.form);
      w.unit_id = f.unit_id;
      w.unit_name = f.unit_name;
      w.form = f.form;
      w.status = "submitted";
      w.since = f.submitted_at;
      w.link = reporting::ReviewLink(f.form, f.unit_id);
      h.todo.push_back(std::move(w));
    }
  }
}

// The own forms not yet submitted for which a deadline applies (the one
// the unit's nearest collector above set, else the province's).
void AddOwnForms(db::Session& s, Id campaign_id, const std::vector<Id>& units,
                 const std::string& now, Home& h) {
  for (Id unit : units) {
    auto info = reporting::store::LoadUnit(s, unit);
    if (!info || !info->parent_id) continue;  // a chain's top submits to nobody
    auto statuses = store::FormStatuses(s, campaign_id, unit);
    for (const char* form : reporting::kForms) {
      auto found = statuses.find(form);
      std::string status = found == statuses.end() ? "none" : found->second;
      if (status != "none" && status != "draft" && status != "returned") continue;
      auto d = campaign::store::EffectiveDeadline(s, campaign_id, form, info->parent_id, true);
      if (!d) continue;
      ++h.counts.forms;
      WorkItem w;
      w.kind = "form";
      w.title =
          (status == "returned" ? "修改并重新提交" : "填报并提交") + reporting::FormName(form);
      w.unit_id = unit;
      w.unit_name = info->name;
      w.form = form;
      w.status = status;
      w.due_at = d->due_at;
      w.overdue = Overdue(d->due_at, now);
      w.link = reporting::FormLink(form, unit);
      h.todo.push_back(std::move(w));
    }
  }
}

void AddTasks(db::Session& s, Id campaign_id, const std::vector<Id>& units, const std::string& now,
              Home& h) {
  for (Id unit : units) {
    for (const auto& t : store::OpenTasks(s, campaign_id, unit)) {
      ++h.counts.tasks;
      if (static_cast<std::size_t>(h.counts.tasks) > HomeService::kMaxItemsPerKind) continue;
      WorkItem w;
      w.kind = "task";
      w.title = t.title;
      w.unit_id = t.unit_id;
      w.unit_name = t.unit_name;
      w.status = t.status;
      w.due_at = t.due_at;
      w.overdue = Overdue(t.due_at, now);
      w.link = "/campaign/tasks";
      h.todo.push_back(std::move(w));
    }
  }
}

// The deadlines of each own unit's level: those it must meet (the nearest
// collector's above it, per form) and those it set for its children (a
// chain's top: the province's own dates).
void AddDeadlines(db::Session& s, Id campaign_id, const std::vector<Id>& units,
                  const std::string& now, Home& h) {
  auto all = campaign::store::LoadDeadlines(s, campaign_id, std::nullopt);
  std::set<std::string> forms;
  for (const auto& d : all) forms.insert(d.form);
  std::set<std::pair<Id, std::string>> seen;  // (deadline, role)
  auto add = [&](const campaign::Deadline& d, const reporting::store::UnitInfo& u,
                 const char* role) {
    if (!seen.insert({d.id, role}).second) return;
    h.deadlines.push_back({d.id, d.form, d.title, d.due_at, d.collector_name, u.id, u.name, role,
                           Overdue(d.due_at, now)});
  };
  for (Id unit : units) {
    auto info = reporting::store::LoadUnit(s, unit);
    if (!info) continue;
    for (const auto& d : all) {
      bool sets = d.collector_unit_id ? *d.collector_unit_id == unit : !info->parent_id;
      if (sets) add(d, *info, "collect");
    }
    if (!info->parent_id) continue;
    for (const auto& form : forms) {
      if (auto d = campaign::store::EffectiveDeadline(s, campaign_id, form, unit, false)) {
        add(*d, *info, "submit");
      }
    }
  }
  std::stable_sort(
      h.deadlines.begin(), h.deadlines.end(),
      [](const DeadlineItem& a, const DeadlineItem& b) { return a.due_at < b.due_at; });
}

// The user's topmost granted units (a system administrator: the chains'
// tops): a unit under another granted one adds nothing to the figures.
std::vector<Id> ScopeUnits(db::Session& s, const Principal& p) {
  std::vector<Id> out;
  if (p.is_sysadmin) {
    for (const auto& r : reporting::store::ChainRoots(s)) out.push_back(r.id);
  } else {
    std::vector<Id> granted = GrantedUnits(p, RoleSet::Any());
    auto ancestors = org::Scope::AncestorsOf(s, granted);
    for (Id unit : granted) {
      const auto& chain = ancestors[unit];
      bool below = std::any_of(chain.begin(), chain.end(), [&](Id a) {
        return a != unit && std::find(granted.begin(), granted.end(), a) != granted.end();
      });
      if (!below) out.push_back(unit);
    }
  }
  if (out.size() > HomeService::kMaxScopes) out.resize(HomeService::kMaxScopes);
  return out;
}

int CoverageTotal(const activity::Coverage& c) {
  int total = 0;
  for (const auto& r : c.rows) total += r.total;
  return total;
}

json::object ToJson(const WorkItem& w) {
  return {{"kind", w.kind},
          {"title", w.title},
          {"unit_id", w.unit_id},
          {"unit_name", w.unit_name},
          {"form", w.form},
          {"status", w.status},
          {"due_at", w.due_at.empty() ? "" : timeutil::UtcToApi(w.due_at)},
          {"overdue", w.overdue},
          {"since", w.since.empty() ? "" : timeutil::UtcToApi(w.since)},
          {"link", w.link}};
}

json::object ToJson(const DeadlineItem& d) {
  return {{"id", d.id},
          {"form", d.form},
          {"title", d.title},
          {"due_at", timeutil::UtcToApi(d.due_at)},
          {"collector_name", d.collector_name},
          {"unit_id", d.unit_id},
          {"unit_name", d.unit_name},
          {"role", d.role},
          {"past", d.past}};
}

json::object ToJson(const ScopeFigures& f) {
  return {{"unit_id", f.unit_id},
          {"unit_name", f.unit_name},
          {"activities", f.activities},
          {"published", f.published},
          {"days", f.days},
          {"days_covered", f.days_covered},
          {"participants", f.participants},
          {"media", f.media},
          {"children", f.children},
          {"children_uncounted", f.children_uncounted}};
}

}  // namespace

json::object ToJson(const Home& h) {
  json::array todo, deadlines, figures;
  for (const auto& w : h.todo) todo.push_back(ToJson(w));
  for (const auto& d : h.deadlines) deadlines.push_back(ToJson(d));
  for (const auto& f : h.figures) figures.push_back(ToJson(f));
  return {{"counts",
           {{"approvals", h.counts.approvals},
            {"reviews", h.counts.reviews},
            {"forms", h.counts.forms},
            {"tasks", h.counts.tasks}}},
          {"todo", std::move(todo)},
          {"deadlines", std::move(deadlines)},
          {"figures", std::move(figures)}};
}

Result<Home> HomeService::Of(const Principal& p, Id campaign_id, bool with_figures) {
  Home h;
  {
    db::Session s(db_);
    if (!campaign::store::LoadCampaign(s, campaign_id)) return Error::NotFound("活动周不存在");
  }
  // Each service call below takes its own session: none is held meanwhile.
  std::vector<Id> approvers = GrantedUnits(p, kApprovers);
  if (!approvers.empty()) {
    VW_TRY(pending, activities_.PendingApprovals(p, campaign_id));
    AddApprovals(pending, approvers, h);
  }
  std::vector<Id> scopes;
  {
    db::Session s(db_);
    std::string now = timeutil::NowUtc();
    AddReviews(s, campaign_id, GrantedUnits(p, reporting::kFormReviewers), h);
    AddOwnForms(s, campaign_id, GrantedUnits(p, reporting::kFormEditors), now, h);
    std::vector<Id> own = GrantedUnits(p, RoleSet::Any());
    AddTasks(s, campaign_id, own, now, h);
    AddDeadlines(s, campaign_id, own, now, h);
    if (with_figures) scopes = ScopeUnits(s, p);
  }
  for (Id unit : scopes) {
    ScopeFigures f;
    f.unit_id = unit;
    VW_TRY(all, activities_.CoverageOf(p, campaign_id, unit, false));
    VW_TRY(published, activities_.CoverageOf(p, campaign_id, unit, true));
    f.unit_name = all.unit_name;
    f.activities = CoverageTotal(all);
    f.published = CoverageTotal(published);
    f.days = static_cast<int>(all.dates.size());
    for (std::size_t d = 0; d < all.dates.size(); ++d) {
      bool any = std::any_of(all.rows.begin(), all.rows.end(), [d](const activity::CoverageRow& r) {
        return d < r.per_day.size() && r.per_day[d] > 0;
      });
      if (any) ++f.days_covered;
    }
    VW_TRY(stats, reporting_.StatisticsOf(p, campaign_id, unit));
    for (std::size_t i = 0; i < stats.rows.size(); ++i) {
      const auto& r = stats.rows[i];
      f.participants += r.total;
      f.media += r.media_provincial + r.media_city + r.media_county;
      if (r.unit_id == unit) continue;  // the unit's own records
      ++f.children;
      if (i < stats.uncounted.size() && !stats.uncounted[i].empty()) ++f.children_uncounted;
    }
    h.figures.push_back(std::move(f));
  }
  return h;
}

}  // namespace vw::home
