import { describe, expect, it } from 'vitest'
import { ApiError } from './request'
import {
  resumeKey,
  uploadInChunks,
  uploadResumable,
  type MediaBlob,
  type MediaTransport,
  type MediaUpload,
  type ResumeStore,
} from './media'

// A server in memory: keeps the bytes received and refuses a chunk that does
// not start where the last one ended, as the real one does.
function fakeServer(failAt: number[] = []) {
  const sent: number[] = []
  let upload: MediaUpload = {
    id: 9,
    unit_id: 3,
    kind: 'image',
    name: '',
    size: 0,
    received: 0,
    status: 'open',
    blob_id: null,
    chunk_limit: 4,
  }
  const transport: MediaTransport = {
    async create(body) {
      upload = { ...upload, name: body.name, size: body.size }
      return { ...upload }
    },
    async status() {
      const rest = { ...upload }
      delete rest.chunk_limit
      return rest
    },
    async chunk(_id, offset, data) {
      sent.push(offset)
      if (offset !== upload.received) throw new ApiError(409, 'conflict', '偏移不对', 'offset')
      upload = { ...upload, received: offset + data.size }
      if (failAt.includes(offset)) {
        failAt.splice(failAt.indexOf(offset), 1)
        throw new ApiError(0, 'network', '无法连接服务器', null) // the answer was lost
      }
      return { ...upload }
    },
    async complete(): Promise<MediaBlob> {
      return {
        id: 77,
        unit_id: 3,
        kind: 'image',
        name: upload.name,
        sha256: 'x',
        mime: 'image/jpeg',
        bytes: upload.received,
        width: 1,
        height: 1,
        duration_ms: 0,
        variants: ['original'],
        created_at: '',
      }
    },
  }
  return { transport, sent, get upload() { return upload } }
}

const file = () => new File(['0123456789'], '运动会.jpg', { type: 'image/jpeg' })

describe('chunked uploads', () => {
  it('sends the file in chunks of the size the server allows and completes it', async () => {
    const server = fakeServer()
    const progress: number[] = []
    const blob = await uploadInChunks(file(), {
      unitId: 3,
      kind: 'image',
      transport: server.transport,
      onProgress: (sent) => progress.push(sent),
    })
    expect(server.sent).toEqual([0, 4, 8])
    expect(blob.bytes).toBe(10)
    expect(progress.at(-1)).toBe(10)
    expect(server.upload.name).toBe('运动会.jpg')
  })

  it('asks the server where to resume after a lost answer instead of resending', async () => {
    const server = fakeServer([4])
    const blob = await uploadInChunks(file(), { unitId: 3, kind: 'image', transport: server.transport })
    // The chunk at 4 arrived though its answer was lost: the next one starts at 8.
    expect(server.sent).toEqual([0, 4, 8])
    expect(blob.bytes).toBe(10)
  })

  it('continues an upload begun earlier from what the server has', async () => {
    const server = fakeServer()
    await server.transport.create({ unit_id: 3, name: 'a.jpg', size: 10, kind: 'image' })
    await server.transport.chunk(9, 0, new Blob(['0123']))
    server.sent.length = 0
    await uploadInChunks(file(), { unitId: 3, kind: 'image', transport: server.transport, resumeId: 9 })
    expect(server.sent[0]).toBe(4)
  })

  it('throws the file errors at once', async () => {
    const server = fakeServer()
    server.transport.chunk = async () => {
      throw new ApiError(415, 'unsupported_media_type', '【文件】不是支持的图片格式（JPEG、PNG、WebP、GIF）', 'file')
    }
    await expect(uploadInChunks(file(), { unitId: 3, kind: 'image', transport: server.transport })).rejects.toThrow(
      '不是支持的图片格式',
    )
  })

  it('retries each chunk afresh: many lost answers over a long upload still arrive', async () => {
    const server = fakeServer([0, 4, 8])
    const blob = await uploadInChunks(file(), { unitId: 3, kind: 'image', transport: server.transport, retries: 1 })
    expect(blob.bytes).toBe(10)
  })

  it('stops when the server has given the upload up', async () => {
    const server = fakeServer()
    server.transport.status = async () => ({ ...server.upload, status: 'failed', error: '文件已损坏' })
    server.transport.chunk = async () => {
      throw new ApiError(409, 'conflict', '上传已结束', null)
    }
    await expect(uploadInChunks(file(), { unitId: 3, kind: 'image', transport: server.transport })).rejects.toThrow('文件已损坏')
  })
})

function memoryStore(): ResumeStore & { map: Map<string, number> } {
  const map = new Map<string, number>()
  return { map, get: (k) => map.get(k), set: (k, v) => void map.set(k, v), delete: (k) => void map.delete(k) }
}

describe('resumable uploads', () => {
  it('remembers an interrupted upload and continues it when the same file is chosen again', async () => {
    const server = fakeServer()
    const store = memoryStore()
    const f = file()
    const chunk = server.transport.chunk
    server.transport.chunk = async (id, offset, data) => {
      if (offset === 4) throw new ApiError(0, 'network', '无法连接服务器', null)
      return chunk(id, offset, data)
    }
    await expect(uploadResumable(f, { unitId: 3, kind: 'image', transport: server.transport, store, retries: 0 })).rejects.toThrow()
    expect(store.map.get(resumeKey(f, 3, 'image'))).toBe(9)

    server.transport.chunk = chunk
    server.sent.length = 0
    const blob = await uploadResumable(f, { unitId: 3, kind: 'image', transport: server.transport, store })
    expect(server.sent).toEqual([4]) // the rest in one chunk: a resumed upload's status does not name the limit
    expect(blob.bytes).toBe(10)
    expect(store.map.size).toBe(0)
  })

  it('starts afresh when the server no longer has the remembered upload', async () => {
    const server = fakeServer()
    const store = memoryStore()
    const f = file()
    store.set(resumeKey(f, 3, 'image'), 5)
    server.transport.status = async () => {
      throw new ApiError(404, 'not_found', '上传不存在', null)
    }
    const blob = await uploadResumable(f, { unitId: 3, kind: 'image', transport: server.transport, store })
    expect(server.sent).toEqual([0, 4, 8])
    expect(blob.bytes).toBe(10)
  })

  it('forgets an upload whose file was refused', async () => {
    const server = fakeServer()
    const store = memoryStore()
    server.transport.chunk = async () => {
      throw new ApiError(415, 'unsupported_media_type', '不是图片', 'file')
    }
    await expect(uploadResumable(file(), { unitId: 3, kind: 'image', transport: server.transport, store })).rejects.toThrow('不是图片')
    expect(store.map.size).toBe(0)
  })
})
