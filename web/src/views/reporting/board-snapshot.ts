// An accepted submission's frozen content made readable for the public
// verification page (/p/verify/:code): the statistics figures with their
// annex-5 names, the information form's fields, the summary's sections,
// the plan's 专人, planned activities per theme day and document.
// The content is the server's canonical JSON (SubmissionService Content:
// form, campaign, unit, version, data and, for statistics, the figures);
// anything missing is shown as "—" rather than guessed.
import type { FigureCode, FigureField, ReportingForm, Override } from '@/api/reporting'
import { infoFieldLabels, summarySections } from './reporting-labels'
import { enrolledCode, figureLabel, figureOrder, isRatio } from './statistics-fields'

export interface ContentItem {
  label: string
  value: string
  /** A figure's override reason, shown under it. */
  note?: string
  /** Free text (work plan, a summary section): shown as a paragraph, not a short value. */
  long?: boolean
}
export interface ContentBlock {
  title: string
  items: ContentItem[]
}

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '')

/** A figure as the form writes it: a ratio "85.25%", counts as integers; "—" when absent. */
export function formatFigure(field: FigureCode, value: unknown): string {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN
  if (!Number.isFinite(n)) return '—'
  return isRatio(field) ? `${Number(n.toFixed(2))}%` : String(Math.round(n))
}

/** The data object of the content (content.data), or the content itself when it is flat. */
function dataOf(content: Json): Json {
  return isObject(content.data) ? content.data : content
}

/** The submitted figures: final (overrides applied) before total, computed or a flat object. */
function figuresOf(content: Json): Json | null {
  for (const key of ['final', 'figures', 'total', 'computed']) {
    const v = content[key]
    if (isObject(v)) return v
  }
  return figureOrder().some((code) => code in content) ? content : null
}

function statisticsBlocks(content: Json): ContentBlock[] {
  const figures = figuresOf(content)
  const data = dataOf(content)
  const overrides = (isObject(data.overrides) ? data.overrides : {}) as Partial<Record<FigureField, Override>>
  const items: ContentItem[] = figureOrder().map((field) => {
    const o = isRatio(field) ? undefined : overrides[field]
    const item: ContentItem = { label: figureLabel(field), value: formatFigure(field, figures?.[field]) }
    if (o && typeof o.reason === 'string' && o.reason) item.note = `已调整：${o.reason}`
    return item
  })
  const enrolled = enrolledCode()
  if (figures && enrolled && enrolled in figures) {
    // 在校学生数 stands before the ratio computed from it (the coverage rate).
    const ratio = figureOrder().findIndex((f) => isRatio(f))
    items.splice(ratio < 0 ? items.length : ratio, 0, { label: figureLabel(enrolled), value: formatFigure(enrolled, figures[enrolled]) })
  }
  return [{ title: '统计数据', items }]
}

function infoBlocks(content: Json): ContentBlock[] {
  const data = dataOf(content)
  const items = Object.entries(infoFieldLabels).map(([key, label]) => {
    const value = text(data[key]).trim()
    return { label, value: value || '—', long: key === 'work_plan' || key === 'featured' }
  })
  return [{ title: '填报内容', items }]
}

function summaryBlocks(content: Json): ContentBlock[] {
  const data = dataOf(content)
  const sections = isObject(data.sections) ? data.sections : data
  const items = summarySections.map((s) => ({ label: s.title, value: text(sections[s.key]).trim() || '—', long: true }))
  return [{ title: '报告内容', items }]
}

/**
 * 活动方案: the 专人 (masked by the server), the planned activities grouped by
 * theme day in the plan's order, and the uploaded document's name.
 */
function planBlocks(content: Json): ContentBlock[] {
  const data = dataOf(content)
  const person: ContentItem[] = [
    { label: '姓名', value: text(data.person_name).trim() || '—' },
    { label: '职务', value: text(data.person_position).trim() || '—' },
    { label: '手机', value: text(data.person_mobile).trim() || '—' },
  ]
  const days = new Map<string, string[]>()
  for (const a of Array.isArray(data.activities) ? data.activities : []) {
    if (!isObject(a)) continue
    const day = text(a.theme_day_name).trim() || '未注明主题日'
    const title = text(a.title).trim() || '（未填写活动名称）'
    days.set(day, [...(days.get(day) ?? []), title])
  }
  const planned: ContentItem[] = [...days].map(([day, titles]) => ({ label: day, value: titles.join('\n'), long: true }))
  const doc = isObject(data.document) ? data.document : {}
  const file: ContentItem[] = [{ label: '文件名', value: text(doc.file_name).trim() || '—' }]
  const sha = text(doc.sha256).trim()
  if (sha) file.push({ label: '文件摘要（SHA-256）', value: sha, long: true })
  return [
    { title: '专人', items: person },
    { title: '计划开展的活动', items: planned.length ? planned : [{ label: '各主题日', value: '—' }] },
    { title: '活动方案文件', items: file },
  ]
}

/** The content as an object: the server sends it parsed, but canonical JSON text is read too. */
function asObject(content: unknown): Json {
  if (typeof content === 'string') {
    try {
      return asObject(JSON.parse(content) as unknown)
    } catch {
      return {}
    }
  }
  return isObject(content) ? content : {}
}

/** The content of an accepted form as titled blocks of labelled values. */
export function snapshotBlocks(form: ReportingForm, content: unknown): ContentBlock[] {
  const c = asObject(content)
  switch (form) {
    case 'statistics':
      return statisticsBlocks(c)
    case 'info_form':
      return infoBlocks(c)
    case 'summary':
      return summaryBlocks(c)
    case 'plan':
      return planBlocks(c)
    default:
      return []
  }
}

/**
 * What a person typed or pasted into the code box: the code itself, or the
 * verification link that ends with it. '' when nothing usable is left.
 */
export function normaliseVerifyCode(input: string): string {
  const trimmed = input.trim()
  const fromLink = /\/p\/verify\/([A-Za-z0-9-]+)/.exec(trimmed)
  const code = fromLink ? fromLink[1] : trimmed.replace(/\s+/g, '')
  return /^[A-Za-z0-9-]{1,64}$/.test(code) ? code : ''
}
