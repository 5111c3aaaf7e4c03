import { describe, expect, it } from 'vitest'
import { cameraErrorText, centreSquare } from './scan-frame'

describe('centreSquare', () => {
  it('reads the centred square of a landscape or portrait frame, scaled to at most 480 pixels', () => {
    expect(centreSquare(1280, 720)).toEqual({ sx: 280, sy: 0, size: 720, out: 480 })
    expect(centreSquare(720, 1280)).toEqual({ sx: 0, sy: 280, size: 720, out: 480 })
    expect(centreSquare(320, 240)).toEqual({ sx: 40, sy: 0, size: 240, out: 240 })
  })

  it('waits for the video to have a size', () => {
    expect(centreSquare(0, 0)).toBeNull()
  })
})

describe('cameraErrorText', () => {
  const err = (name: string) => Object.assign(new Error(name), { name })

  it('explains that plain HTTP has no camera', () => {
    expect(cameraErrorText(err('NotAllowedError'), false)).toMatch(/HTTPS/)
  })

  it('tells a refused permission from a missing or busy camera', () => {
    expect(cameraErrorText(err('NotAllowedError'), true)).toMatch(/没有摄像头权限/)
    expect(cameraErrorText(err('NotFoundError'), true)).toMatch(/没有找到可用的摄像头/)
    expect(cameraErrorText(err('NotReadableError'), true)).toMatch(/占用/)
    expect(cameraErrorText('weird', true)).toMatch(/无法打开摄像头/)
  })
})
