import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { decidePublicityItem, deletePublicityItem, getPublicityItems, pushPublicityItem } from './publicity'

// The calls go where docs/publicity.md says, with what it says.
describe('publicity API', () => {
  const fetchMock = vi.fn<typeof fetch>()
  const answer = (data: unknown) => fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ ok: true, data })))
  const sent = () => {
    const [url, init] = fetchMock.mock.calls[0]
    return { url: String(url), method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined }
  }
  beforeEach(() => {
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('lists a scope with only the filters chosen', async () => {
    answer({ items: [], total: 0 })
    await getPublicityItems({ campaign_id: 1, unit_id: 7, scope: 'inbox', kind: '', status: 'submitted', theme_day_id: null, q: '' })
    expect(sent().url).toBe('/api/publicity/items?campaign_id=1&unit_id=7&scope=inbox&status=submitted')
  })

  it('sends a decision with the version read and the comment', async () => {
    answer({})
    await decidePublicityItem(5, 'return', 3, '请补充照片说明')
    expect(sent()).toEqual({ url: '/api/publicity/items/5/return', method: 'POST', body: { version: 3, comment: '请补充照片说明' } })
  })

  it('pushes with the outlets and deletes a draft by its version', async () => {
    answer({})
    const outlets = [{ outlet: '四川日报', level: 'provincial' as const, published_on: '2025-05-16', url: '' }]
    await pushPublicityItem(5, 4, outlets)
    expect(sent()).toEqual({ url: '/api/publicity/items/5/push', method: 'POST', body: { version: 4, outlets } })
    fetchMock.mockReset()
    answer({})
    await deletePublicityItem(6, 1)
    expect(sent()).toMatchObject({ url: '/api/publicity/items/6?version=1', method: 'DELETE' })
  })
})
