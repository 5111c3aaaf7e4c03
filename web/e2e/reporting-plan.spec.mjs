// Browser test of the activity plan (活动周活动方案, issue 14): a secondary
// school's plan is filled on the filler's page (专人, planned activities per
// theme day, the document uploaded), submitted, and its city (成都市教育局)
// reviews it on its board: the plan tab, the read-only review page with the
// document's link, acceptance, and the merged list of its schools' plans.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { loginAs, launchBrowser, nav } from './support/browser.mjs'
import { DESKTOP, boardRow, box, planDocx as docx, quietShot as shot, unitByName } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

const SCHOOL = '成都市财贸职业高级中学'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('activity plan', () => {
  it('a city reviews its schools\' plans', async () => {
    await withServer(async (base) => {
      const admin = await loginAs(browser, base, 'admin')
      await admin.setViewportSize(DESKTOP)
      const school = await unitByName(admin, SCHOOL)
      assert.ok(school, SCHOOL)

      // The school's plan on the filler's page (filled here by the system administrator, who keeps every step).
      await admin.goto(`/reports?form=plan&unit_id=${school.id}`)
      await admin.locator('[data-test=form-plan]').waitFor()
      await admin.locator('[data-test=form-status]', { hasText: '未填报' }).waitFor()
      await box(admin, 'plan-person_name').fill('王晓燕')
      await box(admin, 'plan-person_position').fill('办公室主任')
      await box(admin, 'plan-person_mobile').fill('13912345678')
      const firstDay = admin.locator('[data-test^=plan-add-]').first()
      await firstDay.click()
      await admin.locator('[data-test=plan-entry] input[data-test=plan-entry-title]').last().fill('“技能成才 强国有我”启动仪式')
      const thirdDay = admin.locator('[data-test^=plan-add-]').nth(2)
      await thirdDay.click()
      await admin.locator('[data-test=plan-entry] input[data-test=plan-entry-title]').last().fill('校园开放日：财会技能体验')
      await admin.locator('[data-test=form-save]').click()
      await admin.locator('[data-test=form-status]', { hasText: '草稿' }).waitFor()
      await admin.locator('[data-test=plan-document-none]').waitFor()

      // The document: a file that is not PDF or Word is refused before it is sent; a Word file uploads.
      const input = admin.locator('[data-test=plan-upload] input[type=file]')
      await input.setInputFiles({ name: '活动方案.png', mimeType: 'image/png', buffer: Buffer.from('x') })
      await admin.locator('.el-message', { hasText: '只能是 PDF 或 Word' }).waitFor()
      await input.setInputFiles({
        name: '财贸职高2025年职业教育活动周活动方案.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: docx(),
      })
      await admin.locator('[data-test=plan-document-link]', { hasText: '财贸职高2025年职业教育活动周活动方案.docx' }).waitFor()
      await shot(admin, 'reporting-plan-filled', true)

      await admin.locator('[data-test=form-submit]').click()
      await admin.locator('.el-message-box').getByRole('button', { name: '提交', exact: true }).click()
      await admin.locator('[data-test=form-status]', { hasText: '已提交' }).waitFor()

      // The city: its board's plan tab, the school submitted.
      const city = await loginAs(browser, base, 'chengdu')
      await city.setViewportSize(DESKTOP)
      await nav(city, '报表审核')
      await city.locator('[data-test=board-tabs] .el-tabs__item', { hasText: '活动方案' }).click()
      await city.waitForURL(/form=plan/)
      const row = boardRow(city, SCHOOL)
      await row.locator('[data-test=board-status]').waitFor()
      await city.locator('[data-test=board-plan-export]').waitFor()
      await shot(city, 'reporting-plan-board')

      // The review page: read-only, the document's link, the planned activities.
      await row.locator('[data-test=board-open]', { hasText: '审核' }).click()
      await city.waitForURL(/\/reports\/review\/\d+\?form=plan$/)
      await city.locator('[data-test=review-readonly]').waitFor()
      assert.equal(await box(city, 'plan-person_name').inputValue(), '王晓燕')
      assert.equal(await city.locator('[data-test=plan-upload]').count(), 0)
      assert.equal(await city.locator('[data-test^=plan-add-]').count(), 0)
      assert.equal(await city.locator('[data-test=plan-entry]').count(), 2)
      const link = city.locator('[data-test=plan-document-link]')
      assert.match(await link.getAttribute('href'), /^\/api\/plan-documents\/\d+$/)
      const href = await link.getAttribute('href')
      const fetched = await city.evaluate(async (h) => {
        const r = await fetch(h)
        return { status: r.status, size: (await r.arrayBuffer()).byteLength }
      }, href)
      assert.deepEqual(fetched, { status: 200, size: docx().length })
      await shot(city, 'reporting-plan-review', true)
      await city.locator('[data-test=review-accept]').click()
      await city.locator('.el-message-box').getByRole('button', { name: '通过', exact: true }).click()
      await city.waitForURL((u) => u.pathname === '/reports/review' && u.searchParams.get('form') === 'plan')
      await boardRow(city, SCHOOL).locator('[data-test=board-status]', { hasText: '已通过' }).waitFor()

      // The merged list of the city's schools' plans.
      const [download] = await Promise.all([city.waitForEvent('download'), city.locator('[data-test=board-plan-export]').click()])
      assert.equal(download.suggestedFilename(), '成都市教育局2025年职业教育活动周活动方案汇总表.xlsx')
      await shot(city, 'reporting-plan-board-accepted')

      for (const page of [admin, city]) assert.deepEqual(page.jsErrors, [])
    })
  })
})
