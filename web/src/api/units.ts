import { http } from './request'
import type { AuditRow, ListResult } from './common'

export type UnitCategory = 'authority' | 'school' | 'department'

export interface UnitKind {
  code: string
  name: string
  category: UnitCategory
  reports_forms: boolean
  parent_kinds: string[]
}

export interface Region {
  code: string
  name: string
  parent_code: string
  level: number
}

/** One row of GET /api/units/tree: flat, nested client-side by parent_id. */
export interface UnitNode {
  id: number
  parent_id: number | null
  kind: string
  name: string
  region_code: string
  depth: number
  child_count: number
}

export interface UnitInput {
  parent_id: number | null
  kind: string
  name: string
  short_name: string
  region_code: string
  moe_code: string
  enrolled_students: number
  staff_count: number
  contact_person: string
  contact_phone: string
  address: string
  website: string
  sort_order: number
  active: boolean
}

export interface Unit extends UnitInput {
  id: number
  version: number
  created_at: string
  updated_at: string
}

/** Every unit the caller may see, flat; nest with buildUnitTree. */
export function getUnitTree(maxDepth?: number): Promise<ListResult<UnitNode>> {
  return http.get('/api/units/tree', { max_depth: maxDepth })
}

export function getUnit(id: number): Promise<Unit> {
  return http.get(`/api/units/${id}`)
}

export function getUnitChildren(id: number): Promise<ListResult<Unit>> {
  return http.get(`/api/units/${id}/children`)
}

export function getUnitAudit(id: number): Promise<ListResult<AuditRow>> {
  return http.get(`/api/units/${id}/audit`)
}

export function createUnit(input: UnitInput): Promise<Unit> {
  return http.post('/api/units', input)
}

/** 409 conflict when `version` is stale. */
export function updateUnit(id: number, input: UnitInput & { version: number }): Promise<Unit> {
  return http.put(`/api/units/${id}`, input)
}

export function getUnitKinds(): Promise<ListResult<UnitKind>> {
  return http.get('/api/unit-kinds')
}

export function getRegions(): Promise<ListResult<Region>> {
  return http.get('/api/regions')
}
