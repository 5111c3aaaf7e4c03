import type { TreeNode } from '@/api/types'

export interface UnitTreeItem extends TreeNode {
  children: UnitTreeItem[]
}

// Nests the flat list the server sends by parent_id; nodes whose parent is
// not visible become roots. Order within a level is the server's order.
export function buildUnitTree(nodes: TreeNode[]): UnitTreeItem[] {
  const byId = new Map<number, UnitTreeItem>()
  for (const n of nodes) byId.set(n.id, { ...n, children: [] })
  const roots: UnitTreeItem[] = []
  for (const n of nodes) {
    const item = byId.get(n.id) as UnitTreeItem
    const parent = n.parent_id !== null ? byId.get(n.parent_id) : undefined
    if (parent) parent.children.push(item)
    else roots.push(item)
  }
  return roots
}
