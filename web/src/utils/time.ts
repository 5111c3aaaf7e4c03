// Instants come from the server as ISO strings with +08:00; they are shown in
// Asia/Shanghai whatever the browser's zone is.

const pad = (n: number) => String(n).padStart(2, '0')

// "2025-05-12T18:00:00+08:00" → "2025-05-12 18:00"
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return iso
  const d = new Date(ms + 8 * 3600 * 1000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())}`
}

// "2025-05-12 18:00" (Shanghai wall clock) → "2025-05-12T18:00:00+08:00"
export function toInstant(local: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})/.exec(local)
  if (!m) return local
  return `${m[1]}T${m[2]}:${m[3]}:00+08:00`
}

const weekdays = ['日', '一', '二', '三', '四', '五', '六']
// "2025-05-11" → "5月11日（周日）"
export function formatDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return date
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return `${Number(m[2])}月${Number(m[3])}日（周${weekdays[d.getUTCDay()]}）`
}
