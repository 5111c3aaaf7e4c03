import { request } from './request'
import type { ImportReport } from './types'

export type ImportTarget = 'units' | 'users'

export function contentTypeFor(fileName: string): string {
  return fileName.toLowerCase().endsWith('.xlsx')
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv'
}

export const uploadImport = (target: ImportTarget, file: File, dryRun: boolean) =>
  request<ImportReport>('POST', `/api/imports/${target}${dryRun ? '?dry_run=1' : ''}`, undefined, {
    data: file,
    contentType: contentTypeFor(file.name),
    fileName: file.name,
  })
