// Media reports (媒体报道): the registration form's checks, which mirror the
// server's (reporting ParseMediaReportInput: outlet ≤ 60, title ≤ 200, a real
// date, an http(s) link ≤ 500), and the list's level counts and filter. The
// server checks again and its answer wins.
import type { MediaReport, MediaReportInput } from '@/api/reporting'

export type MediaLevel = MediaReport['level']
export const mediaLevels: readonly MediaLevel[] = ['central', 'provincial', 'city', 'county']
/** Annex 5's three media columns: central reports count in 省级及以上 (provincial). */
export type MediaColumn = Exclude<MediaLevel, 'central'>
export const mediaColumns: readonly MediaColumn[] = ['provincial', 'city', 'county']

/** What the form edits; empty strings and undefined for what is not chosen yet. */
export interface MediaDraft {
  unit_id: number | undefined
  activity_id: number | undefined
  outlet: string
  level: MediaLevel | ''
  title: string
  published_on: string
  url: string
}

export type MediaField = 'unit_id' | 'activity_id' | 'outlet' | 'level' | 'title' | 'published_on' | 'url'
export const mediaFields: readonly MediaField[] = ['unit_id', 'activity_id', 'outlet', 'level', 'title', 'published_on', 'url']

export function emptyMediaDraft(unitId?: number): MediaDraft {
  return { unit_id: unitId, activity_id: undefined, outlet: '', level: '', title: '', published_on: '', url: '' }
}

/** Characters as a person counts them (a CJK character or an emoji is one). */
const chars = (s: string) => [...s].length

/** "2025-05-12" that names a real day. */
export function isDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3])
}

/** The first problem of each field, in Chinese; an empty object when the draft can be sent. */
export function checkMediaDraft(d: MediaDraft): Partial<Record<MediaField, string>> {
  const errors: Partial<Record<MediaField, string>> = {}
  const outlet = d.outlet.trim()
  const title = d.title.trim()
  const url = d.url.trim()
  if (!d.unit_id) errors.unit_id = '请选择报送单位'
  if (!outlet) errors.outlet = '请填写媒体名称'
  else if (chars(outlet) > 60) errors.outlet = '媒体名称不能超过 60 个字'
  if (!d.level) errors.level = '请选择媒体级别'
  if (!title) errors.title = '请填写报道标题'
  else if (chars(title) > 200) errors.title = '报道标题不能超过 200 个字'
  if (!d.published_on) errors.published_on = '请选择报道日期'
  else if (!isDate(d.published_on)) errors.published_on = '报道日期应为 YYYY-MM-DD 格式的日期'
  if (url && !/^https?:\/\//.test(url)) errors.url = '报道链接应以 http:// 或 https:// 开头'
  else if (chars(url) > 500) errors.url = '报道链接不能超过 500 个字符'
  if (d.activity_id !== undefined && !(Number.isInteger(d.activity_id) && d.activity_id > 0)) {
    errors.activity_id = '相关活动编号应为正整数'
  }
  return errors
}

/** The request body of a checked draft (trimmed; no activity → null). */
export function toMediaInput(d: MediaDraft): MediaReportInput {
  if (!d.unit_id || !d.level) throw new Error('toMediaInput: the draft has not been checked')
  return {
    unit_id: d.unit_id,
    activity_id: d.activity_id ?? null,
    outlet: d.outlet.trim(),
    level: d.level,
    title: d.title.trim(),
    published_on: d.published_on,
    url: d.url.trim(),
  }
}

/** Reports per annex-5 column (central ones in provincial): what feeds the statistics form's last three columns. */
export function mediaLevelCounts(items: readonly Pick<MediaReport, 'level'>[]): Record<MediaColumn, number> {
  const out: Record<MediaColumn, number> = { provincial: 0, city: 0, county: 0 }
  for (const m of items) {
    const column = m.level === 'central' ? 'provincial' : m.level
    if (column in out) out[column] += 1
  }
  return out
}

/** The reports of one level (all for ''), whose outlet, title or unit contains `text`. */
export function filterMediaReports<M extends Pick<MediaReport, 'level' | 'outlet' | 'title' | 'unit_name'>>(
  items: readonly M[],
  level: MediaLevel | '',
  text: string,
): M[] {
  const q = text.trim().toLowerCase()
  return items.filter(
    (m) =>
      (!level || m.level === level) &&
      (!q || [m.outlet, m.title, m.unit_name].some((s) => s.toLowerCase().includes(q))),
  )
}
