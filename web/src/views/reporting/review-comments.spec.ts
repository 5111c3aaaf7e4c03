import { describe, expect, it } from 'vitest'
import { boardLink, commentsToSend, previousComments } from './review-comments'

describe('review comments', () => {
  it('sends the written comments trimmed and leaves the empty boxes out', () => {
    expect(commentsToSend({ media_city: ' 漏报一篇 ', work_plan: '   ', qq: '' })).toEqual({ media_city: '漏报一篇' })
  })

  it('reads the latest return by field', () => {
    const last = {
      id: 1,
      version: 3,
      comment: '请核对',
      returned_at: '2025-05-20T10:00:00+08:00',
      returned_by_name: '鄢涛',
      fields: [{ field: 'media_city', label: '市（州）级媒体报道数', text: '漏报一篇' }],
    }
    expect(previousComments(last)).toEqual({ media_city: '漏报一篇' })
    expect(previousComments(null)).toEqual({})
  })

  it('goes back to the parent board of the form', () => {
    expect(boardLink('statistics', 7)).toEqual({ path: '/reports/review', query: { form: 'statistics', unit_id: '7' } })
    expect(boardLink('summary', null)).toEqual({ path: '/reports/review', query: { form: 'summary' } })
  })
})
