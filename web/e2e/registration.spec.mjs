// Browser tests of registration and check-in: a visitor signs up on the
// public site and gets a QR ticket; the organiser checks people in at the
// door (typed code, camera, offline outbox) and counts walk-ins; the waiting
// list moves up when someone cancels. Each test gets its own server on a
// fresh demo database.
/* global Image, btoa, localStorage -- used inside page.evaluate, in the browser */
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { chromium } from 'playwright-core'
import { api, launchBrowser, loginAs, nav, newPage, shot } from './support/browser.mjs'
import { withServer } from './support/server.mjs'

const PHONE = { width: 390, height: 844 }
/** The demo week lies in the past; visitors' browsers live on its Monday, when sign-ups are open. */
const DURING_THE_WEEK = new Date('2025-05-12T10:00:00+08:00')

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

/** A visitor's phone: no account, the clock in the demo week. */
async function visitorPhone(base) {
  const page = await newPage(browser, base)
  await page.setViewportSize(PHONE)
  await page.clock.setFixedTime(DURING_THE_WEEK)
  return page
}

/** An on-campus activity taking registrations, published by the signed-in organiser (智能制造学院). */
async function publishActivityViaApi(page, { title, capacity }) {
  const me = await api(page, 'GET', '/api/auth/me')
  const unitId = me.grants.find((g) => g.role === 'organiser').unit_id
  const campaign = await api(page, 'GET', '/api/public/campaigns/current')
  const a = await api(page, 'POST', `/api/campaigns/${campaign.id}/activities`, {
    unit_id: unitId, title, description: '', theme_day_id: null,
    starts_at: '2025-05-14T14:00:00+08:00', ends_at: '2025-05-14T16:00:00+08:00', part_of_month: false,
    place_kind: 'on_campus', place: '实训中心一楼', online_url: '', category_id: null, tag_ids: [], audiences: [],
    capacity, open_to_public: true, registration_required: true, organiser: '', contact: '', featured: false,
    partner: '', cooperation: '', enterprises: '', posts_offered: 0,
  })
  await api(page, 'POST', `/api/activities/${a.id}/publish`)
  return a.id
}

const activityRow = (page, title) =>
  page.locator('[data-test=activity-table] .el-table__body tr', { has: page.getByText(title, { exact: true }) })

/** Fills and sends the person form on the registration page (already open). */
async function registerPerson(page, { name, mobile, category = '社会公众' }) {
  const form = page.locator('[data-test=registration-form]')
  await form.getByLabel('姓名').fill(name)
  await form.getByLabel('手机号').fill(mobile)
  await form.locator('.el-radio', { hasText: category }).click()
  await form.locator('[data-test=consent]').click()
  await form.locator('[data-test=registration-submit]').click()
}

async function expectQrShown(page) {
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-test=ticket-qr]')
    return img && img.complete && img.naturalWidth > 0
  })
  const box = await page.locator('[data-test=ticket-qr]').boundingBox()
  assert.ok(box.width >= 240, `QR code is ${box.width}px wide`)
}

/** The check-in page's big result panel reads `title` (and carries `result`). */
async function expectScan(page, result, title) {
  const panel = page.locator(`[data-test=scan-result][data-result=${result}]`)
  await panel.waitFor()
  await panel.locator('[data-test=scan-result-title]', { hasText: title }).waitFor()
  return panel
}

