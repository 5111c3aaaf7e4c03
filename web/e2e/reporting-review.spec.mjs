// Browser test of the reviewer's own page (审核报表, /reports/review/:unitId):
// a school's 教务处 opens a college's submitted 情况统计表 from the board,
// sees it read-only (no 保存草稿 / 提交; the figures keep their sources),
// comments on one figure, returns it and lands back on the board; the
// college sees the comment beside the figure, and the school, opening the
// returned form on the filler's page, still cannot edit it (the server's
// rule); after the college resubmits, the school sees last time's comment
// beside the figure and accepts, back on the board. Each test gets its own
// server on a fresh demo database.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, loginAs, launchBrowser, nav } from './support/browser.mjs'
import { DESKTOP, boardRow, box, quietShot as shot } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('review page', () => {
  it('the school reviews a college\'s statistics read-only, returns it with a comment on one figure, and the college sees it', async () => {
    await withServer(async (base) => {
      // The college fills and submits its 情况统计表 (through the API: the filler's page has its own tests).
      const college = await loginAs(browser, base, 'sctc-college')
      await college.setViewportSize(DESKTOP)
      const me = await api(college, 'GET', '/api/auth/me')
      const campaign = (await api(college, 'GET', '/api/public/campaigns/current')).id
      const formUrl = `/api/campaigns/${campaign}/submissions/statistics?unit_id=${me.unit_id}`
      const draft = await api(college, 'GET', formUrl)
      const saved = await api(college, 'PUT', formUrl, { version: draft.version, data: { overrides: {} } })
      const submitUrl = `/api/campaigns/${campaign}/submissions/statistics/submit?unit_id=${me.unit_id}`
      const submitted = await api(college, 'POST', submitUrl, { version: saved.version })
      assert.equal(submitted.status, 'submitted')

      // The 教务处 opens it from its board: the reviewer's page, not the filler's.
      const school = await loginAs(browser, base, 'sctc')
      await school.setViewportSize(DESKTOP)
      await nav(school, '报表审核')
      await school.locator('[data-test=board-tabs] .el-tabs__item', { hasText: '情况统计表' }).click()
      await school.waitForURL(/form=statistics/)
      const row = boardRow(school, '智能制造学院')
      const open = row.locator('[data-test=board-open]', { hasText: '审核' })
      await open.waitFor()
      assert.match(await open.getAttribute('href'), /^\/reports\/review\/\d+\?form=statistics$/)
      const boardUrl = school.url()
      await open.click()
      await school.waitForURL(/\/reports\/review\/\d+\?form=statistics$/)
      await school.locator('[data-test=form-unit-name]', { hasText: '智能制造学院' }).waitFor()
      await school.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()

      // Read-only: nothing to save or submit, no adjustment inputs, the note says why.
      await school.locator('[data-test=review-readonly]', { hasText: '由该单位自行填写和提交' }).waitFor()
      for (const gone of ['form-save', 'form-submit', 'statistics-template', 'statistics-import-open']) {
        assert.equal(await school.locator(`[data-test=${gone}]`).count(), 0, gone)
      }
      assert.equal(await school.locator('[data-test^=override-value-]').count(), 0)

      // The figures keep their source drawer.
      await school.locator('[data-test=statistics-table] [data-test=source-media_city]').click()
      const drawer = school.locator('[data-test=sources-drawer]')
      await drawer.getByText('市（州）级媒体报道数').first().waitFor()
      await school.keyboard.press('Escape')
      await drawer.waitFor({ state: 'hidden' })

      // A comment on one figure, beside it.
      await school.locator('[data-test=review-comment-add-media_city]').click()
      await box(school, 'review-comment-media_city').fill('成都日报5月14日的报道未计入，请补录后重新提交。')
      await school.locator('[data-test=review-comment-count]', { hasText: '已对 1 个填报项提出意见' }).waitFor()
      await shot(school, 'reporting-review-page', true)

      // 退回: the dialog carries the figure's comment; the reason for the whole form is required.
      await school.locator('[data-test=review-return]').click()
      const dialog = school.locator('[data-test=return-dialog]')
      await dialog.waitFor()
      assert.equal(await box(dialog, 'return-field-text-0').inputValue(), '成都日报5月14日的报道未计入，请补录后重新提交。')
      await dialog.locator('[data-test=return-field-0]', { hasText: '市（州）级媒体报道数' }).waitFor()
      await box(dialog, 'return-comment').fill('媒体报道数与学校掌握的情况不符。')
      await shot(school, 'reporting-review-return-dialog')
      await dialog.locator('[data-test=return-confirm]').click()

      // Back on the board, the college returned.
      await school.waitForURL((u) => u.pathname === '/reports/review' && u.searchParams.get('form') === 'statistics')
      assert.equal(new URL(school.url()).searchParams.get('unit_id'), new URL(boardUrl).searchParams.get('unit_id'))
      await boardRow(school, '智能制造学院').locator('[data-test=board-status]', { hasText: '已退回' }).waitFor()
      await shot(school, 'reporting-review-back-on-board')

      // The filler's page of the returned form offers the school nothing to save or submit.
      await school.goto(`/reports?form=statistics&unit_id=${me.unit_id}`)
      await school.locator('[data-test=form-status]', { hasText: '已退回' }).waitFor()
      assert.equal(await school.locator('[data-test=form-save]').count(), 0)
      assert.equal(await school.locator('[data-test=form-submit]').count(), 0)

      // The college sees the reason and the comment beside the figure, and may edit again.
      await college.goto('/reports?form=statistics')
      await college.locator('[data-test=form-status]', { hasText: '已退回' }).waitFor()
      assert.match(await college.locator('[data-test=form-return-comment]').innerText(), /媒体报道数与学校掌握的情况不符/)
      const comment = college.locator('[data-test=form-overrides] [data-test=field-comment-media_city]')
      assert.match(await comment.innerText(), /成都日报5月14日的报道未计入/)
      await college.locator('[data-test=form-save]').waitFor()
      await college.locator('[data-test=form-submit]').waitFor()
      await shot(college, 'reporting-review-college-returned', true)

      // The college resubmits; the school sees what it asked for last time beside the figure, and accepts.
      await college.locator('[data-test=form-submit]').click()
      const confirm = college.locator('.el-message-box')
      await confirm.getByRole('button', { name: '提交', exact: true }).click()
      await college.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()
      await school.goto(boardUrl)
      const again = boardRow(school, '智能制造学院').locator('[data-test=board-open]', { hasText: '审核' })
      await again.click()
      await school.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()
      await school.locator('[data-test=review-last-return]', { hasText: '媒体报道数与学校掌握的情况不符' }).waitFor()
      await school.locator('[data-test=review-previous-media_city]', { hasText: '成都日报5月14日的报道未计入' }).waitFor()
      await shot(school, 'reporting-review-resubmitted', true)
      await school.locator('[data-test=review-accept]').click()
      await school.locator('.el-message-box').getByRole('button', { name: '通过', exact: true }).click()
      await school.waitForURL((u) => u.pathname === '/reports/review' && u.searchParams.get('form') === 'statistics')
      await boardRow(school, '智能制造学院').locator('[data-test=board-status]', { hasText: '已通过' }).waitFor()

      for (const page of [college, school]) assert.deepEqual(page.jsErrors, [])
    })
  })

  it('the information form: read-only inputs, a comment under 活动周工作计划, returned to the college', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      await college.setViewportSize(DESKTOP)
      const me = await api(college, 'GET', '/api/auth/me')
      const campaign = (await api(college, 'GET', '/api/public/campaigns/current')).id
      const formUrl = `/api/campaigns/${campaign}/submissions/info_form?unit_id=${me.unit_id}`
      const data = {
        contact_person: '张敏',
        position: '学院秘书',
        mobile: '13800002222',
        qq: '',
        website: '',
        work_plan: '5月12日开放智能制造实训中心，组织中小学生体验工业机器人编程。',
        featured: '',
      }
      const saved = await api(college, 'PUT', formUrl, { version: 0, data })
      const submitUrl = `/api/campaigns/${campaign}/submissions/info_form/submit?unit_id=${me.unit_id}`
      await api(college, 'POST', submitUrl, { version: saved.version })

      const school = await loginAs(browser, base, 'sctc')
      await school.setViewportSize(DESKTOP)
      await school.goto(`/reports/review/${me.unit_id}?form=info_form`)
      await school.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()
      const plan = box(school, 'info-work_plan')
      assert.equal(await plan.inputValue(), data.work_plan)
      assert.equal(await plan.getAttribute('readonly'), '')
      assert.equal(await school.locator('[data-test=form-save]').count(), 0)
      await school.locator('[data-test=review-comment-add-work_plan]').click()
      await box(school, 'review-comment-work_plan').fill('请写明开放时间段和预约方式。')
      await shot(school, 'reporting-review-info', true)
      await school.locator('[data-test=review-return]').click()
      const dialog = school.locator('[data-test=return-dialog]')
      await box(dialog, 'return-comment').fill('请补充活动安排。')
      await dialog.locator('[data-test=return-confirm]').click()
      await school.waitForURL((u) => u.pathname === '/reports/review' && u.searchParams.get('form') === 'info_form')

      await college.goto('/reports?form=info_form')
      await college.locator('[data-test=form-status]', { hasText: '已退回' }).waitFor()
      const comment = college.locator('.el-form-item:has(textarea[data-test=info-work_plan]) [data-test=field-comment-work_plan]')
      assert.match(await comment.innerText(), /请写明开放时间段和预约方式/)
      for (const page of [college, school]) assert.deepEqual(page.jsErrors, [])
    })
  })
})
