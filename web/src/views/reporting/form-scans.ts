// Checks on a stamped scan (盖章扫描件) before it is sent: the server reads
// the type from the bytes and refuses more than 10 MB; this only spares a
// long upload that would be refused anyway.

export const SCAN_MAX_BYTES = 10 * 1024 * 1024
export const SCAN_ACCEPT = '.pdf,.jpg,.jpeg,.png'
const extensions = ['pdf', 'jpg', 'jpeg', 'png']

/** Why the file cannot be uploaded, or '' when it may. */
export function scanFileProblem(file: { name: string; size: number }): string {
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? ''
  if (!extensions.includes(ext)) return '请上传 PDF、JPG 或 PNG 格式的盖章扫描件'
  if (file.size <= 0) return '文件是空的，请重新选择'
  if (file.size > SCAN_MAX_BYTES) return `文件过大（${formatBytes(file.size)}），盖章扫描件不能超过 10 MB`
  return ''
}

/** 512 → "512 B", 2048 → "2.0 KB", 3.5 MB → "3.5 MB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return ''
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`
  return `${(n / 1024 / 1024).toFixed(1)} MB`
}
