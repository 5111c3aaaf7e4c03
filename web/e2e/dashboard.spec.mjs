// The dashboards on the played demo week (issue 20): the province's figures
// and charts, the live check-in count moving while a ticket is scanned at
// the door, the 数据大屏 and the public 主动公开 page. The server's clock is
// the tests' usual mid-week instant, so the door is open.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { after, before, describe, it } from 'node:test'
import { api, launchBrowser, loginAs, newPage } from './support/browser.mjs'
import { startServer } from './support/server.mjs'

const MID_WEEK = '2025-05-14T10:00:00+08:00'
const AFTER_THE_WEEK = '2025-05-26T10:00:00+08:00'
const shots = fileURLToPath(new URL('./screenshots/', import.meta.url))
mkdirSync(shots, { recursive: true })

// The dashboards keep an event stream open, so the page never goes network-idle.
async function snap(page, name) {
  await page.waitForTimeout(300)
  await page.screenshot({ path: `${shots}${name}.png`, fullPage: true })
}

let browser
let server
before(async () => {
  server = await startServer({ week: 'played', clock: MID_WEEK })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

const liveCount = async (page) => Number((await page.locator('[data-test=live-count]').innerText()).replace(/,/g, ''))

describe('dashboards', () => {
  it('the province dashboard shows the week, and the live count moves when a ticket is scanned', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto('/dashboard')
    await page.locator('[data-test=dashboard-title]').waitFor()
    await page.locator('[data-test=chart-days] canvas').waitFor()
    await page.locator('[data-test=chart-coverage] canvas').waitFor()
    assert.ok((await page.locator('[data-test=dashboard-row]').count()) > 3)
    assert.ok((await page.locator('[data-test=dashboard-chain]').count()) >= 2)
    await page.locator('[data-test=dashboard-no-previous]').waitFor()
    // The first live figure arrives within a round of the node's poller.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test=live-count]')?.textContent ?? ''))
    const before = await liveCount(page)
    await snap(page, 'dashboard-province')
    // The participants headline is the chart's sum; mid-week no form is
    // accepted, so coverage heads with the live rows, never a bare 0.00%.
    const current = await api(page, 'GET', '/api/public/campaigns/current')
    const dash = await api(page, 'GET', `/api/campaigns/${current.id}/dashboard/province`)
    assert.equal(dash.participants, dash.participants_per_day.reduce((a, b) => a + b, 0))
    const shown = (sel) => page.locator(`[data-test=${sel}] .value`).innerText()
    assert.equal(Number((await shown('figure-participants')).replace(/,/g, '')), dash.participants)
    assert.ok(dash.live.enrolled > 0)
    assert.equal(await shown('figure-coverage'), `${dash.live.coverage.toFixed(2)}%`)
    assert.notEqual(await shown('figure-coverage'), '0.00%')

    // A visitor signs up for a published activity of 智能制造学院 and is checked in at the door.
    const door = await loginAs(browser, server.base, 'sctc-college')
    const me = await api(door, 'GET', '/api/auth/me')
    const unitId = me.grants.find((g) => g.role === 'organiser').unit_id
    const campaign = await api(door, 'GET', '/api/public/campaigns/current')
    const a = await api(door, 'POST', `/api/campaigns/${campaign.id}/activities`, {
      unit_id: unitId, title: '看板测试开放日', description: '', theme_day_id: null,
      starts_at: '2025-05-14T14:00:00+08:00', ends_at: '2025-05-14T16:00:00+08:00', part_of_month: false,
      place_kind: 'on_campus', place: '实训中心', online_url: '', category_id: null, tag_ids: [], audiences: [],
      capacity: 20, open_to_public: true, registration_required: true, organiser: '', contact: '', featured: false,
      partner: '', cooperation: '', enterprises: '', posts_offered: 0,
    })
    await api(door, 'POST', `/api/activities/${a.id}/publish`)
    const r = await api(door, 'POST', `/api/public/activities/${a.id}/registrations`, {
      kind: 'person', name: '赵看板', mobile: '13611112222', category: 'public', consent: true,
    })
    await door.goto(`/activities/${a.id}/checkin`)
    await door.locator('[data-test=manual-code]').fill(r.short_code)
    await door.locator('[data-test=manual-submit]').click()
    await door.locator('[data-test=scan-result][data-result=ok]').getByText('赵看板').waitFor()

    // The province's live count moves by the one person, with no reload.
    await page.waitForFunction(
      (n) => Number((document.querySelector('[data-test=live-count]')?.textContent ?? '').replace(/,/g, '')) === n,
      before + 1,
      { timeout: 15_000 },
    )
    assert.equal(await liveCount(page), before + 1)
    assert.deepEqual(page.jsErrors, [])
    await door.context().close()
    await page.context().close()
  })

  it('a school sees its own dashboard, and the 数据大屏 is dark and live', async () => {
    const page = await loginAs(browser, server.base, 'sctc')
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.goto('/dashboard')
    await page.locator('[data-test=dashboard-title]', { hasText: '四川科技职业学院' }).waitFor()
    await page.locator('[data-test=dashboard-activities]').waitFor()
    assert.ok((await page.locator('[data-test=dashboard-child]').count()) > 0)
    await snap(page, 'dashboard-school')
    const unit = (await api(page, 'GET', '/api/auth/me')).grants[0].unit_id
    await page.setViewportSize({ width: 1920, height: 1080 })
    await page.goto(`/dashboard/screen?unit=${unit}`)
    await page.locator('[data-test=big-screen] canvas').first().waitFor()
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test=screen-live]')?.textContent ?? ''))
    await snap(page, 'dashboard-screen')
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('主动公开 shows the figures of accepted forms with their date, and the open data', async () => {
    // After the week, when the cities' forms have been accepted.
    const later = await startServer({ week: 'played', clock: AFTER_THE_WEEK })
    const page = await newPage(browser, later.base)
    await page.goto('/p/figures')
    await page.locator('[data-test=public-taken-at]').waitFor()
    assert.ok((await page.locator('[data-test=public-city]').count()) > 0)
    await page.screenshot({ path: `${shots}dashboard-public-figures.png`, fullPage: true })
    const bytes = Buffer.from(await (await fetch(`${later.base}${await page.locator('[data-test=open-data-csv]').getAttribute('href')}`)).arrayBuffer())
    // UTF-8 with a byte-order mark, so spreadsheets read the Chinese heads.
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    assert.match(bytes.subarray(3).toString('utf8'), /^地区,.*\r\n四川省,/s)
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
    await later.stop()
  })
})
