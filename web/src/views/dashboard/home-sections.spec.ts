import { describe, expect, it } from 'vitest'
import type { WorkItem } from '@/api/home'
import { totalWork, workGroups, workStatus } from './home-sections'

const item = (kind: WorkItem['kind'], status = ''): WorkItem => ({
  kind,
  title: kind,
  unit_id: 1,
  unit_name: '单位',
  form: '',
  status,
  due_at: '',
  overdue: false,
  since: '',
  link: '/',
})

describe('home work groups', () => {
  it('orders approvals, reviews, forms, tasks and drops empty groups, keeping whole counts', () => {
    const todo = [item('task', 'todo'), item('review', 'submitted'), item('form', 'returned')]
    const groups = workGroups(todo, { approvals: 0, reviews: 1, forms: 1, tasks: 60 })
    expect(groups.map((g) => g.kind)).toEqual(['review', 'form', 'task'])
    expect(groups[2].count).toBe(60)
    expect(groups[2].items).toHaveLength(1)
    expect(totalWork({ approvals: 1, reviews: 2, forms: 3, tasks: 4 })).toBe(10)
  })

  it('names the state of a form or task, nothing for reviews and approvals', () => {
    expect(workStatus(item('form', 'returned'))).toBe('已退回')
    expect(workStatus(item('form', 'none'))).toBe('未填写')
    expect(workStatus(item('task', 'in_progress'))).toBe('进行中')
    expect(workStatus(item('review', 'submitted'))).toBe('')
  })
})