async function typeCode(page, code) {
  await page.locator('[data-test=manual-code]').fill(code)
  await page.locator('[data-test=manual-submit]').click()
}

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`)
}

describe('registration and check-in', () => {
  it('a visitor registers from the activity page, gets a QR ticket and is checked in once at the door', async () => {
    await withServer(async (base) => {
      const title = '数控加工开放日'
      const college = await loginAs(browser, base, 'sctc-college')
      await nav(college, '活动管理')
      await college.locator('[data-test=activity-create]').click()
      const dialog = college.getByRole('dialog', { name: '新建活动' })
      const form = dialog.locator('[data-test=activity-form]')
      await form.getByLabel('活动名称').fill(title)
      const start = form.locator('[data-test=activity-start] input')
      await start.fill('2025-05-15 09:00')
      await start.press('Enter')
      await form.locator('[data-test=activity-place-kind]').getByText('校内', { exact: true }).click()
      await form.getByLabel('活动地点').fill('智能制造实训中心')
      await form.locator('.el-form-item', { hasText: '人数上限' }).locator('input').fill('40')
      await form.getByText('面向公众开放').click()
      await form.getByText('需要报名').click()
      await dialog.locator('[data-test=activity-save]').click()
      await dialog.waitFor({ state: 'hidden' })
      await activityRow(college, title).locator('[data-test=action-publish]').click()
      await college.getByText('已发布，活动周网站上可以看到了').waitFor()

      // A visitor on a phone, from the programme to the activity and its form.
      const visitor = await visitorPhone(base)
      await visitor.goto('/p/programme')
      await visitor.locator('[data-test=activity-card]', { hasText: title }).click()
      await visitor.waitForURL(/\/p\/activities\/\d+$/)
      const activityId = Number(new URL(visitor.url()).pathname.split('/').pop())
      await visitor.locator('[data-test=register-link]').waitFor()
      await shot(visitor, 'site-activity-register-phone')
      await visitor.locator('[data-test=register-link]').click()
      await visitor.waitForURL(/\/register$/)
      await visitor.getByRole('heading', { name: `报名：${title}` }).waitFor()
      await visitor.locator('[data-test=privacy-notice]').getByText('138****1234').waitFor()
      // Nothing filled in: every required field says what it needs, nothing is sent.
      await visitor.locator('[data-test=registration-submit]').click()
      const regForm = visitor.locator('[data-test=registration-form]')
      for (const message of ['请填写姓名', '请填写手机号', '请选择身份类别', '请阅读并同意个人信息保护说明']) {
        await regForm.locator('.el-form-item__error', { hasText: message }).waitFor()
      }
      // Under 14: the guardian fills in and consents.
      await visitor.locator('[data-test=under-14]').click()
      await regForm.getByLabel('监护人姓名').waitFor()
      await regForm.getByText('我是报名人的监护人，已阅读并同意《个人信息保护说明》').waitFor()
      await shot(visitor, 'registration-form-phone', true)
      await noSidewaysScroll(visitor)
      await visitor.locator('[data-test=under-14]').click()

      await registerPerson(visitor, { name: '王小明', mobile: '138 1234 1234' })
      await visitor.waitForURL(/\/p\/tickets\/[A-Za-z0-9_-]+$/)
      await visitor.locator('[data-test=ticket-status]', { hasText: '报名成功' }).waitFor()
      await expectQrShown(visitor)
      const token = new URL(visitor.url()).pathname.split('/').pop()
      assert.match(token, /^[A-Za-z0-9_-]{16,}$/)
      assert.equal((await visitor.locator('[data-test=ticket-link]').innerText()).trim(), `${base}/p/tickets/${token}`)
      await visitor.locator('[data-test=ticket]').getByText('138****1234').waitFor()
      await visitor.locator('[data-test=ticket-keep]').waitFor()
      await shot(visitor, 'ticket-phone', true)
      await noSidewaysScroll(visitor)
      // The QR code holds the ticket page's address.
      const svg = await visitor.request.get(`/api/public/tickets/${token}/qr.svg`)
      assert.equal(svg.headers()['content-type'], 'image/svg+xml')
      // Back on the activity page, this browser leads to its ticket.
      await visitor.goto(`/p/activities/${activityId}`)
      await visitor.locator('[data-test=my-ticket-link]').click()
      await visitor.waitForURL(new RegExp(`/p/tickets/${token}$`))
      assert.deepEqual(visitor.jsErrors, [])

      // The organiser: the list (masked), then the door on a phone.
      await nav(college, '活动管理')
      await activityRow(college, title).locator('[data-test=action-registrations]').waitFor()
      await shot(college, 'activities-registrations-action')
      await activityRow(college, title).locator('[data-test=action-registrations]').click()
      await college.waitForURL(new RegExp(`/activities/${activityId}/registrations$`))
      const table = college.locator('[data-test=registration-table]')
      await table.getByText('王小明').waitFor()
      await table.getByText('138****1234').waitFor()
      assert.equal(await table.getByText('13812341234').count(), 0)
      await college.locator('[data-test=attendance-registered]', { hasText: '1 / 40' }).waitFor()
      const [xlsx] = await Promise.all([
        college.waitForEvent('download'),
        college.locator('[data-test=registrations-export]').click(),
      ])
      assert.match(xlsx.suggestedFilename(), /报名名单\.xlsx$/)
      await college.locator('[data-test=open-checkin]').click()
      await college.waitForURL(new RegExp(`/activities/${activityId}/checkin$`))
      await college.setViewportSize(PHONE)
      await college.locator('[data-test=checkin-activity]', { hasText: title }).waitFor()
      await college.locator('[data-test=camera-start]').waitFor()
      await typeCode(college, token)
      const ok = await expectScan(college, 'ok', '签到成功')
      await ok.getByText('王小明').waitFor()
      await college.locator('[data-test=count-checked-in]', { hasText: /^1$/ }).waitFor()
      await college.locator('[data-test=sync-status]', { hasText: '已全部上传' }).waitFor()
      await shot(college, 'checkin-ok-phone')
      await noSidewaysScroll(college)
      // The same ticket again, this time as the link: stopped.
      await typeCode(college, `${base}/p/tickets/${token}`)
      const again = await expectScan(college, 'already', '已签到')
      await again.getByText('已签到过，请勿重复入场').waitFor()
      await college.locator('[data-test=count-checked-in]', { hasText: /^1$/ }).waitFor()
      await shot(college, 'checkin-already-phone')
      // Not a ticket at all.
      await typeCode(college, 'https://example.com/')
      await college.locator('[data-test=scan-result][data-result=invalid]').waitFor()
      assert.equal(await college.locator('[data-test=recent-scans] li').count(), 2)
      assert.deepEqual(college.jsErrors, [])

      // The visitor's ticket shows the check-in and can no longer be cancelled.
      await visitor.reload()
      await visitor.locator('[data-test=ticket-checked-in]').waitFor()
      assert.equal(await visitor.locator('[data-test=ticket-cancel]').count(), 0)
      await visitor.context().close()

      await college.setViewportSize({ width: 1440, height: 900 })
      await college.goto(`/activities/${activityId}/registrations`)
      await college.locator('[data-test=registration-checked-in]', { hasText: '已签到' }).waitFor()
      await college.locator('[data-test=attendance-checked-in]', { hasText: /^1$/ }).waitFor()
      await shot(college, 'registrations')
      await college.context().close()
    })
  })

  it('waiting list: the second visitor waits, moves up when the first cancels and is told so', async () => {
    await withServer(async (base) => {
      const title = '工业机器人体验课（限1人）'
      const college = await loginAs(browser, base, 'sctc-college')
      const id = await publishActivityViaApi(college, { title, capacity: 1 })

      const a = await visitorPhone(base)
      await a.goto(`/p/activities/${id}/register`)
      await registerPerson(a, { name: '张一', mobile: '13900000001', category: '家长' })
      await a.locator('[data-test=ticket-status]', { hasText: '报名成功' }).waitFor()

      const b = await visitorPhone(base)
      await b.goto(`/p/activities/${id}`)
      await b.locator('[data-test=register-link]').click()
      // The server's answer to a mobile already registered shows next to the mobile.
      await registerPerson(b, { name: '李二', mobile: '13900000001' })
      await b
        .locator('[data-test=registration-form] .el-form-item', { hasText: '手机号' })
        .locator('.el-form-item__error', { hasText: '该手机号已报名此活动' })
        .waitFor()
      assert.match(b.url(), /\/register$/)
      await shot(b, 'registration-error-phone')
      await b.locator('[data-test=registration-form]').getByLabel('手机号').fill('13900000002')
      await b.locator('[data-test=registration-submit]').click()
      await b.locator('[data-test=ticket-status]', { hasText: '候补第1位' }).waitFor()
      await expectQrShown(b)
      await shot(b, 'ticket-waiting-phone', true)

      // A gives the seat up.
      await a.locator('[data-test=ticket-cancel]').click()
      await a.locator('.el-message-box').getByRole('button', { name: '确认取消报名' }).click()
      await a.locator('[data-test=ticket-status]', { hasText: '已取消' }).waitFor()
      assert.equal(await a.locator('[data-test=ticket-qr]').count(), 0)
      assert.equal(await a.locator('[data-test=ticket-cancel]').count(), 0)

      await b.locator('[data-test=ticket-refresh]').click()
      await b.locator('[data-test=ticket-status]', { hasText: '报名成功' }).waitFor()
      await b.locator('[data-test=ticket-notice]', { hasText: '有名额空出，您的候补报名已转为报名成功' }).waitFor()
      await shot(b, 'ticket-promoted-phone', true)
      const tokenB = new URL(b.url()).pathname.split('/').pop()
      assert.deepEqual([...a.jsErrors, ...b.jsErrors], [])
      await a.context().close()
      await b.context().close()

      // Staff who scanned the code with another app land on the ticket page and go on to check-in.
      await college.setViewportSize(PHONE)
      await college.goto(`/p/tickets/${tokenB}`)
      await college.locator('[data-test=staff-checkin]').click()
      await college.waitForURL(new RegExp(`/activities/${id}/checkin$`))
      const ok = await expectScan(college, 'ok', '签到成功')
      await ok.getByText('李二').waitFor()
      await college.reload()
      await college.locator('[data-test=count-checked-in]', { hasText: /^1$/ }).waitFor()
      assert.equal(await college.locator('[data-test=recent-scans] li').count(), 0)

      await college.setViewportSize({ width: 1440, height: 900 })
      await college.goto(`/activities/${id}/registrations`)
      const table = college.locator('[data-test=registration-table]')
      await table.locator('tr', { hasText: '张一' }).locator('[data-test=registration-status]', { hasText: '已取消' }).waitFor()
      await table.locator('tr', { hasText: '李二' }).locator('[data-test=registration-status]', { hasText: '报名成功' }).waitFor()
      await college.context().close()
    })
  })

  it('a class registers with its roster; the door lets part of it in, then the rest; walk-ins go up and down', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      const id = await publishActivityViaApi(college, { title: '小学生职业体验日', capacity: 100 })

      const teacher = await visitorPhone(base)
      await teacher.goto(`/p/activities/${id}/register`)
      await teacher.locator('[data-test=kind-group]').click()
      const form = teacher.locator('[data-test=registration-form]')
      await form.getByLabel('学校').fill('郫都区实验小学')
      await form.getByLabel('班级').fill('四年级二班')
      await form.getByLabel('带队教师姓名').fill('刘老师')
      await form.getByLabel('带队教师手机号').fill('13700001111')
      await form.locator('[data-test=head-count] input').fill('3')
      await form.locator('textarea[data-test=roster]').fill('张小明\n李小红\n王小刚\n赵小丽')
      await form.locator('[data-test=consent]').click()
      await form.locator('[data-test=registration-submit]').click()
      await form.locator('.el-form-item__error', { hasText: '名单人数（4）超过了报名人数（3）' }).waitFor()
      await form.locator('[data-test=head-count] input').fill('30')
      await form.locator('[data-test=head-count] input').press('Tab')
      await shot(teacher, 'registration-group-phone', true)
      await form.locator('[data-test=registration-submit]').click()
      await teacher.locator('[data-test=ticket-status]', { hasText: '报名成功' }).waitFor()
      await teacher.locator('[data-test=ticket]').getByText('郫都区实验小学 四年级二班').waitFor()
      const token = new URL(teacher.url()).pathname.split('/').pop()
      await teacher.context().close()

      await college.setViewportSize(PHONE)
      await college.goto(`/activities/${id}/checkin`)
      await typeCode(college, token)
      const prompt = college.locator('[data-test=group-prompt]')
      await prompt.getByText('郫都区实验小学 四年级二班').waitFor()
      assert.equal(await prompt.locator('[data-test=group-people] input').inputValue(), '30')
      await prompt.locator('[data-test=group-people] input').fill('25')
      await prompt.locator('[data-test=group-people] input').press('Tab')
      await shot(college, 'checkin-group-phone')
      await prompt.locator('[data-test=group-confirm]').click()
      const ok = await expectScan(college, 'ok', '签到成功')
      await ok.getByText('本次入场 25 人（已入场 25/30）').waitFor()
      await college.locator('[data-test=count-checked-in]', { hasText: /^25$/ }).waitFor()
      // The latecomers: the rest by default.
      await typeCode(college, token)
      assert.equal(await prompt.locator('[data-test=group-people] input').inputValue(), '5')
      await prompt.locator('[data-test=group-confirm]').click()
      await ok.getByText('本次入场 5 人（已入场 30/30）').waitFor()
      await college.locator('[data-test=count-checked-in]', { hasText: /^30$/ }).waitFor()

      // Walk-ins: two parents in, one counted by mistake taken off.
      await college.locator('[data-test=tab-walkins]').click()
      const parents = college.locator('[data-test=walkin-parent]')
      const pupils = college.locator('[data-test=walkin-pupil_primary]')
      // The class's check-ins are not walk-ins.
      await pupils.locator('[data-test=walkin-count]', { hasText: /^0$/ }).waitFor()
      assert.ok(await parents.locator('[data-test=walkin-minus]').isDisabled())
      await parents.locator('[data-test=walkin-plus]').click()
      await parents.locator('[data-test=walkin-plus]').click()
      await parents.locator('[data-test=walkin-plus]').click()
      await parents.locator('[data-test=walkin-count]', { hasText: /^3$/ }).waitFor()
      await parents.locator('[data-test=walkin-minus]').click()
      await parents.locator('[data-test=walkin-count]', { hasText: /^2$/ }).waitFor()
      await college.locator('[data-test=sync-status]', { hasText: '已全部上传' }).waitFor()
      await college.locator('[data-test=count-walkins]', { hasText: /^2$/ }).waitFor()
      await college.locator('[data-test=count-total]', { hasText: /^32$/ }).waitFor()
      await shot(college, 'checkin-walkins-phone')
      await noSidewaysScroll(college)
      // The counts are the server's: a reload shows the same.
      await college.reload()
      await college.locator('[data-test=tab-walkins]').click()
      await parents.locator('[data-test=walkin-count]', { hasText: /^2$/ }).waitFor()
      await college.locator('[data-test=count-total]', { hasText: /^32$/ }).waitFor()
      // The roster for the door: full mobile, for checking who someone is.
      await college.locator('[data-test=tab-roster]').click()
      await college.locator('[data-test=roster-search]').fill('1111')
      await college.locator('[data-test=roster]').getByText('13700001111').waitFor()
      await shot(college, 'checkin-roster-phone')

      await college.setViewportSize({ width: 1440, height: 900 })
      await college.goto(`/activities/${id}/registrations`)
      await college.locator('[data-test=attendance-walkins]', { hasText: /^2$/ }).waitFor()
      await college.locator('[data-test=attendance-by-category]').getByText('家长 2').waitFor()
      await college.locator('[data-test=attendance-by-category]').getByText('小学生 30').waitFor()
      await college.locator('[data-test=registration-checked-in]', { hasText: '30/30' }).waitFor()
      assert.deepEqual(college.jsErrors, [])
      await college.context().close()
    })
  })

  it('offline at the door: scans wait in the outbox and upload once when the network is back', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      const id = await publishActivityViaApi(college, { title: '离线签到演练', capacity: 0 })
      const visitor = await visitorPhone(base)
      await visitor.goto(`/p/activities/${id}/register`)
      await registerPerson(visitor, { name: '陈三', mobile: '13600000003' })
      await visitor.locator('[data-test=ticket-status]', { hasText: '报名成功' }).waitFor()
      const token = new URL(visitor.url()).pathname.split('/').pop()
      await visitor.context().close()

      // Every upload attempt, and those the server answered.
      const attempts = []
      const answered = []
      const isUpload = (r) => r.method() === 'POST' && r.url().endsWith(`/api/activities/${id}/checkins`)
      college.on('request', (r) => isUpload(r) && attempts.push(r.postDataJSON()))
      college.on('response', (r) => isUpload(r.request()) && answered.push(r.request().postDataJSON()))
      await college.setViewportSize(PHONE)
      await college.goto(`/activities/${id}/checkin`)
      await college.locator('[data-test=count-checked-in]', { hasText: /^0$/ }).waitFor()
      await college.context().setOffline(true)
      await college.locator('[data-test=sync-status]', { hasText: '离线' }).waitFor()
      await typeCode(college, token)
      await college.locator('[data-test=scan-result][data-result=pending]').getByText('已记录，待上传').waitFor()
      await college.locator('[data-test=pending-count]', { hasText: '待上传 1 条' }).waitFor()
      await shot(college, 'checkin-offline-phone')
      // The outbox survives in the browser's storage.
      const stored = await college.evaluate((key) => JSON.parse(localStorage.getItem(key)), `vocweek.checkin.${id}`)
      assert.equal(stored.scans.length, 1)
      assert.equal(stored.scans[0].token, token)

      await college.context().setOffline(false)
      await expectScan(college, 'ok', '签到成功')
      await college.locator('[data-test=sync-status]', { hasText: '已全部上传' }).waitFor()
      assert.equal(await college.locator('[data-test=pending-count]').count(), 0)
      await college.locator('[data-test=count-checked-in]', { hasText: /^1$/ }).waitFor()
      // Attempts made offline carried the same scan_id; one reached the server.
      assert.ok(attempts.length >= 1)
      for (const a of attempts) assert.deepEqual(a.scans.map((x) => x.scan_id), [stored.scans[0].scan_id])
      assert.equal(answered.length, 1, `the server answered ${answered.length} uploads`)
      assert.equal(await college.evaluate((key) => JSON.parse(localStorage.getItem(key)).scans.length, `vocweek.checkin.${id}`), 0)
      assert.deepEqual(college.jsErrors, [])
      await college.context().close()
    })
  })

  it('the camera reads the ticket’s QR code', async () => {
    await withServer(async (base) => {
      const college = await loginAs(browser, base, 'sctc-college')
      const id = await publishActivityViaApi(college, { title: '扫码签到演练', capacity: 10 })
      const visitor = await visitorPhone(base)
      await visitor.goto(`/p/activities/${id}/register`)
      await registerPerson(visitor, { name: '周四', mobile: '13500000004' })
      await expectQrShown(visitor)
      // The ticket's QR code as a camera would film it: one 640×480 frame (I420) for Chromium's fake camera.
      const frame = await visitor.evaluate(async () => {
        const img = document.querySelector('[data-test=ticket-qr]')
        const probe = new Image()
        probe.src = img.src
        await probe.decode()
        const canvas = document.createElement('canvas')
        canvas.width = 640
        canvas.height = 480
        const ctx = canvas.getContext('2d')
        ctx.fillStyle = '#fff'
        ctx.fillRect(0, 0, 640, 480)
        ctx.imageSmoothingEnabled = false
        ctx.drawImage(probe, 170, 90, 300, 300)
        const rgba = ctx.getImageData(0, 0, 640, 480).data
        const luma = new Uint8Array(640 * 480)
        for (let i = 0; i < luma.length; i++) {
          luma[i] = Math.round(0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2])
        }
        let bin = ''
        for (let i = 0; i < luma.length; i++) bin += String.fromCharCode(luma[i])
        return btoa(bin)
      })
      await visitor.context().close()

      const dir = mkdtempSync(join(tmpdir(), 'vocweek-camera-'))
      const video = join(dir, 'ticket.y4m')
      const chroma = Buffer.alloc((640 / 2) * (480 / 2) * 2, 128)
      writeFileSync(
        video,
        Buffer.concat([Buffer.from('YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\nFRAME\n'), Buffer.from(frame, 'base64'), chroma]),
      )
      const storage = await college.context().storageState()
      await college.context().close()
      const cameraBrowser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
        args: [
          '--headless', '--no-sandbox', '--disable-gpu',
          '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
          `--use-file-for-fake-video-capture=${video}`,
        ],
      })
      try {
        const context = await cameraBrowser.newContext({ baseURL: base, viewport: PHONE, locale: 'zh-CN', storageState: storage })
        await context.grantPermissions(['camera'], { origin: base })
        const door = await context.newPage()
        door.setDefaultTimeout(15_000)
        await door.goto(`/activities/${id}/checkin`)
        await door.locator('[data-test=camera-start]').click()
        await door.locator('[data-test=camera-stop]').waitFor()
        const ok = await expectScan(door, 'ok', '签到成功')
        await ok.getByText('周四').waitFor()
        await door.locator('[data-test=count-checked-in]', { hasText: /^1$/ }).waitFor()
        // The code stays in front of the camera: it is read once, not again and again.
        await door.waitForTimeout(1500)
        assert.equal(await door.locator('[data-test=recent-scans] li').count(), 1)
        await shot(door, 'checkin-camera-phone')
        await door.locator('[data-test=camera-stop]').click()
        await door.locator('[data-test=camera-start]').waitFor()
      } finally {
        await cameraBrowser.close()
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
})
