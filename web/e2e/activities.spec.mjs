// Browser tests of activities: creating and filing an off-campus activity,
// approval and rejection by the school's academic affairs office, publishing
// to the public site, the 天天有活动 matrix and importing a programme. Each
// test gets its own server on a fresh demo database, so no test sees
// another's activities.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { columnTexts, launchBrowser, loginAs, nav, newPage, shot } from './support/browser.mjs'
import { activityRow, openActionMenu, rowAction } from './support/activities.mjs'
import { withServer } from './support/server.mjs'

const PHONE = { width: 390, height: 844 }

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

/** Fills the date-time picker marked `testId` ("activity-start", "activity-end"). */
async function pickTime(form, testId, value) {
  const input = form.locator(`[data-test=${testId}] input`)
  await input.fill(value)
  await input.press('Enter')
}

/**
 * Creates an activity through the form on 活动管理 (already open) and waits
 * for its row. `kind`: 校内 | 校外 | 线上.
 */
async function createActivity(page, { title, start, kind = '校内', place = '东区实训楼一楼', description = '' }) {
  await page.locator('[data-test=activity-create]').click()
  const dialog = page.getByRole('dialog', { name: '新建活动' })
  const form = dialog.locator('[data-test=activity-form]')
  await form.getByLabel('活动名称').fill(title)
  if (description) await form.getByLabel('活动简介').fill(description)
  await pickTime(form, 'activity-start', start)
  // The start proposes an end two hours later (and picks the theme day).
  const [day, time] = start.split(' ')
  const end = `${day} ${String(Number(time.slice(0, 2)) + 2).padStart(2, '0')}${time.slice(2)}`
  assert.equal(await form.locator('[data-test=activity-end] input').inputValue(), end)
  await form.locator('[data-test=activity-place-kind]').getByText(kind, { exact: true }).click()
  if (kind === '校外') await form.getByLabel('活动地址').fill(place)
  else if (kind === '校内') await form.getByLabel('活动地点').fill(place)
  else await form.getByLabel('活动链接').fill(place)
  await dialog.locator('[data-test=activity-save]').click()
  await page.getByText('已保存').first().waitFor()
  await dialog.waitFor({ state: 'hidden' })
  const row = activityRow(page, title)
  await row.waitFor()
  return row
}

/** Waits for the row's status tag to read `status`. */
async function expectStatus(page, title, status) {
  await activityRow(page, title).locator('[data-test=activity-status]', { hasText: status }).waitFor()
}

/** Files the off-campus trip of the activity in `row` (活动管理 open). */
async function fileTrip(page, title, { teacher = '李老师', students = '30', plan = '出发前安全教育；全程两名教师带队；购买意外险。' } = {}) {
  await activityRow(page, title).locator('[data-test=action-submit]').click()
  const dialog = page.getByRole('dialog', { name: '外出报备' })
  const form = dialog.locator('[data-test=filing-form]')
  await form.getByLabel('带队教师').fill(teacher)
  await form.getByLabel('联系电话').fill('13800001111')
  await form.locator('[data-test=filing-students] input').fill(students)
  await form.getByLabel('交通方式').fill('学校统一租用大巴')
  await form.getByLabel('安全预案').fill(plan)
  await dialog.locator('[data-test=filing-submit]').click()
  await page.getByText('已提交外出报备').first().waitFor()
  await expectStatus(page, title, '待审批')
}

