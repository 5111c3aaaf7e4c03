import { request } from './request'

export interface ImportRowError {
  row: number
  field: string
  message: string
}

export interface ImportReport {
  valid: boolean
  rows: number
  created: number
  errors: ImportRowError[]
}

export type ImportTarget = 'units' | 'users'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export function importContentType(fileName: string): string {
  return fileName.toLowerCase().endsWith('.xlsx') ? XLSX : 'text/csv'
}

/** Where the CSV template with the expected columns can be downloaded. */
export function importTemplateUrl(target: ImportTarget): string {
  return `/api/imports/templates/${target}.csv`
}

/**
 * Uploads the file as the raw body. With dryRun nothing is written; without it
 * the server writes only if every row is valid (all or nothing).
 */
export function uploadImport(target: ImportTarget, file: File, dryRun: boolean, onProgress?: UploadProgress): Promise<ImportReport> {
  return request<ImportReport>(`/api/imports/${target}`, {
    method: 'POST',
    query: { dry_run: dryRun ? 1 : undefined },
    file: { data: file, contentType: importContentType(file.name), name: file.name },
    onUploadProgress: onProgress,
  })
}

/** Bytes of the file sent so far, of the total (the server works on it once they are equal). */
export type UploadProgress = (sent: number, total: number) => void
