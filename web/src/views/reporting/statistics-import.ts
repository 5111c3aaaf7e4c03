// What importing a filled statistics template would change, as the import
// dialog shows it before anything is saved: each figure's value now and
// after, and overrides added, changed or removed with their reasons, so
// that an import never drops an override unseen.
import type { TemplateFigureChange, TemplateImportResult } from '@/api/reporting'

export const overrideChangeLabels: Record<TemplateFigureChange['override'], string> = {
  none: '—',
  added: '新增调整',
  changed: '修改调整',
  removed: '取消调整',
  kept: '保留调整',
}

/** Figures whose value or override the import changes (a kept override is no change). */
export function changedFigures(result: TemplateImportResult): TemplateFigureChange[] {
  return (result.changes ?? []).filter(
    (c) => c.current !== c.imported || (c.override !== 'none' && c.override !== 'kept'),
  )
}

/** The overrides the import removes (the file leaves the figure empty or as computed). */
export function removedOverrides(result: TemplateImportResult): TemplateFigureChange[] {
  return (result.changes ?? []).filter((c) => c.override === 'removed')
}

/** The one-line verdict of a check that passed. */
export function importSummary(result: TemplateImportResult): string {
  const changed = changedFigures(result).length
  if (!changed) return '检查通过：导入后各项数据不变'
  const removed = removedOverrides(result).length
  return `检查通过：将改变 ${changed} 项数据${removed ? `，其中取消 ${removed} 项调整` : ''}`
}

/** The 说明 of a figure after the import, and what it replaces. */
export function reasonText(c: TemplateFigureChange): string {
  switch (c.override) {
    case 'none':
      return ''
    case 'removed':
      return `原说明：${c.reason_before}`
    case 'changed':
      return c.reason_before === c.reason_after ? c.reason_after : `${c.reason_after}（原说明：${c.reason_before}）`
    default:
      return c.reason_after
  }
}
