// Browser tests of the reviewers' side of the reporting chain: the
// completeness board (报表审核) with reminders that reach the schools' bell and
// "did not take part" marks, the validation rules page, media reports, and
// the public verification page of an accepted form on a phone. Each test
// gets its own server on a fresh demo database.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, launchBrowser, loginAs, nav, newPage, shot } from './support/browser.mjs'
import { PHONE, boardRow } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`)
}

describe('completeness board', () => {
  it('the province reminds the units missing their information form, a school sees it in the bell, a school is marked not taking part', async () => {
    await withServer(async (base) => {
      const province = await loginAs(browser, base, 'province')
      await nav(province, '报表审核')
      await province.locator('[data-test=board-tabs] .el-tabs__item.is-active', { hasText: '信息采集表' }).waitFor()
      await province.locator('[data-test=board-headline]').getByText('四川省教育厅').waitFor()
      assert.match(province.url(), /form=info_form/)

      // The cities' education bureaus and the higher vocational schools, none started.
      for (const unit of ['成都市教育局', '绵阳市教育局', '成都工业职业技术学院', '宜宾职业技术学院', '四川科技职业学院']) {
        const row = boardRow(province, unit)
        await row.waitFor()
        assert.equal((await row.locator('[data-test=board-status]').innerText()).trim(), '未填报', unit)
      }
      const rows = await province.locator('[data-test=board-table] .el-table__body tr').count()
      assert.equal(rows, 24, '21 city education bureaus and 3 higher vocational schools')
      const notStarted = province.locator('[data-test=board-counter][data-status=not_started] .count')
      assert.equal(await notStarted.innerText(), String(rows))
      assert.equal(await province.locator('[data-test=board-submitted-rate]').innerText(), '0%')
      // Only the education chain is the province officer's to review: the HR department is out of reach.
      const open = await boardRow(province, '宜宾职业技术学院').locator('[data-test=board-open]').getAttribute('href')
      assert.match(open, /^\/reports\/review\/\d+\?form=info_form$/)

      // Remind: the confirm names how many, the answer says how many were reminded.
      await province.locator('[data-test=board-remind]').click()
      const box = province.locator('.el-message-box')
      await box.getByText(`将向 ${rows} 个尚未提交信息采集表的单位`).waitFor()
      await box.getByRole('button', { name: `提醒 ${rows} 个单位` }).click()
      await province.locator('[data-test=board-remind-result]', { hasText: `已提醒 ${rows} 个单位` }).waitFor()
      await boardRow(province, '成都工业职业技术学院').locator('[data-test=board-reminded]').waitFor()
      await shot(province, 'reporting-board', true)

      // The school sees the reminder in the bell and follows it to its form.
      const school = await loginAs(browser, base, 'school2')
      const badge = school.locator('[data-test=notification-badge] .el-badge__content')
      await badge.waitFor()
      assert.equal((await badge.innerText()).trim(), '1')
      await school.locator('[data-test=notification-bell]').click()
      const item = school.locator('[data-test=notification-item]', { hasText: '请尽快提交信息采集表' })
      await item.waitFor()
      await item.getByText('成都工业职业技术学院 ·').waitFor()
      await item.getByText('四川省教育厅提醒').waitFor()
      assert.equal(await item.getAttribute('data-unread'), '1')
      await shot(school, 'reporting-bell')
      await item.click()
      await school.waitForURL(/\/reports\?form=info_form&unit_id=\d+$/)
      await badge.waitFor({ state: 'hidden' })
      await school.locator('[data-test=notification-bell]').click()
      assert.equal(await item.getAttribute('data-unread'), '0')

      // Marking 宜宾职业技术学院 as not taking part needs a reason; its status follows.
      const yibin = boardRow(province, '宜宾职业技术学院')
      await yibin.locator('[data-test=board-mark-not-participating]').click()
      const dialog = province.locator('[data-test=not-participating-dialog]')
      await dialog.getByText('宜宾职业技术学院').waitFor()
      await dialog.locator('[data-test=not-participating-save]').click()
      await dialog.getByText('请填写未参与的原因').waitFor()
      await dialog.locator('[data-test=not-participating-reason]').fill('学校今年未组织活动周活动')
      await dialog.locator('[data-test=not-participating-save]').click()
      await dialog.waitFor({ state: 'hidden' })
      await yibin.locator('[data-test=board-status]', { hasText: '未参与' }).waitFor()
      await yibin.locator('[data-test=board-clear-not-participating]').waitFor()
      assert.equal(await yibin.locator('[data-test=board-mark-not-participating]').count(), 0)
      assert.equal(await province.locator('[data-test=board-counter][data-status=not_participating] .count').innerText(), '1')
      assert.equal(await notStarted.innerText(), String(rows - 1))

      // The counter filters the table.
      await province.locator('[data-test=board-counter][data-status=not_participating]').click()
      assert.equal(await province.locator('[data-test=board-table] .el-table__body tr').count(), 1)
      await boardRow(province, '宜宾职业技术学院').waitFor()

      // Undo: the school is expected again; it never saved the form, so it is back to not started.
      await yibin.locator('[data-test=board-clear-not-participating]').click()
      await province.locator('.el-message-box').getByRole('button', { name: '撤销' }).click()
      await province.locator('[data-test=board-counter][data-status=not_participating] .count', { hasText: '0' }).waitFor()
      await province.locator('[data-test=board-counter][data-status=not_participating]').click()
      await yibin.locator('[data-test=board-status]', { hasText: '未填报' }).waitFor()
      await yibin.locator('[data-test=board-mark-not-participating]').waitFor()

      // Another form keeps its own board.
      await province.locator('[data-test=board-tabs] .el-tabs__item', { hasText: '情况统计表' }).click()
      await province.waitForURL(/form=statistics/)
      await province.locator('[data-test=board-headline]').getByText('情况统计表').waitFor()

      // A unit with a media report: marking its statistics shows what would be dropped and asks to confirm.
      const campaignId = (await api(province, 'GET', '/api/public/campaigns/current')).id
      const me = await api(province, 'GET', '/api/auth/me')
      const statsBoard = await api(province, 'GET', `/api/campaigns/${campaignId}/board/statistics?unit_id=${me.unit_id}`)
      const yibinId = statsBoard.children.find((c) => c.unit_name === '宜宾职业技术学院').unit_id
      await api(province, 'POST', `/api/campaigns/${campaignId}/media-reports`, {
        unit_id: yibinId, outlet: '四川日报', level: 'city', title: '宜宾职院活动周开幕', published_on: '2025-05-14',
        url: 'https://example.cn/news/yibin-1',
      })
      const yibinStats = boardRow(province, '宜宾职业技术学院')
      await yibinStats.locator('[data-test=board-mark-not-participating]').click()
      await dialog.locator('[data-test=not-participating-reason]').fill('学校今年未组织活动周活动')
      await dialog.locator('[data-test=not-participating-save]').click()
      const warning = dialog.locator('[data-test=not-participating-would-drop]')
      await warning.getByText('将不计入：活动 0 项、参与 0 人次、媒体报道 1 篇；本单位的记录保留').waitFor()
      await yibinStats.locator('[data-test=board-status]', { hasText: '未填报' }).waitFor()
      await shot(province, 'reporting-not-participating-would-drop')
      await dialog.locator('[data-test=not-participating-confirm]').click()
      await dialog.waitFor({ state: 'hidden' })
      await yibinStats.locator('[data-test=board-status]', { hasText: '未参与' }).waitFor()
      assert.deepEqual(province.jsErrors, [])
      assert.deepEqual(school.jsErrors, [])
    })
  })
})

describe('rules, media reports and verification', () => {
  it('lists the rules (editable by the province only), registers a media report and verifies an accepted form', async () => {
    await withServer(async (base) => {
      // Rules: the province edits one; a school reads them.
      const province = await loginAs(browser, base, 'province')
      await nav(province, '校验规则')
      const table = province.locator('[data-test=rules-table]')
      await table.getByText('参与活动的学生覆盖率不能超过 100%').waitFor()
      assert.equal(await table.locator('.el-table__body tr').count(), 11) // 9 of 0007, 2 of the activity plan (0014)
      const jump = table.locator('.el-table__body tr', { hasText: '与上一届相比变化较大，请核实' })
      await jump.getByText('与上一届相比变化倍数').waitFor()
      assert.match(await jump.locator('[data-test=rule-fields]').innerText(), /参与活动的教师数、.*参与总人数/)
      const coverage = table.locator('.el-table__body tr', { hasText: '参与活动的学生覆盖率不能超过 100%' })
      await coverage.locator('[data-test=rule-kind]', { hasText: '不大于' }).waitFor()
      const value = jump.locator('[data-test=rule-value] input')
      await value.fill('4')
      await value.blur()
      await jump.getByText('所列 5 项与上一届相比变化超过 4 倍时提示').waitFor()
      await jump.locator('[data-test=rule-save]').click()
      await province.locator('.el-message--success', { hasText: '已保存' }).waitFor()
      const saved = (await api(province, 'GET', '/api/validation-rules')).items.find((r) => r.code === 'statistics.jump')
      assert.equal(saved.value, 4)
      await shot(province, 'reporting-rules', true)

      const school = await loginAs(browser, base, 'school2')
      await nav(school, '校验规则')
      await school.locator('[data-test=rules-note]').getByText('只有系统管理员和省级单位管理员可以修改规则').waitFor()
      await school.locator('[data-test=rules-table] [data-test=rule-value-text]', { hasText: '4 倍' }).waitFor()
      assert.equal(await school.locator('[data-test=rule-save]').count(), 0)
      assert.equal(await school.locator('[data-test=rule-value]').count(), 0)

      // Media reports: checks next to the inputs, then the report is listed with its level.
      await nav(school, '媒体报道')
      await school.locator('[data-test=media-create]').click()
      const dialog = school.locator('[data-test=media-dialog]')
      await dialog.locator('[data-test=media-save]').click()
      await dialog.getByText('请填写媒体名称').waitFor()
      await dialog.getByText('请选择媒体级别').waitFor()
      await dialog.locator('[data-test=media-outlet]').fill('四川日报')
      await dialog.locator('[data-test=media-level]').getByText('省级', { exact: true }).click()
      await dialog.locator('[data-test=media-title]').fill('成都工业职院举办职业教育活动周开放日')
      const date = dialog.getByPlaceholder('选择日期')
      await date.fill('2025-05-13')
      await date.press('Enter')
      await dialog.locator('[data-test=media-url]').fill('www.scdaily.cn/a/1')
      await dialog.locator('[data-test=media-save]').click()
      await dialog.getByText('报道链接应以 http:// 或 https:// 开头').waitFor()
      await shot(school, 'reporting-media-dialog')
      await dialog.locator('[data-test=media-url]').fill('https://www.scdaily.cn/a/1')
      await dialog.locator('[data-test=media-save]').click()
      await dialog.waitFor({ state: 'hidden' })
      const media = school.locator('[data-test=media-table]')
      const row = media.locator('.el-table__body tr', { hasText: '成都工业职院举办职业教育活动周开放日' })
      await row.waitFor()
      await row.getByText('四川日报').waitFor()
      await row.getByText('2025-05-13').waitFor()
      await school.locator('[data-test=media-levels] [data-level=provincial] b', { hasText: '1' }).waitFor()
      await shot(school, 'reporting-media')

      // An accepted information form: the school saves and submits, the province accepts.
      const me = await api(school, 'GET', '/api/auth/me')
      const campaign = await api(school, 'GET', '/api/public/campaigns/current')
      const formUrl = `/api/campaigns/${campaign.id}/submissions/info_form`
      const draft = await api(school, 'GET', `${formUrl}?unit_id=${me.unit_id}`)
      const data = {
        contact_person: '王老师',
        position: '教务处副处长',
        mobile: '13900001234',
        qq: '123456',
        website: 'https://www.cdivtc.edu.cn/hdz',
        work_plan: '5月11日启动，开展校园开放日、技能展示和企业参观。',
        featured: '“技能点亮人生”开放日：实训室开放体验，面向中小学生和家长。',
      }
      const savedForm = await api(school, 'PUT', `${formUrl}?unit_id=${me.unit_id}`, { version: draft.version, data })
      const submitted = await api(school, 'POST', `${formUrl}/submit?unit_id=${me.unit_id}`, { version: savedForm.version })
      assert.equal(submitted.status, 'submitted')
      const accepted = await api(province, 'POST', `/api/submissions/${submitted.id}/accept`, { version: submitted.version })
      assert.equal(accepted.status, 'accepted')
      const code = accepted.snapshot.code

      // The board shows it accepted.
      await nav(province, '报表审核')
      await boardRow(province, '成都工业职业技术学院').locator('[data-test=board-status]', { hasText: '已通过' }).waitFor()
      assert.equal(await province.locator('[data-test=board-accepted-rate]').innerText(), `${Number((100 / 24).toFixed(1))}%`)
      await shot(province, 'reporting-board-accepted')

      // Anyone with the code checks it on a phone, without an account.
      const phone = await newPage(browser, base)
      await phone.setViewportSize(PHONE)
      await phone.goto(`/p/verify/${code}`)
      const ok = phone.locator('[data-test=verify-ok]')
      await ok.getByText('核验通过').waitFor()
      assert.equal(await ok.locator('[data-test=verify-unit]').innerText(), '成都工业职业技术学院')
      assert.equal(await ok.locator('[data-test=verify-form]').innerText(), '信息采集表')
      assert.match(await ok.locator('[data-test=verify-hash]').innerText(), /^[0-9a-f]{64}$/)
      assert.equal(await ok.locator('[data-test=verify-code]').innerText(), code)
      // Authentic, not personal: who accepted it as a unit, the contact masked.
      await ok.locator('[data-test=verify-accepted-by]', { hasText: '四川省教育厅' }).waitFor()
      await ok.getByText('王*', { exact: true }).waitFor()
      await ok.getByText('139****1234', { exact: true }).waitFor()
      const shown = await ok.innerText()
      for (const secret of ['王老师', '13900001234', '123456']) assert.ok(!shown.includes(secret), secret)
      await ok.getByText('“技能点亮人生”开放日', { exact: false }).waitFor()
      await noSidewaysScroll(phone)
      await shot(phone, 'reporting-verify-ok', true)

      // An unknown code is a red card; typing another code checks that one.
      await phone.locator('[data-test=verify-input]').fill('ZZZZ-9999')
      await phone.locator('[data-test=verify-submit]').click()
      await phone.waitForURL(/\/p\/verify\/ZZZZ-9999$/)
      await phone.locator('[data-test=verify-missing]').getByText('未找到该验证码对应的报表').waitFor()
      await noSidewaysScroll(phone)
      await shot(phone, 'reporting-verify-unknown', true)
      await phone.locator('[data-test=verify-input]').fill(`${base}/p/verify/${code}`)
      await phone.locator('[data-test=verify-submit]').click()
      await phone.locator('[data-test=verify-ok]').getByText('核验通过').waitFor()

      for (const page of [province, school, phone]) assert.deepEqual(page.jsErrors, [])
    })
  })
})

describe('province overview', () => {
  it('the province sees both chains in one table, a city\'s two bureaus in one row, and exports it; a city cannot open it', async () => {
    await withServer(async (base) => {
      // Set-up through the API as the system administrator: 成都市 reports in both chains.
      const admin = await loginAs(browser, base, 'admin')
      const campaign = (await api(admin, 'GET', '/api/public/campaigns/current')).id
      const units = (await api(admin, 'GET', '/api/units/tree')).items
      const id = (name) => units.find((u) => u.name === name).id
      const forms = `/api/campaigns/${campaign}/submissions/statistics`
      const accept = async (name) => {
        const unit = id(name)
        const cur = await api(admin, 'GET', `${forms}?unit_id=${unit}`)
        for (const c of cur.blocking_children) {
          await api(admin, 'POST', `${forms}/not-participating?unit_id=${c.unit_id}`, { reason: '本届未开展' })
        }
        const again = await api(admin, 'GET', `${forms}?unit_id=${unit}`)
        const sent = await api(admin, 'POST', `${forms}/submit?unit_id=${unit}`, { version: again.version })
        await api(admin, 'POST', `/api/submissions/${sent.id}/accept`, { version: sent.version })
      }
      for (const name of ['成都市教育局', '成都市技师学院', '成都市人力资源和社会保障局']) await accept(name)

      const province = await loginAs(browser, base, 'province')
      await nav(province, '全省汇总')
      await province.locator('[data-test=overview-title]', { hasText: '四川省2025年职业教育活动周情况统计表' }).waitFor()
      assert.equal(await province.locator('[data-test=overview-chain]').count(), 2)
      const row = (name) => province.locator(`[data-test=overview-row][data-unit="${name}"]`)
      const chengdu = row('成都市')
      assert.deepEqual(
        (await chengdu.locator('[data-test=overview-part]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
        ['成都市教育局 已通过', '成都市人力资源和社会保障局 已通过'],
      )
      assert.equal(await chengdu.locator('[data-test=overview-note]').count(), 0)
      await row('绵阳市').locator('[data-test=overview-note]', { hasText: '未通过审核，不计入合计' }).waitFor()
      await province.locator('[data-test=overview-total]').getByText('合计').waitFor()
      await shot(province, 'reporting-province-overview')

      const [file] = await Promise.all([
        province.waitForEvent('download'),
        province.locator('[data-test=overview-export-xlsx]').click(),
      ])
      assert.equal(file.suggestedFilename(), '四川省2025年职业教育活动周情况统计表.xlsx')

      // A city bureau has neither the menu entry nor the page.
      const city = await loginAs(browser, base, 'chengdu')
      assert.ok(!(await city.locator('[data-test=side-menu]').innerText()).includes('全省汇总'))
      await city.goto(base + '/reports/province')
      await city.waitForURL((u) => u.pathname === '/')
      for (const page of [admin, province, city]) assert.deepEqual(page.jsErrors, [])
    })
  })
})
