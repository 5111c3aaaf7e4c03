// The activity plan (活动方案) as the page edits it: a complete copy of the
// stored data, the planned activities grouped by theme day, and the check
// on a document before it is sent (the server judges the type by the
// bytes; this only spares an upload that would be refused anyway).
import type { PlanActivity, PlanChoices, PlanFormData } from '@/api/reporting-plan'
import { formatBytes, SCAN_MAX_BYTES } from './form-scans'

export const planFields = ['person_name', 'person_position', 'person_mobile', 'activities', 'document'] as const

export const planFieldLabels: Record<(typeof planFields)[number], string> = {
  person_name: '专人姓名',
  person_position: '专人职务',
  person_mobile: '专人手机',
  activities: '各主题日计划活动',
  document: '活动方案文件',
}

export const PLAN_DOCUMENT_ACCEPT = '.pdf,.doc,.docx'
const extensions = ['pdf', 'doc', 'docx']

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string => (typeof v === 'string' ? v : '')
const id = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null)

/** A complete, independent copy of a plan's data (older or partial drafts lack keys). */
export function planDataOf(data: unknown): PlanFormData {
  const d = isObject(data) ? data : {}
  const items = Array.isArray(d.activities) ? d.activities : []
  const activities: PlanActivity[] = items.filter(isObject).map((a) => ({
    theme_day_id: id(a.theme_day_id) ?? 0,
    title: str(a.title),
    activity_id: id(a.activity_id),
  }))
  const out: PlanFormData = {
    person_name: str(d.person_name),
    person_position: str(d.person_position),
    person_mobile: str(d.person_mobile),
    activities,
  }
  if (isObject(d.document)) out.document = JSON.parse(JSON.stringify(d.document)) as PlanFormData['document']
  return out
}

/** What a save sends: the document is the server's to set. */
export function planToSave(data: PlanFormData): PlanFormData {
  const copy = planDataOf(data)
  delete copy.document
  return copy
}

/** The campaign's days in order, each with the indices of its planned activities (entries on no known day last). */
export function activitiesByDay(
  data: PlanFormData,
  choices: PlanChoices | null | undefined,
): { dayId: number; label: string; items: number[] }[] {
  const days = [...(choices?.days ?? [])].sort((a, b) => a.day_index - b.day_index)
  const dayLabel = (date: string) => {
    const [, m, d] = date.split('-')
    return m && d ? `${Number(m)}月${Number(d)}日` : date
  }
  const groups = days.map((d) => ({ dayId: d.id, label: `${dayLabel(d.date)} ${d.name}`, items: [] as number[] }))
  const other = { dayId: 0, label: '未选择主题日', items: [] as number[] }
  data.activities.forEach((a, i) => {
    const g = groups.find((x) => x.dayId === a.theme_day_id)
    ;(g ?? other).items.push(i)
  })
  return other.items.length ? [...groups, other] : groups
}

/** The activities a day's entry may link: those on that day first, then the others. */
export function linkableActivities(choices: PlanChoices | null | undefined, dayId: number): PlanChoices['activities'] {
  const all = choices?.activities ?? []
  return [...all.filter((a) => a.theme_day_id === dayId), ...all.filter((a) => a.theme_day_id !== dayId)]
}

/** Why the document cannot be uploaded, or '' when it may. */
export function planDocumentProblem(file: { name: string; size: number }): string {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? ''
  if (!extensions.includes(ext)) return '活动方案文件只能是 PDF 或 Word（.docx、.doc）文件'
  if (file.size <= 0) return '文件是空的，请重新选择'
  if (file.size > SCAN_MAX_BYTES) return `文件过大（${formatBytes(file.size)}），活动方案文件不能超过 10 MB`
  return ''
}
