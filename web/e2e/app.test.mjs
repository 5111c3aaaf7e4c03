// Browser tests: the built app against the real server, in Debian's Chromium.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { chromium } from 'playwright-core'
import { startServer } from './server.mjs'

const shots = new URL('./screenshots/', import.meta.url).pathname
mkdirSync(shots, { recursive: true })

let server
let browser

before(async () => {
  server = await startServer()
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  })
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function loginAs(username, password = 'Demo@2025') {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })
  await page.goto(`${server.base}/login`)
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForSelector('[data-test=current-user]')
  return page
}

// Clicks a left-menu entry by its exact title.
async function nav(page, title) {
  await page.locator('.el-menu').getByText(title, { exact: true }).click()
}

describe('vocweek in the browser', () => {
  it('shows a Chinese error for a wrong password', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } })
    await page.goto(`${server.base}/`)
    await page.waitForURL(/\/login/)
    await page.screenshot({ path: `${shots}login.png` })
    await page.fill('input[name=username]', 'province')
    await page.fill('input[name=password]', 'wrong-password1')
    await page.click('button[type=submit]')
    await page.waitForSelector('text=用户名或密码错误')
    await page.close()
  })

  it('province officer sees the unit tree of both chains', async () => {
    const page = await loginAs('province')
    await page.screenshot({ path: `${shots}dashboard.png` })
    await nav(page, '单位管理')
    const tree = page.locator('[data-test=unit-tree]')
    await tree.getByText('四川省教育厅', { exact: true }).waitFor()
    await tree.getByText('成都市教育局', { exact: true }).waitFor()
    await tree.getByText('四川省人力资源和社会保障厅', { exact: true }).waitFor()
    await tree.getByText('四川科技职业学院', { exact: true }).click()
    await page.getByText('在校生数').waitFor()
    await page.screenshot({ path: `${shots}units.png` })
    await page.close()
  })

  it('shows the 2025 campaign with its seven theme days and deadlines', async () => {
    const page = await loginAs('province')
    await nav(page, '活动周')
    await page.locator('[data-test=campaign-theme]', { hasText: '一技在手，一生无忧' }).waitFor()
    const rows = page.locator('[data-test=theme-days] .el-table__body tr')
    await rows.nth(6).waitFor()
    assert.equal(await rows.count(), 7)
    await page.getByText('职教发展研讨日').waitFor()
    await page.screenshot({ path: `${shots}campaign-days.png`, fullPage: true })
    await page.getByRole('tab', { name: '截止时间' }).click()
    await page.getByText('报送活动周活动方案及联络员').waitFor()
    await page.screenshot({ path: `${shots}campaign-deadlines.png`, fullPage: true })
    await page.close()
  })

  it('school shows its committee, duties and tasks', async () => {
    const page = await loginAs('sctc')
    await nav(page, '领导小组与职责')
    await page.locator('[data-test=committee-table]').getByText('栾好利').waitFor()
    await page.locator('[data-test=duties-table]').getByText('邹凯').waitFor()
    await page.screenshot({ path: `${shots}committee.png`, fullPage: true })
    await nav(page, '任务')
    await page.locator('[data-test=task-table]').getByText('智能制造学院').first().waitFor()
    await page.screenshot({ path: `${shots}tasks.png`, fullPage: true })
    await page.close()
  })

  it('school administrator sees only own users', async () => {
    const page = await loginAs('sctc')
    await nav(page, '用户管理')
    const table = page.locator('[data-test=user-table]')
    await table.getByText('sctc-college').waitFor()
    await table.getByText('智能制造学院 · 活动组织者').waitFor()
    await page.waitForTimeout(400)  // tags fade in
    assert.equal(await table.getByText('school2').count(), 0)
    assert.equal(await table.getByText('province', { exact: true }).count(), 0)
    await page.screenshot({ path: `${shots}users.png` })
    await page.close()
  })

  it('import dry run lists every bad row and writes nothing', async () => {
    const page = await loginAs('sctc')
    await nav(page, '数据导入')
    const csv = '单位名称,单位类型,上级单位\n新能源学院,二级学院,四川科技职业学院\n坏学院,不存在的类型,四川科技职业学院\n'
    await page.setInputFiles('[data-test=import-file]', { name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByRole('button', { name: '检查' }).click()
    const errors = page.locator('[data-test=import-errors]')
    await errors.getByText('单位类型', { exact: true }).waitFor()
    await errors.getByText('3', { exact: true }).waitFor()
    assert.ok(await page.getByRole('button', { name: '确认导入' }).isDisabled())
    await page.screenshot({ path: `${shots}import.png` })
    await page.close()
  })

  it('administrator copies the campaign to 2026', async () => {
    const page = await loginAs('admin')
    await nav(page, '活动周')
    await page.getByRole('button', { name: '复制为新一年' }).click()
    const dialog = page.locator('.el-dialog', { hasText: '复制为新一年的活动周' })
    await dialog.getByRole('button', { name: '复制' }).click()
    await page.getByText('已创建2026年活动周（草稿）').waitFor()
    await page.locator('[data-test=theme-days]').getByText('5月10日（周日）').waitFor()
    await page.screenshot({ path: `${shots}campaign-2026.png` })
    await page.close()
  })

  it('college secretary has no user management and can log out', async () => {
    const page = await loginAs('sctc-college')
    assert.equal(await page.locator('.el-menu').getByText('用户管理').count(), 0)
    await page.click('text=退出登录')
    await page.waitForURL(/\/login/)
    await page.close()
  })
})
