// Browser tests of issue 14's exports: the province downloads the merged
// 信息采集表 contacts and the bundle of its children's accepted forms from the
// 全省汇总 page and the 报表审核 board, and the public verification page says
// whether today's data still match what was accepted.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, it } from 'node:test'
import { api, launchBrowser, loginAs, nav, newPage, shot } from './support/browser.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

/** The school saves, submits its information form, the province accepts it; the code. */
async function acceptInfoForm(school, province, data) {
  const me = await api(school, 'GET', '/api/auth/me')
  const campaign = await api(school, 'GET', '/api/public/campaigns/current')
  const formUrl = `/api/campaigns/${campaign.id}/submissions/info_form`
  const draft = await api(school, 'GET', `${formUrl}?unit_id=${me.unit_id}`)
  const saved = await api(school, 'PUT', `${formUrl}?unit_id=${me.unit_id}`, { version: draft.version, data })
  const submitted = await api(school, 'POST', `${formUrl}/submit?unit_id=${me.unit_id}`, { version: saved.version })
  const accepted = await api(province, 'POST', `/api/submissions/${submitted.id}/accept`, { version: submitted.version })
  assert.equal(accepted.status, 'accepted')
  return { code: accepted.snapshot.code, id: submitted.id, formUrl, unitId: me.unit_id }
}

async function download(page, locator) {
  const [file] = await Promise.all([page.waitForEvent('download'), locator.click()])
  const path = await file.path()
  return { name: file.suggestedFilename(), bytes: readFileSync(path) }
}

const data = {
  contact_person: '王老师',
  position: '教务处副处长',
  mobile: '13900001234',
  qq: '123456',
  website: 'https://www.cdivtc.edu.cn/hdz',
  work_plan: '5月11日启动，开展校园开放日、技能展示和企业参观。',
  featured: '“技能点亮人生”开放日：实训室开放体验。',
}

describe('merged exports', () => {
  it('the province downloads the merged contacts and the bundle of its children’s forms', async () => {
    await withServer(async (base) => {
      const school = await loginAs(browser, base, 'school2')
      const province = await loginAs(browser, base, 'province')
      await acceptInfoForm(school, province, data)

      await nav(province, '全省汇总')
      const chain = province.locator('[data-test=overview-chain]', { hasText: '四川省教育厅' })
      await chain.locator('[data-test=merged-contacts]').waitFor()
      await shot(province, 'reporting-exports-province')

      const contacts = await download(province, chain.locator('[data-test=merged-contacts]'))
      assert.equal(contacts.name, '四川省教育厅2025年职业教育活动周信息采集表联系人汇总.xlsx')
      assert.equal(contacts.bytes.subarray(0, 2).toString(), 'PK')
      const bundle = await download(province, chain.locator('[data-test=merged-bundle]'))
      assert.equal(bundle.name, '四川省教育厅2025年下级单位报表归档.zip')
      assert.equal(bundle.bytes.subarray(0, 2).toString(), 'PK')
      // The zip names its entries in UTF-8: the school's folder is in it.
      assert.ok(bundle.bytes.includes(Buffer.from('成都工业职业技术学院/')), 'the school’s folder')

      // The board offers the same for the unit it shows.
      await nav(province, '报表审核')
      await province.locator('[data-test=board-headline]').getByText('四川省教育厅').waitFor()
      await province.locator('.el-message').first().waitFor({ state: 'hidden' })
      await shot(province, 'reporting-exports-board')
      const again = await download(province, province.locator('[data-test=merged-contacts]'))
      assert.equal(again.name, contacts.name)

      // A school has no unit below it to gather: the API refuses another unit's list.
      const campaign = await api(school, 'GET', '/api/public/campaigns/current')
      const refused = await school.evaluate(
        async (url) => (await fetch(url)).status,
        `/api/campaigns/${campaign.id}/submissions/info_form/contacts/export?unit_id=${(await api(province, 'GET', '/api/auth/me')).unit_id}`,
      )
      assert.equal(refused, 403)
      for (const page of [province, school]) assert.deepEqual(page.jsErrors, [])
    })
  })

  it('the verification page says whether today’s data still match the accepted form', async () => {
    await withServer(async (base) => {
      const school = await loginAs(browser, base, 'school2')
      const province = await loginAs(browser, base, 'province')
      const form = await acceptInfoForm(school, province, data)

      const phone = await newPage(browser, base)
      await phone.setViewportSize({ width: 390, height: 844 })
      await phone.goto(`/p/verify/${form.code}`)
      const ok = phone.locator('[data-test=verify-ok]')
      await ok.getByText('核验通过').waitFor()
      await ok.locator('[data-test=verify-current]', { hasText: '与审核通过时一致' }).waitFor()
      assert.equal(await ok.locator('[data-test=verify-content]').count(), 1)

      // Reopened and edited: the archive stays, the page says the data changed.
      const current = await api(province, 'GET', `${form.formUrl}?unit_id=${form.unitId}`)
      const reopened = await api(province, 'POST', `/api/submissions/${form.id}/reopen`, {
        reason: '补充专题网站',
        version: current.version,
      })
      await api(school, 'PUT', `${form.formUrl}?unit_id=${form.unitId}`, {
        version: reopened.version,
        data: { ...data, website: 'https://www.cdivtc.edu.cn/new' },
      })
      await phone.reload()
      await ok.locator('[data-test=verify-current]', { hasText: '审核通过后数据已有变化' }).waitFor()
      await ok.getByText('https://www.cdivtc.edu.cn/hdz').waitFor()
      await shot(phone, 'reporting-exports-verify-changed', true)
      for (const page of [province, school, phone]) assert.deepEqual(page.jsErrors, [])
    })
  })
})
