import type { UnitKind, UnitNode } from '@/api/units'
import { ancestorIds } from '@/utils/tree'

/** A unit that may collect material; id 0 stands for the province (collector_unit_id null). */
export interface CollectorOption {
  id: number
  name: string
}

export const PROVINCE_COLLECTOR: CollectorOption = { id: 0, name: '省级' }

/**
 * Who the user may set deadlines for: the province when they manage the
 * campaign, and every authority or school their unit_admin grants reach
 * (colleges and offices hand material in; they do not collect it).
 */
export function collectorOptions(
  nodes: readonly UnitNode[],
  kinds: readonly UnitKind[],
  managesCampaign: boolean,
  reachesAsAdmin: (ancestors: readonly number[]) => boolean,
): CollectorOption[] {
  const collects = new Set(kinds.filter((k) => k.category !== 'department').map((k) => k.code))
  const units = nodes
    .filter((n) => collects.has(n.kind) && reachesAsAdmin(ancestorIds(nodes, n.id)))
    .map((n) => ({ id: n.id, name: n.name }))
  return managesCampaign ? [PROVINCE_COLLECTOR, ...units] : units
}
