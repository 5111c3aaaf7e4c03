// An accepted submission's frozen content made readable for the public
// verification page (/p/verify/:code): the statistics figures with their
// annex-5 names, the information form's fields, the summary's sections.
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
