// The programme's filters live in the address (?day=3&region=510100&q=…), so a
// filtered list can be shared in WeChat and survives a reload.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { PublicActivityQuery } from '@/api/public'

export interface ProgrammeFilters {
  day: number | null
  /** A city code (xxxx00). */
  region: string
  unit: number | null
  category: number | null
  audience: string
  mode: '' | 'online' | 'onsite'
  q: string
  page: number
}

export const emptyFilters: Readonly<ProgrammeFilters> = {
  day: null, region: '', unit: null, category: null, audience: '', mode: '', q: '', page: 1,
}

function text(v: LocationQuery[string]): string {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s.trim() : ''
}

function positive(v: LocationQuery[string]): number | null {
  const n = Number(text(v))
  return Number.isInteger(n) && n > 0 ? n : null
}

/** Reads the filters from the address; anything malformed is ignored. */
export function parseProgrammeQuery(query: LocationQuery): ProgrammeFilters {
  const mode = text(query.mode)
  const region = text(query.region)
  return {
    day: positive(query.day),
    region: /^\d{6}$/.test(region) ? region : '',
    unit: positive(query.unit),
    category: positive(query.category),
    audience: text(query.audience).slice(0, 40),
    mode: mode === 'online' || mode === 'onsite' ? mode : '',
    q: text(query.q).slice(0, 40),
    page: positive(query.page) ?? 1,
  }
}

/** The address query for `f`: only what is set, page only past the first. */
export function toRouteQuery(f: ProgrammeFilters): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  if (f.day) out.day = String(f.day)
  if (f.region) out.region = f.region
  if (f.unit) out.unit = String(f.unit)
  if (f.category) out.category = String(f.category)
  if (f.audience) out.audience = f.audience
  if (f.mode) out.mode = f.mode
  if (f.q.trim()) out.q = f.q.trim()
  if (f.page > 1) out.page = String(f.page)
  return out
}

/** The server query for `f`. */
export function toApiQuery(f: ProgrammeFilters, pageSize: number): PublicActivityQuery {
  return {
    theme_day_id: f.day ?? undefined,
    region: f.region || undefined,
    unit_id: f.unit ?? undefined,
    category_id: f.category ?? undefined,
    audience: f.audience || undefined,
    mode: f.mode || undefined,
    q: f.q.trim() || undefined,
    page: f.page,
    page_size: pageSize,
  }
}
