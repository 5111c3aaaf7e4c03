// Browser tests: the built app (dist/) served by the real vocweek server on a
// fresh demo database, in Debian's Chromium. Screenshots land in
// e2e/screenshots/ for a human to look at.
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { columnTexts, launchBrowser, loginAs, nav, newPage, shot } from './support/browser.mjs'
import { startServer } from './support/server.mjs'

const THEME_DAYS = ['职教发展研讨日', '职普融通体验日', '产教融合示范日', '职教出海展示日', '技能人才风采日', '职教志愿服务日', '地方特色活动日']

// Started before any test is registered: a missing server binary or build
// fails the whole file once, with the reason, instead of skipping.
const server = await startServer()
let browser
try {
  browser = await launchBrowser()
} catch (e) {
  await server.stop()
  throw e
}

after(async () => {
  await browser.close()
  await server.stop()
})

describe('signing in', () => {
  it('sends visitors to the login page and shows a Chinese error for a wrong password', async () => {
    const page = await newPage(browser, server.base)
    await page.goto('/campaign')
    await page.waitForURL(/\/login\?redirect=/)
    await page.getByRole('heading', { name: '职业教育活动周管理平台' }).waitFor()
    await page.getByText('一技在手，一生无忧').waitFor()
    await shot(page, 'login')
    await page.click('button[type=submit]')
    await page.getByText('请输入用户名').waitFor()
    await page.fill('input[name=username]', 'province')
    await page.fill('input[name=password]', 'Wrong-password1')
    await page.click('button[type=submit]')
    await page.locator('[data-test=login-error]', { hasText: '用户名或密码错误' }).waitFor()
    assert.match(page.url(), /\/login/)
    await page.context().close()
  })
})

describe('province officer', () => {
  it('sees the unit tree of the education chain and a unit’s details', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await page.locator('[data-test=campaign-summary]').getByText('一技在手，一生无忧').waitFor()
    await page.locator('[data-test=task-stats]').waitFor()
    await shot(page, 'dashboard')
    await nav(page, '单位管理')
    const tree = page.locator('[data-test=unit-tree]')
    for (const name of ['四川省教育厅', '成都市教育局', '四川科技职业学院', '四川省人力资源和社会保障厅']) {
      await tree.getByText(name, { exact: true }).waitFor()
    }
    await tree.getByText('四川科技职业学院', { exact: true }).click()
    const detail = page.locator('[data-test=unit-detail]')
    await detail.locator('.el-card__header').getByText('四川科技职业学院').waitFor()
    await detail.getByText('21,000').waitFor()
    await detail.getByText('4151013901').waitFor()
    await shot(page, 'units')
    await detail.getByRole('tab', { name: /下级单位/ }).click()
    await page.locator('[data-test=unit-children]').getByText('智能制造学院').waitFor()
    await shot(page, 'units-children')
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('sees users managed above it read-only in the user list', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await nav(page, '用户管理')
    const rows = page.locator('[data-test=user-table] .el-table__body tr')
    // The system administrator, and the officer's own account (it also views the HR chain).
    for (const username of ['admin', 'province']) {
      const row = rows.filter({ has: page.getByText(username, { exact: true }) })
      await row.locator('[data-test=user-read-only]').waitFor()
      assert.ok(await row.getByRole('button', { name: '编辑' }).isDisabled())
      assert.ok(await row.getByRole('button', { name: '重置密码' }).isDisabled())
    }
    const chengdu = rows.filter({ has: page.getByText('chengdu', { exact: true }) })
    assert.equal(await chengdu.locator('[data-test=user-read-only]').count(), 0)
    assert.ok(await chengdu.getByRole('button', { name: '重置密码' }).isEnabled())
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('edits a unit and finds the change in its audit log', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await nav(page, '单位管理')
    await page.locator('[data-test=unit-tree]').getByText('成都工业职业技术学院', { exact: true }).click()
    const detail = page.locator('[data-test=unit-detail]')
    await detail.locator('.el-card__header').getByText('成都工业职业技术学院').waitFor()
    await detail.getByRole('button', { name: '编辑' }).click()
    const form = page.locator('[data-test=unit-form]')
    await form.getByLabel('学校标识码').fill('123')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await form.getByText('学校标识码应为10位数字').waitFor()
    await form.getByLabel('学校标识码').fill('')
    await form.getByLabel('联系人').fill('王老师')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await page.getByText('已保存').waitFor()
    await detail.getByText('王老师').waitFor()
    await detail.getByRole('tab', { name: '修改记录' }).click()
    await page.locator('[data-test=unit-audit]').getByText('province').waitFor()
    await shot(page, 'units-audit')
    await page.context().close()
  })

  it('sees the 2025 campaign with its theme, seven theme days and deadlines', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await nav(page, '活动概况')
    await page.locator('[data-test=campaign-theme]', { hasText: '一技在手，一生无忧' }).waitFor()
    const days = page.locator('[data-test=theme-days]')
    await days.locator('.el-table__body tr').nth(6).waitFor()
    assert.equal(await days.locator('.el-table__body tr').count(), 7)
    assert.deepEqual(await columnTexts(days, 2), THEME_DAYS)
    assert.equal((await columnTexts(days, 1))[0], '第1天 · 5月11日（周日）')
    await shot(page, 'campaign-days', true)

    await page.getByRole('tab', { name: '截止时间' }).click()
    const province = page.locator('[data-test=deadlines-province]')
    await province.getByText('报送活动周活动方案及联络员').waitFor()
    assert.ok((await columnTexts(province, 1)).includes('2025-05-13 23:59'))
    const local = page.locator('[data-test=deadlines-local]')
    await local.getByText('2025-05-12 18:00').waitFor()
    await shot(page, 'campaign-deadlines', true)
    await page.context().close()
  })
})

