// Character limits of the information form's free text (活动周工作计划,
// 特色活动简介: "300 字以内" in annex 4). A character is a Unicode code point,
// as the server counts it (Utf8Length): 汉字, letters and emoji count one each,
// whatever their bytes or UTF-16 units.
import type { ValidationRule } from '@/api/reporting'

/** The free-text fields of the information form that carry a limit. */
export type LimitedField = 'work_plan' | 'featured'
export const limitedFields: readonly LimitedField[] = ['work_plan', 'featured']

/** Annex 4's limit, used until the rules have loaded (or when no rule names the field). */
export const DEFAULT_CHAR_LIMIT = 300

/** Characters as a reader counts them: "职教周" → 3, "👍" → 1, "a😀b" → 3. */
export function charCount(text: string | null | undefined): number {
  return text ? Array.from(text).length : 0
}

/**
 * The limit of each field: the enabled max_chars rule of the information form
 * that names it, DEFAULT_CHAR_LIMIT when no rule names it, null (no limit)
 * when its rule is switched off.
 */
export function charLimits(rules: readonly ValidationRule[] | null): Record<LimitedField, number | null> {
  const out: Record<LimitedField, number | null> = { work_plan: DEFAULT_CHAR_LIMIT, featured: DEFAULT_CHAR_LIMIT }
  if (!rules) return out
  for (const field of limitedFields) {
    const named = rules.filter((r) => r.form === 'info_form' && r.kind === 'max_chars' && r.fields.includes(field))
    if (!named.length) continue
    const enabled = named.filter((r) => r.enabled && Number.isFinite(r.value) && r.value >= 0)
    out[field] = enabled.length ? Math.min(...enabled.map((r) => Math.floor(r.value))) : null
  }
  return out
}

export interface CharCounter {
  /** "123 / 300", or "123 字" without a limit. */
  text: string
  over: boolean
}

/** The live counter under a textarea. */
export function charCounter(text: string | null | undefined, limit: number | null): CharCounter {
  const n = charCount(text)
  if (limit === null) return { text: `${n} 字`, over: false }
  return { text: `${n} / ${limit}`, over: n > limit }
}
