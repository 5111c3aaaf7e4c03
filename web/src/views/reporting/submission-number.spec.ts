import { describe, expect, it } from 'vitest'
import type { HistoryEntry } from '@/api/reporting'
import { historyLabels, historyPerson, submissionLabel } from './submission-number'

const entry = (action: string, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: '2025-05-14T02:00:00Z',
  username: 'sctc',
  action,
  summary: '',
  ...extra,
})

describe('submissionLabel', () => {
  it('numbers submissions, not saves', () => {
    expect(submissionLabel('not_started', 0)).toBe('')
    expect(submissionLabel('draft', 0)).toBe('草稿')
    expect(submissionLabel('submitted', 1)).toBe('第 1 次提交')
    expect(submissionLabel('returned', 1)).toBe('第 1 次提交')
    expect(submissionLabel('accepted', 2)).toBe('第 2 次提交')
    expect(submissionLabel('draft', 2)).toBe('草稿（已提交 2 次）')
  })
})

describe('historyLabels', () => {
  it('numbers each submit from the oldest, newest first', () => {
    const names: Record<string, string> = { update: '保存', return: '退回' }
    const labels = historyLabels(
      [entry('submit'), entry('return'), entry('update'), entry('submit'), entry('update'), entry('update')],
      (a) => names[a] ?? a,
    )
    expect(labels).toEqual(['第 2 次提交', '退回', '保存', '第 1 次提交', '保存', '保存'])
  })
})

describe('historyPerson', () => {
  it('shows 姓名（单位）, falling back to the username', () => {
    expect(historyPerson(entry('submit', { actor: '鄢涛（教务处）' }))).toBe('鄢涛（教务处）')
    expect(historyPerson(entry('submit'))).toBe('sctc')
    expect(historyPerson(entry('remind', { username: '' }))).toBe('系统')
  })
})
