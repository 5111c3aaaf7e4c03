import { describe, expect, it } from 'vitest'
import { personLabel } from './person'

describe('personLabel', () => {
  it('shows 姓名（单位）', () => {
    expect(personLabel('鄢涛', '教务处')).toBe('鄢涛（教务处）')
    expect(personLabel('鄢涛', '')).toBe('鄢涛')
    expect(personLabel('', '教务处')).toBe('—')
    expect(personLabel('', '', '系统')).toBe('系统')
  })
})
