// The validation rules of the three forms in words (校验规则 page): what each
// kind checks, the fields by their Chinese names, the value with its unit,
// and who may change a rule. The rules themselves are data from the server.
import type { ReportingForm, ValidationRule } from '@/api/reporting'
import type { UnitNode } from '@/api/units'
import type { Principal } from '@/utils/permission'
import { infoFieldLabels, summarySections } from './reporting-labels'
import { figureLabelMap, isRatio } from './statistics-fields'
import { planFieldLabels } from './plan-form'

export type RuleKind = ValidationRule['kind']

/** What a kind of rule checks, in a few words. */
export const ruleKindNames: Record<RuleKind, string> = {
  min: '不小于',
  max: '不大于',
  sum_ge: '总数不少于各项之和',
  schools_in_subtree: '不超过所辖学校数',
  jump: '与上一届相比变化倍数',
  max_chars: '字数上限',
  required: '必填',
}

export const severityNames: Record<ValidationRule['severity'], string> = {
  error: '错误',
  warning: '提醒',
}

/** What each severity does to a submission, for the page's note. */
export const severityHints: Record<ValidationRule['severity'], string> = {
  error: '不通过时不能提交',
  warning: '不通过时提示并记录，仍可提交',
}

/** "一、基本情况" → "基本情况": numbering reads badly inside a list of fields. */
const sectionNames: Record<string, string> = Object.fromEntries(
  summarySections.map((s) => [s.key, s.title.replace(/^[一二三四五六七八九十]+、/, '')]),
)

/** A field's Chinese name on its form; the code itself when the form does not know it. */
export function ruleFieldLabel(form: ReportingForm, field: string): string {
  const labels: Record<string, string> =
    form === 'statistics'
      ? figureLabelMap()
      : form === 'info_form'
        ? infoFieldLabels
        : form === 'plan'
          ? planFieldLabels
          : sectionNames
  return labels[field] ?? field
}

export function ruleFieldLabels(rule: Pick<ValidationRule, 'form' | 'fields'>): string[] {
  return rule.fields.map((f) => ruleFieldLabel(rule.form, f))
}

/** Whether the rule's value means something (a bound, a factor, a length) and so may be edited. */
export function ruleHasValue(kind: RuleKind): boolean {
  return kind === 'min' || kind === 'max' || kind === 'jump' || kind === 'max_chars'
}

/** The unit written after the value: 100 "%" for coverage, 300 "字", 3 "倍". */
export function ruleValueUnit(rule: Pick<ValidationRule, 'kind' | 'fields'>): string {
  switch (rule.kind) {
    case 'max_chars':
      return '字'
    case 'jump':
      return '倍'
    case 'min':
    case 'max':
      return rule.fields.length > 0 && rule.fields.every((f) => isRatio(f)) ? '%' : ''
    default:
      return ''
  }
}

/** The value as the table shows it: "100%", "300 字", "3 倍", "—" for kinds without one. */
export function formatRuleValue(rule: Pick<ValidationRule, 'kind' | 'fields' | 'value'>): string {
  if (!ruleHasValue(rule.kind)) return '—'
  const unit = ruleValueUnit(rule)
  const value = Number.isInteger(rule.value) ? String(rule.value) : String(Number(rule.value.toFixed(4)))
  return unit === '%' || unit === '' ? `${value}${unit}` : `${value} ${unit}`
}

/**
 * The check in one sentence, built from the rule's own fields and value so it
 * follows an edited value: "参与总人数不少于参与活动的教师数 + 参与活动的学生数之和",
 * "所列 9 项不小于 0".
 */
export function describeRule(rule: Pick<ValidationRule, 'form' | 'kind' | 'fields' | 'value'>): string {
  const labels = ruleFieldLabels(rule)
  // Long lists stand in their own column; the sentence then counts them.
  const list = labels.length > 2 ? `所列 ${labels.length} 项` : labels.join('、')
  const value = formatRuleValue(rule)
  switch (rule.kind) {
    case 'min':
      return `${list}不小于 ${value}`
    case 'max':
      return `${list}不大于 ${value}`
    case 'sum_ge':
      return `${labels[0] ?? ''}不少于${labels.slice(1).join(' + ')}之和`
    case 'schools_in_subtree':
      return `${list}不超过本单位所辖学校数`
    case 'jump':
      return `${list}与上一届相比变化超过 ${value}时提示`
    case 'max_chars':
      return `${list}不超过 ${value}`
    case 'required':
      return `${list}必须填写`
  }
}

/** Bounds of the value input per kind (a factor below 1 or a length of 0 makes no sense). */
export function ruleValueBounds(rule: Pick<ValidationRule, 'kind' | 'fields'>): { min: number; max: number; step: number } {
  switch (rule.kind) {
    case 'jump':
      return { min: 1, max: 100, step: 0.5 }
    case 'max_chars':
      return { min: 1, max: 10000, step: 10 }
    default:
      return ruleValueUnit(rule) === '%' ? { min: 0, max: 100, step: 1 } : { min: 0, max: 1_000_000, step: 1 }
  }
}

/**
 * Whether the user may change rules: a system administrator, or a unit
 * administrator of a top unit (the province). The server checks again.
 */
export function canEditRules(user: Principal, nodes: readonly Pick<UnitNode, 'id' | 'parent_id'>[]): boolean {
  if (user.is_sysadmin) return true
  const roots = new Set(nodes.filter((n) => n.parent_id === null).map((n) => n.id))
  return user.grants.some((g) => g.role === 'unit_admin' && roots.has(g.unit_id))
}

/** The rules of one form (all forms for null), in the server's order. */
export function rulesOfForm<R extends Pick<ValidationRule, 'form'>>(rules: readonly R[], form: ReportingForm | null): R[] {
  return form ? rules.filter((r) => r.form === form) : [...rules]
}
