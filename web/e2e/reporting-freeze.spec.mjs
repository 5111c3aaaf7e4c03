// Browser test of figures frozen at submission (issue 14, "Submitted figures
// keep moving"): the college submits its 情况统计表, then a city-level media
// report of the college is added. The school's reviewer still sees the
// submitted 市（州）级媒体报道数 in the form, and apart the panel
// 「提交后记录有变化」 with 字段 / 提交时 / 现在 and the note that the
// submitted figures are what will be accepted. The college's own page shows
// the same note read-only. Before anything changed no panel is shown.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, loginAs, launchBrowser, shot } from './support/browser.mjs'
import { DESKTOP, expectStatus } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('figures frozen at submission', () => {
  it('a media report added after submission shows as a change beside the submitted figures', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      await college.setViewportSize(DESKTOP)
      const me = await api(college, 'GET', '/api/auth/me')
      const campaign = (await api(college, 'GET', '/api/public/campaigns/current')).id
      const formUrl = `/api/campaigns/${campaign}/submissions/statistics?unit_id=${me.unit_id}`
      const draft = await api(college, 'GET', formUrl)
      const before = draft.final.media_city
      const submitted = await api(college, 'POST', `/api/campaigns/${campaign}/submissions/statistics/submit?unit_id=${me.unit_id}`, {
        version: draft.version,
      })
      assert.equal(submitted.status, 'submitted')

      // Nothing changed yet: the reviewer sees no panel.
      const school = await loginAs(browser, base, 'sctc')
      await school.setViewportSize(DESKTOP)
      await school.goto(`${base}/reports/review/${me.unit_id}?form=statistics`)
      await expectStatus(school, '已提交')
      await school.locator('[data-test=statistics-table]').waitFor()
      assert.equal(await school.locator('[data-test=record-changes]').count(), 0)
      await shot(school, 'reporting-freeze-review-unchanged')

      // A media report of the college is added after its submission.
      await api(college, 'POST', `/api/campaigns/${campaign}/media-reports`, {
        unit_id: me.unit_id,
        outlet: '成都日报',
        level: 'city',
        title: '智能制造学院职教活动周开放日',
        published_on: '2025-05-14',
        url: '',
      })

      // The reviewer: the form keeps the submitted figure, the panel tells the change apart.
      await school.locator('[data-test=review-refresh]').click()
      const panel = school.locator('[data-test=record-changes]')
      await panel.waitFor()
      assert.match(await panel.innerText(), /提交后记录有变化/)
      const cells = await panel.locator('[data-test=record-changes-table] .el-table__body tr').first().locator('td').allInnerTexts()
      assert.deepEqual(
        cells.map((c) => c.trim()),
        ['市（州）级媒体报道数', `${before} 篇`, `${before + 1} 篇`],
      )
      const headers = await panel.locator('[data-test=record-changes-table] .el-table__header th').allInnerTexts()
      assert.deepEqual(headers.map((h) => h.trim()), ['字段', '提交时', '现在'])
      assert.match(await panel.locator('[data-test=record-changes-note]').innerText(), /审核通过的也是这些数字.*可退回该单位/)
      const shown = await api(school, 'GET', formUrl)
      assert.equal(shown.final.media_city, before)
      assert.equal(shown.changes_since_submission.items[0].now, before + 1)
      await school.locator('[data-test=review-actions]').waitFor()
      await shot(school, 'reporting-freeze-review-changed')
      await shot(school, 'reporting-freeze-review-changed-full', true)

      // The college's own page shows the same change, read-only.
      await college.goto(`${base}/reports?form=statistics&unit_id=${me.unit_id}`)
      const own = college.locator('[data-test=record-changes]')
      await own.waitFor()
      assert.match(await own.locator('[data-test=record-changes-note]').innerText(), /请上级单位退回后重新提交/)
      await shot(college, 'reporting-freeze-filler-note')
    })
  })
})
