import type { UnitNode } from '@/api/units'

export interface UnitTreeItem extends UnitNode {
  children: UnitTreeItem[]
}

/**
 * Nests the flat list GET /api/units/tree answers by parent_id. Nodes whose
 * parent is not in the list (the tops of the caller's grants) become roots.
 * Order within a level is the server's order.
 */
export function buildUnitTree(nodes: readonly UnitNode[]): UnitTreeItem[] {
  const byId = new Map<number, UnitTreeItem>()
  for (const n of nodes) byId.set(n.id, { ...n, children: [] })
  const roots: UnitTreeItem[] = []
  for (const n of nodes) {
    const item = byId.get(n.id)
    if (!item) continue
    const parent = n.parent_id !== null ? byId.get(n.parent_id) : undefined
    if (parent && parent !== item) parent.children.push(item)
    else roots.push(item)
  }
  return roots
}

/** The ids from `id` up to the topmost visible ancestor, `id` first. */
export function ancestorIds(nodes: readonly UnitNode[], id: number): number[] {
  const parentOf = new Map(nodes.map((n) => [n.id, n.parent_id]))
  const out: number[] = []
  let cur: number | null | undefined = id
  while (cur !== null && cur !== undefined && !out.includes(cur)) {
    out.push(cur)
    cur = parentOf.get(cur)
  }
  return out
}
