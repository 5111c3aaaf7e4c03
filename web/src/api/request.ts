// The one module that speaks HTTP to the server. It sends JSON with the CSRF
// header, unwraps the {ok, data | error} envelope and turns every failure into
// an ApiError; nothing else in the app looks at status codes or envelopes.

export type ErrorCode =
  | 'invalid_argument'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'password_change_required'
  | 'internal'
  | 'unavailable'
  | 'network'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly field: string | null,
    /** The whole `error` object of the envelope: some answers carry more (`would_drop`). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** A stale version or a state that moved meanwhile: the server's 409 (`conflict`). */
export function isConflict(e: unknown): e is ApiError {
  return e instanceof ApiError && (e.status === 409 || e.code === 'conflict')
}

interface Envelope<T> {
  ok: boolean
  data?: T
  error?: { code: string; message: string; field?: string | null; [extra: string]: unknown }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>
type Method = 'GET' | 'POST' | 'PUT' | 'DELETE'

export interface RequestOptions {
  method?: Method
  query?: QueryParams
  /** Sent as JSON. */
  body?: unknown
  /** Sent as the raw request body (imports), instead of `body`. */
  file?: { data: Blob; contentType: string; name: string }
  /**
   * Told how much of `file` has gone out (bytes sent, total); the last call
   * comes when the upload is complete and the server is working on it.
   */
  onUploadProgress?: (sent: number, total: number) => void
  /**
   * A 401 here is an answer, not a lost session (wrong password at login, the
   * start-up probe of /api/auth/me): do not call the unauthenticated handler.
   */
  expect401?: boolean
}

let csrfToken = ''
let onUnauthenticated: (() => void) | null = null
let onPasswordChangeRequired: (() => void) | null = null

export function setCsrfToken(token: string): void {
  csrfToken = token
}

/** Called on any unexpected 401: the session is gone (expired, logged out elsewhere). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler
}

/**
 * Called when the server refuses a call because the user must first set a new
 * password (after an administrator's reset, or a new account's first login).
 */
export function setPasswordChangeRequiredHandler(handler: (() => void) | null): void {
  onPasswordChangeRequired = handler
}

/** Tells the app-wide handlers about an error that concerns the whole session. */
function notifySession(e: unknown, expect401 = false): void {
  if (!(e instanceof ApiError)) return
  if (e.status === 401 && !expect401) onUnauthenticated?.()
  if (e.status === 403 && e.code === 'password_change_required') onPasswordChangeRequired?.()
}

function readCookie(name: string): string {
  if (typeof document === 'undefined') return ''
  const hit = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`))
  return hit ? decodeURIComponent(hit.slice(name.length + 1)) : ''
}

/** Builds "?a=1&b=x" from the defined, non-empty values. */
export function buildQuery(params: QueryParams = {}): string {
  const parts: string[] = []
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue
    parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  }
  return parts.length ? `?${parts.join('&')}` : ''
}

/**
 * Turns a response body into its data, or throws ApiError carrying the
 * server's code, Chinese message and offending field.
 */
export function unwrap<T>(status: number, text: string): T {
  let env: Envelope<T> | null
  try {
    env = JSON.parse(text) as Envelope<T>
  } catch {
    env = null
  }
  if (env && env.ok === true && status < 400) return env.data as T
  if (env && env.error) {
    throw new ApiError(status, env.error.code, env.error.message, env.error.field ?? null, env.error)
  }
  throw new ApiError(status, 'internal', `服务器返回了无法识别的响应（HTTP ${status}）`, null)
}

export async function request<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { Accept: 'application/json' }
  let payload: BodyInit | undefined
  if (options.file) {
    headers['Content-Type'] = options.file.contentType
    headers['X-File-Name'] = encodeURIComponent(options.file.name)
    payload = options.file.data
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(options.body)
  }
  if (method !== 'GET') {
    const token = csrfToken || readCookie('vw_csrf')
    if (token) headers['X-CSRF-Token'] = token
  }
  let status: number
  let text: string
  try {
    const target = url + buildQuery(options.query)
    ;({ status, text } =
      options.onUploadProgress && options.file
        ? await sendWithProgress(method, target, headers, options.file.data, options.onUploadProgress)
        : await sendWithFetch(method, target, headers, payload))
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试', null)
  }
  try {
    return unwrap<T>(status, text)
  } catch (e) {
    notifySession(e, options.expect401)
    throw e
  }
}

interface RawAnswer {
  status: number
  text: string
}

async function sendWithFetch(method: Method, url: string, headers: Record<string, string>, body?: BodyInit): Promise<RawAnswer> {
  const res = await fetch(url, { method, headers, body, credentials: 'same-origin' })
  return { status: res.status, text: await res.text() }
}

/** fetch() cannot report upload progress; XMLHttpRequest can. Rejects on a network failure only. */
function sendWithProgress(
  method: Method,
  url: string,
  headers: Record<string, string>,
  body: Blob,
  onProgress: (sent: number, total: number) => void,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open(method, url)
    xhr.withCredentials = true
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v)
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : body.size)
    xhr.upload.onload = () => onProgress(body.size, body.size)
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText })
    xhr.onerror = () => reject(new Error('network'))
    xhr.send(body)
  })
}

/**
 * The file name a Content-Disposition header carries: the UTF-8 form
 * (filename*=UTF-8''…) when present, else the plain one, else `fallback`.
 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // a malformed escape: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header)
  return plain ? plain[1].trim() : fallback
}

/**
 * Downloads a file the server answers to a GET (exports, templates) and saves
 * it under the server's file name. A failure arrives as the JSON envelope and
 * is thrown as ApiError, so the page can show why instead of saving an error.
 */
export async function download(url: string, query: QueryParams = {}, fallbackName = 'download'): Promise<string> {
  let res: Response
  try {
    res = await fetch(url + buildQuery(query), { credentials: 'same-origin' })
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试', null)
  }
  if (!res.ok) {
    const text = await res.text()
    try {
      unwrap<never>(res.status, text)
    } catch (e) {
      notifySession(e)
      throw e
    }
  }
  const name = fileNameFromDisposition(res.headers.get('Content-Disposition'), fallbackName)
  const blob = await res.blob()
  const href = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = href
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
  return name
}

export const http = {
  get: <T>(url: string, query?: QueryParams) => request<T>(url, { query }),
  post: <T>(url: string, body: unknown = {}) => request<T>(url, { method: 'POST', body }),
  put: <T>(url: string, body: unknown) => request<T>(url, { method: 'PUT', body }),
  delete: <T = unknown>(url: string) => request<T>(url, { method: 'DELETE' }),
}
