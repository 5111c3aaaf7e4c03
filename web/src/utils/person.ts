/** A person as the pages show them: 姓名（单位）, the name alone, or `fallback` without a name. */
export function personLabel(name: string, unit: string, fallback = '—'): string {
  if (!name) return fallback
  return unit ? `${name}（${unit}）` : name
}

/** Who made a history entry: the server's 姓名（单位）, else the username, else 系统. */
export function actorLabel(entry: { actor?: string; username?: string }): string {
  return entry.actor || entry.username || '系统'
}
