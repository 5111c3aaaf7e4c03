import { describe, expect, it } from 'vitest'
import type { FormItemRule } from 'element-plus'
import { isEmail, isMobile, isMoeCode, isStrongPassword, isUsername, rule } from './validate'

describe('validators mirror the server', () => {
  it('usernames: 3 to 32 lower-case letters, digits, _ . -', () => {
    expect(isUsername('sctc-college')).toBe(true)
    expect(isUsername('a.b_c')).toBe(true)
    expect(isUsername('ab')).toBe(false)
    expect(isUsername('Admin')).toBe(false)
    expect(isUsername('张三')).toBe(false)
  })

  it('passwords: at least 8 characters with a letter and a digit', () => {
    expect(isStrongPassword('Demo@2025')).toBe(true)
    expect(isStrongPassword('abcd1234')).toBe(true)
    expect(isStrongPassword('password')).toBe(false)
    expect(isStrongPassword('12345678')).toBe(false)
    expect(isStrongPassword('a1')).toBe(false)
    expect(isStrongPassword(`a1${'x'.repeat(127)}`)).toBe(false)
  })

  it('optional fields accept empty values', () => {
    expect(isMobile('')).toBe(true)
    expect(isEmail('')).toBe(true)
    expect(isMoeCode('')).toBe(true)
  })

  it('mobile numbers, e-mail and MOE codes', () => {
    expect(isMobile('13800000000')).toBe(true)
    expect(isMobile('1380000000')).toBe(false)
    expect(isMobile('23800000000')).toBe(false)
    expect(isEmail('jwc@sctc.edu.cn')).toBe(true)
    expect(isEmail('jwc sctc')).toBe(false)
    expect(isMoeCode('4151013901')).toBe(true)
    expect(isMoeCode('41510')).toBe(false)
  })
})

describe('rule', () => {
  const run = (r: FormItemRule, value: unknown) =>
    new Promise<string | undefined>((resolve) => {
      const validator = r.validator as (rule: unknown, value: unknown, cb: (e?: Error) => void) => void
      validator({}, value, (e) => resolve(e?.message))
    })

  it('passes valid values and reports the Chinese message otherwise', async () => {
    const r = rule(isMobile, '手机号应为以1开头的11位数字')
    await expect(run(r, '13800000000')).resolves.toBeUndefined()
    await expect(run(r, '123')).resolves.toBe('手机号应为以1开头的11位数字')
    await expect(run(r, undefined)).resolves.toBeUndefined()
  })
})
