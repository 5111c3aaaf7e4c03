import type { Grant } from '@/api/users'

/** The units the user may publish notices as: unit admin or reviewer grants, once each. */
export function publisherUnits(grants: readonly Pick<Grant, 'unit_id' | 'unit_name' | 'role'>[]): { id: number; name: string }[] {
  const seen = new Map<number, string>()
  for (const g of grants) {
    if ((g.role === 'unit_admin' || g.role === 'reviewer') && !seen.has(g.unit_id)) seen.set(g.unit_id, g.unit_name)
  }
  return [...seen].map(([id, name]) => ({ id, name }))
}

/** "已签收 3 / 21". */
export function ackText(acknowledged: number, total: number): string {
  return `已签收 ${acknowledged} / ${total}`
}
