import { ApiError, isConflict, request } from './request'

// The material library's files: resumable chunked uploads and stored files
// (server/src/media/, ARCHITECTURE.md "Media").

export type MediaKind = 'image' | 'video'
export type MediaVariant = 'original' | 'web' | 'thumb' | 'poster'

export interface MediaUpload {
  id: number
  unit_id: number
  kind: MediaKind
  name: string
  size: number
  received: number
  status: 'open' | 'processing' | 'done' | 'failed'
  blob_id: number | null
  error?: string
  /** Bytes per chunk at most (in the answer to create only). */
  chunk_limit?: number
}

export interface MediaBlob {
  id: number
  unit_id: number
  kind: MediaKind
  name: string
  sha256: string
  mime: string
  bytes: number
  width: number
  height: number
  duration_ms: number
  variants: MediaVariant[]
  created_at: string
}

/** The calls an upload makes; tests pass a fake. */
export interface MediaTransport {
  create(body: { unit_id: number; name: string; size: number; kind: MediaKind }): Promise<MediaUpload>
  status(id: number): Promise<MediaUpload>
  chunk(id: number, offset: number, data: Blob, onProgress?: (sent: number) => void): Promise<MediaUpload>
  complete(id: number): Promise<MediaBlob>
}

export const mediaApi: MediaTransport = {
  create: (body) => request<MediaUpload>('/api/media/uploads', { method: 'POST', body }),
  status: (id) => request<MediaUpload>(`/api/media/uploads/${id}`),
  chunk: (id, offset, data, onProgress) =>
    request<MediaUpload>(`/api/media/uploads/${id}/chunks`, {
      method: 'PUT',
      query: { offset },
      file: { data, contentType: 'application/octet-stream', name: '' },
      onUploadProgress: onProgress ? (sent) => onProgress(sent) : undefined,
    }),
  complete: (id) => request<MediaBlob>(`/api/media/uploads/${id}/complete`, { method: 'POST', body: {} }),
}

/** Where a stored file's version is downloaded (for <img src>). */
export function mediaUrl(blobId: number, variant: MediaVariant): string {
  return `/api/media/blobs/${blobId}/${variant}`
}

export const DEFAULT_CHUNK = 4 * 1024 * 1024

export interface ChunkedUploadOptions {
  unitId: number
  kind: MediaKind
  /** Bytes sent so far and the file's size, as chunks go out. */
  onProgress?: (sent: number, total: number) => void
  /** Called once the upload exists, so a page can resume it later. */
  onCreated?: (upload: MediaUpload) => void
  /** An upload begun earlier: continue from what the server has. */
  resumeId?: number
  /** Failed chunks retried (after asking the server where to resume). */
  retries?: number
  transport?: MediaTransport
}

/**
 * Sends `file` in chunks and completes it. A chunk that fails on the network
 * or with a conflict (another tab, a retried request) is not guessed at: the
 * server's `received` says where to go on. Errors of the file itself (type,
 * size, dimensions) are thrown at once. `retries` counts per chunk: a long
 * video over a weak phone connection may lose many answers and still arrive.
 */
export async function uploadInChunks(file: File, options: ChunkedUploadOptions): Promise<MediaBlob> {
  const api = options.transport ?? mediaApi
  const total = file.size
  let upload =
    options.resumeId !== undefined
      ? await api.status(options.resumeId)
      : await api.create({ unit_id: options.unitId, name: file.name, size: total, kind: options.kind })
  options.onCreated?.(upload)
  const chunkSize = Math.max(1, upload.chunk_limit ?? DEFAULT_CHUNK)
  const allowed = options.retries ?? 3
  let retries = allowed
  let offset = upload.received
  options.onProgress?.(offset, total)
  while (offset < total) {
    if (upload.status === 'failed') throw new ApiError(422, 'invalid_argument', upload.error || '上传失败，请重新选择文件', null)
    const end = Math.min(total, offset + chunkSize)
    const start = offset
    try {
      upload = await api.chunk(upload.id, start, file.slice(start, end), (sent) =>
        options.onProgress?.(Math.min(total, start + sent), total),
      )
      offset = upload.received
      retries = allowed
    } catch (e) {
      const retriable = (e instanceof ApiError && e.code === 'network') || isConflict(e)
      if (!retriable || retries <= 0) throw e
      retries -= 1
      upload = await api.status(upload.id)
      offset = upload.received
      if (offset > start) retries = allowed // the chunk did arrive: the next one has its own retries
    }
    options.onProgress?.(offset, total)
  }
  return api.complete(upload.id)
}

/** Where a page remembers its unfinished uploads, so choosing the same file again resumes it. */
export interface ResumeStore {
  get(key: string): number | undefined
  set(key: string, uploadId: number): void
  delete(key: string): void
}

const RESUME_KEY = 'vocweek.uploads'

/** The browser's localStorage (survives a reload or a closed tab on a phone). */
export const localResumeStore: ResumeStore = {
  get(key) {
    const map = readResumeMap()
    return typeof map[key] === 'number' ? map[key] : undefined
  },
  set(key, uploadId) {
    const map = readResumeMap()
    map[key] = uploadId
    const keys = Object.keys(map)
    for (const old of keys.slice(0, Math.max(0, keys.length - 50))) delete map[old] // bounded
    localStorage.setItem(RESUME_KEY, JSON.stringify(map))
  },
  delete(key) {
    const map = readResumeMap()
    delete map[key]
    localStorage.setItem(RESUME_KEY, JSON.stringify(map))
  },
}

function readResumeMap(): Record<string, number> {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(RESUME_KEY) ?? '{}')
    return v && typeof v === 'object' ? (v as Record<string, number>) : {}
  } catch {
    return {}
  }
}

/** The same file chosen again for the same unit: name, size and modification time. */
export function resumeKey(file: File, unitId: number, kind: MediaKind): string {
  return `${unitId}:${kind}:${file.size}:${file.lastModified}:${file.name}`
}

/**
 * Uploads `file`, continuing an upload of the same file begun earlier (this
 * page or one before it). An upload the server no longer has (finished long
 * ago, cleaned up, another user's) starts afresh.
 */
export async function uploadResumable(
  file: File,
  options: ChunkedUploadOptions & { store?: ResumeStore },
): Promise<MediaBlob> {
  const store = options.store ?? localResumeStore
  const key = resumeKey(file, options.unitId, options.kind)
  const remembered = store.get(key)
  const run = (resumeId?: number) =>
    uploadInChunks(file, {
      ...options,
      resumeId,
      onCreated: (u) => {
        store.set(key, u.id)
        options.onCreated?.(u)
      },
    })
  try {
    let blob: MediaBlob
    try {
      blob = await run(remembered)
    } catch (e) {
      const gone = remembered !== undefined && e instanceof ApiError && (e.code === 'not_found' || e.status === 404)
      if (!gone) throw e
      store.delete(key)
      blob = await run(undefined)
    }
    store.delete(key)
    return blob
  } catch (e) {
    // The file itself was refused: choosing it again must not resume a failed upload.
    if (!(e instanceof ApiError && e.code === 'network')) store.delete(key)
    throw e
  }
}
