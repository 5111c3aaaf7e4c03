// Shapes shared by every domain's API module. Each domain's shapes sit beside
// its calls (api/units.ts, api/activities.ts, …); docs/api.md describes the
// JSON, the live route list is GET /api/openapi.json. Instants are ISO strings
// with +08:00, dates YYYY-MM-DD.

/** A list answer: one page of `items` and the count of all matches. */
export interface ListResult<T> {
  items: T[]
  total: number
}

export interface AuditRow {
  id: number
  at: string
  user_id?: number | null
  username: string
  /** Who acted, as people read it: "姓名（单位）". */
  actor?: string
  action: string
  entity: string
  entity_id: number
  summary: string
  detail: unknown
}

/**
 * Every form a campaign collects (a deadline names one). The reporting chain
 * files and reviews three of them (`ReportingForm` in api/reporting.ts).
 */
export type FormCode = 'plan' | 'info_form' | 'statistics' | 'summary' | 'materials' | 'event'
