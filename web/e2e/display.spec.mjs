// Browser test of the display day (集中展示日, issue 19): 教务处 draws a small
// 东区科技广场 plan by adding and dragging shapes, 智能制造学院 applies for a
// booth with power, 教务处 auto-assigns and publishes, the college counts
// visitors at its booth with the +1 counter, 教务处 prints the one-page
// 位置分布图, flips the weather switch, and the public page (no login, on a
// phone) shows the new venue and day with the map.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { launchBrowser, loginAs, newPage, shot } from './support/browser.mjs'
import { PHONE, box, confirmBox, quietShot } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('display day', () => {
  it('plans, applies, assigns, publishes, prints and switches to the fallback venue', async () => {
    await withServer(async (base) => {
      const office = await loginAs(browser, base, 'sctc')
      await office.goto('/display')
      await office.locator('[data-test=display-create]').click()
      await box(office, 'event-fallback-venue').fill('体育馆')
      const fallbackDay = office.locator('.el-dialog .el-form-item', { hasText: '备用日期' }).locator('input')
      await fallbackDay.fill('2025-05-15')
      await fallbackDay.press('Enter')
      await box(office, 'event-contact').fill('教务处 伍老师 028-12345678')
      await office.locator('[data-test=display-create-save]').click()
      await office.waitForURL(/\/display\/events\/\d+$/)
      const id = Number(office.url().split('/').pop())

      // Three booths, a stage and an entrance; one booth dragged down, one with power.
      for (let i = 0; i < 3; i++) await office.locator('[data-test=plan-add-booth]').click()
      await office.locator('[data-test=plan-add-stage]').click()
      await office.locator('[data-test=plan-add-entrance]').click()
      const first = office.locator('[data-test=shape-booth][data-number=A01] rect').first()
      const from = await first.boundingBox()
      await office.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
      await office.mouse.down()
      await office.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 60, { steps: 5 })
      await office.mouse.move(from.x + from.width / 2 + 20, from.y + from.height * 2.5, { steps: 5 })
      await office.mouse.up()
      const to = await first.boundingBox()
      assert.ok(to.y > from.y + from.height, `A01 moved down: ${from.y} → ${to.y}`)
      await office.locator('[data-test=shape-booth][data-number=A03] rect').first().click()
      await office.locator('[data-test=shape-power]').click()
      await office.locator('[data-test=plan-save]').click()
      await office.getByText('第 1 版').waitFor()
      await quietShot(office, 'display-plan-editor')

      // The college applies, needing power.
      const college = await loginAs(browser, base, 'sctc-college')
      await college.goto(`/display/events/${id}`)
      await college.getByRole('tab', { name: '展位申请与分配' }).click()
      await box(college, 'apply-exhibit').fill('工业机器人与智能产线展示')
      await box(college, 'apply-category').fill('装备制造')
      await college.locator('[data-test=apply-power]').click()
      await box(college, 'apply-contact').fill('王老师 13800000000')
      await college.locator('[data-test=apply-submit]').click()
      await college.locator('[data-test=application-list]').getByText('智能制造学院').waitFor()
      // Before the booths are published it may still change what it shows.
      await college.locator('[data-test=application-edit]').click()
      await box(college, 'apply-exhibit').fill('工业机器人协同作业现场演示')
      await college.locator('[data-test=apply-submit]').click()
      await college.getByText('申请已修改').waitFor()
      await college.locator('[data-test=application-list]').getByText('工业机器人协同作业现场演示').waitFor()

      // 教务处 assigns automatically and publishes.
      await office.reload()
      await office.getByRole('tab', { name: '展位申请与分配' }).click()
      await office.locator('[data-test=auto-assign]').click()
      await office.getByText('已自动分配').waitFor()
      await office.locator('[data-test=display-publish]').click()
      await office.getByText('展位已公布，已通知各参展单位').waitFor()
      await quietShot(office, 'display-applications')

      await college.reload()
      await college.getByRole('tab', { name: '展位申请与分配' }).click()
      assert.equal((await college.locator('[data-test=my-booth]').innerText()).trim(), 'A03')

      // On the day the college counts visitors at its booth: three taps, one undone.
      await college.getByRole('tab', { name: '参观计数' }).click()
      const counter = college.locator('[data-test=booth-counter-A03]')
      for (let i = 0; i < 3; i++) await counter.locator('[data-test=visit-plus]').click()
      await counter.locator('[data-test=visit-minus]').click()
      // Every tap answered by the server: the device's outbox is empty.
      await college.waitForFunction(() =>
        Object.keys(globalThis.localStorage)
          .filter((k) => k.startsWith('vocweek.booth-visits.'))
          .every((k) => globalThis.localStorage.getItem(k) === '[]'),
      )
      assert.equal((await counter.locator('[data-test=visit-count]').innerText()).trim(), '2')
      await college.reload()
      await college.getByRole('tab', { name: '参观计数' }).click()
      assert.equal((await college.locator('[data-test=booth-counter-A03] [data-test=visit-count]').innerText()).trim(), '2')
      assert.equal((await college.locator('[data-test=visitor-total]').innerText()).trim(), '2')
      await shot(college, 'display-booth-counter')
      // The organiser reads the booth's total beside the assignment.
      await office.reload()
      await office.getByRole('tab', { name: '展位申请与分配' }).click()
      assert.equal((await office.locator('[data-test=application-visitors]').first().innerText()).trim(), '2')

      // The one-page 位置分布图.
      const [download] = await Promise.all([
        office.waitForEvent('download'),
        office.locator('[data-test=display-map]').click(),
      ])
      assert.match(download.suggestedFilename(), /位置分布图\.pdf$/)
      const file = join(mkdtempSync(join(tmpdir(), 'display-')), 'map.pdf')
      await download.saveAs(file)
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
      assert.match(info, /^Pages:\s+1$/m)
      assert.match(info, /Page size:\s+1190\.\d+ x 841\.\d+ pts/)
      execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', file, join(tmpdir(), 'display-map')])

      // Bad weather: one action.
      await office.locator('[data-test=display-weather]').click()
      await confirmBox(office, '启用')
      await office.locator('[data-test=display-weather-tag]').waitFor()
      assert.match(await office.locator('[data-test=display-when]').innerText(), /2025年5月15日.*体育馆/)

      // The public page on a phone, no login.
      const visitor = await newPage(browser, base)
      await visitor.setViewportSize(PHONE)
      await visitor.goto(`/p/display/${id}`)
      await visitor.locator('[data-test=public-display]').waitFor()
      assert.equal((await visitor.locator('[data-test=public-display-venue]').innerText()).trim(), '体育馆')
      assert.match(await visitor.locator('[data-test=public-display-when]').innerText(), /2025年5月15日 09:30-17:00/)
      await visitor.locator('[data-test=public-display-weather]').waitFor()
      assert.match(await visitor.locator('[data-test=public-display-exhibitors]').innerText(), /A03\s*智能制造学院/)
      await shot(visitor, 'display-public-phone', true)

      for (const p of [office, college, visitor]) assert.deepEqual(p.jsErrors, [])
      for (const p of [office, college, visitor]) await p.context().close()
    })
  })
})
