// Pure helpers of the dashboards (docs/dashboards.md): labels, year over
// year, links to the records behind a figure, the live event.
import type { Dashboard, DashboardRow, LiveCount } from '@/api/dashboard'

/** "5月11日" from "2025-05-11". */
export function dayLabel(date: string): string {
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(date)
  return m ? `${Number(m[1])}月${Number(m[2])}日` : date
}

/** Σ of a list. */
export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0)
}

/** Year over year: "+12.5%", "-3.0%", "持平"; "上届无此数据" when the previous figure is 0. */
export function yoyText(current: number, previous: number | undefined): string {
  if (previous === undefined) return '无上届活动周'
  if (previous === 0) return current === 0 ? '持平' : '上届无此数据'
  const pct = ((current - previous) * 100) / previous
  if (Math.abs(pct) < 0.05) return '持平'
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`
}

/** Coverage in percent, recomputed from the sums (never an average of ratios). */
export function coverageOf(students: number, enrolled: number): number {
  return enrolled > 0 ? Math.round((students * 10000) / enrolled) / 100 : 0
}

/**
 * The coverage headline: annex 5's (accepted forms counted) once an enrolment
 * is counted; before that (mid-week no form is accepted, and the chain tops'
 * own records carry no enrolment) the live figures of every row annex 5
 * lists, counted or not, so the figure is never a bare 0.00%.
 */
export function coverageHeadline(d: Pick<Dashboard, 'total' | 'live'>): { value: number; students: number; enrolled: number; live: boolean } {
  const counted = d.total.enrolled ?? 0
  const f = counted > 0 || !d.live ? d.total : d.live
  return { value: f.coverage ?? 0, students: f.students ?? 0, enrolled: f.enrolled ?? 0, live: !(counted > 0) && !!d.live }
}

/** The records behind a row's figures: the statistics form (annex 5) of its first unit, with its sources. */
export function recordsLink(row: Pick<DashboardRow, 'unit_ids'>): { path: string; query: Record<string, string> } | null {
  const unit = row.unit_ids[0]
  return unit ? { path: '/reports', query: { form: 'statistics', unit_id: String(unit) } } : null
}

/** Where a child's or a city's reporting completeness is reviewed. */
export function reviewLink(unitId: number): { path: string; query: Record<string, string> } {
  return { path: `/reports/review/${unitId}`, query: { form: 'statistics' } }
}

/** The rows a chart compares (cities and schools; a unit's children), without the own records row when empty. */
export function chartRows(d: Pick<Dashboard, 'rows'>): DashboardRow[] {
  return d.rows.filter((r) => r.kind !== 'own' || sum(r.per_day) > 0 || (r.figures.total ?? 0) > 0)
}

/** Completeness of a row: the statistics forms of its parts accepted / submitted / all. */
export function rowCompleteness(row: DashboardRow): { children: number; submitted: number; accepted: number } {
  let children = 0
  let submitted = 0
  let accepted = 0
  for (const p of row.parts) {
    children += p.children
    submitted += p.submitted
    accepted += p.accepted
  }
  return { children, submitted, accepted }
}

/** The live count of an `event: checkins` message; null for anything else. */
export function parseLive(data: string): LiveCount | null {
  try {
    const v = JSON.parse(data) as Partial<LiveCount>
    if (typeof v.checked_in !== 'number' || typeof v.walk_ins !== 'number') return null
    return { unit_id: v.unit_id ?? 0, checked_in: v.checked_in, walk_ins: v.walk_ins, at: v.at ?? '' }
  } catch {
    return null
  }
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}
