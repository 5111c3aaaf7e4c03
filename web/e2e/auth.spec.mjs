// Browser tests of signing in and out: the login page's errors, and the
// password a user must change after a reset. The built app (dist/) served by
// the real vocweek server on a fresh demo database, in Debian's Chromium;
// screenshots land in e2e/screenshots/.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { loginAs, nav, newPage, shot } from './support/browser.mjs'
import { sharedSession } from './support/session.mjs'

const { server, browser } = await sharedSession()

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
