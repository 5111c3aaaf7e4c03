// Browser tests of what a college secretary meets (issue 15): a media report
// linked to an activity picked by title, the categories meant for a college,
// one action per row with the rest under 更多 and the cancel confirmation,
// histories that name people, the activity form and the media list at 390 px,
// and the import drop area with Excel's row numbers.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, launchBrowser, loginAs, nav, shot } from './support/browser.mjs'
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

/** Creates an on-campus draft of the college through the API; resolves to it. */
async function draftActivity(page, campaign, fields) {
  const me = await api(page, 'GET', '/api/auth/me')
  return api(page, 'POST', `/api/campaigns/${campaign.id}/activities`, {
    unit_id: me.unit_id,
    theme_day_id: campaign.days[1].id,
    starts_at: '2025-05-12T09:30:00+08:00',
    ends_at: '2025-05-12T11:30:00+08:00',
    place_kind: 'on_campus',
    place: '东区实训楼',
    ...fields,
  })
}

describe('college secretary', () => {
  it('picks school categories, acts on a row through 更多, confirms a cancellation and reads names in the history', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      const campaign = await api(college, 'GET', '/api/public/campaigns/current')
      await draftActivity(college, campaign, { title: '工业机器人开放日' })
      // An activity of the month: no theme day, and no dot in front of 活动月.
      await draftActivity(college, campaign, {
        title: '五月技能月讲座',
        theme_day_id: null,
        part_of_month: true,
        starts_at: '2025-05-25T14:00:00+08:00',
        ends_at: '2025-05-25T16:00:00+08:00',
      })
      await nav(college, '活动管理')
      const row = activityRow(college, '工业机器人开放日')
      await row.waitFor()
      const month = activityRow(college, '五月技能月讲座')
      assert.equal((await month.locator('td').nth(1).locator('.muted').innerText()).trim(), '活动月')

      // One primary button (publish, for an on-campus draft), the rest under 更多, destructive ones last.
      assert.deepEqual(await row.locator('.row-actions .el-button').allInnerTexts(), ['发布', '更多 ▾'])
      await row.locator('[data-test=action-more]').click()
      const menu = openActionMenu(college)
      await menu.locator('[data-test=action-delete]').waitFor()
      assert.deepEqual(await menu.locator('[data-test^=action-]').allInnerTexts(), ['详情', '编辑', '复制', '取消', '删除'])
      await shot(college, 'secretary-row-more')
      await menu.locator('[data-test=action-delete]').click()
      const box = college.locator('.el-message-box')
      await box.getByText('删除草稿“工业机器人开放日”？').waitFor()
      await shot(college, 'secretary-delete-confirm')
      await box.getByRole('button', { name: '返回' }).click()
      await box.waitFor({ state: 'hidden' })
      await row.waitFor()

      // Cancelling asks for a reason before anything happens.
      await rowAction(college, '工业机器人开放日', 'cancel')
      await box.getByText('请说明原因').waitFor()
      await box.getByRole('button', { name: '确认取消活动' }).click()
      await box.getByText('请填写取消原因').waitFor()
      await box.locator('textarea').fill('场地临时检修')
      await shot(college, 'secretary-cancel-confirm')
      await box.getByRole('button', { name: '确认取消活动' }).click()
      await row.locator('[data-test=activity-status]', { hasText: '已取消' }).waitFor()

      // The history names the secretary and the college, not the login name.
      await rowAction(college, '工业机器人开放日', 'detail')
      const drawer = college.locator('.el-drawer')
      const actors = drawer.locator('[data-test=history-actor]')
      await actors.first().waitFor()
      assert.ok((await actors.allInnerTexts()).every((t) => t.includes('智能制造学院秘书（智能制造学院）')))
      assert.ok(!(await drawer.innerText()).includes('sctc-college'))
      await shot(college, 'secretary-history-names')
      await college.keyboard.press('Escape')

      // The category list leads with the school programme; no provincial programme entry is offered.
      await college.locator('[data-test=activity-create]').click()
      const dialog = college.getByRole('dialog', { name: '新建活动' })
      await dialog.locator('[data-test=activity-category]').click()
      const dropdown = college.locator('.el-select-dropdown:visible')
      await dropdown.locator('.el-select-group__title').first().waitFor()
      const groups = await dropdown.locator('.el-select-group__title').allInnerTexts()
      assert.equal(groups[0], '四开放')
      assert.ok(!groups.includes('川渝联合活动'), groups.join())
      assert.ok(!groups.includes('省级部门活动'), groups.join())
      assert.equal(await dropdown.getByText('成渝职教活动周联合启动仪式').count(), 0)
      await shot(college, 'secretary-categories')
      assert.deepEqual(college.jsErrors, [])
    })
  })

  it('registers a media report with the activity picked by title, and shows the title in the list', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      const campaign = await api(college, 'GET', '/api/public/campaigns/current')
      await draftActivity(college, campaign, { title: '智能制造实训中心开放日' })
      await draftActivity(college, campaign, { title: '数控技能展示' })

      await nav(college, '媒体报道')
      await college.locator('[data-test=media-create]').click()
      const dialog = college.locator('[data-test=media-dialog]')
      await dialog.locator('[data-test=media-outlet]').fill('四川日报')
      await dialog.locator('[data-test=media-level]').getByText('省级').click()
      await dialog.locator('[data-test=media-title]').fill('智能制造学院开放日见闻')
      const date = dialog.getByPlaceholder('选择日期')
      await date.fill('2025-05-13')
      await date.press('Enter')
      const picker = dialog.locator('[data-test=media-activity]')
      await picker.click()
      await college.keyboard.type('开放日')
      const options = college.locator('.el-select-dropdown:visible .el-select-dropdown__item')
      // The server searched: the other activity is no longer offered.
      await options.filter({ hasText: '数控技能展示' }).waitFor({ state: 'detached' })
      await options.filter({ hasText: '智能制造实训中心开放日' }).waitFor()
      await shot(college, 'secretary-media-picker')
      await options.filter({ hasText: '智能制造实训中心开放日' }).click()
      await dialog.locator('[data-test=media-save]').click()
      await dialog.waitFor({ state: 'hidden' })
      const table = college.locator('[data-test=media-table]')
      await table.locator('[data-test=media-activity-title]', { hasText: '智能制造实训中心开放日' }).waitFor()
      assert.ok(!(await table.innerText()).includes('#'))
      await shot(college, 'secretary-media-list')

      // Editing shows the title, not a number.
      await table.locator('[data-test=media-edit]').click()
      await dialog.locator('[data-test=media-activity]').getByText('智能制造实训中心开放日').waitFor()
      await shot(college, 'secretary-media-edit')
      assert.deepEqual(college.jsErrors, [])
    })
  })

  it('works at 390 px: activity cards, a full-screen single-column form, media cards', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      await college.setViewportSize(PHONE)
      const campaign = await api(college, 'GET', '/api/public/campaigns/current')
      await draftActivity(college, campaign, { title: '工业机器人开放日' })
      const me = await api(college, 'GET', '/api/auth/me')
      await api(college, 'POST', `/api/campaigns/${campaign.id}/media-reports`, {
        unit_id: me.unit_id, outlet: '四川日报', level: 'provincial', title: '智能制造学院开放日见闻', published_on: '2025-05-13',
      })
      await college.goto('/activities')
      const card = college.locator('[data-test=activity-card]', { hasText: '工业机器人开放日' })
      await card.waitFor()
      const width = await college.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= PHONE.width, `page is ${width}px wide`)
      await shot(college, 'secretary-phone-activities')

      await college.locator('[data-test=menu-button]').click()
      await college.locator('[data-test=side-menu]').waitFor()
      await shot(college, 'secretary-phone-menu')
      await college.keyboard.press('Escape')

      await college.locator('[data-test=activity-create]').click()
      const dialog = college.getByRole('dialog', { name: '新建活动' })
      await dialog.locator('[data-test=activity-form]').waitFor()
      const box = await dialog.boundingBox()
      assert.ok(box && box.width >= PHONE.width - 1, `dialog is ${box?.width}px wide`)
      await shot(college, 'secretary-phone-activity-form')
      await dialog.getByRole('button', { name: '取消' }).click()

      await college.goto('/reports/media')
      await college.locator('[data-test=media-card]', { hasText: '智能制造学院开放日见闻' }).waitFor()
      await shot(college, 'secretary-phone-media')
      await college.locator('[data-test=media-create]').click()
      await college.locator('[data-test=media-dialog]').waitFor()
      await shot(college, 'secretary-phone-media-dialog')
      assert.deepEqual(college.jsErrors, [])
    })
  })

  it('imports through the drop area and names the Excel row of an error', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      await nav(college, '活动管理')
      await college.locator('[data-test=activity-import]').click()
      const dialog = college.getByRole('dialog', { name: '导入活动安排' })
      const drop = dialog.locator('[data-test=import-drop]')
      await drop.getByText('拖到这里').waitFor()
      await shot(college, 'secretary-import-drop')

      // A file dropped on the area; its first data row (Excel row 2) lacks a title.
      const csv = '活动名称,开始时间,结束时间,活动形式,活动地点\n' +
        ',2025-05-12 09:30,2025-05-12 11:30,校内,实训楼\n' +
        '数控加工体验课,2025-05-12 09:30,2025-05-12 11:30,校内,实训楼\n'
      const transfer = await college.evaluateHandle((text) => {
        const dt = new globalThis.DataTransfer()
        dt.items.add(new globalThis.File([text], 'programme.csv', { type: 'text/csv' }))
        return dt
      }, csv)
      await drop.dispatchEvent('drop', { dataTransfer: transfer })
      await drop.locator('[data-test=import-file-name]', { hasText: 'programme.csv' }).waitFor()
      await dialog.locator('[data-test=import-check]').click()
      const errors = dialog.locator('[data-test=import-errors]')
      await errors.waitFor()
      assert.deepEqual(
        (await errors.locator('.el-table__body tr td:nth-child(1)').allInnerTexts()).map((t) => t.trim()),
        ['2'],
      )
      await errors.getByText('活动名称', { exact: true }).waitFor()
      await shot(college, 'secretary-import-error-row')
      assert.deepEqual(college.jsErrors, [])
    })
  })
})
