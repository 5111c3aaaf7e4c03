// Labels for the fixed codes the server sends. What changes yearly (theme-day
// names, deadlines) is data from the server and never appears here; role and
// kind names also come from the server where it sends them.

import type { FormCode } from '@/api/common'

export const appTitle = '职业教育活动周管理平台'

export const roleNames: Record<string, string> = {
  unit_admin: '单位管理员',
  reviewer: '审核员',
  publicity: '宣传专员',
  organiser: '活动组织者',
  viewer: '查看者',
}

// The status an administrator sets; what users see is the phase below.
export const campaignStatusNames: Record<string, string> = {
  draft: '草稿',
  active: '已启用',
  closed: '已结束',
}

// Where a campaign stands, derived by the server from its dates.
export const campaignPhaseNames: Record<string, string> = {
  draft: '草稿',
  preparing: '筹备中',
  in_week: '进行中',
  summarising: '总结中',
  ended: '已结束',
}

export const taskStatusNames: Record<string, string> = {
  todo: '待办',
  in_progress: '进行中',
  done: '已完成',
}

export const positionNames: Record<string, string> = {
  leader: '组长',
  deputy: '副组长',
  member: '成员',
}

export const formNames: Record<FormCode, string> = {
  plan: '活动方案',
  info_form: '信息采集表',
  statistics: '情况统计表',
  summary: '工作总结报告',
  materials: '新闻报道及图片影像资料',
  event: '活动安排',
}

export const auditActionNames: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  reschedule: '改期或变更地点',
  submit: '提交外出报备',
  approve: '批准外出报备',
  reject: '退回外出报备',
  publish: '发布',
  unpublish: '撤回发布',
  cancel: '取消',
}

export const activityStatusNames: Record<string, string> = {
  draft: '草稿',
  pending: '待审批',
  rejected: '已退回',
  approved: '已批准',
  published: '已发布',
  cancelled: '已取消',
}

export const placeKindNames: Record<string, string> = {
  on_campus: '校内',
  off_campus: '校外',
  online: '线上',
}

/** Name of the public site (专题网站), in titles and links. */
export const siteTitle = '职业教育活动周'

/** Shown when an error carries no message of its own. */
export const fallbackError = '操作失败，请稍后重试'

export const registrationKindNames: Record<string, string> = {
  person: '个人',
  group: '团体',
}

export const registrationStatusNames: Record<string, string> = {
  confirmed: '报名成功',
  waiting: '候补',
  cancelled: '已取消',
}

/** The headline of a door scan's result; the server's message explains it. */
export const scanOutcomeTitles: Record<string, string> = {
  ok: '签到成功',
  already: '已签到',
  wrong_activity: '不是本活动的凭证',
  cancelled: '报名已取消',
  waiting: '仍在候补',
  unknown: '无效凭证',
  bad_code: '凭证码有误',
  unknown_code: '本活动无此凭证码',
}

export const ticketNoticeTitles: Record<string, string> = {
  promoted: '候补成功',
  rescheduled: '活动变更',
  cancelled: '活动取消',
}