describe('school administrator (四川科技职业学院)', () => {
  it('lists only the users of the own school and shows server field errors in the form', async () => {
    const page = await loginAs(browser, server.base, 'sctc')
    await nav(page, '用户管理')
    const table = page.locator('[data-test=user-table]')
    await table.getByText('sctc-college', { exact: true }).waitFor()
    const usernames = await columnTexts(table, 1)
    assert.deepEqual(usernames.sort(), ['sctc', 'sctc-college'])
    await table.getByText('智能制造学院 · 活动组织者').waitFor()
    await shot(page, 'users')

    await page.getByRole('button', { name: '新建用户' }).click()
    const form = page.locator('[data-test=user-form]')
    await form.getByLabel('用户名').fill('sctc')
    await form.getByLabel('初始密码').fill('Start@2025')
    await form.getByLabel('姓名').fill('重名测试')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await form.locator('.el-form-item__error', { hasText: '用户名“sctc”已被使用' }).waitFor()
    await shot(page, 'users-form-error')
    await page.context().close()
  })

  it('sees the committee and duties of the school and generates tasks from the duties', async () => {
    const page = await loginAs(browser, server.base, 'sctc')
    await nav(page, '领导小组与职责')
    await page.locator('[data-test=committee-table]').getByText('栾好利').waitFor()
    await page.locator('[data-test=duties-table]').getByText('邹凯').waitFor()
    await shot(page, 'committee', true)
    await page.getByRole('button', { name: '按职责生成任务' }).click()
    await page.locator('[data-test=generate-confirm]').click()
    await page.getByText(/已生成 \d+ 项任务|每项职责都已有任务/).waitFor()
    await page.context().close()
  })

  it('lists the school’s tasks and changes a task’s status', async () => {
    const page = await loginAs(browser, server.base, 'sctc')
    await nav(page, '任务')
    const table = page.locator('[data-test=task-table]')
    await table.getByText('智能制造学院').first().waitFor()
    await shot(page, 'tasks')

    const row = table.locator('.el-table__body tr', { hasText: '教务处' }).first()
    await row.locator('.el-select').click()
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '已完成' }).click()
    await page.getByText('已改为“已完成”').waitFor()

    await page.locator('[data-test=task-status-filter]').click()
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '已完成' }).click()
    await table.locator('.el-table__body tr').first().waitFor()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(await columnTexts(table, 1), ['教务处'])
    await page.context().close()
  })

  it('adds a school deadline in Beijing time even from a browser in another time zone', async () => {
    const page = await loginAs(browser, server.base, 'sctc', undefined, { timezoneId: 'America/New_York' })
    await nav(page, '活动概况')
    await page.getByRole('tab', { name: '截止时间' }).click()
    const local = page.locator('[data-test=deadlines-local]')
    await local.getByText('2025-05-12 18:00').waitFor()
    await page.getByRole('button', { name: '新增截止时间' }).click()
    const form = page.locator('[data-test=deadline-form]')
    await form.locator('.el-form-item', { hasText: '收取单位' }).getByText('四川科技职业学院').waitFor()
    await form.getByLabel('事项').fill('二级学院提交活动照片')
    const due = form.locator('.el-form-item', { hasText: '截止时间' }).locator('input')
    await due.fill('2025-05-19 17:30')
    await due.press('Enter')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await page.getByText('已保存').waitFor()
    const row = local.locator('.el-table__body tr', { hasText: '二级学院提交活动照片' })
    await row.getByText('2025-05-19 17:30').waitFor()
    assert.equal(await page.locator('[data-test=deadlines-province]').getByRole('button', { name: '编辑' }).count(), 0)
    await page.context().close()
  })

  it('checks an import file and lists every bad row without writing', async () => {
    const page = await loginAs(browser, server.base, 'sctc')
    await nav(page, '数据导入')
    const csv = '单位名称,单位类型,上级单位\n新能源学院,二级学院,四川科技职业学院\n坏学院,不存在的类型,四川科技职业学院\n'
    await page.setInputFiles('[data-test=import-file]', { name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByRole('button', { name: '检查' }).click()
    const errors = page.locator('[data-test=import-errors]')
    await errors.getByText('单位类型', { exact: true }).waitFor()
    await errors.getByText('3', { exact: true }).waitFor()
    assert.ok(await page.getByRole('button', { name: '确认导入' }).isDisabled())
    await shot(page, 'import')
    await page.context().close()
  })
})

