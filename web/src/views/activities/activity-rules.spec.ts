import { describe, expect, it } from 'vitest'
import type { ActivityActions, ActivityCategory } from '@/api/activities'
import {
  activityActions,
  audienceNames,
  categoryNames,
  dayLine,
  detailFieldsFor,
  groupCategories,
  historyNote,
  onDate,
  rowActions,
  rowButtons,
  statusTagType,
  themeDayOn,
  unitCategoryGroups,
} from './activity-rules'

const flags = (allowed: (keyof ActivityActions)[]): ActivityActions => {
  const all: ActivityActions = {
    can_edit: false, can_duplicate: false, can_submit: false, can_publish: false,
    can_unpublish: false, can_cancel: false, can_delete: false, can_review: false,
  }
  for (const f of allowed) all[f] = true
  return all
}

describe('activityActions', () => {
  it('shows the buttons the server allows, in display order', () => {
    const every = flags(['can_delete', 'can_cancel', 'can_duplicate', 'can_unpublish', 'can_publish', 'can_submit', 'can_edit'])
    expect(activityActions(every)).toEqual(['edit', 'submit', 'publish', 'unpublish', 'duplicate', 'cancel', 'delete'])
  })

  it('shows only what the flags allow, whatever the status', () => {
    // The server lets an approved off-campus activity be filed again.
    expect(activityActions(flags(['can_edit', 'can_submit', 'can_publish', 'can_duplicate', 'can_cancel']))).toEqual([
      'edit', 'submit', 'publish', 'duplicate', 'cancel',
    ])
    expect(activityActions(flags(['can_duplicate']))).toEqual(['duplicate'])
  })

  it('offers no row button for reviewing (that is the approvals page) and none to readers', () => {
    expect(activityActions(flags(['can_review']))).toEqual([])
    expect(activityActions(flags([]))).toEqual([])
  })

  it('offers nothing when the answer carries no flags (the public site)', () => {
    expect(activityActions({})).toEqual([])
  })
})

describe('statusTagType', () => {
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

  it("keeps the server's order for a unit and names a chosen category the unit may no longer use", () => {
    const launch = cat(1, '成渝职教活动周联合启动仪式', '川渝联合活动')
    const offered = [categories[2], categories[3], categories[0]]
    const groups = unitCategoryGroups(offered, [launch, ...categories], [1, 15])
    expect(groups.map((g) => g.name)).toEqual(['四开放', '学校活动清单', '本单位不可用（请改选）'])
    expect(groups[2]).toMatchObject({ disabled: true, items: [launch] })
    expect(unitCategoryGroups(offered, [launch, ...categories], [null]).map((g) => g.name)).toEqual(['四开放', '学校活动清单'])
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
    expect(historyNote({ opinion: '同意，注意安全' })).toBe('审批意见：同意，注意安全')
    expect(historyNote(null)).toBe('')
    expect(historyNote('text')).toBe('')
    expect(historyNote({ title: 'x' })).toBe('')
  })

  it('names the destination of a filing, whose empty reason field is no reason', () => {
    expect(historyNote({ destination: '郫都区社区服务中心', reason: '' })).toBe('目的地：郫都区社区服务中心')
  })
})

describe('rowActions', () => {
  const every = flags(['can_delete', 'can_cancel', 'can_duplicate', 'can_unpublish', 'can_publish', 'can_submit', 'can_edit'])

  it('leads with the next step of the status and keeps the rest in the menu, destructive ones last', () => {
    expect(rowActions({ ...flags(['can_edit', 'can_publish', 'can_duplicate', 'can_delete']), status: 'draft' })).toEqual({
      primary: 'publish',
      more: ['edit', 'duplicate', 'delete'],
    })
    expect(rowActions({ ...flags(['can_edit', 'can_submit', 'can_duplicate', 'can_delete']), status: 'draft' }).primary).toBe('submit')
    expect(rowActions({ ...every, status: 'published' })).toEqual({
      primary: 'edit',
      more: ['submit', 'publish', 'unpublish', 'duplicate', 'cancel', 'delete'],
    })
  })

  it('never leads with a destructive action, and a reader gets none', () => {
    expect(rowActions({ ...flags(['can_cancel', 'can_delete']), status: 'draft' })).toEqual({ primary: null, more: ['cancel', 'delete'] })
    expect(rowActions({ ...flags([]), status: 'published' })).toEqual({ primary: null, more: [] })
    expect(rowActions({ ...flags(['can_duplicate']), status: 'cancelled' })).toEqual({ primary: null, more: ['duplicate'] })
  })
})

describe('dayLine', () => {
  it('joins what there is, so an activity of the month alone does not start with a dot', () => {
    expect(dayLine('', true)).toBe('活动月')
    expect(dayLine('职教成果展示日', true)).toBe('职教成果展示日 · 活动月')
    expect(dayLine('职教成果展示日', false)).toBe('职教成果展示日')
  })
})

describe('rowButtons', () => {
  it('leads a published activity taking registrations with them, a reader with the details', () => {
    expect(rowButtons({ ...flags(['can_edit', 'can_cancel']), status: 'published' }, true)).toEqual({
      primary: 'registrations',
      more: ['detail', 'edit', 'cancel'],
    })
    expect(rowButtons({ ...flags([]), status: 'published' }, false)).toEqual({ primary: 'detail', more: [] })
    expect(rowButtons({ ...flags(['can_edit', 'can_delete']), status: 'draft' }, false)).toEqual({
      primary: 'edit',
      more: ['detail', 'delete'],
    })
  })
})
