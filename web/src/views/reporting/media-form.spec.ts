import { describe, expect, it } from 'vitest'
import {
  checkMediaDraft,
  emptyMediaDraft,
  filterMediaReports,
  isDate,
  mediaChanges,
  mediaLevelCounts,
  toMediaInput,
  type MediaDraft,
} from './media-form'

const good: MediaDraft = {
  channel: 'media',
  unit_id: 7,
  activity_id: undefined,
  outlet: '四川日报',
  level: 'provincial',
  title: '  职业教育活动周开幕 ',
  published_on: '2025-05-12',
  url: 'https://www.scdaily.cn/a/1',
}

describe('media report checks', () => {
  it('accepts a complete report, with or without a link', () => {
    expect(checkMediaDraft(good)).toEqual({})
    expect(checkMediaDraft({ ...good, url: '' })).toEqual({})
  })

  it('names every missing field of an empty form', () => {
    expect(Object.keys(checkMediaDraft(emptyMediaDraft())).sort()).toEqual(
      ['level', 'outlet', 'published_on', 'title', 'unit_id'].sort(),
    )
    expect(checkMediaDraft({ ...good, outlet: '   ' }).outlet).toBe('请填写媒体名称')
  })

  it('counts length in characters as the server does', () => {
    expect(checkMediaDraft({ ...good, outlet: '报'.repeat(60) }).outlet).toBeUndefined()
    expect(checkMediaDraft({ ...good, outlet: '报'.repeat(61) }).outlet).toBe('媒体名称不能超过 60 个字')
    expect(checkMediaDraft({ ...good, title: '题'.repeat(201) }).title).toBe('报道标题不能超过 200 个字')
  })

  it('wants an http(s) link and a real date', () => {
    expect(checkMediaDraft({ ...good, url: 'www.scdaily.cn' }).url).toBe('报道链接应以 http:// 或 https:// 开头')
    expect(checkMediaDraft({ ...good, url: `https://x.cn/${'a'.repeat(500)}` }).url).toBe('报道链接不能超过 500 个字符')
    expect(checkMediaDraft({ ...good, published_on: '2025-02-30' }).published_on).toBe('报道日期应为 YYYY-MM-DD 格式的日期')
    expect(isDate('2024-02-29')).toBe(true)
    expect(isDate('2025-5-12')).toBe(false)
  })

  it('rejects an activity number that is not a positive integer', () => {
    expect(checkMediaDraft({ ...good, activity_id: 0 }).activity_id).toBe('相关活动编号应为正整数')
    expect(checkMediaDraft({ ...good, activity_id: 12 }).activity_id).toBeUndefined()
  })
})

describe('request body', () => {
  it('trims texts and sends no activity as null', () => {
    expect(toMediaInput(good)).toEqual({
      channel: 'media',
      unit_id: 7,
      activity_id: null,
      outlet: '四川日报',
      level: 'provincial',
      title: '职业教育活动周开幕',
      published_on: '2025-05-12',
      url: 'https://www.scdaily.cn/a/1',
    })
    expect(toMediaInput({ ...good, activity_id: 3 }).activity_id).toBe(3)
  })

  it("sends the unit's own channel without a level", () => {
    const own: MediaDraft = { ...good, channel: 'own', outlet: '学校官网', level: '' }
    expect(checkMediaDraft(own)).toEqual({})
    expect(toMediaInput({ ...own, level: 'city' }).level).toBe('')
    expect(checkMediaDraft({ ...own, outlet: '' }).outlet).toBe('请填写发布渠道')
    expect(checkMediaDraft({ ...own, channel: 'media' }).level).toBe('请选择媒体级别')
  })

  it('refuses an unchecked draft', () => {
    expect(() => toMediaInput(emptyMediaDraft())).toThrow()
  })
})

describe('list', () => {
  const items = [
    { channel: 'media' as const, level: 'provincial' as const, outlet: '四川日报', title: '开幕式', unit_name: '成都工业职业技术学院' },
    { channel: 'media' as const, level: 'city' as const, outlet: '成都日报', title: '技能展示', unit_name: '成都工业职业技术学院' },
    { channel: 'media' as const, level: 'city' as const, outlet: '成都电视台', title: 'Open Day', unit_name: '宜宾职业技术学院' },
  ]
  const post = { channel: 'own' as const, level: '' as const, outlet: '学校官网', title: '开幕', unit_name: '成都工业职业技术学院' }

  it("never counts the unit's own channels, and lists them apart", () => {
    expect(mediaLevelCounts([...items, post])).toEqual({ provincial: 1, city: 2, county: 0 })
    expect(filterMediaReports([...items, post], 'own', '')).toEqual([post])
  })

  it('counts reports per level', () => {
    expect(mediaLevelCounts(items)).toEqual({ provincial: 1, city: 2, county: 0 })
    expect(mediaLevelCounts([])).toEqual({ provincial: 0, city: 0, county: 0 })
  })

  it('counts central reports in 省级及以上', () => {
    expect(mediaLevelCounts([...items, { channel: 'media' as const, level: 'central' as const }])).toEqual({ provincial: 2, city: 2, county: 0 })
  })

  it('filters by level and by text in outlet, title or unit', () => {
    expect(filterMediaReports(items, 'city', '')).toHaveLength(2)
    expect(filterMediaReports(items, '', '宜宾')).toEqual([items[2]])
    expect(filterMediaReports(items, '', 'open day')).toEqual([items[2]])
    expect(filterMediaReports(items, 'provincial', '成都日报')).toEqual([])
  })
})

describe('history', () => {
  it('shows what an edit changed from what, by name', () => {
    const detail = {
      title: { from: '开放日', to: '智能制造学院开放日' },
      level: { from: 'provincial', to: 'city' },
      unit_id: { from: 3, to: 4 },
      extra: { from: 1, to: 2 },
    }
    const names: Record<number, string> = { 3: '四川科技职业学院', 4: '智能制造学院' }
    expect(mediaChanges(detail, (id) => names[id])).toEqual([
      { field: 'unit_id', label: '报送单位', from: '四川科技职业学院', to: '智能制造学院' },
      { field: 'level', label: '媒体级别', from: '省级', to: '市（州）级' },
      { field: 'title', label: '报道标题', from: '开放日', to: '智能制造学院开放日' },
    ])
    expect(mediaChanges(null)).toEqual([])
  })

  it('names a changed activity by its title, falling back to the id of older entries', () => {
    const titled = { activity_id: { from: null, to: 19 }, activity: { from: '', to: '智能制造实训中心开放日' } }
    expect(mediaChanges(titled)).toEqual([{ field: 'activity', label: '相关活动', from: '', to: '智能制造实训中心开放日' }])
    expect(mediaChanges({ activity_id: { from: null, to: 19 } })).toEqual([{ field: 'activity_id', label: '相关活动', from: '', to: '#19' }])
  })
})
