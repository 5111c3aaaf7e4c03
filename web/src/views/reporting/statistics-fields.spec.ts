import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { StatisticsFieldTable } from '@/api/reporting'
import { statisticsFieldTable } from './statistics-fields.fixture'

const getStatisticsFields = vi.hoisted(() => vi.fn<() => Promise<StatisticsFieldTable>>())
vi.mock('@/api/reporting', () => ({ getStatisticsFields }))

const fields = await import('./statistics-fields')

beforeEach(() => {
  fields.setStatisticsFields(null)
  getStatisticsFields.mockReset()
})
afterEach(() => fields.setStatisticsFields(null))

describe('annex 5 field table', () => {
  it('is asked for once, however many pages want it at the same time', async () => {
    getStatisticsFields.mockResolvedValue(statisticsFieldTable)
    await Promise.all([fields.loadStatisticsFields(), fields.loadStatisticsFields()])
    await fields.loadStatisticsFields()
    expect(getStatisticsFields).toHaveBeenCalledTimes(1)
    expect(fields.figureOrder()).toHaveLength(10)
  })

  it('says how the columns it knows are counted', async () => {
    getStatisticsFields.mockResolvedValue(statisticsFieldTable)
    expect(fields.howCounted()).toEqual([])
    await fields.loadStatisticsFields()
    expect(fields.howCounted()).toEqual([{ code: 'teachers', label: '参与活动的教师数', text: '按人计，不按人次' }])
  })

  it('tells a figure of distinct people (人) from the visits behind it (人次)', () => {
    expect(fields.countingOf('teachers')).toEqual({ unit: '', sourcesUnit: '', distinct: false, text: '' })
    fields.setStatisticsFields(statisticsFieldTable)
    expect(fields.countingOf('teachers')).toEqual({ unit: '人', sourcesUnit: '人次', distinct: true, text: '按人计，不按人次' })
    expect(fields.countingOf('schools')).toEqual({ unit: '所', sourcesUnit: '所', distinct: false, text: '' })
  })

  it('asks again after a failure', async () => {
    getStatisticsFields.mockRejectedValueOnce(new Error('网络错误')).mockResolvedValue(statisticsFieldTable)
    await expect(fields.loadStatisticsFields()).rejects.toThrow('网络错误')
    await fields.loadStatisticsFields()
    expect(getStatisticsFields).toHaveBeenCalledTimes(2)
  })

  it('gives the columns in the server’s order, with its labels and enrolled', () => {
    fields.setStatisticsFields(statisticsFieldTable)
    expect(fields.figureOrder()).toEqual([
      'schools', 'teachers', 'students', 'coverage', 'enterprises', 'total', 'projects',
      'media_provincial', 'media_city', 'media_county',
    ])
    expect(fields.figureLabel('coverage')).toBe('参与活动的学生覆盖率')
    expect(fields.figureLabel('enrolled')).toBe('在校学生数')
    expect(fields.figureLabel('unknown')).toBe('unknown')
    expect(fields.figureLabelMap().media_city).toBe('市（州）级媒体报道数')
    expect(fields.unitHead()).toBe('市（州）/职业学校（含技工院校）')
  })

  it('follows the table: a new column shows up without a change here', () => {
    const extra = {
      ...statisticsFieldTable,
      fields: [...statisticsFieldTable.fields, { code: 'awards', label: '获奖数', group: '', overridable: true, sum: 'add', unit: '项' }],
    } as unknown as StatisticsFieldTable
    fields.setStatisticsFields(extra)
    expect(fields.figureOrder().at(-1)).toBe('awards')
    expect(fields.figureLabel('awards')).toBe('获奖数')
  })

  it('offers the overridable figures only, in column order', () => {
    fields.setStatisticsFields(statisticsFieldTable)
    expect(fields.overridableFields()).toEqual([
      'schools', 'teachers', 'students', 'enterprises', 'total', 'projects', 'media_provincial', 'media_city', 'media_county',
    ])
    expect(fields.isRatio('coverage')).toBe(true)
    expect(fields.isRatio('students')).toBe(false)
  })

  it('builds the two header rows: plain columns, then the media group over its three columns', () => {
    fields.setStatisticsFields(statisticsFieldTable)
    const heads = fields.figureHeads()
    expect(heads.map((h) => [h.label, h.span, h.children.length])).toEqual([
      ['参与活动的职业学校（含技工院校）数', 1, 0],
      ['参与活动的教师数', 1, 0],
      ['参与活动的学生数', 1, 0],
      ['参与活动的学生覆盖率', 1, 0],
      ['参与活动的企业数', 1, 0],
      ['参与总人数', 1, 0],
      ['观摩体验活动项目数', 1, 0],
      ['活动周媒体报道数', 3, 3],
    ])
  })

  it('shows no columns before the table is here', () => {
    expect(fields.figureOrder()).toEqual([])
    expect(fields.figureHeads()).toEqual([])
    expect(fields.figureLabel('students')).toBe('students')
  })
})
