import { describe, expect, it } from 'vitest'
import { formatBytes, SCAN_MAX_BYTES, scanFileProblem } from './form-scans'

describe('scanFileProblem', () => {
  it('accepts PDF, JPG and PNG up to 10 MB', () => {
    expect(scanFileProblem({ name: '统计表盖章.pdf', size: 1024 })).toBe('')
    expect(scanFileProblem({ name: 'scan.JPEG', size: 1024 })).toBe('')
    expect(scanFileProblem({ name: 'scan.jpg', size: SCAN_MAX_BYTES })).toBe('')
    expect(scanFileProblem({ name: 'scan.png', size: 5 })).toBe('')
  })

  it('refuses other types, empty files and more than 10 MB', () => {
    expect(scanFileProblem({ name: '统计表.xlsx', size: 1024 })).toBe('请上传 PDF、JPG 或 PNG 格式的盖章扫描件')
    expect(scanFileProblem({ name: 'pdf', size: 1024 })).toBe('请上传 PDF、JPG 或 PNG 格式的盖章扫描件')
    expect(scanFileProblem({ name: 'a.pdf', size: 0 })).toBe('文件是空的，请重新选择')
    expect(scanFileProblem({ name: 'a.pdf', size: SCAN_MAX_BYTES + 1 })).toBe('文件过大（10.0 MB），盖章扫描件不能超过 10 MB')
  })
})

describe('formatBytes', () => {
  it('writes sizes for people', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(2048)).toBe('2.0 KB')
    expect(formatBytes(3.5 * 1024 * 1024)).toBe('3.5 MB')
    expect(formatBytes(-1)).toBe('')
  })
})
