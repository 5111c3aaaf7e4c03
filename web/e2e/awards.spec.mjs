// Browser tests of awards (表彰奖励, issue 19): on the played demo week, 教务处
// sets up the school notice's 优秀组织奖 over the five colleges (three criteria,
// four winners), two judges score (the college secretary recuses from her own
// college), 教务处 decides and publishes, the ranking explains every figure,
// and a certificate's code verifies on the public page without a login.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, launchBrowser, loginAs, newPage, shot } from './support/browser.mjs'
import { startServer } from './support/server.mjs'

const AFTER_THE_WEEK = '2025-05-28T10:00:00+08:00'

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

/** Fills every score input of the judge's form (a varied 60–95) and submits. */
async function scoreAll(page, base) {
  await page.locator('.el-tabs__item', { hasText: '评分' }).click()
  const inputs = page.locator('[data-test=score-input]').locator('xpath=self::input | .//input')
  await inputs.first().waitFor()
  const n = await inputs.count()
  for (let i = 0; i < n; i++) {
    await inputs.nth(i).fill(String(base + ((i * 7) % 30)))
    await inputs.nth(i).blur()
  }
  return n
}

async function submit(page) {
  await page.locator('[data-test=score-submit]').click()
  await page.locator('.el-message-box').getByRole('button', { name: 'OK' }).or(page.locator('.el-message-box .el-button--primary')).first().click()
  await page.locator('.el-message', { hasText: '评分已提交' }).waitFor()
}

describe('awards', () => {
  it('优秀组织奖: set up, judged, decided, published and verified', async () => {
    const sctc = await loginAs(browser, server.base, 'sctc')
    await sctc.goto('/awards/new')
    await sctc.locator('[data-test=award-weight-sum]', { hasText: '100%' }).waitFor()
    // The five colleges are preselected, the offices are not.
    const chips = await sctc.locator('[data-test=award-units] .el-tag').allInnerTexts()
    assert.deepEqual(chips.sort(), ['信息工程学院', '健康护理学院', '建筑与艺术学院', '智能制造学院', '经济管理学院'].sort())
    await sctc.locator('[data-test=award-judges]').click()
    for (const name of ['鄢涛', '智能制造学院秘书']) {
      await sctc.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: name }).click()
    }
    await sctc.keyboard.press('Escape')
    await shot(sctc, 'awards-editor', true)
    await sctc.locator('[data-test=award-save]').click()
    await sctc.locator('[data-test=award-title]').waitFor()
    const id = Number(new URL(sctc.url()).pathname.split('/').pop())
    assert.ok(id > 0)
    await sctc.locator('[data-test=award-open]').click()
    await sctc.locator('[data-test=award-status]', { hasText: '评审中' }).waitFor()

    // Judge 1: every college.
    assert.equal(await scoreAll(sctc, 65), 10)
    await submit(sctc)

    // Judge 2, the college secretary: not her own college.
    const secretary = await loginAs(browser, server.base, 'sctc-college')
    await secretary.goto(`/awards/${id}`)
    await secretary.locator('[data-test=award-title]').waitFor()
    assert.equal(await scoreAll(secretary, 60), 8)
    const recused = secretary.locator('[data-test=score-table]').getByText('本人所属单位，回避')
    assert.equal(await recused.count(), 2)
    await shot(secretary, 'awards-judge-form', true)
    await submit(secretary)

    // 教务处 sees the agreement, decides and publishes.
    await sctc.reload()
    await sctc.locator('.el-tabs__item', { hasText: '评分' }).click()
    await sctc.locator('[data-test=agreement-table] .el-table__row').first().waitFor()
    await shot(sctc, 'awards-agreement', true)
    await sctc.locator('[data-test=award-decide]').click()
    await sctc.locator('[data-test=award-status]', { hasText: '已决定' }).waitFor()
    await sctc.locator('.el-tabs__item', { hasText: '排名' }).click()
    const rows = sctc.locator('[data-test=ranking-table] .el-table__body > tbody > tr.el-table__row')
    await rows.first().waitFor()
    assert.equal(await rows.count(), 5)
    assert.equal(await sctc.locator('[data-test=ranking-winner]').count(), 4)
    await rows.first().locator('.el-table__expand-icon').click()
    await sctc.locator('[data-test=ranking-breakdown]').first().waitFor()
    await shot(sctc, 'awards-ranking', true)
    const date = sctc.getByPlaceholder('公布日期')
    await date.fill('2025-05-28')
    await date.press('Enter')
    await sctc.locator('[data-test=award-publish]').click()
    await sctc.locator('[data-test=award-status]', { hasText: '已公布' }).waitFor()

    // The certificate is a PDF; its code verifies without a login.
    const ranking = await api(sctc, 'GET', `/api/awards/${id}/ranking`)
    const winner = ranking.units.find((u) => u.winner)
    const head = await sctc.evaluate(async (url) => {
      const res = await fetch(url)
      const buf = new Uint8Array(await res.arrayBuffer())
      return String.fromCharCode(...buf.slice(0, 4))
    }, `/api/awards/${id}/certificates/${winner.unit_id}`)
    assert.equal(head, '%PDF')
    const visitor = await newPage(browser, server.base)
    await visitor.goto(`/p/awards/verify/${winner.certificate_code.toLowerCase()}`)
    await visitor.locator('[data-test=award-verify-ok]').waitFor()
    assert.equal(await visitor.locator('[data-test=award-verify-unit]').innerText(), winner.unit_name)
    await shot(visitor, 'awards-verify')
    await visitor.goto('/p/awards/verify/0000-0000-0000-0000')
    await visitor.locator('[data-test=award-verify-failed]').waitFor()

    // The college sees why it ranked where it did.
    await secretary.goto(`/awards/${id}`)
    await secretary.locator('.el-tabs__item', { hasText: '排名' }).click()
    await secretary.locator('[data-test=ranking-table] .el-table__row').first().waitFor()
    for (const page of [sctc, secretary, visitor]) assert.deepEqual(page.jsErrors, [])
    await sctc.context().close()
    await secretary.context().close()
    await visitor.context().close()
  })
})
