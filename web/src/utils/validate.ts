// Checks that mirror the server's, for feedback before a round trip. The
// server checks again and its answer wins.
import type { FormItemRule } from 'element-plus'

export const PASSWORD_HINT = '密码至少8位，且须同时包含字母和数字'

export function isUsername(v: string): boolean {
  return /^[a-z0-9_.-]{3,32}$/.test(v)
}

export function isStrongPassword(v: string): boolean {
  return [...v].length >= 8 && new TextEncoder().encode(v).length <= 128 && /[A-Za-z]/.test(v) && /\d/.test(v)
}

/** Mobile number: 11 digits starting with 1; empty is allowed (optional field). */
export function isMobile(v: string): boolean {
  return v === '' || /^1\d{10}$/.test(v)
}

export function isEmail(v: string): boolean {
  return v === '' || /^[^\s@]+@[^\s@]+$/.test(v)
}

/** The 10-digit MOE school code; empty is allowed (not every unit has one). */
export function isMoeCode(v: string): boolean {
  return v === '' || /^\d{10}$/.test(v)
}

/** An Element Plus form rule from a check and its Chinese message. */
export function rule(check: (v: string) => boolean, message: string): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: unknown, callback: (error?: Error) => void) => {
      const text = value === undefined || value === null ? '' : String(value)
      if (check(text)) callback()
      else callback(new Error(message))
    },
  }
}

export function required(message: string, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return { required: true, message, trigger }
}
