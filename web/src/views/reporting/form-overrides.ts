// The 调整数据 part of the statistics form: a unit may replace a figure
// computed from records with its own value and a reason (SPEC: "a unit may
// override a figure with a reason, and the override stays visible"). The
// coverage rate (the ratio column) is never overridden: it follows students /
// enrolled, as the server recomputes it (CoveragePercent).
import type { FigureField, Figures, Override, StatisticsData } from '@/api/reporting'
import { formatFigure } from './board-snapshot'
import { figureFields, figureLabel, overridableFields } from './statistics-fields'

/** One line of the 调整数据 editor; value null means "keep the computed figure". */
export interface OverrideDraft {
  field: FigureField
  value: number | null
  reason: string
}

export type Overrides = Partial<Record<FigureField, Override>>

/** Editor lines for every overridable figure from the stored overrides. */
export function draftsFrom(overrides: Overrides | null | undefined): OverrideDraft[] {
  return overridableFields().map((field) => {
    const o = overrides?.[field]
    return {
      field,
      value: o && typeof o.value === 'number' && Number.isFinite(o.value) ? o.value : null,
      reason: o && typeof o.reason === 'string' ? o.reason : '',
    }
  })
}

/**
 * The overrides the form stores: lines with a value that differs from the
 * computed figure (a value equal to it changes nothing). A value without a
 * reason is kept, so the rules can say what is missing.
 */
export function overridesFrom(drafts: readonly OverrideDraft[], computed: Figures | null): Overrides {
  const out: Overrides = {}
  for (const d of drafts) {
    if (d.value === null || !Number.isFinite(d.value)) continue
    if (computed && d.value === computed[d.field]) continue
    out[d.field] = { value: d.value, reason: d.reason.trim() }
  }
  return out
}

/** Σ students / Σ enrolled as a percentage with two decimals (0 without enrolled students). */
export function coveragePercent(students: number, enrolled: number): number {
  if (!(enrolled > 0)) return 0
  return Math.round((students / enrolled) * 10000) / 100
}

/** The figures with the overrides applied and the coverage recomputed, as the server's final. */
export function applyOverrides(computed: Figures, overrides: Overrides | null | undefined): Figures {
  const out: Figures = { ...computed }
  for (const field of overridableFields()) {
    const o = overrides?.[field]
    if (o && Number.isInteger(o.value)) out[field] = o.value
  }
  for (const f of figureFields()) {
    if (f.sum !== 'ratio' || !f.numerator || !f.denominator) continue
    out[f.code] = coveragePercent(out[f.numerator] ?? 0, out[f.denominator] ?? 0)
  }
  return out
}

/** "计算值 120 → 填报值 130（说明：…）", or "计算值 120" without an override. */
export function overrideSummary(field: FigureField, computed: Figures, final: Figures, reason = ''): string {
  const before = formatFigure(field, computed[field])
  const after = formatFigure(field, final[field])
  if (before === after && !reason) return `计算值 ${before}`
  const note = reason ? `（说明：${reason}）` : ''
  return `计算值 ${before} → 填报值 ${after}${note}`
}

/** What is wrong with one line before it reaches the server: '' when nothing. */
export function draftProblem(d: OverrideDraft, computed: Figures | null): string {
  if (d.value === null) return ''
  if (!Number.isInteger(d.value) || d.value < 0) return `${figureLabel(d.field)}应为不小于 0 的整数`
  if (computed && d.value === computed[d.field]) return ''
  if (!d.reason.trim()) return '请填写调整原因'
  return ''
}

/** The lines with a problem, by field. */
export function draftProblems(drafts: readonly OverrideDraft[], computed: Figures | null): Partial<Record<FigureField, string>> {
  const out: Partial<Record<FigureField, string>> = {}
  for (const d of drafts) {
    const p = draftProblem(d, computed)
    if (p) out[d.field] = p
  }
  return out
}

/** The overrides of a statistics form's data, whatever shape it arrived in. */
export function overridesOf(data: Partial<StatisticsData> | null | undefined): Overrides {
  const o = data?.overrides
  return o && typeof o === 'object' && !Array.isArray(o) ? o : {}
}

/** Whether the two sets of overrides say the same thing (order of keys aside). */
export function sameOverrides(a: Overrides, b: Overrides): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<FigureField>
  for (const k of keys) {
    const x = a[k]
    const y = b[k]
    if (!x || !y || x.value !== y.value || x.reason.trim() !== y.reason.trim()) return false
  }
  return true
}