describe('system administrator', () => {
  it('copies the campaign to 2026, starting on the same weekday', async () => {
    const page = await loginAs(browser, server.base, 'admin')
    await nav(page, '活动概况')
    await page.getByRole('button', { name: '复制为新一年' }).click()
    const dialog = page.getByRole('dialog', { name: '复制为新一年的活动周' })
    await dialog.getByRole('button', { name: '复制' }).click()
    await page.getByText('已创建2026年活动周（草稿）').waitFor()
    await page.locator('[data-test=theme-days]').getByText('5月10日（周日）').waitFor()
    await shot(page, 'campaign-2026')
    await page.context().close()
  })
})

describe('college secretary', () => {
  it('must set a new password after a reset, has no user management, and can log out', async () => {
    const admin = await loginAs(browser, server.base, 'sctc')
    await nav(admin, '用户管理')
    const row = admin.locator('[data-test=user-table] .el-table__body tr', { hasText: 'sctc-college' })
    await row.getByRole('button', { name: '重置密码' }).click()
    const box = admin.locator('.el-message-box')
    await box.locator('input').fill('Reset@2025')
    await box.getByRole('button', { name: '重置' }).click()
    await admin.getByText('密码已重置').waitFor()
    await admin.context().close()

    const page = await loginAs(browser, server.base, 'sctc-college', 'Reset@2025')
    await page.waitForURL(/\/password$/)
    await page.locator('[data-test=must-change]').waitFor()
    await shot(page, 'password')
    await page.fill('input[name=old_password]', 'Reset@2025')
    await page.fill('input[name=new_password]', 'Mine@2025')
    await page.fill('input[name=confirm]', 'Mine@2025')
    await page.getByRole('button', { name: '保存' }).click()
    await page.getByText('密码已修改').waitFor()
    await page.waitForURL((url) => url.pathname === '/')

    const menu = page.locator('[data-test=side-menu]')
    assert.equal(await menu.getByText('用户管理').count(), 0)
    assert.equal(await menu.getByText('数据导入').count(), 0)
    await page.goto('/users')
    await page.waitForURL((url) => url.pathname === '/')

    await page.locator('[data-test=logout]').click()
    await page.waitForURL(/\/login/)
    await page.goto('/units')
    await page.waitForURL(/\/login/)
    await page.context().close()
  })
})
