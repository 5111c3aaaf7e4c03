import { describe, expect, it } from 'vitest'
import type { BoardChild, BoardStatus, SubmissionStatus } from '@/api/reporting'
import {
  boardCounters,
  canClearNotParticipating,
  canMarkNotParticipating,
  defaultReviewUnit,
  filterChildren,
  formLink,
  formatRate,
  missingChildren,
  wouldDropText,
  progressValue,
  remindConfirmText,
  remindResultText,
  reviewActionLabel,
  submittedCount,
} from './board-status'

function child(unit_id: number, status: SubmissionStatus, board_status: BoardStatus): BoardChild {
  return {
    unit_id,
    unit_name: `单位${unit_id}`,
    kind_name: '市州教育局',
    status,
    board_status,
    submission_id: status === 'not_started' ? null : unit_id * 10,
    submitted_at: '',
    late: board_status === 'late',
    reviewed_at: '',
    reminded_at: '',
  }
}

const children = [
  child(1, 'not_started', 'not_started'),
  child(2, 'draft', 'draft'),
  child(3, 'submitted', 'on_time'),
  child(4, 'submitted', 'late'),
  child(5, 'returned', 'returned'),
  child(6, 'accepted', 'accepted'),
  child(7, 'not_participating', 'not_participating'),
]

describe('board counters', () => {
  it('lists the seven statuses in reading order with their Chinese names, missing counts as 0', () => {
    const cards = boardCounters({ not_started: 20, late: 2, accepted: 5 })
    expect(cards.map((c) => c.label)).toEqual(['未填报', '草稿', '按时提交', '逾期提交', '已退回', '已通过', '未参与'])
    expect(cards.map((c) => c.count)).toEqual([20, 0, 0, 2, 0, 5, 0])
    expect(cards.find((c) => c.status === 'returned')?.tone).toBe('danger')
    expect(cards.find((c) => c.status === 'accepted')?.tone).toBe('success')
  })

  it('counts on time, late and accepted as submitted', () => {
    expect(submittedCount({ on_time: 3, late: 2, accepted: 4, draft: 9, returned: 1 })).toBe(9)
    expect(submittedCount({})).toBe(0)
  })
})

describe('rates', () => {
  it('shows whole percentages plainly and others with one decimal', () => {
    expect(formatRate(40)).toBe('40%')
    expect(formatRate(100 / 3)).toBe('33.3%')
    expect(formatRate(0)).toBe('0%')
    expect(formatRate(66.66)).toBe('66.7%')
  })

  it('never shows a rate outside 0–100 or NaN', () => {
    expect(formatRate(120)).toBe('100%')
    expect(formatRate(-3)).toBe('0%')
    expect(formatRate(Number.NaN)).toBe('0%')
    expect(progressValue(Number.POSITIVE_INFINITY)).toBe(0)
    expect(progressValue(150)).toBe(100)
    expect(progressValue(12.345)).toBe(12.3)
  })
})

describe('status filter', () => {
  it('keeps every child when no status is picked', () => {
    expect(filterChildren(children, [])).toHaveLength(7)
  })

  it('keeps the children of the picked board statuses', () => {
    expect(filterChildren(children, ['late', 'returned']).map((c) => c.unit_id)).toEqual([4, 5])
    expect(filterChildren(children, ['not_participating']).map((c) => c.unit_id)).toEqual([7])
  })
})

describe('row actions', () => {
  it('lets the reviewer mark only a child that has not submitted as not taking part', () => {
    const allowed = children.filter(canMarkNotParticipating).map((c) => c.status)
    expect(allowed).toEqual(['not_started', 'draft', 'returned'])
  })

  it('offers undo only on a child marked not taking part', () => {
    expect(children.filter(canClearNotParticipating).map((c) => c.unit_id)).toEqual([7])
  })

  it('says 审核 where a decision waits and 查看 elsewhere', () => {
    expect(reviewActionLabel({ status: 'submitted' })).toBe('审核')
    expect(reviewActionLabel({ status: 'accepted' })).toBe('查看')
    expect(reviewActionLabel({ status: 'not_started' })).toBe('查看')
  })

  it('links to the form page of the child with the form', () => {
    expect(formLink('statistics', 12)).toEqual({ path: '/reports/review/12', query: { form: 'statistics' } })
  })
})

describe('reminders', () => {
  it('reaches children not started, in draft or returned, never those that take no part', () => {
    expect(missingChildren(children).map((c) => c.unit_id)).toEqual([1, 2, 5])
  })

  it('names how many units the confirm is about, with the first three names', () => {
    const text = remindConfirmText('信息采集表', missingChildren(children))
    expect(text).toContain('3 个')
    expect(text).toContain('单位1、单位2、单位5')
    expect(text).not.toContain('等')
    const many = remindConfirmText('情况统计表', [...children, ...children])
    expect(many).toContain('14 个尚未提交情况统计表')
    expect(many).toContain('单位1、单位2、单位3等')
  })

  it('reports how many were reminded', () => {
    expect(remindResultText(5)).toBe('已提醒 5 个单位')
    expect(remindResultText(0)).toBe('没有需要提醒的单位')
  })
})

describe('default reviewing unit', () => {
  it("opens the user's reviewer grant first, else the unit_admin grant", () => {
    expect(
      defaultReviewUnit({
        is_sysadmin: false,
        grants: [
          { unit_id: 9, role: 'viewer' },
          { unit_id: 2, role: 'unit_admin' },
          { unit_id: 3, role: 'reviewer' },
        ],
      }),
    ).toBe(3)
    expect(defaultReviewUnit({ is_sysadmin: false, grants: [{ unit_id: 2, role: 'unit_admin' }] })).toBe(2)
    expect(defaultReviewUnit({ is_sysadmin: true, grants: [{ unit_id: 9, role: 'viewer' }] })).toBeNull()
  })
})

describe('wouldDropText', () => {
  it('names what a not-participating mark drops and that the records stay', () => {
    expect(wouldDropText({ activities: 1, people: 8, media_reports: 2 })).toBe(
      '将不计入：活动 1 项、参与 8 人次、媒体报道 2 篇；本单位的记录保留',
    )
  })
})
