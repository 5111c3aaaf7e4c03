/** A person as the pages show them: 姓名（单位）, the name alone, or `fallback` without a name. */
export function personLabel(name: string, unit: string, fallback = '—'): string {
  if (!name) return fallback
  return unit ? `${name}（${unit}）` : name
}
