// The public sign-up form: its fields, the checks the server makes (for
// feedback before a round trip; the server checks again and its answer wins)
// and the request body it becomes.
import type { RegistrationInput, RegistrationKind } from '@/api/registration'

export interface RegistrationForm {
  kind: RegistrationKind
  /** The person, or the group's teacher. */
  name: string
  mobile: string
  category: string
  under_14: boolean
  guardian_name: string
  school: string
  class_name: string
  head_count: number
  /** One name per line (commas and 、 also separate). */
  roster_text: string
  consent: boolean
}

export type RegistrationField =
  | 'kind'
  | 'name'
  | 'mobile'
  | 'category'
  | 'guardian_name'
  | 'school'
  | 'class_name'
  | 'head_count'
  | 'roster'
  | 'consent'

export const registrationFields: readonly RegistrationField[] = [
  'kind',
  'name',
  'mobile',
  'category',
  'guardian_name',
  'school',
  'class_name',
  'head_count',
  'roster',
  'consent',
]

export const MAX_HEAD_COUNT = 200
const MAX_NAME = 20

export function emptyRegistrationForm(kind: RegistrationKind = 'person'): RegistrationForm {
  return {
    kind,
    name: '',
    mobile: '',
    category: kind === 'group' ? 'pupil_primary' : '',
    under_14: false,
    guardian_name: '',
    school: '',
    class_name: '',
    head_count: 30,
    roster_text: '',
    consent: false,
  }
}

/** The names of a pasted roster: one per line or separated by commas or 、, trimmed, blanks left out. */
export function parseRoster(text: string): string[] {
  return text
    .split(/[\n\r,，、;；]+/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0)
}

/** Digits of a mobile as people type it ("138 1234-5678", "+86 138…") → "13812345678". */
export function normaliseMobile(v: string): string {
  const digits = v.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')
  return digits
}

const length = (s: string) => [...s].length

/** The first problem of each field, in the server's words; empty when the form may be sent. */
export function validateRegistration(form: RegistrationForm): Partial<Record<RegistrationField, string>> {
  const errors: Partial<Record<RegistrationField, string>> = {}
  const group = form.kind === 'group'
  const name = form.name.trim()
  if (!name) errors.name = group ? '请填写带队教师姓名' : '请填写姓名'
  else if (length(name) > MAX_NAME) errors.name = `姓名不能超过${MAX_NAME}个字`
  const mobile = normaliseMobile(form.mobile)
  if (!mobile) errors.mobile = '请填写手机号'
  else if (!/^1\d{10}$/.test(mobile)) errors.mobile = '手机号应为以1开头的11位数字'
  if (!form.category) errors.category = group ? '请选择学生类别' : '请选择身份类别'
  if (group) {
    if (!form.school.trim()) errors.school = '团体报名请填写学校'
    if (!Number.isInteger(form.head_count) || form.head_count < 1 || form.head_count > MAX_HEAD_COUNT) {
      errors.head_count = `人数应在1到${MAX_HEAD_COUNT}之间`
    }
    const roster = parseRoster(form.roster_text)
    if (roster.length > form.head_count) {
      errors.roster = `名单人数（${roster.length}）超过了报名人数（${form.head_count}）`
    } else if (roster.some((n) => length(n) > MAX_NAME)) {
      errors.roster = `名单中每个姓名不能超过${MAX_NAME}个字`
    }
  } else if (form.under_14) {
    const guardian = form.guardian_name.trim()
    if (!guardian) errors.guardian_name = '未满14周岁的报名须由监护人填写监护人姓名并同意'
    else if (length(guardian) > MAX_NAME) errors.guardian_name = `姓名不能超过${MAX_NAME}个字`
  }
  if (!form.consent) {
    errors.consent = !group && form.under_14 ? '请由监护人阅读并同意个人信息保护说明' : '请阅读并同意个人信息保护说明'
  }
  return errors
}

/** The request body: only the fields of the chosen kind, trimmed. */
export function toRegistrationInput(form: RegistrationForm): RegistrationInput {
  const base = {
    kind: form.kind,
    name: form.name.trim(),
    mobile: normaliseMobile(form.mobile),
    category: form.category,
    consent: form.consent,
  }
  if (form.kind === 'group') {
    const roster = parseRoster(form.roster_text)
    return {
      ...base,
      school: form.school.trim(),
      class_name: form.class_name.trim(),
      head_count: form.head_count,
      ...(roster.length ? { roster } : {}),
    }
  }
  return form.under_14 ? { ...base, under_14: true, guardian_name: form.guardian_name.trim() } : base
}

/**
 * What a field's error is about, as a comparable string: an error stays until
 * this changes (the roster's depends on the head count too).
 */
export function fieldKey(form: RegistrationForm, field: RegistrationField): string {
  switch (field) {
    case 'roster':
      return `${form.roster_text}|${form.head_count}`
    case 'head_count':
      return String(form.head_count)
    case 'consent':
      return String(form.consent)
    case 'guardian_name':
      return `${form.guardian_name}|${form.under_14}`
    default:
      return String(form[field])
  }
}
