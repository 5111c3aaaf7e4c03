// Browser tests of notices as documents (通知公文, issue 20): on the played
// demo week the province composes a notice with an annex and publishes it to
// the cities, 成都市教育局 finds it in its inbox, downloads nothing it may not
// and acknowledges it (签收), the province sees who and when, reminds the
// others, and the reporting board shows the acknowledgements of the seeded
// notice 川教函〔2025〕119号.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, launchBrowser, loginAs, shot } from './support/browser.mjs'
import { startServer } from './support/server.mjs'

const AFTER_THE_WEEK = '2025-05-28T10:00:00+08:00'
const TITLE = '关于做好2025年职业教育活动周总结报送工作的通知'
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')

let browser
let server
before(async () => {
  server = await startServer({ week: 'played', clock: AFTER_THE_WEEK })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

/** The native input or textarea of an Element Plus input (its attributes go to either). */
function field(page, test) {
  return page.locator(`[data-test=${test}]`).locator('xpath=self::input | self::textarea | .//input | .//textarea')
}

async function confirm(page) {
  await page.locator('.el-message-box .el-button--primary').click()
}

describe('notices', () => {
  it('the province publishes, a city acknowledges, the province sees it', async () => {
    const province = await loginAs(browser, server.base, 'province')
    await province.goto('/notices/new')
    await field(province, 'notice-form-title').fill(TITLE)
    await field(province, 'notice-form-number').fill('川教函〔2025〕160号')
    await field(province, 'notice-form-body').fill('各市（州）教育主管部门：\n请于2025年5月30日前报送活动周工作总结及情况统计表。\n特此通知。')
    await province.locator('[data-test=notice-form-files]').setInputFiles({ name: '附件 总结提纲.pdf', mimeType: 'application/pdf', buffer: PDF })
    await shot(province, 'notices-compose', true)
    await province.locator('[data-test=notice-publish]').click()
    await confirm(province)
    await province.locator('[data-test=notice-title]', { hasText: TITLE }).waitFor()
    const id = Number(new URL(province.url()).pathname.split('/').pop())
    assert.ok(id > 0)
    await province.locator('[data-test=notice-ack-summary]', { hasText: '已签收 0 / 24' }).waitFor()
    assert.equal(await province.locator('[data-test=notice-annex]').count(), 1)

    // 成都市教育局: the inbox, the detail, the annex, 签收.
    const chengdu = await loginAs(browser, server.base, 'chengdu')
    await chengdu.goto('/notices')
    const row = chengdu.locator('[data-test=notice-inbox] .el-table__row', { hasText: TITLE })
    await row.waitFor()
    assert.match(await row.innerText(), /未签收/)
    await shot(chengdu, 'notices-inbox', true)
    await row.locator('[data-test=notice-link]').click()
    await chengdu.locator('[data-test=notice-ack]').click()
    await chengdu.locator('[data-test=notice-acknowledged]').waitFor()
    const annex = await chengdu.evaluate(async (url) => (await fetch(url)).status, `/api/notice-annexes/${(await api(chengdu, 'GET', `/api/notices/${id}`)).annexes[0].id}`)
    assert.equal(annex, 200)
    assert.equal(await chengdu.locator('[data-test=notice-targets]').count(), 0)
    await shot(chengdu, 'notices-city-acknowledged', true)

    // The province sees who and when, and reminds the other twenty-three.
    await province.reload()
    await province.locator('[data-test=notice-ack-summary]', { hasText: '已签收 1 / 24' }).waitFor()
    const chengduRow = province.locator('[data-test=notice-targets] .el-table__row', { hasText: '成都市教育局' })
    assert.match(await chengduRow.innerText(), /已签收[\s\S]*成都市教育局职成处/)
    await province.locator('[data-test=notice-remind]').click()
    await province.locator('.el-message', { hasText: '已提醒 23 个未签收单位' }).waitFor()
    await shot(province, 'notices-acknowledgements', true)

    // The list: the seeded notice 川教函〔2025〕119号, acknowledged by 18 of 21.
    await province.goto('/notices?tab=sent')
    await province.locator('[data-test=notice-sent] .el-table__row', { hasText: '成渝地区双城经济圈' }).waitFor()
    const counts = await province.locator('[data-test=notice-sent] [data-test=notice-ack-count]').allInnerTexts()
    assert.deepEqual(counts.sort(), ['已签收 1 / 24', '已签收 18 / 21'].sort())
    await shot(province, 'notices-sent', true)

    // The completeness board's section.
    await province.goto('/reports/review')
    const section = province.locator('[data-test=board-notice-acks]')
    await section.waitFor()
    assert.match(await section.innerText(), /已签收 18 \/ 21/)
    await section.scrollIntoViewIfNeeded()
    await shot(province, 'notices-board', true)
  })
})
