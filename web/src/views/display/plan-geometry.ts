import type { PlanShape, ShapeKind } from '@/api/display'

// The plan editor's arithmetic, kept apart from the SVG so it is tested alone.
// Shapes live on a grid of whole cells (1 cell = 1 m); the server checks the
// same rules again (docs/display.md).

export const kindNames: Record<ShapeKind, string> = {
  zone: '区域',
  booth: '展位',
  stage: '舞台',
  entrance: '出入口',
  power: '电源点',
}

export const kindFills: Record<ShapeKind, string> = {
  zone: '#eef2fc',
  booth: '#fff5db',
  stage: '#fad9d9',
  entrance: '#d9f2de',
  power: '#ffe566',
}

/** Rounds to the nearest whole cell. */
export function snap(value: number): number {
  return Math.round(value)
}

/** Keeps a shape inside the site (moving it, never shrinking below one cell). */
export function clampShape(s: PlanShape, width: number, height: number): PlanShape {
  const w = Math.max(1, Math.min(s.w, width))
  const h = Math.max(1, Math.min(s.h, height))
  const x = Math.max(0, Math.min(s.x, width - w))
  const y = Math.max(0, Math.min(s.y, height - h))
  return { ...s, x, y, w, h }
}

/** Whether two shapes share area (touching edges do not). */
export function overlaps(a: PlanShape, b: PlanShape): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

const solid = (s: PlanShape) => s.kind === 'booth' || s.kind === 'stage'

/** The problems the server would refuse, in Chinese, first ones first. */
export function planProblems(shapes: PlanShape[], width: number, height: number): string[] {
  const out: string[] = []
  const numbers = new Set<string>()
  for (const s of shapes) {
    if (s.x < 0 || s.y < 0 || s.x + s.w > width || s.y + s.h > height) out.push(`${kindNames[s.kind]} ${s.number || s.label || s.id} 超出场地范围`)
    if (s.kind === 'booth') {
      if (!s.number) out.push('有展位没有编号')
      else if (numbers.has(s.number)) out.push(`展位号 ${s.number} 重复`)
      else numbers.add(s.number)
    }
  }
  for (let i = 0; i < shapes.length; i++) {
    for (let j = i + 1; j < shapes.length; j++) {
      const a = shapes[i]
      const b = shapes[j]
      if (!solid(a) || !solid(b) || (a.kind === 'stage' && b.kind === 'stage')) continue
      if (overlaps(a, b)) out.push(`${a.number || kindNames[a.kind]} 与 ${b.number || kindNames[b.kind]} 重叠`)
    }
  }
  return out
}

/** The next free booth number after the highest "A07"-like one ("A01" first). */
export function nextBoothNumber(shapes: PlanShape[], prefix = 'A'): string {
  let max = 0
  for (const s of shapes) {
    const m = s.kind === 'booth' && s.number ? /^([A-Z]*)(\d+)$/.exec(s.number) : null
    if (m && m[1] === prefix) max = Math.max(max, Number(m[2]))
  }
  return `${prefix}${String(max + 1).padStart(2, '0')}`
}

/** A fresh shape id not in use. */
export function nextShapeId(shapes: PlanShape[]): string {
  const used = new Set(shapes.map((s) => s.id))
  let i = shapes.length + 1
  while (used.has(`s${i}`)) i++
  return `s${i}`
}

/** A new shape of `kind` at a free-looking spot near the top left. */
export function newShape(kind: ShapeKind, shapes: PlanShape[], width = 40): PlanShape {
  const size: Record<ShapeKind, [number, number]> = {
    zone: [10, 6],
    booth: [3, 3],
    stage: [8, 5],
    entrance: [3, 1],
    power: [1, 1],
  }
  const [w, h] = size[kind]
  const s: PlanShape = { id: nextShapeId(shapes), kind, x: 1, y: 1, w, h, label: '' }
  if (kind === 'booth') {
    s.number = nextBoothNumber(shapes)
    s.power = false
  }
  if (solid(s)) {
    // Step right (then down) until the shape overlaps nothing solid.
    for (let tries = 0; tries < 400 && shapes.some((o) => solid(o) && overlaps(o, s)); tries++) {
      s.x += w + 1
      if (s.x + w > width) {
        s.x = 1
        s.y += h + 1
      }
    }
  }
  return s
}
