// Browser tests of issue 15's reviewer pages: the academic affairs office
// decides filings with an opinion (required to reject) after a confirmation
// and finds its decisions under 已处理; the province drills from the overview
// into a city's schools with the header kept in view; a form counts its
// submissions (第 1 次提交); the rule results show all at once after the
// first edit; a form page at 390 px. Each test gets its own server.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, launchBrowser, loginAs, nav } from './support/browser.mjs'
import { rowAction } from './support/activities.mjs'
import { PHONE, box as textBox, quietShot } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

/** A screenshot (prefix review-approvals-) once the toasts have gone. */
async function shot(page, name, fullPage = false) {
  await quietShot(page, `review-approvals-${name}`, fullPage)
}

/** Files an off-campus trip of 智能制造学院 through the API as its secretary; returns its id. */
async function fileTrip(page, title) {
  const campaign = await api(page, 'GET', '/api/public/campaigns/current')
  const units = await api(page, 'GET', '/api/units/tree')
  const unitId = units.items.find((u) => u.name === '智能制造学院').id
  const a = await api(page, 'POST', `/api/campaigns/${campaign.id}/activities`, {
    unit_id: unitId,
    title,
    theme_day_id: campaign.days[2].id,
    starts_at: '2025-05-13T14:00:00+08:00',
    ends_at: '2025-05-13T17:00:00+08:00',
    place_kind: 'off_campus',
    place: '成都市郫都区德源街道工匠路8号',
  })
  await api(page, 'POST', `/api/activities/${a.id}/submit`, {
    destination: '成都市郫都区德源街道工匠路8号',
    teacher_in_charge: '李老师',
    teacher_phone: '13800001111',
    staff_count: 2,
    student_count: 30,
    transport: '学校统一租用大巴',
    safety_plan: '出发前安全教育；全程两名教师带队；购买意外险。',
  })
  return a.id
}

