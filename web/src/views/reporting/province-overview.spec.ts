import { describe, expect, it } from 'vitest'
import type { OverviewPart, OverviewRow } from '@/api/reporting'
import { chainProgress, filterOverviewRows, progressText, rowCounts, rowNote, rowProgress, rowState } from './province-overview'

const figures = {
  unit_id: 0, schools: 0, teachers: 0, students: 0, enrolled: 0, coverage: 0, enterprises: 0,
  total: 0, projects: 0, media_provincial: 0, media_city: 0, media_county: 0,
}
const part = (unit_name: string, status: OverviewPart['status']): OverviewPart => ({
  unit_id: 1,
  unit_name,
  chain: '四川省教育厅',
  status,
  included: status === 'accepted' || status === 'own',
})
const row = (parts: OverviewPart[]): OverviewRow => ({
  ...figures,
  unit_name: '成都市',
  included: parts.some((p) => p.included),
  parts,
})

describe('province overview texts', () => {
  it('says nothing for a fully counted city and names the bureau left out of a partly counted one', () => {
    expect(rowNote(row([part('成都市教育局', 'accepted'), part('成都市人社局', 'accepted')]))).toBe('')
    expect(rowNote(row([part('成都市教育局', 'accepted'), part('成都市人社局', 'not_started')]))).toBe(
      '部分计入：成都市人社局（未填报）未计入',
    )
  })

  it('marks a row with nothing accepted as not counted, or as not taking part', () => {
    expect(rowNote(row([part('绵阳市教育局', 'submitted')]))).toBe('未通过审核，不计入合计')
    expect(rowNote(row([part('绵阳市教育局', 'not_participating')]))).toBe('未参与')
  })

  it('counts rows by how much of them is counted', () => {
    const rows = [
      row([part('a', 'accepted')]),
      row([part('b', 'accepted'), part('c', 'draft')]),
      row([part('d', 'returned')]),
    ]
    expect(rowCounts(rows)).toEqual({ full: 1, partial: 1, none: 1 })
  })

  it('shows a chain as accepted over expected children', () => {
    expect(chainProgress({ unit_id: 1, unit_name: '四川省教育厅', total: { ...figures, unit_name: '' }, children: 24, accepted: 3 })).toBe(
      '已通过 3 / 24 个下级单位',
    )
  })
})

describe('province overview filters and progress', () => {
  const hr: OverviewPart = { ...part('成都市人力资源和社会保障局', 'not_started'), chain: '四川省人力资源和社会保障厅' }
  const chengdu = row([{ ...part('成都市教育局', 'accepted'), children: 8, submitted: 5, accepted: 3 }, { ...hr, children: 2, submitted: 1, accepted: 1 }])
  const mianyang = { ...row([part('绵阳市教育局', 'draft')]), unit_name: '绵阳市' }
  const school = { ...row([part('宜宾职业技术学院', 'accepted')]), unit_name: '宜宾职业技术学院' }
  const rows = [chengdu, mianyang, school]
  const none = { keyword: '', states: [], chain: '' }

  it("tells each row's state", () => {
    expect(rows.map(rowState)).toEqual(['partial', 'none', 'full'])
  })

  it('filters by name (row or part), state and chain', () => {
    expect(filterOverviewRows(rows, none)).toHaveLength(3)
    expect(filterOverviewRows(rows, { ...none, keyword: '人力' })).toEqual([chengdu])
    expect(filterOverviewRows(rows, { ...none, keyword: '绵阳' })).toEqual([mianyang])
    expect(filterOverviewRows(rows, { ...none, states: ['none', 'full'] })).toEqual([mianyang, school])
    expect(filterOverviewRows(rows, { ...none, chain: '四川省人力资源和社会保障厅' })).toEqual([chengdu])
  })

  it("adds up a city's children over both chains", () => {
    expect(rowProgress(chengdu)).toEqual({ children: 10, submitted: 6, accepted: 4 })
    expect(progressText(rowProgress(chengdu))).toBe('已提交 6 / 10，已通过 4')
    expect(progressText(rowProgress(school))).toBe('')
  })
})