describe('activities', () => {
  it('off-campus activity: filed, approved by the academic affairs office, published, shown on the public site', async () => {
    await withServer(async (base) => {
      const title = '走进成都工匠企业参观学习'
      const college = await loginAs(browser, base, 'sctc-college')
      await nav(college, '活动管理')
      await college.locator('[data-test=activity-table]').getByText('没有活动').waitFor()
      await createActivity(college, {
        title,
        start: '2025-05-13 09:00',
        kind: '校外',
        place: '成都市郫都区德源街道工匠路8号',
        description: '组织学生走进智能制造企业，了解岗位与技能要求。',
      })
      const row = activityRow(college, title)
      await expectStatus(college, title, '草稿')
      await row.getByText('产教融合示范日').waitFor()
      await row.getByText('2025-05-13 09:00–11:00').waitFor()
      // Off campus: no publishing before the filing is approved.
      assert.equal(await row.locator('[data-test=action-publish]').count(), 0)
      await shot(college, 'activities')

      await fileTrip(college, title)
      await shot(college, 'activities-pending')

      const office = await loginAs(browser, base, 'sctc')
      await nav(office, '外出报备审批')
      const item = office.locator('[data-test=approval-item]', { hasText: title })
      await item.getByText('成都市郫都区德源街道工匠路8号').first().waitFor()
      await item.getByText('李老师').waitFor()
      await item.getByText('学校统一租用大巴').waitFor()
      await shot(office, 'approvals', true)
      await item.locator('[data-test=approve]').click()
      await office.locator('.el-message-box').getByRole('button', { name: '确认批准' }).click()
      await office.getByText(`已批准“${title}”`).waitFor()
      await office.getByText('没有待审批的外出报备').waitFor()
      await office.context().close()

      await college.reload()
      await expectStatus(college, title, '已批准')
      await row.locator('[data-test=action-publish]').click()
      await college.getByText('已发布，活动周网站上可以看到了').waitFor()
      await expectStatus(college, title, '已发布')
      assert.deepEqual(college.jsErrors, [])
      await college.context().close()

      // A visitor without an account.
      const visitor = await newPage(browser, base)
      await visitor.goto('/p')
      await visitor.locator('[data-test=site-theme]', { hasText: '一技在手，一生无忧' }).waitFor()
      await visitor.locator('[data-test=site-days] a').nth(6).waitFor()
      await shot(visitor, 'site-home', true)
      await visitor.locator('[data-test=site-day-3]').click()
      await visitor.waitForURL(/\/p\/programme\?day=\d+$/)
      const card = visitor.locator('[data-test=activity-card]', { hasText: title })
      await card.waitFor()
      await card.getByText('5月13日（周二）09:00–11:00').waitFor()
      await card.getByText('成都市郫都区德源街道工匠路8号').waitFor()
      // The day also has the province's demo activities; the school filter leaves ours.
      await visitor.locator('[data-test=filter-school]').click()
      await visitor.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '四川科技职业学院' }).click()
      await visitor.waitForURL(/unit=\d+/)
      await visitor.locator('[data-test=programme-total]', { hasText: '共 1 项活动' }).waitFor()
      assert.match(await visitor.locator('[data-test=subscribe-calendar]').getAttribute('href'), /calendar\.ics\?unit_id=\d+$/)
      await shot(visitor, 'site-programme', true)
      // The school has nothing on 技能人才风采日.
      await visitor.locator('[data-test=day-filter]').getByText('技能人才风采日').click()
      await visitor.getByText('没有符合条件的活动').waitFor()
      await visitor.locator('[data-test=day-filter]').getByText('全部').click()
      await visitor.locator('[data-test=programme-total]', { hasText: '共 2 项活动' }).waitFor()
      await card.click()
      await visitor.waitForURL(/\/p\/activities\/\d+$/)
      const sheet = visitor.locator('[data-test=public-activity]')
      await sheet.getByRole('heading', { name: title }).waitFor()
      await sheet.getByText('5月13日（周二）09:00–11:00').waitFor()
      await sheet.getByText('组织学生走进智能制造企业，了解岗位与技能要求。').waitFor()
      const ics = await sheet.locator('[data-test=add-to-calendar]').getAttribute('href')
      assert.match(ics, /^\/api\/public\/activities\/\d+\/calendar\.ics$/)
      const feed = await visitor.request.get(ics)
      assert.equal(feed.status(), 200)
      assert.match(await feed.text(), new RegExp(`SUMMARY:${title}`))
      await shot(visitor, 'site-activity', true)
      assert.deepEqual(visitor.jsErrors, [])
      const activityUrl = visitor.url()
      await visitor.context().close()

      // The same pages on a phone.
      const phone = await newPage(browser, base)
      await phone.setViewportSize(PHONE)
      await phone.goto('/p')
      await phone.locator('[data-test=site-days] a').nth(6).waitFor()
      await shot(phone, 'site-home-phone', true)
      await phone.goto('/p/programme')
      await phone.locator('[data-test=activity-card]', { hasText: title }).waitFor()
      await shot(phone, 'site-programme-phone', true)
      await phone.goto(activityUrl)
      await phone.locator('[data-test=public-activity]').getByRole('heading', { name: title }).waitFor()
      await shot(phone, 'site-activity-phone', true)
      // Nothing wider than the phone: no sideways scrolling of the page.
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`)
      await phone.context().close()
    })
  })

  it('rejected filing: the college sees the reason, edits and files again', async () => {
    await withServer(async (base) => {
      const title = '社区家电义务维修'
      const reason = '安全预案缺少应急联系人和集合地点，请补充'
      const college = await loginAs(browser, base, 'sctc-college')
      await nav(college, '活动管理')
      await createActivity(college, { title, start: '2025-05-16 14:00', kind: '校外', place: '郫都区犀浦镇社区服务中心' })
      await fileTrip(college, title, { plan: '注意安全' })

      const office = await loginAs(browser, base, 'sctc')
      await nav(office, '外出报备审批')
      const item = office.locator('[data-test=approval-item]', { hasText: title })
      await item.locator('[data-test=reject]').click()
      const box = office.locator('.el-message-box')
      // A reason is required.
      await box.getByRole('button', { name: '确认退回' }).click()
      await box.getByText('退回时请填写审批意见').waitFor()
      await box.locator('textarea').fill(reason)
      await box.getByRole('button', { name: '确认退回' }).click()
      await office.getByText(`已退回“${title}”`).waitFor()
      await office.context().close()

      await college.reload()
      await expectStatus(college, title, '已退回')
      const row = activityRow(college, title)
      await row.locator('[data-test=reject-reason]', { hasText: reason }).waitFor()
      await shot(college, 'activities-rejected')

      await rowAction(college, title, 'edit')
      const dialog = college.getByRole('dialog', { name: '编辑活动' })
      await dialog.getByLabel('活动地址').fill('郫都区犀浦镇社区服务中心二楼活动室')
      await dialog.locator('[data-test=activity-save]').click()
      await college.getByText('已保存').first().waitFor()
      await row.getByText('郫都区犀浦镇社区服务中心二楼活动室').waitFor()

      await row.locator('[data-test=action-submit]').click()
      const filing = college.getByRole('dialog', { name: '外出报备' })
      await filing.locator('[data-test=filing-reject-reason]', { hasText: reason }).waitFor()
      // The earlier filing is filled in; only the plan changes.
      assert.equal(await filing.getByLabel('带队教师').inputValue(), '李老师')
      await shot(college, 'filing-resubmit')
      await filing.getByLabel('安全预案').fill('应急联系人：王老师 13900002222；集合地点：学校东门；全程两名教师带队。')
      await filing.locator('[data-test=filing-submit]').click()
      await college.getByText('已提交外出报备').first().waitFor()
      await expectStatus(college, title, '待审批')
      assert.equal(await row.locator('[data-test=reject-reason]').count(), 0)

      // The details keep the filing and the story: filed, rejected with the reason, moved, filed again.
      await rowAction(college, title, 'detail')
      const history = college.locator('[data-test=activity-history]')
      await history.getByText(`审批意见：${reason}`).waitFor()
      await history.getByText('地点：郫都区犀浦镇社区服务中心 → 郫都区犀浦镇社区服务中心二楼活动室').waitFor()
      assert.equal(await history.getByText('提交外出报备').count(), 2)
      await college.locator('[data-test=filing]').getByText('应急联系人：王老师 13900002222', { exact: false }).waitFor()
      await shot(college, 'activity-detail')
      assert.deepEqual(college.jsErrors, [])
      await college.context().close()
    })
  })

  it('天天有活动: a college’s empty day is a gap until it adds an activity that day', async () => {
    await withServer(async (base) => {
      const office = await loginAs(browser, base, 'sctc')
      await nav(office, '天天有活动')
      const table = office.locator('[data-test=coverage-table]')
      const collegeRow = table.locator('tbody tr[data-unit="智能制造学院"]')
      const cell = collegeRow.locator('td[data-date="2025-05-14"]')
      await cell.waitFor()
      assert.match(await cell.getAttribute('class'), /\bgap\b/)
      assert.equal((await cell.innerText()).trim(), '无')
      await table.locator('thead').getByText('职教出海展示日').waitFor()
      await shot(office, 'coverage', true)

      const college = await loginAs(browser, base, 'sctc-college')
      await nav(college, '活动管理')
      await createActivity(college, { title: '中外合作办学成果展', start: '2025-05-14 10:00' })
      // A copy fills the next day: it opens in the form as a draft titled “…（副本）”.
      await rowAction(college, '中外合作办学成果展', 'duplicate')
      const copy = college.getByRole('dialog', { name: '编辑活动' })
      assert.equal(await copy.getByLabel('活动名称').inputValue(), '中外合作办学成果展（副本）')
      await pickTime(copy.locator('[data-test=activity-form]'), 'activity-start', '2025-05-15 10:00')
      await copy.locator('[data-test=activity-day]').getByText('技能人才风采日').waitFor()
      await copy.locator('[data-test=activity-save]').click()
      await activityRow(college, '中外合作办学成果展（副本）').getByText('2025-05-15 10:00–12:00').waitFor()
      await college.context().close()

      await office.reload()
      await cell.waitFor()
      assert.doesNotMatch(await cell.getAttribute('class'), /\bgap\b/)
      assert.equal((await cell.innerText()).trim(), '1')
      assert.equal((await collegeRow.locator('td[data-date="2025-05-15"]').innerText()).trim(), '1')
      assert.equal((await collegeRow.locator('td').nth(9).innerText()).trim(), '5')
      // Drafts do not count once only published activities are asked for.
      await office.locator('[data-test=coverage-published-only]').click()
      await office.waitForLoadState('networkidle')
      assert.match(await cell.getAttribute('class'), /\bgap\b/)
      await office.locator('[data-test=coverage-published-only]').click()
      await office.waitForLoadState('networkidle')
      await shot(office, 'coverage-after', true)

      const [download] = await Promise.all([
        office.waitForEvent('download'),
        office.locator('[data-test=coverage-export]').click(),
      ])
      assert.match(download.suggestedFilename(), /天天有活动情况表\.xlsx$/)
      assert.deepEqual(office.jsErrors, [])
      await office.context().close()
    })
  })

  it('imports a programme after a dry run; another school sees none of it', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      await nav(college, '活动管理')

      // The server's check of the week shows next to the start time, and nothing is saved.
      await college.locator('[data-test=activity-create]').click()
      const create = college.getByRole('dialog', { name: '新建活动' })
      await create.getByLabel('活动名称').fill('六月的活动')
      await pickTime(create.locator('[data-test=activity-form]'), 'activity-start', '2025-06-01 09:00')
      await create.locator('[data-test=activity-save]').click()
      await create.locator('.el-form-item', { hasText: '活动时间' }).locator('.el-form-item__error', { hasText: '活动时间应在活动周' }).waitFor()
      await shot(college, 'activity-form-error')
      await create.getByRole('button', { name: '取消' }).click()
      await college.locator('[data-test=activity-table]').getByText('没有活动').waitFor()

      await college.locator('[data-test=activity-import]').click()
      const dialog = college.getByRole('dialog', { name: '导入活动安排' })
      const [template] = await Promise.all([
        college.waitForEvent('download'),
        dialog.locator('[data-test=import-template]').click(),
      ])
      assert.match(template.suggestedFilename(), /\.xlsx$/)
      const csv = '活动名称,开始时间,结束时间,活动形式,活动地点\n' +
        '数控加工体验课,2025-05-12 09:30,2025-05-12 11:30,校内,实训楼\n' +
        '无效活动,2025-05-12 09:30,2025-05-12 11:30,火星,\n'
      await college.setInputFiles('[data-test=import-file]', { name: 'programme.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
      await dialog.getByRole('button', { name: '检查' }).click()
      const errors = dialog.locator('[data-test=import-errors]')
      await errors.getByText('3', { exact: true }).waitFor()
      assert.ok(await dialog.getByRole('button', { name: '确认导入' }).isDisabled())
      await shot(college, 'activities-import')

      const fixed = csv.split('\n').slice(0, 2).join('\n') + '\n'
      await college.setInputFiles('[data-test=import-file]', { name: 'programme.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) })
      await dialog.getByRole('button', { name: '检查' }).click()
      await dialog.locator('[data-test=import-valid]').waitFor()
      await dialog.getByRole('button', { name: '确认导入' }).click()
      await dialog.locator('[data-test=import-done]').waitFor()
      await dialog.getByRole('button', { name: '关闭', exact: true }).click()
      await expectStatus(college, '数控加工体验课', '草稿')
      // Cancelling needs a reason, which stays with the activity.
      await rowAction(college, '数控加工体验课', 'cancel')
      const box = college.locator('.el-message-box')
      await box.getByRole('button', { name: '确认取消活动' }).click()
      await box.getByText('请填写取消原因').waitFor()
      await box.locator('textarea').fill('暴雨红色预警')
      await box.getByRole('button', { name: '确认取消活动' }).click()
      await expectStatus(college, '数控加工体验课', '已取消')
      await activityRow(college, '数控加工体验课').getByText('暴雨红色预警').waitFor()
      // A cancelled activity leads with its details; copying is all that is left.
      const cancelled = activityRow(college, '数控加工体验课')
      assert.deepEqual(await cancelled.locator('[data-test=action-detail]').allInnerTexts(), ['详情'])
      await cancelled.locator('[data-test=action-more]').click()
      await openActionMenu(college).locator('[data-test=action-duplicate]').waitFor()
      assert.deepEqual(await openActionMenu(college).locator('[data-test^=action-]').allInnerTexts(), ['复制'])
      await college.keyboard.press('Escape')
      await college.context().close()

      // Scope: the other school's administrator neither sees nor counts it.
      const other = await loginAs(browser, base, 'school2')
      await nav(other, '活动管理')
      await other.locator('[data-test=activity-table]').getByText('没有活动').waitFor()
      assert.deepEqual(await columnTexts(other.locator('[data-test=activity-table]'), 1), [])
      await other.context().close()
    })
  })
})
