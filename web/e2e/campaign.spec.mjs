// Browser tests of the campaign: the 2025 week with its theme days and
// deadlines, a school's own deadline entered from another time zone, a city's
// earlier date for its schools, the committee, duties and tasks of a school,
// and copying the week to 2026. One server on a fresh demo database for the
// whole file; the tests run in order (the copy comes last).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { api, columnTexts, loginAs, nav, shot } from './support/browser.mjs'
import { sharedSession } from './support/session.mjs'

const THEME_DAYS = ['职教发展研讨日', '职普融通体验日', '产教融合示范日', '职教出海展示日', '技能人才风采日', '职教志愿服务日', '地方特色活动日']

const { server, browser } = await sharedSession()

describe('province officer', () => {
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
    await due.fill('2025-05-12 17:30')
    await due.press('Enter')
    await page.getByRole('dialog').getByRole('button', { name: '保存' }).click()
    await page.getByText('已保存').waitFor()
    const row = local.locator('.el-table__body tr', { hasText: '二级学院提交活动照片' })
    await row.getByText('2025-05-12 17:30').waitFor()
    assert.equal(await page.locator('[data-test=deadlines-province]').getByRole('button', { name: '编辑' }).count(), 0)
    await page.context().close()
  })
})

describe('city education bureau (成都市教育局)', () => {
  it('sets an earlier statistics date for its schools and is refused one after the province\'s', async () => {
    const page = await loginAs(browser, server.base, 'chengdu')
    await nav(page, '活动概况')
    await page.getByRole('tab', { name: '截止时间' }).click()
    await page.getByRole('button', { name: '新增截止时间' }).click()
    const form = page.locator('[data-test=deadline-form]')
    await form.locator('.el-form-item', { hasText: '收取单位' }).getByText('成都市教育局').waitFor()
    await form.locator('.el-form-item', { hasText: '材料类型' }).locator('.el-select').click()
    await page.getByRole('option', { name: '情况统计表' }).click()
    await form.getByLabel('事项').fill('各中职学校报送统计表')
    const due = form.locator('.el-form-item', { hasText: '截止时间' }).locator('input')
    await due.fill('2025-05-25 18:00')
    await due.press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: '保存' }).click()
    await dialog.getByText('2025-05-24 23:59').first().waitFor()
    await shot(page, 'campaign-deadline-city-refused')
    await due.fill('2025-05-10 18:00')
    await due.press('Enter')
    await dialog.getByRole('button', { name: '保存' }).click()
    await page.getByText('已保存').waitFor()
    const row = page.locator('[data-test=deadlines-local] .el-table__body tr', { hasText: '各中职学校报送统计表' })
    await row.getByText('2025-05-10 18:00').waitFor()
    assert.match(await row.innerText(), /成都市教育局/)
    await shot(page, 'campaign-deadline-city', true)
    await page.context().close()
  })
})

