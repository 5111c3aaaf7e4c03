import { describe, expect, it } from 'vitest'
import type { Submission, ValidationIssue } from '@/api/reporting'
import {
  blockingText,
  canUploadScan,
  errorIssues,
  exportFormats,
  formActions,
  formatDueAt,
  historyActionName,
  issueText,
  parseFormQuery,
  sortIssues,
  submitConfirmText,
} from './form-page'
import { setStatisticsFields } from './statistics-fields'
import { statisticsFieldTable } from './statistics-fields.fixture'

// Annex 5's labels come from the server's field table (CONTRACT §1).
setStatisticsFields(statisticsFieldTable)

type Flags = Parameters<typeof formActions>[0]

function flags(over: Partial<Flags> = {}): Flags {
  return {
    parent_id: 1,
    can_edit: true,
    can_submit: true,
    can_accept: false,
    can_return: false,
    can_reopen: false,
    blocking_children: [],
    past_due: false,
    sign_off_required: false,
    signed_off_at: '',
    ...over,
  }
}

describe('parseFormQuery', () => {
  it('reads the form and unit, dropping what is not one', () => {
    expect(parseFormQuery({ form: 'summary', unit_id: '12' })).toEqual({ form: 'summary', unitId: 12 })
    expect(parseFormQuery({ form: 'plan', unit_id: 'x' })).toEqual({ form: 'plan', unitId: null })
    expect(parseFormQuery({ form: 'materials', unit_id: '3' })).toEqual({ form: null, unitId: 3 })
    expect(parseFormQuery({ form: ['statistics'], unit_id: ['-1'] })).toEqual({ form: 'statistics', unitId: null })
    expect(parseFormQuery({})).toEqual({ form: null, unitId: null })
  })
  it('reads the form and the unit', () => {
    expect(parseFormQuery({ form: 'statistics', unit_id: '12' })).toEqual({ form: 'statistics', unitId: 12 })
    expect(parseFormQuery({ form: ['summary', 'x'], unit_id: ['3'] })).toEqual({ form: 'summary', unitId: 3 })
  })

  it('drops what it does not know', () => {
    expect(parseFormQuery({ form: 'event', unit_id: 'abc' })).toEqual({ form: null, unitId: null })
    expect(parseFormQuery({ unit_id: '-4' })).toEqual({ form: null, unitId: null })
    expect(parseFormQuery({ unit_id: '1.5' })).toEqual({ form: null, unitId: null })
  })
})

describe('formatDueAt', () => {
  it('writes the deadline in Chinese on the Shanghai clock', () => {
    expect(formatDueAt('2025-05-24T23:59:00+08:00')).toBe('2025年5月24日 23:59')
    expect(formatDueAt('2025-05-12T10:00:00Z')).toBe('2025年5月12日 18:00')
  })

  it('is empty without a deadline', () => {
    expect(formatDueAt('')).toBe('')
    expect(formatDueAt(null)).toBe('')
  })
})

describe('formActions', () => {
  it('lets an editor save and submit a draft', () => {
    expect(formActions(flags())).toEqual({ save: true, submit: true, submitBlocked: '', accept: false, return: false, reopen: false })
  })

  it('offers nothing to a reader', () => {
    const a = formActions(flags({ can_edit: false, can_submit: false }))
    expect(a.save || a.submit || a.accept || a.return || a.reopen).toBe(false)
  })

  it('keeps 提交 but disables it while children block it, naming them', () => {
    const a = formActions(
      flags({
        can_submit: false,
        blocking_children: [
          { unit_id: 3, unit_name: '智能制造学院', status: 'draft' },
          { unit_id: 4, unit_name: '信息工程学院', status: 'not_started' },
        ],
      }),
    )
    expect(a.submit).toBe(true)
    expect(a.submitBlocked).toBe('以下下级单位尚未通过审核或标记为未参与：智能制造学院（草稿）、信息工程学院（未填报）')
  })

  it('names the missing sign-off once children no longer block (after the deadline)', () => {
    const late = [{ unit_id: 3, unit_name: '智能制造学院', status: 'draft' as const }]
    const a = formActions(flags({ can_submit: false, past_due: true, blocking_children: late, sign_off_required: true }))
    expect(a.submitBlocked).toBe('本单位的报表须经领导审签后提交，请先由本单位管理员审签')
    const signed = formActions(flags({ can_submit: true, past_due: true, blocking_children: late, sign_off_required: true, signed_off_at: '2025-05-25T09:00:00+08:00' }))
    expect(signed.submitBlocked).toBe('')
  })

  it('has no 提交 for a unit without a parent (the province only collects)', () => {
    const a = formActions(flags({ parent_id: null, can_submit: false }))
    expect(a.save).toBe(true)
    expect(a.submit).toBe(false)
    expect(a.submitBlocked).toBe('')
  })

  it('shows 通过 and 退回 when the server allows them', () => {
    const a = formActions(flags({ can_edit: false, can_submit: false, can_accept: true, can_return: true }))
    expect(a).toMatchObject({ save: false, submit: false, accept: true, return: true, reopen: false })
  })

  it('shows 重新打开 when the server allows it, and each review button on its own flag', () => {
    expect(formActions(flags({ can_edit: false, can_reopen: true }))).toMatchObject({ accept: false, return: false, reopen: true })
    expect(formActions(flags({ can_accept: true }))).toMatchObject({ accept: true, return: false, reopen: false, save: true })
  })

  it('offers no review button without the flags', () => {
    const a = formActions(flags({ can_edit: false, can_submit: false }))
    expect(a.accept || a.return || a.reopen).toBe(false)
  })
})

