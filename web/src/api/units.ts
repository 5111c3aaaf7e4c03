import { http } from './request'
import type { AuditRow, ListResult, Region, TreeNode, Unit, UnitFields, UnitKind } from './types'

export const getUnitTree = () => http.get<ListResult<TreeNode>>('/api/units/tree')
export const getUnit = (id: number) => http.get<Unit>(`/api/units/${id}`)
export const getUnitChildren = (id: number) => http.get<ListResult<Unit>>(`/api/units/${id}/children`)
export const getUnitAudit = (id: number) => http.get<ListResult<AuditRow>>(`/api/units/${id}/audit`)
export const createUnit = (input: UnitFields) => http.post<Unit>('/api/units', input)
export const updateUnit = (id: number, input: UnitFields & { version: number }) =>
  http.put<Unit>(`/api/units/${id}`, input)
export const getUnitKinds = () => http.get<ListResult<UnitKind>>('/api/unit-kinds')
export const getRegions = () => http.get<ListResult<Region>>('/api/regions')
