import { describe, expect, it } from 'vitest'
import {
  emptyRegistrationForm,
  fieldKey,
  normaliseMobile,
  parseRoster,
  toRegistrationInput,
  validateRegistration,
  type RegistrationForm,
} from './registration-form'

const person = (over: Partial<RegistrationForm> = {}): RegistrationForm => ({
  ...emptyRegistrationForm('person'),
  name: '王小明',
  mobile: '13812341234',
  category: 'parent',
  consent: true,
  ...over,
})
const group = (over: Partial<RegistrationForm> = {}): RegistrationForm => ({
  ...emptyRegistrationForm('group'),
  name: '李老师',
  mobile: '13900002222',
  school: '郫都区实验小学',
  class_name: '四年级二班',
  head_count: 3,
  consent: true,
  ...over,
})

describe('validateRegistration', () => {
  it('passes a complete person and a complete class', () => {
    expect(validateRegistration(person())).toEqual({})
    expect(validateRegistration(group())).toEqual({})
  })

  it('names each missing or wrong field of a person', () => {
    expect(validateRegistration(emptyRegistrationForm())).toEqual({
      name: '请填写姓名',
      mobile: '请填写手机号',
      category: '请选择身份类别',
      consent: '请阅读并同意个人信息保护说明',
    })
    expect(validateRegistration(person({ mobile: '1381234123' })).mobile).toBe('手机号应为以1开头的11位数字')
    expect(validateRegistration(person({ mobile: '23812341234' })).mobile).toBe('手机号应为以1开头的11位数字')
    expect(validateRegistration(person({ name: '名'.repeat(21) })).name).toBe('姓名不能超过20个字')
  })

  it('asks a child under 14 for the guardian, whose consent it becomes', () => {
    expect(validateRegistration(person({ under_14: true, consent: false }))).toEqual({
      guardian_name: '未满14周岁的报名须由监护人填写监护人姓名并同意',
      consent: '请由监护人阅读并同意个人信息保护说明',
    })
    expect(validateRegistration(person({ under_14: true, guardian_name: '王大明' }))).toEqual({})
  })

  it('asks a class for its school, a head count of 1 to 200 and a roster no longer than it', () => {
    const blank = emptyRegistrationForm('group')
    expect(validateRegistration({ ...blank, head_count: 0 })).toMatchObject({
      name: '请填写带队教师姓名',
      school: '团体报名请填写学校',
      head_count: '人数应在1到200之间',
    })
    expect(validateRegistration(group({ head_count: 201 })).head_count).toBe('人数应在1到200之间')
    expect(validateRegistration(group({ roster_text: '甲\n乙\n丙\n丁' })).roster).toBe('名单人数（4）超过了报名人数（3）')
    expect(validateRegistration(group({ roster_text: '甲\n乙\n丙' }))).toEqual({})
    // Under 14 is a person's matter: the teacher registers the class.
    expect(validateRegistration(group({ under_14: true }))).toEqual({})
  })
})

describe('parseRoster', () => {
  it('reads one name a line, also commas and 、, without blanks', () => {
    expect(parseRoster('张小明\n李小红\r\n\n  王小刚  \n')).toEqual(['张小明', '李小红', '王小刚'])
    expect(parseRoster('张小明，李小红、王小刚,赵小丽')).toEqual(['张小明', '李小红', '王小刚', '赵小丽'])
    expect(parseRoster('   ')).toEqual([])
  })
})

describe('normaliseMobile', () => {
  it('drops spaces, dashes and the country code', () => {
    expect(normaliseMobile('138 1234-1234')).toBe('13812341234')
    expect(normaliseMobile('+86 13812341234')).toBe('13812341234')
    expect(normaliseMobile('8613812341234')).toBe('13812341234')
    expect(normaliseMobile('86123')).toBe('86123')
  })
})

describe('toRegistrationInput', () => {
  it('sends a person without the class fields, the guardian only under 14', () => {
    expect(toRegistrationInput(person({ name: ' 王小明 ', mobile: '138 1234 1234', school: '不该发送' }))).toEqual({
      kind: 'person', name: '王小明', mobile: '13812341234', category: 'parent', consent: true,
    })
    expect(toRegistrationInput(person({ under_14: true, guardian_name: ' 王大明 ' }))).toMatchObject({
      under_14: true,
      guardian_name: '王大明',
    })
  })

  it('sends a class with its school, head count and roster (when given)', () => {
    expect(toRegistrationInput(group({ roster_text: '甲\n乙' }))).toEqual({
      kind: 'group', name: '李老师', mobile: '13900002222', category: 'pupil_primary', consent: true,
      school: '郫都区实验小学', class_name: '四年级二班', head_count: 3, roster: ['甲', '乙'],
    })
    expect(toRegistrationInput(group())).not.toHaveProperty('roster')
    expect(toRegistrationInput(group({ under_14: true, guardian_name: 'x' }))).not.toHaveProperty('guardian_name')
  })
})

describe('fieldKey', () => {
  it('changes with what an error is about, so editing clears it', () => {
    const f = group({ roster_text: '甲\n乙\n丙\n丁' })
    const roster = fieldKey(f, 'roster')
    expect(fieldKey({ ...f, head_count: 30 }, 'roster')).not.toBe(roster)
    expect(fieldKey({ ...f, name: '别人' }, 'roster')).toBe(roster)
    expect(fieldKey(person(), 'mobile')).not.toBe(fieldKey(person({ mobile: '13900000000' }), 'mobile'))
    expect(fieldKey(person(), 'consent')).not.toBe(fieldKey(person({ consent: false }), 'consent'))
  })
})
