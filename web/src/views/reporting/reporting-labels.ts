// Chinese names of the reporting chain's codes, shared by the form, review,
// board and verification pages.
import type {
  BoardStatus,
  ReportingForm,
  SubmissionStatus,
  SummarySectionKey,
} from '@/api/reporting'

export { formNames } from '@/locales/zh-CN'
export const formCodes: readonly ReportingForm[] = ['plan', 'info_form', 'statistics', 'summary']

export const statusNames: Record<SubmissionStatus, string> = {
  not_started: '未填报',
  draft: '草稿',
  submitted: '已提交',
  accepted: '已通过',
  returned: '已退回',
  not_participating: '未参与',
}

/** Element Plus tag types per status. */
export const statusTagTypes: Record<SubmissionStatus, 'info' | 'warning' | 'primary' | 'success' | 'danger'> = {
  not_started: 'info',
  draft: 'warning',
  submitted: 'primary',
  accepted: 'success',
  returned: 'danger',
  not_participating: 'info',
}

export const boardStatusNames: Record<BoardStatus, string> = {
  not_started: '未填报',
  draft: '草稿',
  on_time: '按时提交',
  late: '逾期提交',
  returned: '已退回',
  accepted: '已通过',
  not_participating: '未参与',
}

/** The seven sections notice 000 names for the summary report, in order. */
export const summarySections: readonly { key: SummarySectionKey; title: string }[] = [
  { key: 'basic', title: '一、基本情况' },
  { key: 'measures', title: '二、主要做法和措施' },
  { key: 'results', title: '三、取得成效' },
  { key: 'highlights', title: '四、活动亮点' },
  { key: 'cases', title: '五、典型案例' },
  { key: 'media', title: '六、媒体宣传情况' },
  { key: 'problems', title: '七、存在问题及建议' },
]

export const infoFieldLabels: Record<string, string> = {
  contact_person: '联系人',
  position: '职务',
  mobile: '手机',
  qq: 'QQ号',
  website: '专题网站（专栏）链接地址',
  work_plan: '活动周工作计划',
  featured: '特色活动简介',
}

/** A report's level as chosen. */
export const mediaLevelNames: Record<'central' | 'provincial' | 'city' | 'county', string> = {
  central: '中央级',
  provincial: '省级',
  city: '市（州）级',
  county: '县（区）级',
}
/** Annex 5's media columns (central reports are counted in 省级及以上). */
export const mediaColumnNames: Record<'provincial' | 'city' | 'county', string> = {
  provincial: '省级及以上',
  city: '市（州）级',
  county: '县（区）级',
}
