// The units the 报表填报 page offers: each unit the user holds a grant on
// and its reporting children (a school's colleges, a bureau's schools), the
// ones a user fills in or reviews. Offices inside a school report nothing of
// their own (their records count in the school's figures), so they are left out.
import type { UnitKind, UnitNode } from '@/api/units'
import type { Principal } from '@/utils/permission'

export interface PickerUnit {
  id: number
  name: string
  children: PickerUnit[]
}

/** Kinds that have forms; null (kinds unknown) lets every kind through. */
export function reportingKinds(kinds: readonly Pick<UnitKind, 'code' | 'reports_forms'>[] | null): Set<string> | null {
  return kinds ? new Set(kinds.filter((k) => k.reports_forms).map((k) => k.code)) : null
}

/**
 * The picker's tree: grant units (in grant order, or the tops of the visible
 * tree for a user without grants) with their reporting children; a grant
 * unit that already shows as another's child is not repeated. `extra` (a
 * unit asked for in the address) is added on top when it is visible but not
 * listed yet.
 */
export function pickerUnits(
  nodes: readonly UnitNode[],
  user: Principal,
  kinds: Set<string> | null,
  extra: number | null = null,
): PickerUnit[] {
  const byId = new Map(nodes.map((n) => [n.id, n]))
  const reports = (n: UnitNode) => !kinds || kinds.has(n.kind)
  let tops = [...new Set(user.grants.map((g) => g.unit_id))].filter((id) => byId.has(id))
  if (!tops.length) tops = nodes.filter((n) => n.parent_id === null || !byId.has(n.parent_id)).map((n) => n.id)
  const childrenOf = (id: number) => nodes.filter((n) => n.parent_id === id && reports(n))

  const out: PickerUnit[] = []
  const listed = new Set<number>()
  const add = (n: UnitNode) => {
    const children = childrenOf(n.id).map((c) => ({ id: c.id, name: c.name, children: [] }))
    out.push({ id: n.id, name: n.name, children })
    listed.add(n.id)
    children.forEach((c) => listed.add(c.id))
  }
  const topNodes = tops.map((id) => byId.get(id)).filter((n): n is UnitNode => !!n && reports(n))
  // A top that is a child of another top shows under it, not again at the top.
  const topIds = new Set(topNodes.map((n) => n.id))
  for (const n of topNodes) if (n.parent_id === null || !topIds.has(n.parent_id)) add(n)
  if (extra !== null && !listed.has(extra)) {
    const n = byId.get(extra)
    if (n && reports(n)) add(n)
  }
  return out
}

/** Every unit id of the picker's tree. */
export function pickerIds(units: readonly PickerUnit[]): number[] {
  return units.flatMap((u) => [u.id, ...pickerIds(u.children)])
}

/**
 * The unit the page opens with: the one in the address when the picker
 * has it, else the user's own unit_admin grant (the forms they fill), then
 * an organiser grant, then the first unit offered; null when none.
 */
export function defaultFormUnit(units: readonly PickerUnit[], user: Principal, wanted: number | null): number | null {
  const ids = pickerIds(units)
  if (wanted !== null && ids.includes(wanted)) return wanted
  for (const role of ['unit_admin', 'organiser'] as const) {
    const g = user.grants.find((x) => x.role === role && ids.includes(x.unit_id))
    if (g) return g.unit_id
  }
  return ids[0] ?? null
}
