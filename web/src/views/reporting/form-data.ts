// The data of the three forms as the page edits it: complete objects built
// from whatever the server stored (older or partial drafts lack keys), a
// deep copy to edit, whether the copy differs from what was loaded, and the
// fields a reviewer may comment on.
import { ApiError } from '@/api/request'
import type {
  ReportingForm,
  FormData,
  InfoFormData,
  StatisticsData,
  SummaryData,
  SummarySectionKey,
  ValidationIssue,
} from '@/api/reporting'
import { ruleFieldLabel } from './board-rules'
import { overridesOf, sameOverrides } from './form-overrides'
import { planDataOf, planFields, planToSave } from './plan-form'
import { overridableFields } from './statistics-fields'
import { summarySections } from './reporting-labels'

export const infoFields = ['contact_person', 'position', 'mobile', 'qq', 'website', 'work_plan', 'featured'] as const
export type InfoField = (typeof infoFields)[number]

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

export function infoDataOf(data: unknown): InfoFormData {
  const d = isObject(data) ? data : {}
  return Object.fromEntries(infoFields.map((f) => [f, str(d[f])])) as unknown as InfoFormData
}

export function statisticsDataOf(data: unknown): StatisticsData {
  const overrides = overridesOf(isObject(data) ? (data as Partial<StatisticsData>) : null)
  return { overrides: JSON.parse(JSON.stringify(overrides)) as StatisticsData['overrides'] }
}

export function summaryDataOf(data: unknown): SummaryData {
  const d = isObject(data) && isObject(data.sections) ? data.sections : {}
  const sections = Object.fromEntries(summarySections.map((s) => [s.key, str(d[s.key])]))
  const out: SummaryData = { sections: sections as Record<SummarySectionKey, string> }
  const drafted = isObject(data) && isObject(data.drafted) ? data.drafted : null
  if (drafted) {
    out.drafted = Object.fromEntries(
      Object.entries(drafted).filter(([, v]) => typeof v === 'string'),
    ) as SummaryData['drafted']
  }
  return out
}

/** A complete, independent copy of a form's data to edit. */
export function editableData(form: ReportingForm, data: unknown): FormData {
  switch (form) {
    case 'info_form':
      return infoDataOf(data)
    case 'statistics':
      return statisticsDataOf(data)
    case 'plan':
      return planDataOf(data)
    default:
      return summaryDataOf(data)
  }
}

/** Whether the edited data says something else than the loaded data (what a save would change). */
export function dataChanged(form: ReportingForm, loaded: unknown, edited: unknown): boolean {
  if (form === 'plan') {
    return JSON.stringify(planToSave(planDataOf(loaded))) !== JSON.stringify(planToSave(planDataOf(edited)))
  }
  if (form === 'statistics') {
    return !sameOverrides(statisticsDataOf(loaded).overrides, statisticsDataOf(edited).overrides)
  }
  return JSON.stringify(editableData(form, loaded)) !== JSON.stringify(editableData(form, edited))
}

/** The fields of a form a reviewer may comment on, with their names, in the form's order. */
export function commentableFields(form: ReportingForm): { key: string; label: string }[] {
  const keys: readonly string[] =
    form === 'info_form'
      ? infoFields
      : form === 'statistics'
        ? overridableFields()
        : form === 'plan'
          ? planFields
          : summarySections.map((s) => s.key)
  return keys.map((key) => ({ key, label: ruleFieldLabel(form, key) }))
}

/** The reviewer's comments of a returned form that name a known field, for showing beside it. */
export function fieldCommentsOf(
  s: { status: string; field_comments: Record<string, string> | null | undefined },
): Record<string, string> {
  if (s.status !== 'returned' || !s.field_comments) return {}
  return Object.fromEntries(Object.entries(s.field_comments).filter(([, v]) => typeof v === 'string' && v.trim()))
}

/** The comments that name no field of the form (shown with the general comment). */
export function otherFieldComments(form: ReportingForm, comments: Record<string, string>): { label: string; text: string }[] {
  const known = new Set(commentableFields(form).map((f) => f.key))
  return Object.entries(comments)
    .filter(([k]) => !known.has(k))
    .map(([k, text]) => ({ label: ruleFieldLabel(form, k), text }))
}

export { isConflict } from '@/api/request'

/**
 * An input error of the validate call (the data cannot even be read, e.g. a
 * malformed mobile number) as an issue of the list; null for other failures.
 */
export function issueFromError(e: unknown): ValidationIssue | null {
  if (!(e instanceof ApiError) || e.status !== 400) return null
  return { rule: 'input', field: e.field ?? '', severity: 'error', message: e.message }
}

/** The first issue's message per field, for a red note beside the input. */
export function issuesByField(issues: readonly ValidationIssue[]): Record<string, ValidationIssue> {
  const out: Record<string, ValidationIssue> = {}
  for (const i of issues) {
    if (!i.field) continue
    const had = out[i.field]
    if (!had || (had.severity === 'warning' && i.severity === 'error')) out[i.field] = i
  }
  return out
}
