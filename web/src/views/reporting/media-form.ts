// Media reports (媒体报道): the registration form's checks, which mirror the
// server's (reporting ParseMediaReportInput: outlet ≤ 60, title ≤ 200, a real
// date, an http(s) link ≤ 500), and the list's level counts and filter. The
// server checks again and its answer wins.
import type { MediaReport, MediaReportInput } from '@/api/reporting'
import { mediaLevelNames } from './reporting-labels'

export type MediaLevel = Exclude<MediaReport['level'], ''>
export type MediaChannel = MediaReport['channel']
export const mediaLevels: readonly MediaLevel[] = ['central', 'provincial', 'city', 'county']
/** Annex 5's three media columns: central reports count in 省级及以上 (provincial). */
export type MediaColumn = Exclude<MediaLevel, 'central'>
export const mediaColumns: readonly MediaColumn[] = ['provincial', 'city', 'county']

/** What the form edits; empty strings and undefined for what is not chosen yet. */
export interface MediaDraft {
  /** media: by an outlet (counted by level); own: the unit's own website or new media (not counted). */
  channel: MediaChannel
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
  return { channel: 'media', unit_id: unitId, activity_id: undefined, outlet: '', level: '', title: '', published_on: '', url: '' }
}

/** The draft of a stored report, to edit it. */
export function mediaDraftOf(m: MediaReport): MediaDraft {
  return {
    channel: m.channel,
    unit_id: m.unit_id,
    activity_id: m.activity_id ?? undefined,
    outlet: m.outlet,
    level: m.level,
    title: m.title,
    published_on: m.published_on,
    url: m.url,
  }
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
  const own = d.channel === 'own'
  if (!outlet) errors.outlet = own ? '请填写发布渠道' : '请填写媒体名称'
  else if (chars(outlet) > 60) errors.outlet = own ? '发布渠道不能超过 60 个字' : '媒体名称不能超过 60 个字'
  if (!own && !d.level) errors.level = '请选择媒体级别'
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
  const own = d.channel === 'own'
  if (!d.unit_id || (!own && !d.level)) throw new Error('toMediaInput: the draft has not been checked')
  return {
    channel: d.channel,
    unit_id: d.unit_id,
    activity_id: d.activity_id ?? null,
    outlet: d.outlet.trim(),
    level: own ? '' : d.level,
    title: d.title.trim(),
    published_on: d.published_on,
    url: d.url.trim(),
  }
}

/**
 * Reports per annex-5 column (central ones in provincial): what feeds the statistics form's last three
 * columns. The unit's own channels are never counted.
 */
export function mediaLevelCounts(items: readonly Pick<MediaReport, 'level' | 'channel'>[]): Record<MediaColumn, number> {
  const out: Record<MediaColumn, number> = { provincial: 0, city: 0, county: 0 }
  for (const m of items) {
    if (m.channel === 'own' || m.level === '') continue
    const column = m.level === 'central' ? 'provincial' : m.level
    if (column in out) out[column] += 1
  }
  return out
}

/** The reports of one level (all for ''), whose outlet, title or unit contains `text`. */
export function filterMediaReports<M extends Pick<MediaReport, 'level' | 'outlet' | 'title' | 'unit_name'>>(
  items: readonly M[],
  level: MediaLevel | 'own' | '',
  text: string,
): M[] {
  const q = text.trim().toLowerCase()
  return items.filter(
    (m) =>
      (!level || m.level === level || (level === 'own' && m.level === '')) &&
      (!q || [m.outlet, m.title, m.unit_name].some((s) => s.toLowerCase().includes(q))),
  )
}

const changeLabels: Record<string, string> = {
  unit_id: '报送单位',
  activity: '相关活动',
  activity_id: '相关活动',
  channel: '报道类型',
  outlet: '媒体 / 渠道',
  level: '媒体级别',
  title: '报道标题',
  published_on: '报道日期',
  url: '报道链接',
}
const channelNames: Record<string, string> = { media: '媒体报道', own: '本单位网站、新媒体' }

/** A changed value as a person reads it: a level or channel by its name, a unit by `unitName`. */
function shown(field: string, v: unknown, unitName: (id: number) => string | undefined): string {
  if (v === null || v === undefined) return ''
  if (field === 'level') return mediaLevelNames[v as MediaLevel] ?? String(v)
  if (field === 'channel') return channelNames[String(v)] ?? String(v)
  if (field === 'unit_id' && typeof v === 'number') return unitName(v) ?? `#${v}`
  if (field === 'activity_id') return `#${String(v)}`
  return String(v)
}

/** The "old → new" lines of an edit's audit detail ({field: {from, to}}), in the form's order. */
export function mediaChanges(
  detail: unknown,
  unitName: (id: number) => string | undefined = () => undefined,
): { field: string; label: string; from: string; to: string }[] {
  if (!detail || typeof detail !== 'object') return []
  const d = detail as Record<string, { from?: unknown; to?: unknown } | undefined>
  return Object.keys(changeLabels)
    .filter((f) => d[f] && typeof d[f] === 'object')
    // Entries that name the activity by title need not show its id.
    .filter((f) => f !== 'activity_id' || !d.activity)
    .map((f) => ({
      field: f,
      label: changeLabels[f],
      from: shown(f, d[f]?.from, unitName),
      to: shown(f, d[f]?.to, unitName),
    }))
}
