import { describe, expect, it } from 'vitest'
import { groupShortCode, readShortCode, SHORT_CODE_ALPHABET } from './short-code'

describe('readShortCode', () => {
  it('forgives case, spaces and dashes', () => {
    for (const typed of ['ACDEFGHG', 'acdefghg', 'acde-fghg', ' acde fghg ', 'AcDe - FgHg']) {
      expect(readShortCode(typed)).toEqual({ kind: 'valid', code: 'ACDE-FGHG' })
    }
    expect(readShortCode('xywt rpn6')).toEqual({ kind: 'valid', code: 'XYWT-RPN6' })
  })

  it('catches every wrong character and every swap of neighbours', () => {
    const code = 'XYWTRPN6'
    for (let i = 0; i < code.length; i++) {
      for (const c of SHORT_CODE_ALPHABET) {
        if (c === code[i]) continue
        expect(readShortCode(code.slice(0, i) + c + code.slice(i + 1)).kind).toBe('wrong')
      }
      if (i + 1 < code.length) {
        expect(readShortCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2)).kind).toBe('wrong')
      }
    }
    // Look-alikes are not in the alphabet: an O for a 0 is wrong, not another code.
    expect(readShortCode('ACDEFGHO').kind).toBe('wrong')
  })

  it('leaves tokens and links alone', () => {
    expect(readShortCode('Zx3_kq9RtY2mWbN8vLp4Qa').kind).toBe('none')
    expect(readShortCode('https://x/p/tickets/abc').kind).toBe('none')
    expect(readShortCode('ACDEFGH').kind).toBe('none')
    expect(readShortCode('').kind).toBe('none')
  })
})

describe('groupShortCode', () => {
  it('groups eight characters by four', () => {
    expect(groupShortCode('ACDEFGHG')).toBe('ACDE-FGHG')
    expect(groupShortCode('ACDE-FGHG')).toBe('ACDE-FGHG')
  })
})
