import { describe, expect, it } from 'vitest'
import type { PlanShape } from '@/api/display'
import { clampShape, newShape, nextBoothNumber, overlaps, planProblems, snap } from './plan-geometry'

const booth = (id: string, number: string, x: number, y: number): PlanShape => ({
  id, kind: 'booth', x, y, w: 3, h: 3, label: '', number, power: false,
})

describe('plan geometry', () => {
  it('snaps to whole cells and keeps shapes inside the site', () => {
    expect(snap(2.4)).toBe(2)
    expect(snap(2.6)).toBe(3)
    expect(clampShape(booth('a', 'A01', 29, -2), 30, 20)).toMatchObject({ x: 27, y: 0, w: 3, h: 3 })
  })

  it('finds overlaps of booths and the stage, not of touching booths', () => {
    expect(overlaps(booth('a', 'A01', 0, 0), booth('b', 'A02', 3, 0))).toBe(false)
    expect(overlaps(booth('a', 'A01', 0, 0), booth('b', 'A02', 2, 2))).toBe(true)
    const problems = planProblems([booth('a', 'A01', 0, 0), booth('b', 'A01', 2, 2), booth('c', 'A03', 29, 0)], 30, 20)
    expect(problems).toContain('展位号 A01 重复')
    expect(problems).toContain('A01 与 A01 重叠')
    expect(problems.some((p) => p.includes('超出场地范围'))).toBe(true)
  })

  it('numbers new booths after the highest and places them where nothing is', () => {
    const shapes = [booth('a', 'A01', 1, 1), booth('b', 'A07', 5, 1)]
    expect(nextBoothNumber(shapes)).toBe('A08')
    const s = newShape('booth', shapes)
    expect(s.number).toBe('A08')
    expect(shapes.some((o) => overlaps(o, s))).toBe(false)
  })
})
