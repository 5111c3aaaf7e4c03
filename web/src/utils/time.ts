// The week happens in Sichuan: every instant is shown on the Asia/Shanghai wall
// clock whatever zone the browser is in. China has no daylight saving time, so
// the zone is a fixed +08:00 and needs no time-zone database.

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000
const pad = (n: number) => String(n).padStart(2, '0')
const weekdays = ['日', '一', '二', '三', '四', '五', '六']

function shanghaiParts(ms: number) {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  }
}

/** "2025-05-12T18:00:00+08:00" (or any offset) → "2025-05-12 18:00"; "" for empty input. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const p = shanghaiParts(ms)
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`
}

/**
 * A Shanghai wall-clock time as a date picker gives it ("2025-05-21 17:30")
 * → "2025-05-21T17:30:00+08:00"; null for empty input.
 */
export function toInstant(wallClock: string | null | undefined): string | null {
  if (!wallClock) return null
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wallClock.trim())
  if (!m) return wallClock
  return `${m[1]}T${m[2]}:${m[3]}:${m[4] ?? '00'}+08:00`
}

/** "2025-05-11" → "2025年5月11日". */
export function formatDate(date: string | null | undefined): string {
  const m = date ? /^(\d{4})-(\d{2})-(\d{2})/.exec(date) : null
  if (!m) return date ?? ''
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`
}

/** "2025-05-11" → "5月11日（周日）". */
export function formatDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return date
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return `${Number(m[2])}月${Number(m[3])}日（周${weekdays[d.getUTCDay()]}）`
}

/** True when the instant lies before `now` (default: the current time). */
export function isPast(iso: string | null | undefined, now: number = Date.now()): boolean {
  if (!iso) return false
  const ms = Date.parse(iso)
  return !Number.isNaN(ms) && ms < now
}

/**
 * The date in `year` that falls on the same weekday as `date` and nearest to
 * its month and day: "2025-05-11" (a Sunday) → 2026 → "2026-05-10". Used to
 * propose next year's week, which starts on the same weekday.
 */
export function sameWeekdayInYear(date: string, year: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return date
  const month = Number(m[2]) - 1
  const day = Number(m[3])
  const weekday = new Date(Date.UTC(Number(m[1]), month, day)).getUTCDay()
  const target = new Date(Date.UTC(year, month, day))
  let shift = (weekday - target.getUTCDay() + 7) % 7
  if (shift > 3) shift -= 7
  target.setUTCDate(target.getUTCDate() + shift)
  return `${target.getUTCFullYear()}-${pad(target.getUTCMonth() + 1)}-${pad(target.getUTCDate())}`
}

/** The Shanghai calendar date of an instant ("2025-05-12T20:00:00Z" → "2025-05-13"); "" for bad input. */
export function shanghaiDate(iso: string | null | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const p = shanghaiParts(ms)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** "2025-05-12 23:30" + 60 → "2025-05-13 00:30" (Shanghai wall clock both sides); the input for bad input. */
export function addMinutes(wallClock: string, minutes: number): string {
  const iso = toInstant(wallClock)
  const ms = iso ? Date.parse(iso) : NaN
  if (Number.isNaN(ms)) return wallClock
  return formatInstant(new Date(ms + minutes * 60_000).toISOString())
}

/**
 * "2025-05-13 09:00–11:30" for a range inside one day, else
 * "2025-05-13 09:00 至 2025-05-14 17:00"; Shanghai wall clock.
 */
export function formatRange(startIso: string, endIso: string): string {
  const start = formatInstant(startIso)
  const end = formatInstant(endIso)
  if (!start || !end) return start || end
  return start.slice(0, 10) === end.slice(0, 10) ? `${start}–${end.slice(11)}` : `${start} 至 ${end}`
}

/**
 * For visitors: "5月13日（周二）09:00–11:30"; an evening that runs past
 * midnight "5月14日（周三）19:00 – 次日 00:30"; both days when the range spans
 * more ("5月13日（周二）09:00 至 5月15日（周四）17:00"). Show it where words
 * are not broken anywhere (no `word-break: break-all`), or "23:59" may wrap
 * into "23:" and "59".
 */
export function formatRangeForVisitors(startIso: string, endIso: string): string {
  const start = formatInstant(startIso)
  const end = formatInstant(endIso)
  if (!start || !end) return start || end
  const time = (t: string) => t.slice(11)
  const startDay = start.slice(0, 10)
  const endDay = end.slice(0, 10)
  const head = `${formatDay(startDay)}${time(start)}`
  if (startDay === endDay) return `${head}–${time(end)}`
  if (Date.parse(`${endDay}T00:00:00Z`) - Date.parse(`${startDay}T00:00:00Z`) === 86_400_000) {
    return `${head} – 次日 ${time(end)}`
  }
  return `${head} 至 ${formatDay(endDay)}${time(end)}`
}

/** An instant as the API writes it, on the Shanghai clock with seconds: 1747015200000 → "2025-05-12T10:00:00+08:00". */
export function instantAt(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`
  )
}
