// 天天有活动: how a count of activities on a day looks. A day without any
// is a gap the notices ask units to fill, so it stands out in red; busier
// days are deeper green.

export type CoverageLevel = 0 | 1 | 2 | 3

/** 0: none (a gap), 1: one, 2: two, 3: three or more. */
export function coverageLevel(count: number): CoverageLevel {
  if (!(count > 0)) return 0
  if (count >= 3) return 3
  return count as 1 | 2
}

const backgrounds: Record<CoverageLevel, string> = {
  0: '#fde2e2',
  1: '#e1f3d8',
  2: '#b3e19d',
  3: '#529b2e',
}
const colours: Record<CoverageLevel, string> = {
  0: '#c45656',
  1: '#1f2937',
  2: '#1f2937',
  3: '#ffffff',
}

/** Background and text colour for a cell with `count` activities. */
export function coverageCellStyle(count: number): { background: string; color: string } {
  const level = coverageLevel(count)
  return { background: backgrounds[level], color: colours[level] }
}

/** The legend shown above the matrix. */
export const coverageLegend: readonly { label: string; count: number }[] = [
  { label: '无活动', count: 0 },
  { label: '1 项', count: 1 },
  { label: '2 项', count: 2 },
  { label: '3 项及以上', count: 3 },
]

/** Daily totals over the rows, for the matrix's last line. */
export function dayTotals(rows: readonly { per_day: readonly number[] }[], days: number): number[] {
  const out = new Array<number>(days).fill(0)
  for (const r of rows) r.per_day.forEach((n, i) => i < days && (out[i] += n))
  return out
}
