// Browser tests of 报表填报 (/reports): a school fills, saves and submits its
// 信息采集表 with a live character count, the province returns it with a
// comment on 活动周工作计划, the school sees the comment beside the field,
// corrects and resubmits, the province accepts and the verification code
// appears; two editors of one draft, the second save refused with the
// conflict message; the statistics form (sources, adjustments, children that
// block submission, the Excel template) and the summary report. Each test
// gets its own server on a fresh demo database.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { launchBrowser } from './support/browser.mjs'
import { box, confirmBox, expectStatus, openForms, quietShot as shot } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

const infoInput = (page, field) => box(page, `info-${field}`)

describe('reporting forms', () => {
  it('信息采集表: filled with a live count, submitted late, returned with a field comment, resubmitted and accepted', async () => {
    await withServer(async (base) => {
      const school = await openForms(browser, base, 'school2')
      const unitId = new URL(school.url()).searchParams.get('unit_id')
      await school.locator('[data-test=form-unit-name]', { hasText: '成都工业职业技术学院' }).waitFor()
      await expectStatus(school, '未填报')
      assert.match(await school.locator('[data-test=form-deadline]').innerText(), /2025年5月13日 23:59/)

      await infoInput(school, 'contact_person').fill('王明')
      await infoInput(school, 'position').fill('教务处副处长')
      await infoInput(school, 'mobile').fill('13800001234')
      await infoInput(school, 'qq').fill('123456')
      await infoInput(school, 'website').fill('https://www.example.edu.cn/zjz')

      // The count is live and counts characters: an emoji and each 汉字 count one.
      const plan = infoInput(school, 'work_plan')
      const count = school.locator('[data-test=count-work_plan]')
      await plan.fill('一技在手👍')
      assert.equal((await count.innerText()).trim(), '5 / 300')
      await plan.fill('职'.repeat(301))
      assert.equal((await count.innerText()).trim(), '301 / 300')
      assert.match(await count.getAttribute('class'), /over/)
      // The server's rules run on the unsaved text once typing pauses.
      await school.locator('[data-test=form-issue].error', { hasText: '活动周工作计划应在 300 字以内' }).waitFor()
      const text = '5月11日至17日开展“一技在手，一生无忧”系列活动：校园开放日、技能展示、企业进校园和职业体验。'
      await plan.fill(text)
      assert.equal((await count.innerText()).trim(), `${Array.from(text).length} / 300`)
      assert.doesNotMatch(await count.getAttribute('class'), /over/)
      await infoInput(school, 'featured').fill('“智能制造开放日”：面向中小学生开放实训中心，体验工业机器人编程。')
      await school.locator('[data-test=form-issues-ok]').waitFor()
      await school.locator('[data-test=form-dirty]').waitFor()
      await shot(school, 'reporting-info', true)

      await school.locator('[data-test=form-save]').click()
      await school.getByText('草稿已保存').first().waitFor()
      await expectStatus(school, '草稿')
      await school.locator('[data-test=form-dirty]').waitFor({ state: 'hidden' })

      // Submitting after the deadline is allowed and says it will be marked late.
      await school.locator('[data-test=form-submit]').click()
      const question = await confirmBox(school, '提交')
      assert.match(question, /提交给四川省教育厅审核/)
      assert.match(question, /提交后将标记为逾期/)
      await expectStatus(school, '已提交')
      await school.locator('[data-test=form-late]').waitFor()
      assert.equal(await school.locator('[data-test=form-save]').count(), 0)

      // The province returns it with a comment on 活动周工作计划.
      const province = await openForms(browser, base, 'province', `?form=info_form&unit_id=${unitId}`)
      await province.locator('[data-test=form-unit-name]', { hasText: '成都工业职业技术学院' }).waitFor()
      await expectStatus(province, '已提交')
      assert.equal(await infoInput(province, 'work_plan').inputValue(), text)
      // Reviewers decide on their own page: the filler's page only links to it.
      const reviewPage = `/reports/review/${unitId}?form=info_form`
      assert.equal(await province.locator('[data-test=form-review-page]').getAttribute('href'), reviewPage)
      assert.match(await province.locator('[data-test=form-review-note]').innerText(), /通过、退回请在审核页面办理/)
      for (const gone of ['form-save', 'review-accept', 'review-return']) {
        assert.equal(await province.locator(`[data-test=${gone}]`).count(), 0, gone)
      }
      await province.locator('[data-test=form-review-page]').click()
      await province.waitForURL((u) => u.pathname === `/reports/review/${unitId}`)
      await expectStatus(province, '已提交')
      await province.locator('[data-test=review-return]').click()
      const dialog = province.locator('[data-test=return-dialog]')
      await dialog.locator('[data-test=return-confirm]').click()
      await dialog.getByText('请填写退回意见').waitFor()
      await box(dialog, 'return-comment').fill('工作计划请写明各项活动的时间和地点。')
      await dialog.locator('[data-test=return-add-field]').click()
      await dialog.locator('[data-test=return-field-0]').click()
      await province.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '活动周工作计划' }).click()
      await box(dialog, 'return-field-text-0').fill('缺少活动地点')
      await shot(province, 'reporting-return-dialog')
      await dialog.locator('[data-test=return-confirm]').click()
      await dialog.waitFor({ state: 'hidden' })
      await province.waitForURL((u) => u.pathname === '/reports/review')

      // The school sees the comments, the one on the plan beside the plan.
      await school.reload()
      await expectStatus(school, '已退回')
      assert.match(await school.locator('[data-test=form-return-comment]').innerText(), /工作计划请写明各项活动的时间和地点/)
      const fieldComment = school.locator('.el-form-item:has(textarea[data-test=info-work_plan]) [data-test=field-comment-work_plan]')
      assert.match(await fieldComment.innerText(), /缺少活动地点/)
      await shot(school, 'reporting-info-returned', true)
      await plan.fill(`${text}主会场设在学校东区实训楼。`)
      await school.locator('[data-test=form-submit]').click()
      await confirmBox(school, '提交')
      await expectStatus(school, '已提交')

      // The province accepts on the review page: the form is locked and its verification code appears.
      await province.goto(reviewPage)
      await expectStatus(province, '已提交')
      assert.match(await infoInput(province, 'work_plan').inputValue(), /主会场设在学校东区实训楼/)
      await province.locator('[data-test=review-accept]').click()
      await confirmBox(province, '通过')
      await province.waitForURL((u) => u.pathname === '/reports/review')
      await province.goto(`/reports?form=info_form&unit_id=${unitId}`)
      await expectStatus(province, '已通过')
      const code = (await province.locator('[data-test=snapshot-code]').innerText()).trim()
      assert.ok(code.length >= 6, `verification code: ${code}`)
      assert.match(await province.locator('[data-test=snapshot-link]').getAttribute('href'), new RegExp(code))
      await province.locator('[data-test=form-review-note]', { hasText: '重新打开请在审核页面办理' }).waitFor()
      await shot(province, 'reporting-info-accepted', true)

      // The school's copy is locked; it uploads the stamped scan and exports the form.
      await school.reload()
      await expectStatus(school, '已通过')
      assert.equal((await school.locator('[data-test=snapshot-code]').innerText()).trim(), code)
      assert.equal(await school.locator('[data-test=form-submit]').count(), 0)
      await school.locator('[data-test=scan-upload] input[type=file]').setInputFiles({
        name: '信息采集表（盖章）.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
      })
      await school.locator('[data-test=scan-item]', { hasText: '信息采集表（盖章）.pdf' }).waitFor()
      const downloading = school.waitForEvent('download')
      await school.locator('[data-test=form-export] button').click()
      await school.locator('[data-test=export-xlsx]:visible').click()
      const file = await downloading
      assert.match(file.suggestedFilename(), /\.xlsx$/)

      await school.locator('[data-test=form-history-open]').click()
      const history = school.locator('[data-test=history-drawer]')
      await history.locator('[data-test=history-item]').first().waitFor()
      const entries = await history.locator('[data-test=history-item]').allInnerTexts()
      for (const action of ['保存', '提交', '退回', '审核通过']) {
        assert.ok(entries.some((e) => e.includes(action)), `history has ${action}: ${entries.join(' | ')}`)
      }
      assert.deepEqual([...school.jsErrors, ...province.jsErrors], [])
    })
  })

  it('two editors of one draft: the second save is refused with the conflict message, never overwriting', async () => {
    await withServer(async (base) => {
      const first = await openForms(browser, base, 'school2')
      await infoInput(first, 'contact_person').fill('王明')
      await infoInput(first, 'mobile').fill('13800001234')
      await first.locator('[data-test=form-save]').click()
      await first.getByText('草稿已保存').first().waitFor()

      // A second browser (another person of the same office) loads the same draft.
      const second = await openForms(browser, base, 'school2')
      await expectStatus(second, '草稿')
      assert.equal(await infoInput(second, 'contact_person').inputValue(), '王明')

      await infoInput(first, 'work_plan').fill('第一位老师写的工作计划。')
      await infoInput(second, 'work_plan').fill('第二位老师写的工作计划。')
      await first.locator('[data-test=form-save]').click()
      await first.getByText('草稿已保存').first().waitFor()

      await second.locator('[data-test=form-save]').click()
      const alert = second.locator('[data-test=form-conflict]')
      await alert.waitFor()
      assert.match(await alert.innerText(), /该表已被他人修改/)
      // The unsaved text stays on screen until the editor chooses to reload.
      assert.equal(await infoInput(second, 'work_plan').inputValue(), '第二位老师写的工作计划。')
      await shot(second, 'reporting-conflict')

      await alert.locator('[data-test=form-reload]').click()
      await alert.waitFor({ state: 'hidden' })
      await second.locator('[data-test=form-dirty]').waitFor({ state: 'hidden' })
      assert.equal(await infoInput(second, 'work_plan').inputValue(), '第一位老师写的工作计划。')
      assert.deepEqual([...first.jsErrors, ...second.jsErrors], [])
    })
  })

  it('情况统计表 and 工作总结报告: sources, adjustments with reasons, blocking colleges, the Excel template', async () => {
    await withServer(async (base) => {
      const page = await openForms(browser, base, 'sctc', '?form=statistics')
      await page.locator('[data-test=form-unit-name]', { hasText: '四川科技职业学院' }).waitFor()
      const table = page.locator('[data-test=statistics-table]')
      await table.waitFor()
      assert.equal(await table.locator('[data-test=statistics-row]').count(), 6)
      // Colleges that have not been accepted are listed greyed and not counted.
      const college = table.locator('[data-test=statistics-row]', { hasText: '智能制造学院' })
      assert.match(await college.innerText(), /未通过审核，不计入合计/)
      await table.locator('[data-test=statistics-total]').waitFor()

      // They also block the school's submission.
      const blocking = page.locator('[data-test=form-blocking]')
      await blocking.waitFor()
      assert.match(await blocking.innerText(), /智能制造学院/)
      assert.equal(await page.locator('[data-test=form-submit]').isDisabled(), true)

      // A figure of the school's own row opens the records behind it.
      await table.locator('[data-test=source-projects]').click()
      const drawer = page.locator('[data-test=sources-drawer]')
      await drawer.locator('[data-test=sources-table] .el-table__body tr').first().waitFor()
      assert.match(await drawer.innerText(), /职教活动周集中展示日/)
      await shot(page, 'reporting-statistics-sources')
      await page.keyboard.press('Escape')
      await drawer.waitFor({ state: 'hidden' })

      // An adjustment needs a reason; the reported value shows beside the computed one.
      const before = (await table.locator('[data-test=statistics-total] td[data-field=total]').innerText()).trim()
      const value = box(page, 'override-value-total')
      await value.fill(String(Number(before) + 150))
      await value.press('Tab')
      await page.locator('[data-test=override-error-total]', { hasText: '请填写调整原因' }).waitFor()
      await page.locator('[data-test=form-save]').click()
      await page.getByText('每项调整都要填写原因').first().waitFor()
      await box(page, 'override-reason-total').fill('含线上直播观看的校外人员')
      await page.locator('[data-test=override-error-total]').waitFor({ state: 'hidden' })
      const summary = page.locator('[data-test=override-summary-total]')
      assert.equal(
        (await summary.innerText()).trim(),
        `计算值 ${before} → 填报值 ${Number(before) + 150}（说明：含线上直播观看的校外人员）`,
      )
      await table.locator('[data-test=statistics-final] td.changed[data-field=total]').waitFor()
      await page.locator('[data-test=form-save]').click()
      await page.getByText('草稿已保存').first().waitFor()
      await expectStatus(page, '草稿')
      await shot(page, 'reporting-statistics', true)

      // The Excel template comes back through a check first, then a save.
      const downloading = page.waitForEvent('download')
      await page.locator('[data-test=statistics-template]').click()
      const template = await downloading
      assert.match(template.suggestedFilename(), /\.xlsx$/)
      const dir = mkdtempSync(join(tmpdir(), 'vocweek-template-'))
      try {
        const path = join(dir, template.suggestedFilename())
        await template.saveAs(path)
        await page.locator('[data-test=statistics-import-open]').click()
        const dialog = page.locator('[data-test=statistics-import]')
        await dialog.locator('[data-test=statistics-import-file]').setInputFiles(path)
        await dialog.locator('[data-test=statistics-import-check]').click()
        await dialog.locator('[data-test=statistics-import-valid]').waitFor()
        // Every figure is listed with its value now and after; the override saved above
        // comes back from the template unchanged, reason and all.
        const total = dialog.locator('[data-test=statistics-import-changes] tr', { hasText: '参与总人数' })
        assert.match(await total.innerText(), /保留调整/)
        assert.match(await total.innerText(), /含线上直播观看的校外人员/)
        assert.equal(await dialog.locator('[data-test=statistics-import-changes] tbody tr').count(), 9)
        assert.equal(await dialog.locator('.el-alert--error, [data-test=statistics-import-removed]').count(), 0)
        await shot(page, 'reporting-statistics-import')
        await dialog.locator('[data-test=statistics-import-confirm]').click()
        await dialog.locator('[data-test=statistics-import-saved]').waitFor()
        await dialog.getByRole('button', { name: '关闭', exact: true }).click()
        await dialog.waitFor({ state: 'hidden' })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }

      // 工作总结报告: seven parts, 基本情况 and 媒体宣传情况 drafted from the data.
      await page.locator('[data-test=form-tabs] .el-tabs__item', { hasText: '工作总结报告' }).click()
      await page.locator('[data-test=form-summary]').waitFor()
      await page.waitForURL(/form=summary/)
      assert.equal(await page.locator('[data-test=form-summary] textarea').count(), 7)
      assert.match(await box(page, 'summary-basic').inputValue(), /四川科技职业学院/)
      assert.match(await box(page, 'summary-media').inputValue(), /媒体报道/)
      // Rule results show from the first edit, and a rule over several parts is one line.
      assert.equal(await page.locator('[data-test=form-issue]').count(), 0)
      await box(page, 'summary-cases').fill('智能制造学院“机器人进社区”：学生志愿者为社区居民演示工业机器人。')
      const sevenParts = page.locator('[data-test=form-issue]', { hasText: '七个部分都应有内容' })
      await sevenParts.waitFor()
      assert.equal(await sevenParts.count(), 1)
      await shot(page, 'reporting-summary', true)
      assert.deepEqual(page.jsErrors, [])
    })
  })
})
