// Annex 5's columns as the server declares them once (GET
// /api/reporting/statistics-fields, CONTRACT §1): labels, order, groups and
// which figures a unit may override. Fetched once per visit; until it
// arrives the pages show no figure columns (a label falls back to its code).
import { shallowRef } from 'vue'
import { getStatisticsFields, type FigureCode, type FigureField, type StatisticsField, type StatisticsFieldTable } from '@/api/reporting'

export type { FigureCode }

const table = shallowRef<StatisticsFieldTable | null>(null)
let pending: Promise<StatisticsFieldTable> | null = null

/**
 * Loads the table unless it is already here or on its way; a failure is
 * thrown to the caller and the next call asks again.
 */
export function loadStatisticsFields(): Promise<StatisticsFieldTable> {
  if (table.value) return Promise.resolve(table.value)
  pending ??= getStatisticsFields().then(
    (t) => {
      table.value = t
      return t
    },
    (e: unknown) => {
      pending = null
      throw e
    },
  )
  return pending
}

/** Puts a table in place (tests; an answer obtained elsewhere). null forgets it. */
export function setStatisticsFields(t: StatisticsFieldTable | null): void {
  table.value = t
  pending = null
}

/** The table's fields in the annex's column order; none before it is loaded. */
export function figureFields(): readonly StatisticsField[] {
  return table.value?.fields ?? []
}

/** The column codes in the annex's order. */
export function figureOrder(): FigureCode[] {
  return figureFields().map((f) => f.code)
}

/** The Chinese head of a column (or of `enrolled`); the code itself when the table does not know it. */
export function figureLabel(code: string): string {
  const t = table.value
  if (!t) return code
  if (code === t.enrolled.code) return t.enrolled.label
  return t.fields.find((f) => f.code === code)?.label ?? code
}

/** Every label by code, `enrolled` included (for lookups by a field name from a rule or an error). */
export function figureLabelMap(): Record<string, string> {
  const t = table.value
  if (!t) return {}
  return { ...Object.fromEntries(t.fields.map((f) => [f.code, f.label])), [t.enrolled.code]: t.enrolled.label }
}

/** How each column is counted (统计口径), in column order; columns the server says nothing of are left out. */
export function howCounted(): { code: FigureCode; label: string; text: string }[] {
  return figureFields()
    .filter((f) => f.how_counted)
    .map((f) => ({ code: f.code, label: f.label, text: f.how_counted ?? '' }))
}

/** How a figure and the records behind it are counted, from the server's field table. */
export interface FigureCounting {
  /** The figure's unit (人, 所, 家…). */
  unit: string
  /** What each record behind it counts: the figure's unit, or 人次 behind distinct people. */
  sourcesUnit: string
  /** Whether the figure counts each person once while its records count visits (人 vs 人次). */
  distinct: boolean
  /** 统计口径; '' when the server says nothing. */
  text: string
}

export function countingOf(code: string): FigureCounting {
  const f = figureFields().find((x) => x.code === code)
  const unit = f?.unit ?? ''
  const sourcesUnit = f?.sources_unit || unit
  return { unit, sourcesUnit, distinct: sourcesUnit !== unit, text: f?.how_counted ?? '' }
}

/** The figures a unit may replace with its own value, in column order. */
export function overridableFields(): FigureField[] {
  return figureFields()
    .filter((f) => f.overridable)
    .map((f) => f.code)
}

/** Whether a column is a ratio recomputed from the sums (shown as a percentage). */
export function isRatio(code: string): boolean {
  return figureFields().find((f) => f.code === code)?.sum === 'ratio'
}

/** The ratio columns (annex 5 has one, the coverage rate), in column order. */
export function ratioFields(): FigureCode[] {
  return figureFields()
    .filter((f) => f.sum === 'ratio')
    .map((f) => f.code)
}

/** The code of the ratio's denominator (在校学生数), which is no column; '' before the table is loaded. */
export function enrolledCode(): FigureCode {
  return table.value?.enrolled.code ?? ''
}

/** "在校学生数 1200": the denominator beside a ratio of `row`; '' for other columns. */
export function ratioNote(code: string, row: Readonly<Record<string, unknown>> | null | undefined): string {
  const denominator = figureFields().find((f) => f.code === code && f.sum === 'ratio')?.denominator
  if (!denominator || !row) return ''
  const value = row[denominator]
  return typeof value === 'number' ? `${figureLabel(denominator)} ${value}` : ''
}

/** The head of the unit column ("市（州）/职业学校（含技工院校）"). */
export function unitHead(): string {
  return table.value?.unit_head ?? ''
}

export interface HeadCell {
  label: string
  /** Columns under it: 1 for a plain column, more for a group head. */
  span: number
  /** The columns of a group head (the second header row); empty for a plain column. */
  children: StatisticsField[]
}

/** The annex's two header rows: plain columns over both rows, a group's columns under its head. */
export function figureHeads(): HeadCell[] {
  const out: HeadCell[] = []
  for (const f of figureFields()) {
    const last = out[out.length - 1]
    if (f.group && last && last.children.length && last.label === f.group) {
      last.children.push(f)
      last.span += 1
    } else if (f.group) {
      out.push({ label: f.group, span: 1, children: [f] })
    } else {
      out.push({ label: f.label, span: 1, children: [] })
    }
  }
  return out
}
