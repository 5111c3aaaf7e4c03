import { describe, expect, it } from 'vitest'
import { maxOpinionChars, opinionProblem } from './approval-decision'

describe('opinionProblem', () => {
  it('requires an opinion to reject, not to approve', () => {
    expect(opinionProblem(false, '  ')).toBe('退回时请填写审批意见')
    expect(opinionProblem(true, '')).toBe('')
    expect(opinionProblem(false, '请补充安全预案')).toBe('')
  })
  it('bounds the opinion by characters, not bytes', () => {
    expect(opinionProblem(true, '意'.repeat(maxOpinionChars))).toBe('')
    expect(opinionProblem(true, '意'.repeat(maxOpinionChars + 1))).toBe('审批意见不能超过 500 字')
  })
})
