// Browser tests of units and users: the unit tree and a unit's details and
// audit log, who sees which users and may edit them, server field errors in
// the user form, and checking an import file. One server on a fresh demo
// database for the whole file; the tests run in order.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { api, columnTexts, loginAs, nav, shot } from './support/browser.mjs'
import { sharedSession } from './support/session.mjs'

const { server, browser } = await sharedSession()

describe('province officer', () => {
  it('sees the unit tree of the education chain and a unit’s details', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await page.locator('[data-test=campaign-summary]').getByText('一技在手，一生无忧').waitFor()
    await page.locator('[data-test=home-todo]').waitFor()
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
    // The change names its author as people read it: 姓名（单位）, not the username.
    const me = await api(page, 'GET', '/api/auth/me')
    await page.locator('[data-test=unit-audit]').getByText(me.display_name, { exact: false }).first().waitFor()
    assert.equal(await page.locator('[data-test=unit-audit]').getByText('province', { exact: true }).count(), 0)
    await shot(page, 'units-audit')
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
