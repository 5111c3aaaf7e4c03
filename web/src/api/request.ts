// The one place that speaks HTTP: unwraps the server's envelope, adds the
// CSRF header to state-changing requests and turns errors into ApiError.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

interface Envelope<T> {
  ok: boolean
  data?: T
  error?: { code: string; message: string; field?: string | null }
}

let csrfToken = ''
let onUnauthenticated: (() => void) | null = null

export function setCsrfToken(token: string): void {
  csrfToken = token
}

export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler
}

// Parses a response body into data or an ApiError (exported for tests).
export function unwrap<T>(status: number, text: string): T {
  let env: Envelope<T> | null = null
  try {
    env = JSON.parse(text) as Envelope<T>
  } catch {
    env = null
  }
  if (env && env.ok) return env.data as T
  if (env && env.error) {
    throw new ApiError(status, env.error.code, env.error.message, env.error.field || null)
  }
  throw new ApiError(status, 'internal', `服务器返回了无法识别的响应（HTTP ${status}）`, null)
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export async function request<T>(
  method: Method,
  url: string,
  body?: unknown,
  raw?: { data: Blob | ArrayBuffer; contentType: string; fileName?: string },
): Promise<T> {
  const headers: Record<string, string> = {}
  let payload: BodyInit | undefined
  if (raw) {
    headers['Content-Type'] = raw.contentType
    if (raw.fileName) headers['X-File-Name'] = encodeURIComponent(raw.fileName)
    payload = raw.data
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  let res: Response
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试', null)
  }
  const text = await res.text()
  try {
    return unwrap<T>(res.status, text)
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && onUnauthenticated) onUnauthenticated()
    throw e
  }
}

export const http = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  put: <T>(url: string, body: unknown) => request<T>('PUT', url, body),
  del: <T>(url: string) => request<T>('DELETE', url),
}

// Builds "?a=1&b=x" from defined, non-empty values.
export function query(params: Record<string, string | number | undefined | null>): string {
  const parts: string[] = []
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}
