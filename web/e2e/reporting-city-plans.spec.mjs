// Browser tests of a city's plans (活动方案, issue 14) and the reporting UI
// around them. The city (成都市教育局) sets its schools' plan deadline
// earlier than the province's; a secondary school's plan, submitted after
// the city's date though the province's is still open, is marked late; the
// city returns it with a comment on the planned activities, the school adds
// the missing day and resubmits, the city accepts it and downloads the
// merged list, and the public verify page shows the plan's 专人 (masked),
// activities per theme day and document. Then the unit page's leader
// sign-off switch, the sources drawer's 人 / 人次, and the filler's page of a
// child that links reviewers to the review page. Each test gets its own
// server on a fresh demo database, its clock on 13 May, between the two dates.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, launchBrowser, loginAs, nav, newPage } from './support/browser.mjs'
import { DESKTOP, PHONE, boardRow, box, confirmBox, planDocx, quietShot as shot, unitByName } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

process.env.VOCWEEK_CLOCK = '2025-05-13T10:00:00+08:00'

const SCHOOL = '成都市财贸职业高级中学'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('city plans', () => {
  it('the city sets an earlier plan deadline, returns a school\'s plan with a comment, accepts the fix and downloads the list', async () => {
    await withServer(async (base) => {
      // The city's own deadline for its schools' plans: 12 May 18:00, before the province's 13 May 23:59.
      const city = await loginAs(browser, base, 'chengdu')
      await city.setViewportSize(DESKTOP)
      await nav(city, '活动概况')
      await city.getByRole('tab', { name: '截止时间' }).click()
      await city.getByRole('button', { name: '新增截止时间' }).click()
      const form = city.locator('[data-test=deadline-form]')
      await form.locator('.el-form-item', { hasText: '收取单位' }).getByText('成都市教育局').waitFor()
      await form.locator('.el-form-item', { hasText: '材料类型' }).locator('.el-select').click()
      await city.getByRole('option', { name: '活动方案' }).click()
      await form.getByLabel('事项').fill('各中职学校报送活动周活动方案')
      const due = form.locator('.el-form-item', { hasText: '截止时间' }).locator('input')
      await due.fill('2025-05-12 18:00')
      await due.press('Enter')
      await city.getByRole('dialog').getByRole('button', { name: '保存' }).click()
      await city.getByText('已保存').first().waitFor()
      const row = city.locator('[data-test=deadlines-local] .el-table__body tr', { hasText: '各中职学校报送活动周活动方案' })
      await row.getByText('2025-05-12 18:00').waitFor()
      await shot(city, 'reporting-city-plans-deadline', true)

      // The school's plan (filled by the system administrator for the school: the demo has no user of it).
      const school = await loginAs(browser, base, 'admin')
      await school.setViewportSize(DESKTOP)
      const unit = await unitByName(school, SCHOOL)
      assert.ok(unit, SCHOOL)
      await school.goto(`/reports?form=plan&unit_id=${unit.id}`)
      await school.locator('[data-test=form-plan]').waitFor()
      assert.match(await school.locator('[data-test=form-deadline]').innerText(), /2025年5月12日 18:00/)
      await box(school, 'plan-person_name').fill('王晓燕')
      await box(school, 'plan-person_position').fill('办公室主任')
      await box(school, 'plan-person_mobile').fill('13912345678')
      await school.locator('[data-test^=plan-add-]').first().click()
      await school.locator('[data-test=plan-entry] input[data-test=plan-entry-title]').last().fill('“技能成才 强国有我”启动仪式')
      await school.locator('[data-test=form-save]').click()
      await school.locator('[data-test=form-status]', { hasText: '草稿' }).waitFor()
      await school.locator('[data-test=plan-upload] input[type=file]').setInputFiles({
        name: '财贸职高2025年职业教育活动周活动方案.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: planDocx(),
      })
      await school.locator('[data-test=plan-document-link]').waitFor()
      await school.locator('[data-test=form-submit]').click()
      assert.match(await confirmBox(school, '提交'), /提交后将标记为逾期/)
      await school.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()
      await school.locator('[data-test=form-late]').waitFor()
      await shot(school, 'reporting-city-plans-submitted-late', true)

      // The city opens it from its board and returns it with a comment on the planned activities.
      await nav(city, '报表审核')
      await city.locator('[data-test=board-tabs] .el-tabs__item', { hasText: '活动方案' }).click()
      await city.waitForURL(/form=plan/)
      const boardUrl = city.url()
      await boardRow(city, SCHOOL).locator('[data-test=board-open]', { hasText: '审核' }).click()
      await city.waitForURL(/\/reports\/review\/\d+\?form=plan$/)
      await city.locator('[data-test=review-readonly]').waitFor()
      await city.locator('[data-test=review-comment-add-activities]').click()
      await box(city, 'review-comment-activities').fill('缺少职教志愿服务日的活动，请补充。')
      await city.locator('[data-test=review-return]').click()
      const dialog = city.locator('[data-test=return-dialog]')
      await dialog.waitFor()
      assert.equal(await box(dialog, 'return-field-text-0').inputValue(), '缺少职教志愿服务日的活动，请补充。')
      await box(dialog, 'return-comment').fill('活动安排不完整，请补充后重新提交。')
      await shot(city, 'reporting-city-plans-return')
      await dialog.locator('[data-test=return-confirm]').click()
      await city.waitForURL((u) => u.pathname === '/reports/review' && u.searchParams.get('form') === 'plan')
      await boardRow(city, SCHOOL).locator('[data-test=board-status]', { hasText: '已退回' }).waitFor()

      // The school sees the comment beside the activities, adds the volunteer day's activity and resubmits.
      await school.reload()
      await school.locator('[data-test=form-status]', { hasText: '已退回' }).waitFor()
      assert.match(await school.locator('[data-test=field-comment-activities]').innerText(), /缺少职教志愿服务日的活动/)
      await school.locator('[data-test^=plan-add-]').nth(5).click()
      await school.locator('[data-test=plan-entry] input[data-test=plan-entry-title]').last().fill('走进社区：家电义务维修')
      await shot(school, 'reporting-city-plans-fixing', true)
      await school.locator('[data-test=form-submit]').click()
      await confirmBox(school, '提交')
      await school.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()

      // The city sees last time's comment beside the activities, accepts, and downloads the merged list.
      await city.goto(boardUrl)
      await boardRow(city, SCHOOL).locator('[data-test=board-open]', { hasText: '审核' }).click()
      await city.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()
      await city.locator('[data-test=review-previous-activities]', { hasText: '缺少职教志愿服务日的活动' }).waitFor()
      assert.equal(await city.locator('[data-test=plan-entry]').count(), 2)
      await shot(city, 'reporting-city-plans-resubmitted', true)
      await city.locator('[data-test=review-accept]').click()
      await confirmBox(city, '通过')
      await city.waitForURL((u) => u.pathname === '/reports/review' && u.searchParams.get('form') === 'plan')
      await boardRow(city, SCHOOL).locator('[data-test=board-status]', { hasText: '已通过' }).waitFor()
      const [download] = await Promise.all([city.waitForEvent('download'), city.locator('[data-test=board-plan-export]').click()])
      assert.equal(download.suggestedFilename(), '成都市教育局2025年职业教育活动周活动方案汇总表.xlsx')
      await shot(city, 'reporting-city-plans-accepted')

      // The public verify page, on a phone: 专人 masked, activities per theme day, the document's name.
      const campaign = (await api(city, 'GET', '/api/public/campaigns/current')).id
      const accepted = await api(city, 'GET', `/api/campaigns/${campaign}/submissions/plan?unit_id=${unit.id}`)
      const visitor = await newPage(browser, base)
      await visitor.setViewportSize(PHONE)
      await visitor.goto(`/p/verify/${accepted.snapshot.code}`)
      await visitor.locator('[data-test=verify-ok]').waitFor()
      const content = visitor.locator('[data-test=verify-content]')
      assert.deepEqual(
        (await content.locator('h3').allInnerTexts()).map((t) => t.trim()),
        ['专人', '计划开展的活动', '活动方案文件'],
      )
      const text = await visitor.locator('[data-test=verify-ok]').innerText()
      assert.match(text, /139\*\*\*\*5678/)
      assert.doesNotMatch(text, /13912345678|王晓燕/)
      assert.match(text, /职教志愿服务日[\s\S]*走进社区：家电义务维修/)
      assert.match(text, /财贸职高2025年职业教育活动周活动方案\.docx/)
      await shot(visitor, 'reporting-city-plans-verify-phone', true)

      for (const page of [city, school, visitor]) assert.deepEqual(page.jsErrors, [])
    })
  })

  it('a school switches on its leader sign-off, reads how figures are counted, and reviews its colleges on the review page', async () => {
    await withServer(async (base) => {
      const school = await loginAs(browser, base, 'sctc')
      await school.setViewportSize(DESKTOP)
      const me = await api(school, 'GET', '/api/auth/me')

      // The unit page: the sign-off switch with what it does.
      await nav(school, '单位管理')
      const setting = school.locator('[data-test=unit-sign-off]')
      await setting.getByText('开启后，表单需经本单位负责人审签后才能提交').waitFor()
      const toggle = school.locator('[data-test=unit-sign-off-switch]')
      assert.doesNotMatch(await toggle.getAttribute('class'), /is-checked/)
      await toggle.click()
      await school.getByText('已开启').first().waitFor()
      await school.locator('[data-test=unit-sign-off-switch].is-checked').waitFor()
      await shot(school, 'reporting-city-plans-unit-sign-off')
      const schoolUnit = me.grants.find((g) => g.role === 'unit_admin').unit_id
      const info = await api(school, 'GET', `/api/units/${schoolUnit}/form-sign-off`)
      assert.equal(info.sign_off_required, true)

      // The sources drawer of a college's figure: per activity in 人次, the figure in 人.
      const college = await loginAs(browser, base, 'sctc-college')
      await college.setViewportSize(DESKTOP)
      await college.goto('/reports?form=statistics')
      await college.locator('[data-test=form-statistics]').waitFor()
      await college.locator('[data-test=statistics-table] [data-test=source-students]').first().click()
      const drawer = college.locator('[data-test=sources-drawer]')
      await drawer.locator('[data-test=sources-how]').waitFor()
      assert.match(await drawer.locator('[data-test=sources-how]').innerText(), /人次[\s\S]*按人计/)
      assert.match(await drawer.locator('.el-table__header').innerText(), /数量（人次）/)
      await shot(college, 'reporting-city-plans-sources')
      await college.keyboard.press('Escape')
      await drawer.waitFor({ state: 'hidden' })

      // A college's submitted form on the filler's page: no 通过 / 退回 there, a link to the review page.
      const mine = await api(college, 'GET', '/api/auth/me')
      const campaign = (await api(college, 'GET', '/api/public/campaigns/current')).id
      const url = `/api/campaigns/${campaign}/submissions/statistics?unit_id=${mine.unit_id}`
      const draft = await api(college, 'GET', url)
      const saved = await api(college, 'PUT', url, { version: draft.version, data: { overrides: {} } })
      await api(college, 'POST', `/api/campaigns/${campaign}/submissions/statistics/submit?unit_id=${mine.unit_id}`, {
        version: saved.version,
      })
      await school.goto(`/reports?form=statistics&unit_id=${mine.unit_id}`)
      await school.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()
      await school.locator('[data-test=form-review-note]', { hasText: '通过、退回请在审核页面办理' }).waitFor()
      for (const gone of ['review-accept', 'review-return', 'review-bar']) {
        assert.equal(await school.locator(`[data-test=${gone}]`).count(), 0, gone)
      }
      await shot(school, 'reporting-city-plans-child-on-filler-page', true)
      await school.locator('[data-test=form-review-page]').click()
      await school.waitForURL(new RegExp(`/reports/review/${mine.unit_id}\\?form=statistics$`))
      await school.locator('[data-test=review-accept]').waitFor()

      for (const page of [school, college]) assert.deepEqual(page.jsErrors, [])
    })
  })
})
