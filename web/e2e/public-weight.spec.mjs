// Browser tests of the public site's weight (issue 17): every public page
// opened cold on a phone over a throttled 4G link, as from a WeChat link,
// downloads at most the budget of JS + CSS (scripts/public-weight.mjs checks
// the same figure in the build), and its first contentful paint is printed
// from Chromium's own paint timing (no timing assertions). The site works
// without the admin framework (Chinese texts of its Element Plus parts), and
// the admin pages still get it when a visitor goes on to 管理登录.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BUDGET_BYTES } from '../scripts/public-weight.mjs'
import { DEMO_PASSWORD, newPage, shot } from './support/browser.mjs'
import { sharedSession } from './support/session.mjs'

const { server, browser } = await sharedSession()
const base = server.base
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1440, height: 900 }
/** A phone on 4G: 9 Mbit/s down, 1.5 Mbit/s up, 150 ms round trip, a CPU four times slower than this one. */
const FOUR_G = { offline: false, latency: 150, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (1.5e6 / 8) | 0 }
const CPU_SLOWDOWN = 4

/** A published demo activity (the showcase day): its page and its sign-up page. */
async function demoActivityId() {
  const campaign = (await (await fetch(`${base}/api/public/campaigns/current`)).json()).data
  const list = (await (await fetch(`${base}/api/public/campaigns/${campaign.id}/activities?page_size=50`)).json()).data
  return list.items.find((a) => a.featured)?.id ?? list.items[0].id
}

/**
 * Opens `path` in a fresh browser (empty cache) on the throttled phone and
 * waits for `ready`. Returns the JS and CSS bytes that came over the wire
 * (bodies as sent, gzip) and Chromium's paint timings in milliseconds.
 */
async function coldLoad(path, ready) {
  const page = await newPage(browser, base)
  await page.setViewportSize(PHONE)
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  await cdp.send('Network.emulateNetworkConditions', FOUR_G)
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN })
  const responses = new Map()
  const bytes = { Script: 0, Stylesheet: 0, files: 0 }
  cdp.on('Network.responseReceived', (e) => responses.set(e.requestId, e))
  cdp.on('Network.loadingFinished', (e) => {
    const r = responses.get(e.requestId)
    if (!r || !(r.type in bytes)) return
    // The total less what had arrived with the headers: the body as sent.
    bytes[r.type] += e.encodedDataLength - r.response.encodedDataLength
    bytes.files++
  })
  await page.goto(path)
  await page.locator(ready).first().waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  const timing = await page.evaluate(async () => {
    const [nav] = performance.getEntriesByType('navigation')
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]
    // Largest contentful paint is only handed to an observer.
    const lcp = await new Promise((resolve) => {
      new PerformanceObserver((list) => resolve(list.getEntries().at(-1))).observe({ type: 'largest-contentful-paint', buffered: true })
      setTimeout(() => resolve(undefined), 1000)
    })
    return {
      fcp: fcp ? Math.round(fcp.startTime) : null,
      lcp: lcp ? Math.round(lcp.startTime) : null,
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
    }
  })
  assert.deepEqual(page.jsErrors, [], path)
  await page.context().close()
  return { path, js: bytes.Script, css: bytes.Stylesheet, files: bytes.files, ...timing }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`

describe('public site on a phone over 4G', () => {
  it('loads each public page within the byte budget and prints its first contentful paint', async () => {
    const id = await demoActivityId()
    // [path, what shows once the page is there, cold loads]: the home and an activity page,
    // the pages WeChat links open most, three times each for a median.
    const pages = [
      ['/p', '[data-test=site-theme]', 3],
      ['/p/programme', '[data-test=activity-card]', 1],
      [`/p/activities/${id}`, '[data-test=public-activity]', 3],
      [`/p/activities/${id}/register`, '.register-page > *', 1],
      ['/p/verify/ZZZZ-9999', '[data-test=verify-missing]', 1],
      ['/p/tickets/no-such-ticket', '.ticket-page > *', 1],
    ]
    const results = []
    for (const [path, ready, runs] of pages) {
      const loads = []
      for (let i = 0; i < runs; i++) loads.push(await coldLoad(path, ready))
      results.push(loads)
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1]
    const ms = (loads, key) => {
      const xs = loads.map((l) => l[key])
      return xs.length > 1 ? `${median(xs)} ms (${Math.min(...xs)}–${Math.max(...xs)})` : `${xs[0]} ms`
    }
    console.log(`public site, cold load on a 390 px phone, ${FOUR_G.latency} ms / 9 Mbit/s / CPU ×${CPU_SLOWDOWN}:`)
    for (const loads of results) {
      const r = loads[0]
      console.log(
        `  ${r.path.padEnd(30)} JS+CSS ${kb(r.js + r.css).padStart(9)} (JS ${kb(r.js)}, CSS ${kb(r.css)}, ${r.files} files)` +
          `  FCP ${ms(loads, 'fcp')}  LCP ${ms(loads, 'lcp')}  DOMContentLoaded ${ms(loads, 'domContentLoaded')}` +
          (loads.length > 1 ? ` (median of ${loads.length}, range)` : ''),
      )
    }
    for (const [r] of results) assert.ok(r.js + r.css <= BUDGET_BYTES, `${r.path}: ${kb(r.js + r.css)} of JS+CSS, budget ${kb(BUDGET_BYTES)}`)
  })

  it('shows the site in Chinese on a desktop and a phone, without the admin framework', async () => {
    const id = await demoActivityId()
    for (const [size, suffix] of [[DESKTOP, 'desktop'], [PHONE, 'phone']]) {
      const page = await newPage(browser, base)
      await page.setViewportSize(size)
      await page.goto('/p')
      await page.locator('[data-test=site-days] a').nth(6).waitFor()
      await shot(page, `public-weight-home-${suffix}`, true)

      await page.goto('/p/programme')
      await page.locator('[data-test=activity-card]').first().waitFor()
      await shot(page, `public-weight-programme-${suffix}`, true)
      // The filters are Element Plus parts loaded one by one: they still speak Chinese.
      if (suffix === 'phone') await page.locator('.filter-toggle').click()
      await page.locator('[data-test=filter-school]').click()
      await page.keyboard.type('不存在的学校')
      await page.locator('.el-select-dropdown:visible').getByText('无匹配数据').waitFor()
      await shot(page, `public-weight-programme-filter-${suffix}`)
      await page.keyboard.press('Escape')

      await page.goto(`/p/activities/${id}`)
      await page.locator('[data-test=public-activity]').waitFor()
      await shot(page, `public-weight-activity-${suffix}`, true)
      // Only the site's own parts: no admin layout styles, no globally registered el-* tags.
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--el-menu-item-height').trim()), '')
      assert.deepEqual(page.jsErrors, [])
      await page.context().close()
    }
  })

  it('loads the admin framework when a visitor goes on to 管理登录', async () => {
    const page = await newPage(browser, base)
    await page.goto('/p')
    await page.locator('[data-test=site-theme]').waitFor()
    await page.getByRole('link', { name: '管理登录' }).click()
    await page.waitForURL(/\/login$/)
    await page.fill('input[name=username]', 'sctc')
    await page.fill('input[name=password]', DEMO_PASSWORD)
    await page.click('button[type=submit]')
    await page.waitForSelector('[data-test=current-user]')
    // The side menu and the home page are Element Plus parts registered by the admin side.
    await page.locator('[data-test=side-menu] .el-menu-item').first().waitFor()
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).getPropertyValue('--el-menu-item-height').trim()), '')
    await shot(page, 'public-weight-admin-after-site')
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })
})
