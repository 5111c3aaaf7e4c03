// The reviewer's comments per field while reviewing a child's form
// (/reports/review/:unitId): the review page provides them, and the comment
// slot under each field of the read-only form (form-field-comment) turns
// into a box for the reviewer's comment on that field. The comments go out
// with 退回; the previous return's comments show beside them.
import { reactive, type InjectionKey } from 'vue'
import type { ReturnRecord } from '@/api/reporting'

export interface ReviewComments {
  /** The comments being written, by field code; a key present means the field's box is open. */
  drafts: Record<string, string>
  /** The latest return's comments by field code (what was asked last time). */
  previous: Record<string, string>
}

export const reviewCommentsKey: InjectionKey<ReviewComments> = Symbol('review-comments')

export function createReviewComments(): ReviewComments {
  return reactive({ drafts: {}, previous: {} })
}

/** The latest return's comments by field code. */
export function previousComments(last: ReturnRecord | null | undefined): Record<string, string> {
  return Object.fromEntries((last?.fields ?? []).map((f) => [f.field, f.text]))
}

/** The comments to send with a return: trimmed, the empty ones left out. */
export function commentsToSend(drafts: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [field, text] of Object.entries(drafts)) {
    const t = text.trim()
    if (t) out[field] = t
  }
  return out
}

/** Where the reviewer goes back to: the parent's board of this form. */
export function boardLink(form: string, parentId: number | null): { path: string; query: Record<string, string> } {
  return { path: '/reports/review', query: parentId ? { form, unit_id: String(parentId) } : { form } }
}
