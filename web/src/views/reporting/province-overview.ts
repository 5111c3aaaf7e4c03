// Texts of the province overview page (全省汇总): what each row counts and
// how far each chain has come.
import type { OverviewChain, OverviewPart, OverviewRow } from '@/api/reporting'
import { statusNames } from './reporting-labels'

/** "已通过 3 / 24 个下级单位" */
export function chainProgress(chain: OverviewChain): string {
  return `已通过 ${chain.accepted} / ${chain.children} 个下级单位`
}

/** The parts of a row that are not counted, by name and status. */
export function uncountedParts(row: OverviewRow): OverviewPart[] {
  return row.parts.filter((p) => !p.included)
}

/**
 * Why a row's figures are (partly) left out of the total, or '' when every
 * part is counted: "未通过审核，不计入合计" or "部分计入：成都市人力资源和社会保障局（未填报）未计入".
 */
export function rowNote(row: OverviewRow): string {
  const left = uncountedParts(row)
  if (!left.length) return ''
  if (!row.included) {
    return left.every((p) => p.status === 'not_participating') ? '未参与' : '未通过审核，不计入合计'
  }
  const names = left.map((p) => `${p.unit_name}（${p.status === 'own' ? '本单位' : statusNames[p.status]}）`)
  return `部分计入：${names.join('、')}未计入`
}

/** Rows whose parts are all counted, partly counted, or not counted at all. */
export function rowCounts(rows: readonly OverviewRow[]): { full: number; partial: number; none: number } {
  let full = 0
  let partial = 0
  let none = 0
  for (const r of rows) {
    if (!r.included) none++
    else if (uncountedParts(r).length) partial++
    else full++
  }
  return { full, partial, none }
}

/** How much of a row counts: all its parts, some, or none. */
export type RowState = 'full' | 'partial' | 'none'
export const rowStateNames: Record<RowState, string> = { full: '全部计入', partial: '部分计入', none: '未计入' }

export function rowState(row: OverviewRow): RowState {
  if (!row.included) return 'none'
  return uncountedParts(row).length ? 'partial' : 'full'
}

export interface OverviewFilter {
  /** Part of a row's or a part's unit name; '' for all. */
  keyword: string
  /** Row states to keep; empty for all. */
  states: readonly RowState[]
  /** A chain root's name (OverviewPart.chain); '' for both chains. */
  chain: string
}

/** The rows the filter keeps, in order. */
export function filterOverviewRows(rows: readonly OverviewRow[], f: OverviewFilter): OverviewRow[] {
  const k = f.keyword.trim()
  return rows.filter(
    (r) =>
      (!k || r.unit_name.includes(k) || r.parts.some((p) => p.unit_name.includes(k))) &&
      (!f.states.length || f.states.includes(rowState(r))) &&
      (!f.chain || r.parts.some((p) => p.chain === f.chain)),
  )
}

/** A row's children over its parts (a city's schools in both chains). */
export function rowProgress(row: OverviewRow): { children: number; submitted: number; accepted: number } {
  let children = 0
  let submitted = 0
  let accepted = 0
  for (const p of row.parts) {
    children += p.children ?? 0
    submitted += p.submitted ?? 0
    accepted += p.accepted ?? 0
  }
  return { children, submitted, accepted }
}

/** "已提交 5 / 8，已通过 3" or '' for a row without children (a school's own records). */
export function progressText(p: { children: number; submitted: number; accepted: number }): string {
  if (!p.children) return ''
  return `已提交 ${p.submitted} / ${p.children}，已通过 ${p.accepted}`
}
