// Browser test of issue 14's workflow steps: a school whose forms must be
// signed off by its leader (经领导审签) — an organiser fills, the unit admin
// signs off, the organiser submits; and a school past its own deadline
// submitting its 情况统计表 with one late college listed as not counted,
// then revising it once the college is accepted, the province seeing the
// revision's changes on its review page. Each test gets its own server on a
// fresh demo database.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { api, loginAs, launchBrowser } from './support/browser.mjs'
import { DESKTOP, confirmBox, expectStatus, openForms, quietShot as shot } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

describe('reporting workflow', () => {
  it('an organiser fills the information form, the school\'s leader signs it off, then it is submitted', async () => {
    await withServer(async (base) => {
      // 成都工业职业技术学院 asks for sign-off; an organiser of the school fills its forms.
      const leader = await loginAs(browser, base, 'school2')
      await leader.setViewportSize(DESKTOP)
      const me = await api(leader, 'GET', '/api/auth/me')
      const school = me.unit_id
      await api(leader, 'PUT', `/api/units/${school}/form-sign-off`, { required: true })
      const admin = await loginAs(browser, base, 'admin')
      await api(admin, 'POST', '/api/users', {
        username: 'school2-filler',
        password: 'Filler2025x',
        display_name: '教务处干事',
        unit_id: school,
        grants: [{ unit_id: school, role: 'organiser' }],
      })
      await admin.close()
      const first = await loginAs(browser, base, 'school2-filler', 'Filler2025x')
      await api(first, 'POST', '/api/auth/password', { old_password: 'Filler2025x', new_password: 'Filler2026y' })
      await first.close()

      const campaign = (await api(leader, 'GET', '/api/public/campaigns/current')).id
      const formUrl = `/api/campaigns/${campaign}/submissions/info_form?unit_id=${school}`
      const filler = await openForms(browser, base, 'school2-filler', `?form=info_form&unit_id=${school}`, 'Filler2026y')
      const draft = await api(filler, 'GET', formUrl)
      await api(filler, 'PUT', formUrl, {
        version: draft.version,
        data: { ...draft.data, contact_person: '王老师', mobile: '13800002222', work_plan: '开放实训中心，举办技能展示。' },
      })
      await filler.reload()
      await expectStatus(filler, '草稿')
      const notice = filler.locator('[data-test=form-sign-off]')
      await notice.getByText('本单位的报表须经领导审签后提交').waitFor()
      assert.equal(await filler.locator('[data-test=form-sign-off-button]').count(), 0) // an organiser does not sign
      assert.equal(await filler.locator('[data-test=form-submit]').isDisabled(), true)
      await shot(filler, 'reporting-workflow-awaiting-sign-off', true)

      // The leader (the school's unit admin) signs off on the same page.
      await leader.goto(`/reports?form=info_form&unit_id=${school}`)
      await leader.locator('[data-test=form-sign-off-button]').click()
      await confirmBox(leader, '审签')
      await leader.locator('[data-test=form-signed-off]', { hasText: '审签：成都工业职院教务处 2025-05-14 10:00' }).waitFor()
      await shot(leader, 'reporting-workflow-signed-off')

      // The organiser submits what was signed.
      await filler.reload()
      await filler.locator('[data-test=form-signed-off]').waitFor()
      await filler.locator('[data-test=form-submit]').click()
      await confirmBox(filler, '提交')
      await expectStatus(filler, '已提交')
      await filler.locator('[data-test=form-signed-off]', { hasText: '成都工业职院教务处' }).waitFor()
      await shot(filler, 'reporting-workflow-submitted-signed', true)
    })
  })

  it('a school past its deadline submits without a late college, then revises when the college is accepted', async () => {
    // After the schools' statistics deadline (24 May) set by the province.
    process.env.VOCWEEK_CLOCK = '2025-05-25T09:00:00+08:00'
    try {
      await withServer(async (base) => {
        // The 教务处's account opens its school's form (the page picks the school).
        const school = await openForms(browser, base, 'sctc', '?form=statistics')
        await school.waitForURL(/unit_id=\d+/)
        const schoolId = Number(new URL(school.url()).searchParams.get('unit_id'))
        await school.locator('[data-test=form-unit-name]', { hasText: '四川科技职业学院' }).waitFor()
        const campaign = (await api(school, 'GET', '/api/public/campaigns/current')).id
        const blocking = school.locator('[data-test=form-blocking]')
        await blocking.getByText('已过本单位的截止时间，可以提交').waitFor()
        assert.equal(await school.locator('[data-test=form-blocking-child]').count(), 5)
        await school.locator('[data-test=form-save]').click()
        await school.getByText('草稿已保存').first().waitFor()
        assert.equal(await school.locator('[data-test=form-submit]').isDisabled(), false)
        await blocking.scrollIntoViewIfNeeded()
        await shot(school, 'reporting-workflow-late-children-may-submit', true)
        await school.locator('[data-test=form-submit]').click()
        await confirmBox(school, '提交')
        await expectStatus(school, '已提交')
        await shot(school, 'reporting-workflow-late-children-submitted', true)

        // The province accepts it; then 智能制造学院 submits late and the school accepts it.
        const province = await loginAs(browser, base, 'province')
        await province.setViewportSize(DESKTOP)
        const schoolUrl = `/api/campaigns/${campaign}/submissions/statistics?unit_id=${schoolId}`
        let form = await api(province, 'GET', schoolUrl)
        await api(province, 'POST', `/api/submissions/${form.id}/accept`, { version: form.version })
        const college = await loginAs(browser, base, 'sctc-college')
        const collegeId = (await api(college, 'GET', '/api/auth/me')).unit_id
        const collegeUrl = `/api/campaigns/${campaign}/submissions/statistics?unit_id=${collegeId}`
        const cdraft = await api(college, 'GET', collegeUrl)
        const csaved = await api(college, 'PUT', collegeUrl, { version: cdraft.version, data: { overrides: {} } })
        await api(college, 'POST', `/api/campaigns/${campaign}/submissions/statistics/submit?unit_id=${collegeId}`, {
          version: csaved.version,
        })
        const cform = await api(school, 'GET', collegeUrl)
        await api(school, 'POST', `/api/submissions/${cform.id}/accept`, { version: cform.version })

        // The province reopens the school's form so that it counts the college; the school resubmits.
        form = await api(province, 'GET', schoolUrl)
        await api(province, 'POST', `/api/submissions/${form.id}/reopen`, { reason: '智能制造学院已补报，请修订', version: form.version })
        await school.reload()
        await expectStatus(school, '已退回')
        assert.equal(await school.locator('[data-test=form-blocking-child]').count(), 4)
        await school.locator('[data-test=form-submit]').click()
        await confirmBox(school, '提交')
        await expectStatus(school, '已提交')

        // The province's review page shows what changed since it accepted.
        await province.goto(`/reports/review/${schoolId}?form=statistics`)
        const changes = province.locator('[data-test=review-changes]')
        await changes.getByText('修订再报').waitFor()
        const table = province.locator('[data-test=review-changes-table]')
        const row = table.locator('.el-table__body tr', { hasText: '智能制造学院' })
        await row.waitFor()
        assert.match(await row.innerText(), /未计入\s+计入/)
        await shot(province, 'reporting-workflow-revision-changes', true)
      })
    } finally {
      delete process.env.VOCWEEK_CLOCK
    }
  })
})
