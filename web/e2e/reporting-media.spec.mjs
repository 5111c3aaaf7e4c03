// Browser tests of media reports (issue 14): a school registers a post on
// its own website (listed, never counted), edits a report and reads what was
// changed, and an edit made on a stale page is refused. Each test gets its
// own server on a fresh demo database.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, launchBrowser, loginAs, nav, shot } from './support/browser.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('media reports', () => {
  it("lists the school's own channels apart, edits a report with its history and refuses a stale edit", async () => {
    await withServer(async (base) => {
      const school = await loginAs(browser, base, 'school2')
      const me = await api(school, 'GET', '/api/auth/me')
      const campaign = await api(school, 'GET', '/api/public/campaigns/current')
      const report = await api(school, 'POST', `/api/campaigns/${campaign.id}/media-reports`, {
        unit_id: me.unit_id, outlet: '四川日报', level: 'provincial', title: '成都工业职院开放日',
        published_on: '2025-05-13', url: 'https://example.cn/news/1',
      })
      assert.equal(report.version, 1)

      // A post on the school's own website: no level asked, listed as not counted.
      await nav(school, '媒体报道')
      await school.locator('[data-test=media-create]').click()
      const dialog = school.locator('[data-test=media-dialog]')
      await dialog.locator('[data-test=media-channel]').getByText('本单位网站、新媒体').click()
      await dialog.locator('[data-test=media-own-note]').waitFor()
      assert.equal(await dialog.locator('[data-test=media-level]').count(), 0)
      await dialog.locator('[data-test=media-outlet]').fill('学校官网')
      await dialog.locator('[data-test=media-title]').fill('我校职业教育活动周开幕')
      const date = dialog.getByPlaceholder('选择日期')
      await date.fill('2025-05-12')
      await date.press('Enter')
      await shot(school, 'reporting-media-own-dialog')
      await dialog.locator('[data-test=media-save]').click()
      await dialog.waitFor({ state: 'hidden' })
      const table = school.locator('[data-test=media-table]')
      const post = table.locator('.el-table__body tr', { hasText: '我校职业教育活动周开幕' })
      await post.locator('[data-test=media-own-tag]').waitFor()
      await school.locator('[data-test=media-levels] [data-level=own] b', { hasText: '1' }).waitFor()
      // Only the outlet's report counts.
      await school.locator('[data-test=media-levels] [data-level=provincial] b', { hasText: '1' }).waitFor()
      await school.locator('[data-test=media-levels] [data-level=county] b', { hasText: '0' }).waitFor()
      const stats = await api(school, 'GET', `/api/campaigns/${campaign.id}/statistics?unit_id=${me.unit_id}`)
      assert.equal(stats.total.media_provincial + stats.total.media_city + stats.total.media_county, 1)
      await shot(school, 'reporting-media-own-listed')

      // Edit the outlet's report: the new title is listed, the history says from what to what.
      const row = table.locator('.el-table__body tr', { hasText: '成都工业职院开放日' })
      await row.locator('[data-test=media-edit]').click()
      await dialog.locator('[data-test=media-title]').fill('成都工业职院举办职业教育活动周开放日')
      await dialog.locator('[data-test=media-save]').click()
      await dialog.waitFor({ state: 'hidden' })
      const edited = table.locator('.el-table__body tr', { hasText: '成都工业职院举办职业教育活动周开放日' })
      await edited.locator('[data-test=media-history]').click()
      const history = school.locator('[data-test=media-history-dialog]')
      const change = history.locator('[data-test=media-history-change]')
      await change.waitFor()
      assert.match(await change.innerText(), /报道标题：成都工业职院开放日\s*→\s*成都工业职院举办职业教育活动周开放日/)
      await history.getByText('成都工业职院教务处').or(history.getByText('school2')).first().waitFor()
      await shot(school, 'reporting-media-history')
      await history.locator('.el-dialog__headerbtn').click()
      await history.waitFor({ state: 'hidden' })

      // Someone else edits the report while the page still shows version 2: saving is refused.
      await edited.locator('[data-test=media-edit]').click()
      await api(school, 'PUT', `/api/media-reports/${report.id}`, {
        unit_id: me.unit_id, outlet: '四川日报', level: 'city', title: '成都工业职院举办职业教育活动周开放日',
        published_on: '2025-05-13', url: 'https://example.cn/news/1', version: 2,
      })
      await dialog.locator('[data-test=media-title]').fill('旧页面上的修改')
      await dialog.locator('[data-test=media-save]').click()
      await school.getByText('这条媒体报道已被他人修改或删除，请刷新后重试').first().waitFor()
      await shot(school, 'reporting-media-stale')
      const after = await api(school, 'GET', `/api/campaigns/${campaign.id}/media-reports?unit_id=${me.unit_id}`)
      assert.equal(after.items.find((m) => m.id === report.id).title, '成都工业职院举办职业教育活动周开放日')
    })
  })
  it('drafts the summary from the statistics figures and offers a new draft when the user has rewritten it', async () => {
    await withServer(async (base) => {
      const school = await loginAs(browser, base, 'school2')
      const me = await api(school, 'GET', '/api/auth/me')
      const campaign = await api(school, 'GET', '/api/public/campaigns/current')
      const a = await api(school, 'POST', `/api/campaigns/${campaign.id}/activities`, {
        unit_id: me.unit_id, title: '校园开放日', description: '', theme_day_id: null,
        starts_at: '2025-05-13T09:00:00+08:00', ends_at: '2025-05-13T11:00:00+08:00', part_of_month: false,
        place_kind: 'on_campus', place: '实训中心', online_url: '', category_id: null, tag_ids: [], audiences: [],
        capacity: 0, open_to_public: true, registration_required: false, organiser: '', contact: '', featured: false,
        partner: '', cooperation: '', enterprises: '', posts_offered: 0,
      })
      await api(school, 'POST', `/api/activities/${a.id}/publish`)
      let n = 0
      const walkin = (category, delta) =>
        api(school, 'POST', `/api/activities/${a.id}/walkins`, { events: [{ scan_id: `e2e-${++n}`, category, delta }] })
      await walkin('staff', 8)
      await walkin('student', 60)
      await walkin('student', 60)
      await walkin('public', 32)

      await school.goto(`${base}/reports?form=summary&unit_id=${me.unit_id}`)
      const basic = school.locator('textarea[data-test=summary-basic], [data-test=summary-basic] textarea').first()
      await basic.waitFor()
      assert.match(await basic.inputValue(), /参与教师8人、学生120人.*参与总人数160人/)

      // The user rewrites 基本情况 and saves; then more students come.
      const url = `/api/campaigns/${campaign.id}/submissions/summary?unit_id=${me.unit_id}`
      const loaded = await api(school, 'GET', url)
      const data = { ...loaded.data, sections: { ...loaded.data.sections, basic: '本校活动周师生广泛参与。' } }
      await api(school, 'PUT', url, { version: loaded.version, data })
      await walkin('student', 5)
      await school.reload()
      const again = await api(school, 'GET', url)
      assert.equal(again.data.sections.basic, '本校活动周师生广泛参与。', JSON.stringify(again.data))
      assert.match(again.draft_updates.basic ?? '', /学生125人/, JSON.stringify(again))
      const offer = school.locator('[data-test=summary-update-basic]')
      await offer.waitFor()
      assert.equal(await basic.inputValue(), '本校活动周师生广泛参与。')
      assert.match(await offer.innerText(), /学生125人/)
      await shot(school, 'reporting-media-summary-offer')
      await school.locator('[data-test=summary-refresh-basic]').click()
      assert.match(await basic.inputValue(), /学生125人/)
      await offer.waitFor({ state: 'hidden' })
    })
  })
})
