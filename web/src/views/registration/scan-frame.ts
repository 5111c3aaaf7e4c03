// Which part of a camera frame the QR decoder looks at: the centred square
// under the viewfinder, scaled down so a cheap phone decodes several frames a
// second on the main thread.

export interface FrameCrop {
  /** Source square in video pixels. */
  sx: number
  sy: number
  size: number
  /** Side of the (square) canvas the square is drawn into. */
  out: number
}

/** The centred square of a `width`×`height` frame, drawn at most `maxOut` pixels wide; null before the video has a size. */
export function centreSquare(width: number, height: number, maxOut = 480): FrameCrop | null {
  if (width <= 0 || height <= 0) return null
  const size = Math.min(width, height)
  return {
    sx: Math.floor((width - size) / 2),
    sy: Math.floor((height - size) / 2),
    size,
    out: Math.min(size, maxOut),
  }
}

/** Why the camera cannot be used, in words for the staff member; '' for unknown errors. */
export function cameraErrorText(e: unknown, secureContext: boolean): string {
  const name = e && typeof e === 'object' && 'name' in e ? String((e as { name: unknown }).name) : ''
  if (!secureContext) return '摄像头只能在 HTTPS 或本机地址下使用，请在下方输入凭证码签到'
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return '没有摄像头权限：请在浏览器设置中允许本网站使用摄像头，或在下方输入凭证码'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return '没有找到可用的摄像头，请在下方输入凭证码签到'
    case 'NotReadableError':
    case 'AbortError':
      return '摄像头被其他应用占用，请关闭其他应用后重试'
    default:
      return '无法打开摄像头，请在下方输入凭证码签到'
  }
}
