import { describe, expect, it } from 'vitest'
import { extractTicketToken, newScanId, RepeatFilter, ticketUrl } from './ticket-code'

const TOKEN = 'q3J9-xK_2mVb8TzA0pLw4g'

describe('extractTicketToken', () => {
  it('takes the code as typed, ignoring surrounding and inner spaces', () => {
    expect(extractTicketToken(TOKEN)).toBe(TOKEN)
    expect(extractTicketToken(`  ${TOKEN}\n`)).toBe(TOKEN)
    expect(extractTicketToken('q3J9-xK_2m Vb8TzA0pLw4g')).toBe(TOKEN)
  })

  it('takes the token out of the ticket page address the QR code holds', () => {
    expect(extractTicketToken(`http://10.1.2.3:8080/p/tickets/${TOKEN}`)).toBe(TOKEN)
    expect(extractTicketToken(`https://vw.example.cn/p/tickets/${TOKEN}?from=wechat#top`)).toBe(TOKEN)
    expect(extractTicketToken(`/p/tickets/${TOKEN}/`)).toBe(TOKEN)
    expect(extractTicketToken(`请凭此链接入场：https://vw.example.cn/p/tickets/${TOKEN} 谢谢`)).toBe(TOKEN)
    expect(extractTicketToken(`https://vw.example.cn/api/public/tickets/${TOKEN}/qr.svg`)).toBe(TOKEN)
  })

  it('refuses what is no ticket', () => {
    expect(extractTicketToken('')).toBeNull()
    expect(extractTicketToken('   ')).toBeNull()
    expect(extractTicketToken('abc')).toBeNull()
    expect(extractTicketToken('https://weixin.qq.com/r/abcdefghijk')).toBeNull()
    expect(extractTicketToken('报名凭证12345678')).toBeNull()
    expect(extractTicketToken('/p/tickets/%E0%A4%A')).toBeNull()
    expect(extractTicketToken('x'.repeat(101))).toBeNull()
  })
})

describe('ticketUrl', () => {
  it('is the page the QR code encodes', () => {
    expect(ticketUrl('http://127.0.0.1:8080', TOKEN)).toBe(`http://127.0.0.1:8080/p/tickets/${TOKEN}`)
    expect(ticketUrl('https://vw.example.cn/', TOKEN)).toBe(`https://vw.example.cn/p/tickets/${TOKEN}`)
    expect(extractTicketToken(ticketUrl('https://vw.example.cn', TOKEN))).toBe(TOKEN)
  })
})

describe('newScanId', () => {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

  it('uses randomUUID where the browser has it', () => {
    expect(newScanId({ randomUUID: () => 'from-browser', getRandomValues: (a) => a })).toBe('from-browser')
  })

  it('builds a version 4 UUID from random bytes on plain HTTP, where randomUUID is missing', () => {
    const rng = { getRandomValues: (a: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(a) }
    const ids = new Set(Array.from({ length: 200 }, () => newScanId(rng)))
    expect(ids.size).toBe(200)
    for (const id of ids) expect(id).toMatch(uuid)
    const zeros = { getRandomValues: (a: Uint8Array<ArrayBuffer>) => a }
    expect(newScanId(zeros)).toBe('00000000-0000-4000-8000-000000000000')
  })

  it('falls back when randomUUID throws outside a secure context', () => {
    const rng = {
      randomUUID: () => {
        throw new Error('insecure')
      },
      getRandomValues: (a: Uint8Array<ArrayBuffer>) => crypto.getRandomValues(a),
    }
    expect(newScanId(rng)).toMatch(uuid)
  })
})

describe('RepeatFilter', () => {
  it('takes the first read and drops the same code seen again within the window', () => {
    const f = new RepeatFilter(4000)
    expect(f.accept('a', 0)).toBe(true)
    expect(f.accept('a', 150)).toBe(false)
    expect(f.accept('b', 300)).toBe(true)
    expect(f.accept('a', 3000)).toBe(false)
  })

  it('counts a code held in front of the camera once, and again after it was taken away', () => {
    const f = new RepeatFilter(4000)
    expect(f.accept('a', 0)).toBe(true)
    // Held up for ten seconds: each read restarts the window.
    for (let t = 1000; t <= 10_000; t += 1000) expect(f.accept('a', t)).toBe(false)
    expect(f.accept('a', 15_000)).toBe(true)
  })
})
