import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  buildQuery,
  fileNameFromDisposition,
  http,
  request,
  setCsrfToken,
  setPasswordChangeRequiredHandler,
  setUnauthenticatedHandler,
  unwrap,
} from './request'

describe('unwrap', () => {
  it('returns the data of a success envelope', () => {
    expect(unwrap<{ a: number }>(200, '{"ok":true,"data":{"a":1}}')).toEqual({ a: 1 })
  })

  it('returns lists as {items, total}', () => {
    expect(unwrap(200, '{"ok":true,"data":{"items":[{"id":1}],"total":7}}')).toEqual({ items: [{ id: 1 }], total: 7 })
  })

  it('throws ApiError with status, code, Chinese message and field', () => {
    const body = '{"ok":false,"error":{"code":"invalid_argument","message":"单位名称不能为空","field":"name"}}'
    const err = (() => {
      try {
        unwrap(400, body)
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 400, code: 'invalid_argument', message: '单位名称不能为空', field: 'name' })
  })

  it('gives a null field when the error names none', () => {
    expect(() => unwrap(409, '{"ok":false,"error":{"code":"conflict","message":"已被他人修改","field":null}}')).toThrow(
      expect.objectContaining({ code: 'conflict', field: null }),
    )
  })

  it('turns a body that is not the envelope into a readable error', () => {
    expect(() => unwrap(502, '<html>Bad Gateway</html>')).toThrow(/HTTP 502/)
    expect(() => unwrap(200, '{"ok":false}')).toThrow(ApiError)
  })
})

describe('buildQuery', () => {
  it('skips empty values and encodes the rest', () => {
    expect(buildQuery({ unit_id: 3, keyword: '张 三', status: '', page: undefined, x: null })).toBe(
      '?unit_id=3&keyword=%E5%BC%A0%20%E4%B8%89',
    )
    expect(buildQuery({})).toBe('')
  })
})

describe('request', () => {
  const fetchMock = vi.fn<typeof fetch>()
  const reply = (status: number, body: unknown) =>
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify(body), { status }))
  const sent = (call = 0) => {
    const [url, init] = fetchMock.mock.calls[call]
    return { url: String(url), init: init as RequestInit, headers: (init as RequestInit).headers as Record<string, string> }
  }

  beforeEach(() => {
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
    setCsrfToken('tok-1')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    setUnauthenticatedHandler(null)
    setPasswordChangeRequiredHandler(null)
    setCsrfToken('')
  })

  it('sends JSON with the CSRF token and the session cookie', async () => {
    reply(201, { ok: true, data: { id: 9 } })
    await expect(http.post('/api/units', { name: '新学院' })).resolves.toEqual({ id: 9 })
    const { url, init, headers } = sent()
    expect(url).toBe('/api/units')
    expect(init.method).toBe('POST')
    expect(init.credentials).toBe('same-origin')
    expect(headers['Content-Type']).toBe('application/json')
    expect(headers['X-CSRF-Token']).toBe('tok-1')
    expect(init.body).toBe('{"name":"新学院"}')
  })

  it('sends no CSRF header and no body on GET, with the query string', async () => {
    reply(200, { ok: true, data: { items: [], total: 0 } })
    await http.get('/api/users', { unit_id: 52, keyword: '' })
    const { url, init, headers } = sent()
    expect(url).toBe('/api/users?unit_id=52')
    expect(init.body).toBeUndefined()
    expect(headers['X-CSRF-Token']).toBeUndefined()
  })

  it('sends the CSRF header on PUT and DELETE too', async () => {
    reply(200, { ok: true, data: {} })
    reply(200, { ok: true, data: null })
    await http.put('/api/tasks/1', { status: 'done' })
    await http.delete('/api/tasks/1')
    expect(sent(0).headers['X-CSRF-Token']).toBe('tok-1')
    expect(sent(1).init.method).toBe('DELETE')
    expect(sent(1).headers['X-CSRF-Token']).toBe('tok-1')
  })

  it('uploads a file as the raw body with its type and name', async () => {
    reply(200, { ok: true, data: { valid: true, rows: 1, created: 0, errors: [] } })
    const file = new Blob(['a,b\n'], { type: 'text/csv' })
    await request('/api/imports/units', {
      method: 'POST',
      query: { dry_run: 1 },
      file: { data: file, contentType: 'text/csv', name: '单位.csv' },
    })
    const { url, init, headers } = sent()
    expect(url).toBe('/api/imports/units?dry_run=1')
    expect(init.body).toBe(file)
    expect(headers['Content-Type']).toBe('text/csv')
    expect(headers['X-File-Name']).toBe(encodeURIComponent('单位.csv'))
  })

  it('calls the unauthenticated handler on an unexpected 401', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    reply(401, { ok: false, error: { code: 'unauthenticated', message: '请先登录', field: null } })
    await expect(http.get('/api/units/tree')).rejects.toMatchObject({ status: 401, message: '请先登录' })
    expect(handler).toHaveBeenCalledOnce()
  })

  it('leaves an expected 401 (wrong password) to the caller', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    reply(401, { ok: false, error: { code: 'unauthenticated', message: '用户名或密码错误', field: null } })
    await expect(
      request('/api/auth/login', { method: 'POST', body: { username: 'a', password: 'b' }, expect401: true }),
    ).rejects.toMatchObject({ message: '用户名或密码错误' })
    expect(handler).not.toHaveBeenCalled()
  })

  it('does not treat 403 as a lost session', async () => {
    const handler = vi.fn()
    setUnauthenticatedHandler(handler)
    reply(403, { ok: false, error: { code: 'forbidden', message: '无权操作该单位', field: null } })
    await expect(http.get('/api/units/99')).rejects.toMatchObject({ status: 403, code: 'forbidden' })
    expect(handler).not.toHaveBeenCalled()
  })

  it('calls the password-change handler when the server wants a new password first', async () => {
    const changePassword = vi.fn()
    const lost = vi.fn()
    setPasswordChangeRequiredHandler(changePassword)
    setUnauthenticatedHandler(lost)
    reply(403, { ok: false, error: { code: 'password_change_required', message: '请先修改密码后再继续操作', field: null } })
    await expect(http.post('/api/units', { name: 'x' })).rejects.toMatchObject({ status: 403, code: 'password_change_required' })
    expect(changePassword).toHaveBeenCalledOnce()
    expect(lost).not.toHaveBeenCalled()
    reply(403, { ok: false, error: { code: 'forbidden', message: '无权访问该数据', field: null } })
    await expect(http.get('/api/units/99')).rejects.toMatchObject({ code: 'forbidden' })
    expect(changePassword).toHaveBeenCalledOnce()
  })

  it('reports an unreachable server in Chinese', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await expect(http.get('/api/roles')).rejects.toMatchObject({ status: 0, code: 'network', message: expect.stringMatching(/无法连接服务器/) })
  })
})

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name the server sends for Chinese file names', () => {
    const header = `attachment; filename="download.xlsx"; filename*=UTF-8''%E5%A4%A9%E5%A4%A9%E6%9C%89%E6%B4%BB%E5%8A%A8.xlsx`
    expect(fileNameFromDisposition(header, 'x')).toBe('天天有活动.xlsx')
  })

  it('falls back to the plain name, then to the given one', () => {
    expect(fileNameFromDisposition('attachment; filename="plan.xlsx"', 'x')).toBe('plan.xlsx')
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E5%ZZ; filename=\"a.ics\"", 'x')).toBe('a.ics')
    expect(fileNameFromDisposition(null, '活动.xlsx')).toBe('活动.xlsx')
    expect(fileNameFromDisposition('attachment', '活动.xlsx')).toBe('活动.xlsx')
  })
})
