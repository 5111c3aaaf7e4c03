import { describe, expect, it } from 'vitest'
import type { ActivityCategory, ActivityStatus, PlaceKind } from '@/api/activities'
import {
  allowedActions,
  audienceNames,
  categoryNames,
  detailFieldsFor,
  groupCategories,
  historyNote,
  onDate,
  statusTagType,
  themeDayOn,
} from './activity-rules'

const act = (status: ActivityStatus, place_kind: PlaceKind = 'on_campus') => ({ status, place_kind })

describe('allowedActions', () => {
  it('lets an editor file an off-campus draft, but not publish it before approval', () => {
    expect(allowedActions(act('draft', 'off_campus'), true)).toEqual(['edit', 'submit', 'duplicate', 'cancel', 'delete'])
    expect(allowedActions(act('pending', 'off_campus'), true)).toEqual(['edit', 'duplicate', 'cancel'])
  })

  it('publishes an approved off-campus activity and re-files a rejected one', () => {
    expect(allowedActions(act('approved', 'off_campus'), true)).toContain('publish')
    const rejected = allowedActions(act('rejected', 'off_campus'), true)
    expect(rejected).toContain('submit')
    expect(rejected).not.toContain('publish')
  })

  it('publishes on-campus and online drafts directly, without a filing', () => {
    for (const kind of ['on_campus', 'online'] as const) {
      const actions = allowedActions(act('draft', kind), true)
      expect(actions).toContain('publish')
      expect(actions).not.toContain('submit')
    }
  })

  it('offers withdrawing a published activity and only drafts may be deleted', () => {
    const published = allowedActions(act('published', 'off_campus'), true)
    expect(published).toContain('unpublish')
    expect(published).not.toContain('publish')
    expect(published).not.toContain('delete')
  })

  it('only copies cancelled activities', () => {
    expect(allowedActions(act('cancelled', 'off_campus'), true)).toEqual(['duplicate'])
  })

  it('offers nothing to users who only read (a city bureau over its schools)', () => {
    expect(allowedActions(act('draft'), false)).toEqual([])
    expect(allowedActions(act('approved', 'off_campus'), false)).toEqual([])
  })

  it('colours statuses', () => {
    expect(statusTagType('published')).toBe('success')
    expect(statusTagType('rejected')).toBe('danger')
    expect(statusTagType('pending')).toBe('warning')
    expect(statusTagType('draft')).toBe('info')
  })
})

const cat = (id: number, name: string, group: string, detail = '', sort = id): ActivityCategory => ({
  id, code: `c${id}`, name, group_name: group, detail_fields: detail, sort_order: sort,
})
const categories = [
  cat(27, '校企集中签约', '学校活动清单', 'partner,cooperation'),
  cat(29, '校园招聘会', '学校活动清单', 'enterprises,posts'),
  cat(15, '开放企业', '四开放', '', 1),
  cat(16, '开放校园', '四开放', '', 2),
]

describe('categories', () => {
  it('asks for the fields the chosen category or tags name in their data', () => {
    expect([...detailFieldsFor(categories, [27])].sort()).toEqual(['cooperation', 'partner'])
    expect([...detailFieldsFor(categories, [15, 29])].sort()).toEqual(['enterprises', 'posts_offered'])
    expect(detailFieldsFor(categories, [null, 16]).size).toBe(0)
  })

  it('groups categories in their sort order, groups in order of first appearance', () => {
    const groups = groupCategories(categories)
    expect(groups.map((g) => g.name)).toEqual(['四开放', '学校活动清单'])
    expect(groups[0].items.map((c) => c.name)).toEqual(['开放企业', '开放校园'])
  })

  it('names the primary category first, then the tags, once each', () => {
    expect(categoryNames({ category_id: 27, tag_ids: [15, 27, 99] }, categories)).toEqual(['校企集中签约', '开放企业'])
    expect(categoryNames({ category_id: null, tag_ids: [] }, categories)).toEqual([])
  })

  it('names audiences, keeping unknown codes', () => {
    expect(audienceNames(['pupils', 'x'], [{ code: 'pupils', name: '中小学生' }])).toEqual(['中小学生', 'x'])
  })
})

describe('theme days', () => {
  const days = [
    { id: 1, date: '2025-05-11' },
    { id: 3, date: '2025-05-13' },
  ]

  it('finds the theme day of a start time on the Shanghai clock', () => {
    expect(themeDayOn(days, '2025-05-13T09:00:00+08:00')).toBe(3)
    expect(themeDayOn(days, '2025-05-12T17:00:00Z')).toBe(3)
    expect(themeDayOn(days, '2025-05-12T09:00:00+08:00')).toBeNull()
    expect(themeDayOn(days, null)).toBeNull()
  })

  it('moves a time to another date keeping the time of day', () => {
    expect(onDate('2025-05-14', '2025-05-12 14:00', '09:00')).toBe('2025-05-14 14:00')
    expect(onDate('2025-05-14', '', '09:00')).toBe('2025-05-14 09:00')
  })
})

describe('historyNote', () => {
  it('says what a reschedule moved, on the Shanghai clock', () => {
    const detail = {
      starts_at: { from: '2025-05-13T09:00:00+08:00', to: '2025-05-14T01:00:00Z' },
      place: { from: '实训楼', to: '' },
    }
    expect(historyNote(detail)).toBe('开始：2025-05-13 09:00 → 2025-05-14 09:00；地点：实训楼 → （空）')
  })

  it('gives the reason of a rejection or cancellation, and nothing for other details', () => {
    expect(historyNote({ reason: '暴雨红色预警' })).toBe('原因：暴雨红色预警')
    expect(historyNote(null)).toBe('')
    expect(historyNote('text')).toBe('')
    expect(historyNote({ title: 'x' })).toBe('')
  })

  it('names the destination of a filing, whose empty reason field is no reason', () => {
    expect(historyNote({ destination: '郫都区社区服务中心', reason: '' })).toBe('目的地：郫都区社区服务中心')
  })
})
