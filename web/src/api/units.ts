import { http } from './request'
import type { AuditRow, ListResult, Region, Unit, UnitInput, UnitKind, UnitNode } from './types'

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