describe('review and approvals', () => {
  it('filings: rejecting needs an opinion, approving asks first, 已处理 lists decisions with search', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      await fileTrip(college, '走进成都工匠企业参观学习')
      await fileTrip(college, '社区家电义务维修')

      const office = await loginAs(browser, base, 'sctc')
      await nav(office, '外出报备审批')
      const trip = office.locator('[data-test=approval-item]', { hasText: '走进成都工匠企业参观学习' })
      const repair = office.locator('[data-test=approval-item]', { hasText: '社区家电义务维修' })
      await trip.waitFor()
      await repair.waitFor()

      // Rejecting without an opinion is refused in the box.
      await repair.locator('[data-test=reject]').click()
      const box = office.locator('.el-message-box')
      await box.getByRole('button', { name: '确认退回' }).click()
      await box.getByText('退回时请填写审批意见').waitFor()
      await shot(office, 'reject-needs-opinion')
      await box.locator('textarea').fill('请补充返程时间和集合地点。')
      await box.getByRole('button', { name: '确认退回' }).click()
      await office.getByText('已退回“社区家电义务维修”').waitFor()

      // Approving asks for confirmation; cancelling leaves it pending.
      await trip.locator('[data-test=approve]').click()
      await box.getByText('确认批准“走进成都工匠企业参观学习”', { exact: false }).waitFor()
      await box.getByRole('button', { name: '取消' }).click()
      await box.waitFor({ state: 'hidden' })
      await trip.waitFor()
      await trip.locator('[data-test=approve]').click()
      await box.locator('textarea').fill('同意，注意返程安全。')
      await shot(office, 'approve-confirm')
      await box.getByRole('button', { name: '确认批准' }).click()
      await office.getByText('已批准“走进成都工匠企业参观学习”').waitFor()
      await office.getByText('没有待审批的外出报备').waitFor()

      // 已处理: both decisions, newest first, with opinion, who and when; search narrows.
      await office.locator('[data-test=approval-tabs] .el-tabs__item', { hasText: '已处理' }).click()
      const table = office.locator('[data-test=decided-table]')
      const rows = table.locator('.el-table__body tr')
      await table.getByText('同意，注意返程安全。').waitFor()
      assert.equal(await rows.count(), 2)
      assert.match(await rows.nth(0).innerText(), /走进成都工匠企业参观学习[\s\S]*批准[\s\S]*鄢涛（教务处）/)
      assert.match(await rows.nth(1).innerText(), /社区家电义务维修[\s\S]*退回[\s\S]*请补充返程时间和集合地点。/)
      await textBox(office, 'decided-search').fill('家电')
      await office.locator('[data-test=decided-search-button]').click()
      await table.getByText('同意，注意返程安全。').waitFor({ state: 'detached' })
      assert.equal(await rows.count(), 1)
      await shot(office, 'decided')

      // The filer reads the opinion in the activity's history.
      await nav(college, '活动管理')
      await rowAction(college, '走进成都工匠企业参观学习', 'detail')
      await college.locator('[data-test=activity-history]').getByText('审批意见：同意，注意返程安全。').waitFor()
      await shot(college, 'history-opinion')
      assert.deepEqual(office.jsErrors, [])
      assert.deepEqual(college.jsErrors, [])
    })
  })

  it('province overview: search, filters, progress by city, drill-down into a city with a sticky header', async () => {
    await withServer(async (base) => {
      const province = await loginAs(browser, base, 'province')
      await nav(province, '全省汇总')
      const table = province.locator('[data-test=overview-table]')
      await table.waitFor()
      await province.locator('[data-test=overview-city-progress]', { hasText: '成都市' }).waitFor()

      // Search by unit name.
      await textBox(province, 'overview-search').fill('成都')
      await province.locator('[data-test=overview-row][data-unit="成都市"]').waitFor()
      assert.equal(await province.locator('[data-test=overview-row][data-unit="绵阳市"]').count(), 0)
      await textBox(province, 'overview-search').fill('')

      // The header stays in view as the table scrolls.
      const scroll = province.locator('[data-test=overview-scroll]')
      await scroll.evaluate((el) => el.scrollBy(0, 600))
      const head = await table.locator('thead').boundingBox()
      const box = await scroll.boundingBox()
      assert.ok(Math.abs(head.y - box.y) < 3, `header at ${head.y}, box at ${box.y}`)
      await shot(province, 'province-sticky')
      await scroll.evaluate((el) => el.scrollTo(0, 0))

      // Drill into 成都市: its two bureaus are offered, the education bureau's schools listed.
      await province.locator('[data-test=overview-row][data-unit="成都市"] [data-test=overview-drill]').click()
      const pick = province.locator('[data-test=drill-pick]')
      await pick.getByRole('button', { name: '成都市教育局' }).click()
      const drawer = province.locator('[data-test=drill-drawer]')
      await drawer.locator('[data-test=drill-table]').getByText('成都市财贸职业高级中学').waitFor()
      await drawer.locator('[data-test=drill-progress]').waitFor()
      await shot(province, 'province-drill')
      assert.deepEqual(province.jsErrors, [])
    })
  })

  it('forms: 第 1 次提交, all rule results after the first edit, and the page at 390 px', async () => {
    await withServer(async (base) => {
      const school = await loginAs(browser, base, 'school2')
      await school.setViewportSize({ width: 1366, height: 900 })
      await school.goto('/reports?form=info_form')
      await school.locator('[data-test=form-header]').waitFor()
      await school.waitForURL(/unit_id=\d+/)

      // Nothing is flagged before typing, though the empty form breaks rules.
      await school.locator('[data-test=form-issues]').waitFor()
      assert.equal(await school.locator('[data-test=form-issue]').count(), 0)
      const input = (field) => textBox(school, `info-${field}`)
      // The first edit shows every result at once, each naming its field once.
      await input('mobile').fill('1380000')
      await school.locator('[data-test=form-issue].error').nth(1).waitFor()
      const issues = await school.locator('[data-test=form-issue]').allInnerTexts()
      assert.ok(issues.length >= 2, issues.join('\n'))
      for (const text of issues) {
        const head = text.replace(/^(错误|提醒)\s*/, '')
        const m = head.match(/^【(.+?)】/)
        if (m) assert.ok(!head.slice(m[0].length).includes(m[1]), `field named twice: ${head}`)
      }
      const submit = school.locator('[data-test=form-submit]')
      assert.equal(await submit.isDisabled(), true)
      await shot(school, 'validation-all', true)

      // Fill it properly and submit: the header says 第 1 次提交, not the save count.
      await input('contact_person').fill('王明')
      await input('position').fill('教务处副处长')
      await input('mobile').fill('13800001234')
      await input('qq').fill('123456')
      await input('website').fill('https://www.example.edu.cn/zjz')
      await input('work_plan').fill('5月11日至17日开展校园开放日、技能展示、企业进校园和职业体验。')
      await input('featured').fill('智能制造开放日：面向中小学生开放实训中心。')
      await school.locator('[data-test=form-issues-ok]').waitFor()
      await school.locator('[data-test=form-save]').click()
      await school.getByText('草稿已保存').first().waitFor()
      await school.locator('[data-test=form-version]', { hasText: '草稿' }).waitFor()
      await input('featured').fill('智能制造开放日：面向中小学生开放实训中心和创新工坊。')
      await school.locator('[data-test=form-save]').click()
      await school.locator('[data-test=form-dirty]').waitFor({ state: 'hidden' })
      await submit.click()
      const confirm = school.locator('.el-message-box')
      await confirm.getByRole('button', { name: '提交', exact: true }).click()
      await school.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()
      assert.equal((await school.locator('[data-test=form-version]').innerText()).trim(), '第 1 次提交')
      await shot(school, 'version-label')

      // The history numbers the submission and names the person.
      await school.locator('[data-test=form-history-open]').click()
      const history = school.locator('[data-test=history-drawer]')
      await history.locator('[data-test=history-item]', { hasText: '第 1 次提交' }).waitFor()
      assert.match(await history.locator('[data-test=history-person]').first().innerText(), /（成都工业职业技术学院）/)
      await shot(school, 'history')
      await history.locator('.el-drawer__close-btn').click()

      // The same page on a phone: nothing wider than the screen.
      await school.setViewportSize(PHONE)
      await school.reload()
      await school.locator('[data-test=form-header]').waitFor()
      const overflow = await school.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert.ok(overflow <= 1, `page is ${overflow}px wider than the phone`)
      await shot(school, 'form-phone', true)
      assert.deepEqual(school.jsErrors, [])
    })
  })
})
