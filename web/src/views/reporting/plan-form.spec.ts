import { describe, expect, it } from 'vitest'
import { activitiesByDay, linkableActivities, planDataOf, planDocumentProblem, planToSave } from './plan-form'

const choices = {
  days: [
    { id: 12, day_index: 2, date: '2025-05-12', name: '职教开放日' },
    { id: 11, day_index: 1, date: '2025-05-11', name: '启动日' },
  ],
  activities: [
    { id: 5, title: '机器人展示', theme_day_id: 11, unit_name: '甲校' },
    { id: 6, title: '开放日', theme_day_id: 12, unit_name: '甲校' },
  ],
}

describe('planDataOf', () => {
  it('completes a partial draft and drops malformed entries', () => {
    const d = planDataOf({ person_name: '王老师', activities: [{ theme_day_id: 11, title: '展示', activity_id: 'x' }, 3] })
    expect(d).toEqual({
      person_name: '王老师',
      person_position: '',
      person_mobile: '',
      activities: [{ theme_day_id: 11, title: '展示', activity_id: null }],
    })
    expect(planDataOf(null).activities).toEqual([])
  })
  it('copies the document, which a save never sends', () => {
    const stored = { person_name: 'a', activities: [], document: { id: 3, file_name: '方案.pdf' } }
    const d = planDataOf(stored)
    expect(d.document?.file_name).toBe('方案.pdf')
    expect(d.document).not.toBe(stored.document)
    expect('document' in planToSave(d)).toBe(false)
  })
})

describe('activitiesByDay', () => {
  it('groups entries under the days in order, unknown days last', () => {
    const d = planDataOf({
      activities: [
        { theme_day_id: 12, title: 'b' },
        { theme_day_id: 11, title: 'a' },
        { theme_day_id: 99, title: 'x' },
      ],
    })
    const g = activitiesByDay(d, choices)
    expect(g.map((x) => [x.dayId, x.items])).toEqual([
      [11, [1]],
      [12, [0]],
      [0, [2]],
    ])
    expect(g[0]?.label).toBe('5月11日 启动日')
  })
})

describe('linkableActivities', () => {
  it('offers the day’s activities first', () => {
    expect(linkableActivities(choices, 12).map((a) => a.id)).toEqual([6, 5])
    expect(linkableActivities(null, 12)).toEqual([])
  })
})

describe('planDocumentProblem', () => {
  it('takes PDF and Word up to 10 MB', () => {
    expect(planDocumentProblem({ name: '方案.DOCX', size: 10 })).toBe('')
    expect(planDocumentProblem({ name: 'a.doc', size: 10 })).toBe('')
    expect(planDocumentProblem({ name: 'a.png', size: 10 })).toContain('PDF 或 Word')
    expect(planDocumentProblem({ name: 'a.pdf', size: 0 })).toContain('空')
    expect(planDocumentProblem({ name: 'a.pdf', size: 11 * 1024 * 1024 })).toContain('10 MB')
  })
})