describe('school administrator: edits from a stale version', () => {
  it('a duty saved or a committee member deleted after someone else changed it gets the conflict message and the current row', async () => {
    const page = await loginAs(browser, server.base, 'sctc')
    const campaigns = await api(page, 'GET', '/api/campaigns')
    const id = campaigns.items.find((c) => c.year === 2025).id
    const me = await api(page, 'GET', '/api/auth/me')
    const unitId = me.grants.find((g) => g.role === 'unit_admin').unit_id
    const member = await api(page, 'POST', `/api/campaigns/${id}/committee`, {
      unit_id: unitId, position: 'member', person_name: '临时成员', title: '', sort_order: 99,
    })
    await nav(page, '领导小组与职责')
    const duties = page.locator('[data-test=duties-table]')
    const dutyRow = duties.locator('.el-table__body tr', { hasText: '邹凯' }).first()
    await dutyRow.waitFor()

    // Someone else saves the duty while this dialog is open: the save is refused.
    await dutyRow.getByRole('button', { name: '编辑' }).click()
    const dialog = page.getByRole('dialog', { name: '编辑部门职责' })
    const persons = dialog.locator('.el-form-item', { hasText: '责任人' }).locator('input')
    const { items } = await api(page, 'GET', `/api/campaigns/${id}/duties?unit_id=${unitId}`)
    const duty = items.find((d) => d.responsible_persons.includes('邹凯'))
    await api(page, 'PUT', `/api/campaigns/${id}/duties/${duty.id}`, { ...duty, responsible_persons: '他人填写' })
    await persons.fill('我的填写')
    await dialog.getByRole('button', { name: '保存' }).click()
    await page.getByText('部门职责已被他人修改，请刷新后重试').waitFor()
    await dialog.getByRole('button', { name: '取消' }).click()
    // The list was reloaded: the other save shows, and editing again starts from it.
    const reloaded = duties.locator('.el-table__body tr', { hasText: '他人填写' })
    await reloaded.waitFor()
    await reloaded.getByRole('button', { name: '编辑' }).click()
    await persons.fill('我的填写')
    await dialog.getByRole('button', { name: '保存' }).click()
    await duties.getByText('我的填写').waitFor()

    // A committee member changed by someone else after the list loaded: the delete is refused.
    const committee = page.locator('[data-test=committee-table]')
    const memberRow = committee.locator('.el-table__body tr', { hasText: '临时成员' })
    await memberRow.waitFor()
    await api(page, 'PUT', `/api/campaigns/${id}/committee/${member.id}`, { ...member, title: '他人改过' })
    await memberRow.getByRole('button', { name: '删除' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
    await page.getByText('领导小组成员已被他人修改，请刷新后重试').waitFor()
    await memberRow.getByText('他人改过').waitFor()
    await memberRow.getByRole('button', { name: '删除' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
    await page.getByText('已删除').waitFor()
    await memberRow.waitFor({ state: 'detached' })
    await page.context().close()
  })

  it('a task deleted after someone else changed it is kept, with the conflict message', async () => {
    const page = await loginAs(browser, server.base, 'sctc')
    const campaigns = await api(page, 'GET', '/api/campaigns')
    const id = campaigns.items.find((c) => c.year === 2025).id
    await nav(page, '任务')
    const table = page.locator('[data-test=task-table]')
    await table.getByText('智能制造学院').first().waitFor()
    const { items } = await api(page, 'GET', `/api/campaigns/${id}/tasks?page_size=100`)
    const task = items.find((t) => t.owner_unit_name === '智能制造学院')
    await api(page, 'PUT', `/api/tasks/${task.id}`, { ...task, assignee: '他人指派' })
    const row = table.locator('.el-table__body tr', { hasText: task.title }).filter({ hasText: '智能制造学院' }).first()
    await row.getByRole('button', { name: '删除' }).click()
    await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
    await page.getByText('任务已被他人修改，请刷新后重试').waitFor()
    // The list was reloaded: the task is still there with the other change.
    await table.getByText('他人指派').first().waitFor()
    await page.context().close()
  })
})

describe('system administrator', () => {
  it('edits the 填表说明 printed under the exported forms; a stale edit gets the conflict message', async () => {
    const page = await loginAs(browser, server.base, 'admin')
    await nav(page, '活动概况')
    await page.getByRole('tab', { name: '报表填表说明' }).click()
    const panel = page.locator('[data-test=notice-texts]')
    const row = panel.locator('.el-table__body tr', { hasText: '信息采集表' })
    // The stored text holds {截止日期}; the list shows it as this campaign's date.
    await row.getByText(/2025\s*年\s*5\s*月\s*13\s*日/).waitFor()
    await shot(page, 'campaign-notice-texts', true)

    await panel.locator('[data-test=notice-edit-info_form_note]').click()
    const dialog = page.getByRole('dialog')
    const text = dialog.locator('[data-test=notice-form] textarea')
    assert.match(await text.inputValue(), /\{截止日期\}/)
    await text.fill('填表说明：请于{截止日期}前报送。')
    await dialog.locator('[data-test=notice-save]').click()
    await page.getByText('已保存').first().waitFor()
    await row.getByText(/请于\s*2025\s*年\s*5\s*月\s*13\s*日\s*前报送/).waitFor()

    // Someone else saves while the dialog is open: this save is refused, nothing overwritten.
    await panel.locator('[data-test=notice-edit-info_form_note]').click()
    const campaigns = await api(page, 'GET', '/api/campaigns')
    const id = campaigns.items.find((c) => c.year === 2025).id
    const { texts } = await api(page, 'GET', `/api/campaigns/${id}/notice-texts`)
    const loaded = texts.find((x) => x.code === 'info_form_note')
    await api(page, 'PUT', `/api/campaigns/${id}/notice-texts/info_form_note`, { text: '他人的修改{截止日期}', version: loaded.version })
    await text.fill('我的修改')
    await dialog.locator('[data-test=notice-save]').click()
    await dialog.locator('[data-test=notice-conflict]').waitFor()
    await shot(page, 'campaign-notice-conflict')
    await dialog.locator('[data-test=notice-reload]').click()
    // The reload fetches the texts again before it refills the form.
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-test=notice-form] textarea')].some((t) => t.value.includes('他人的修改')),
    )
    assert.match(await text.inputValue(), /他人的修改/)
    await page.context().close()
  })

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
