import { describe, expect, it } from 'vitest'
import { formatFigure, normaliseVerifyCode, snapshotBlocks } from './board-snapshot'
import { setStatisticsFields } from './statistics-fields'
import { statisticsFieldTable } from './statistics-fields.fixture'

// Annex 5's labels come from the server's field table (CONTRACT §1).
setStatisticsFields(statisticsFieldTable)

describe('statistics content', () => {
  const content = {
    form: 'statistics',
    data: { overrides: { enterprises: { value: 12, reason: '含线上参会企业' } } },
    computed: { schools: 1, teachers: 10, students: 300, enrolled: 1000, coverage: 30, enterprises: 9, total: 320, projects: 4, media_provincial: 0, media_city: 1, media_county: 0 },
    final: { schools: 1, teachers: 10, students: 300, enrolled: 1000, coverage: 30, enterprises: 12, total: 320, projects: 4, media_provincial: 2, media_city: 1, media_county: 0 },
  }

  it('lists the submitted (final) figures with their annex-5 names in order, enrolment after students', () => {
    const [block] = snapshotBlocks('statistics', content)
    expect(block.items.map((i) => i.label).slice(0, 5)).toEqual([
      '参与活动的职业学校（含技工院校）数',
      '参与活动的教师数',
      '参与活动的学生数',
      '在校学生数',
      '参与活动的学生覆盖率',
    ])
    expect(block.items.find((i) => i.label === '参与活动的企业数')).toEqual({
      label: '参与活动的企业数',
      value: '12',
      note: '已调整：含线上参会企业',
    })
    expect(block.items.find((i) => i.label === '省级及以上媒体报道数')?.value).toBe('2')
    expect(block.items.find((i) => i.label === '参与活动的学生覆盖率')?.value).toBe('30%')
  })

  it('shows a dash for figures the content lacks instead of inventing zeros', () => {
    const [block] = snapshotBlocks('statistics', { data: {} })
    expect(block.items.every((i) => i.value === '—')).toBe(true)
    expect(block.items).toHaveLength(10)
  })
})

describe('figures', () => {
  it('writes coverage with up to two decimals and counts as integers', () => {
    expect(formatFigure('coverage', 85.256)).toBe('85.26%')
    expect(formatFigure('coverage', 100)).toBe('100%')
    expect(formatFigure('teachers', 42)).toBe('42')
    expect(formatFigure('teachers', '7')).toBe('7')
    expect(formatFigure('teachers', null)).toBe('—')
  })
})

describe('information form content', () => {
  it('names every field and marks the two texts as paragraphs', () => {
    const [block] = snapshotBlocks('info_form', {
      data: { contact_person: '张老师', position: '教务处副处长', mobile: '13800000000', qq: '', website: 'https://x.cn', work_plan: '5月11日启动', featured: '开放日' },
    })
    expect(block.items.map((i) => [i.label, i.value])).toEqual([
      ['联系人', '张老师'],
      ['职务', '教务处副处长'],
      ['手机', '13800000000'],
      ['QQ号', '—'],
      ['专题网站（专栏）链接地址', 'https://x.cn'],
      ['活动周工作计划', '5月11日启动'],
      ['特色活动简介', '开放日'],
    ])
    expect(block.items.filter((i) => i.long).map((i) => i.label)).toEqual(['活动周工作计划', '特色活动简介'])
  })

  it('reads flat content too', () => {
    const [block] = snapshotBlocks('info_form', { contact_person: '李老师' })
    expect(block.items[0].value).toBe('李老师')
  })
})

describe('summary content', () => {
  it('gives the seven sections in the notice order with their text', () => {
    const [block] = snapshotBlocks('summary', { data: { sections: { basic: '全校参与', problems: '经费不足' } } })
    expect(block.items.map((i) => i.label)).toEqual([
      '一、基本情况',
      '二、主要做法和措施',
      '三、取得成效',
      '四、活动亮点',
      '五、典型案例',
      '六、媒体宣传情况',
      '七、存在问题及建议',
    ])
    expect(block.items[0].value).toBe('全校参与')
    expect(block.items[1].value).toBe('—')
    expect(block.items[6].value).toBe('经费不足')
  })

  it('survives content that is not an object', () => {
    expect(snapshotBlocks('summary', null)[0].items).toHaveLength(7)
    expect(snapshotBlocks('summary', '{not json')[0].items[0].value).toBe('—')
  })

  it('reads content sent as canonical JSON text', () => {
    const [block] = snapshotBlocks('summary', JSON.stringify({ data: { sections: { cases: '案例一' } } }))
    expect(block.items[4].value).toBe('案例一')
  })
})

describe('plan content', () => {
  it('gives the 专人 as masked, the activities grouped by theme day, and the document', () => {
    const blocks = snapshotBlocks('plan', {
      data: {
        person_name: '王*燕',
        person_position: '办公室主任',
        person_mobile: '139****5678',
        activities: [
          { theme_day_id: 3, theme_day_name: '2025-05-13 产教融合示范日', title: '校园开放日' },
          { theme_day_id: 5, theme_day_name: '2025-05-15 技能人才风采日', title: '技能展演' },
          { theme_day_id: 3, theme_day_name: '2025-05-13 产教融合示范日', title: '企业进校园' },
        ],
        document: { file_name: '活动方案.pdf', sha256: 'ab'.repeat(32) },
      },
    })
    expect(blocks.map((b) => b.title)).toEqual(['专人', '计划开展的活动', '活动方案文件'])
    expect(blocks[0].items.map((i) => i.value)).toEqual(['王*燕', '办公室主任', '139****5678'])
    expect(blocks[1].items).toEqual([
      { label: '2025-05-13 产教融合示范日', value: '校园开放日\n企业进校园', long: true },
      { label: '2025-05-15 技能人才风采日', value: '技能展演', long: true },
    ])
    expect(blocks[2].items[0]).toEqual({ label: '文件名', value: '活动方案.pdf' })
  })

  it('shows dashes for a plan without activities or document', () => {
    const blocks = snapshotBlocks('plan', { data: {} })
    expect(blocks[1].items).toEqual([{ label: '各主题日', value: '—' }])
    expect(blocks[2].items).toEqual([{ label: '文件名', value: '—' }])
  })
})

describe('typed codes', () => {
  it('takes the code, or the code at the end of a pasted link', () => {
    expect(normaliseVerifyCode('  AB12-CD34 ')).toBe('AB12-CD34')
    expect(normaliseVerifyCode('http://127.0.0.1:8080/p/verify/AB12-CD34')).toBe('AB12-CD34')
    expect(normaliseVerifyCode('AB12 CD34')).toBe('AB12CD34')
    expect(normaliseVerifyCode('7kq2 m9xd 4h8p 3zqa')).toBe('7kq2m9xd4h8p3zqa')
    expect(normaliseVerifyCode('http://example.cn/p/verify/7KQ2-M9XD-4H8P-3ZQA')).toBe('7KQ2-M9XD-4H8P-3ZQA')
  })

  it('gives nothing for text that cannot be a code', () => {
    expect(normaliseVerifyCode('')).toBe('')
    expect(normaliseVerifyCode('验证码')).toBe('')
    expect(normaliseVerifyCode('../etc')).toBe('')
  })
})
