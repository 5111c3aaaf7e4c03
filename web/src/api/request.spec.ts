import { describe, expect, it } from 'vitest'
import { ApiError, query, unwrap } from './request'

describe('unwrap', () => {
  it('returns data of a success envelope', () => {
    expect(unwrap<{ a: number }>(200, '{"ok":true,"data":{"a":1}}')).toEqual({ a: 1 })
  })
  it('throws ApiError with code, Chinese message and field', () => {
    try {
      unwrap(400, '{"ok":false,"error":{"code":"invalid_argument","message":"请填写单位名称","field":"name"}}')
      throw new Error('no throw')
    } catch (e) {
      expect(e).toBeInstanceOf(ApiError)
      const err = e as ApiError
      expect(err.status).toBe(400)
      expect(err.code).toBe('invalid_argument')
      expect(err.message).toBe('请填写单位名称')
      expect(err.field).toBe('name')
    }
  })
  it('turns a non-JSON body into a readable error', () => {
    expect(() => unwrap(502, '<html>Bad Gateway</html>')).toThrow(/HTTP 502/)
  })
})

describe('query', () => {
  it('skips empty values and encodes the rest', () => {
    expect(query({ unit_id: 3, keyword: '张 三', status: '', page: undefined })).toBe(
      '?unit_id=3&keyword=%E5%BC%A0%20%E4%B8%89',
    )
    expect(query({})).toBe('')
  })
})