describe('blockingText', () => {
  it('is empty without blocking children', () => {
    expect(blockingText([])).toBe('')
  })
})

describe('issues', () => {
  const issues: ValidationIssue[] = [
    { rule: 'w', field: 'teachers', severity: 'warning', message: '变化大' },
    { rule: 'e1', field: 'total', severity: 'error', message: '总数不足' },
    { rule: 'e2', field: 'coverage', severity: 'error', message: '超过100%' },
  ]
  it('puts errors first, keeping the server order', () => {
    expect(sortIssues(issues).map((i) => i.rule)).toEqual(['e1', 'e2', 'w'])
    expect(errorIssues(issues)).toHaveLength(2)
  })
})

describe('issueText', () => {
  it('names the field when the message does not', () => {
    expect(issueText('summary', { field: 'cases', message: '总结报告的七个部分都应有内容' })).toBe('【典型案例】总结报告的七个部分都应有内容')
    expect(issueText('info_form', { field: 'qq', message: '应为数字' })).toBe('【QQ号】应为数字')
  })

  it('names a field once when the message names it anywhere', () => {
    expect(issueText('info_form', { field: 'mobile', message: '请填写联系人和手机' })).toBe('请填写联系人和手机')
  })

  it('leaves messages that start with their field, or have none, alone', () => {
    expect(issueText('info_form', { field: 'work_plan', message: '活动周工作计划应在 300 字以内（现有 301 字）' })).toBe(
      '活动周工作计划应在 300 字以内（现有 301 字）',
    )
    expect(issueText('statistics', { field: 'teachers', message: '参与活动的教师数：各项数字应为不小于 0 的整数' })).toBe(
      '参与活动的教师数：各项数字应为不小于 0 的整数',
    )
    expect(issueText('info_form', { field: '', message: '数据格式不正确' })).toBe('数据格式不正确')
  })
})

describe('submitConfirmText', () => {
  const sub: Pick<Submission, 'form' | 'unit_name' | 'parent_name' | 'due_at'> = {
    form: 'info_form',
    unit_name: '成都工业职业技术学院',
    parent_name: '四川省教育厅',
    due_at: '2025-05-13T23:59:00+08:00',
  }
  it('names the parent and says nothing of lateness before the deadline', () => {
    const text = submitConfirmText(sub, 0, Date.parse('2025-05-10T12:00:00+08:00'))
    expect(text).toBe('将成都工业职业技术学院的信息采集表提交给四川省教育厅审核，提交后不能再修改，除非被退回。')
  })

  it('says the form will be marked late after the deadline', () => {
    const text = submitConfirmText(sub, 0, Date.parse('2025-05-14T00:00:00+08:00'))
    expect(text).toContain('已超过截止时间（2025年5月13日 23:59），提交后将标记为逾期。')
  })

  it('mentions open warnings', () => {
    expect(submitConfirmText({ ...sub, due_at: '' }, 2)).toContain('还有 2 条提醒')
  })
})

describe('exports and uploads', () => {
  it('exports Word only for the summary report', () => {
    expect(exportFormats('info_form')).toEqual(['xlsx', 'pdf'])
    expect(exportFormats('statistics')).toEqual(['xlsx', 'pdf'])
    expect(exportFormats('summary')).toContain('docx')
    expect(exportFormats('plan')).toEqual([])
  })

  it('offers the scan upload when the server allows it', () => {
    expect(canUploadScan({ can_upload_scan: true })).toBe(true)
    expect(canUploadScan({ can_upload_scan: false })).toBe(false)
    expect(canUploadScan({})).toBe(false)
  })

  it('names history actions, keeping unknown codes', () => {
    expect(historyActionName('return')).toBe('退回')
    expect(historyActionName('update')).toBe('保存')
    expect(historyActionName('weird')).toBe('weird')
  })
})
