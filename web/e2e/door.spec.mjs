// Browser tests of the door and the public states (issue 15): the ticket's
// short code on a phone, check-in by typing it in lower case, the organiser's
// list searched by the mobile's last four digits with a manual check-in, a
// cancelled activity's ticket and page, an ended activity's page, and the
// programme cards' seat badges. One server for the file; tests build on each
// other's activities in file order.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { api, loginAs, newPage, shot } from './support/browser.mjs'
import { sharedSession } from './support/session.mjs'

const { server, browser } = await sharedSession()
const base = server.base
const PHONE = { width: 390, height: 844 }
/** The server's clock (support/server.mjs): the demo week's fourth day. */
const NOW = new Date('2025-05-14T10:00:00+08:00')
/** Every activity of this file has it in its title, so the programme can be narrowed to them. */
const PREFIX = '门口测试'

async function visitorPhone() {
  const page = await newPage(browser, base)
  await page.setViewportSize(PHONE)
  await page.clock.setFixedTime(NOW)
  return page
}

let college
/** The organiser (智能制造学院), signed in once. */
async function organiser() {
  college ??= await loginAs(browser, base, 'sctc-college')
  await college.clock.setFixedTime(NOW)
  return college
}

/** A published on-campus activity of the organiser's college taking registrations. */
async function publish(page, { title, capacity, startsAt = '2025-05-14T14:00:00+08:00', endsAt = '2025-05-14T16:00:00+08:00' }) {
  const me = await api(page, 'GET', '/api/auth/me')
  const unitId = me.grants.find((g) => g.role === 'organiser').unit_id
  const campaign = await api(page, 'GET', '/api/public/campaigns/current')
  const a = await api(page, 'POST', `/api/campaigns/${campaign.id}/activities`, {
    unit_id: unitId, title: `${PREFIX}${title}`, description: '', theme_day_id: null,
    starts_at: startsAt, ends_at: endsAt, part_of_month: false,
    place_kind: 'on_campus', place: '实训中心一楼', online_url: '', category_id: null, tag_ids: [], audiences: [],
    capacity, open_to_public: true, registration_required: true, organiser: '', contact: '', featured: false,
    partner: '', cooperation: '', enterprises: '', posts_offered: 0,
  })
  await api(page, 'POST', `/api/activities/${a.id}/publish`)
  return a.id
}

/** A visitor's sign-up through the public API; the answer carries the token and the short code. */
function register(page, activityId, name, mobile) {
  return api(page, 'POST', `/api/public/activities/${activityId}/registrations`, {
    kind: 'person', name, mobile, category: 'public', consent: true,
  })
}

async function typeCode(page, code) {
  await page.locator('[data-test=manual-code]').fill(code)
  await page.locator('[data-test=manual-submit]').click()
}

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`)
}

describe('door staff and public states', () => {
  let doorActivity

  it('the ticket shows a short code on a phone, and the door takes it typed in lower case', async () => {
    const page = await organiser()
    doorActivity = await publish(page, { title: '工业机器人开放日', capacity: 40 })
    const visitor = await visitorPhone()
    await visitor.goto('/p/programme')
    const r = await register(visitor, doorActivity, '王小明', '13812341234')
    assert.match(r.short_code, /^[234679ACDEFGHJKMNPRTWXY]{4}-[234679ACDEFGHJKMNPRTWXY]{4}$/)
    assert.equal(r.mobile, '138****1234')

    await visitor.goto(`/p/tickets/${r.token}`)
    await visitor.locator('[data-test=ticket-status]', { hasText: '报名成功' }).waitFor()
    await visitor.locator('[data-test=ticket-short-code]', { hasText: r.short_code }).waitFor()
    // The link holds the long token; the mobile is masked for whoever has the link.
    assert.equal((await visitor.locator('[data-test=ticket-link]').innerText()).trim(), `${base}/p/tickets/${r.token}`)
    await visitor.locator('[data-test=ticket]').getByText('138****1234').waitFor()
    assert.equal(await visitor.getByText('13812341234').count(), 0)
    await visitor.waitForFunction(() => document.querySelector('[data-test=ticket-qr]')?.naturalWidth > 0)
    await shot(visitor, 'door-ticket-phone', true)
    await noSidewaysScroll(visitor)
    assert.deepEqual(visitor.jsErrors, [])

    // At the door on a phone: the code as read aloud, lower case with a space.
    await page.setViewportSize(PHONE)
    await page.goto(`/activities/${doorActivity}/checkin`)
    await page.locator('[data-test=manual-code]').waitFor()
    const spoken = r.short_code.toLowerCase().replace('-', ' ')
    // One character wrong: refused on the phone, nothing sent.
    const wrong = (spoken[0] === 'a' ? 'c' : 'a') + spoken.slice(1)
    await typeCode(page, wrong)
    await page.locator('[data-test=scan-result][data-result=invalid]', { hasText: '凭证码有误，请核对' }).waitFor()
    await shot(page, 'door-checkin-wrong-code-phone')
    await typeCode(page, spoken)
    const ok = page.locator('[data-test=scan-result][data-result=ok]')
    await ok.getByText('王小明').waitFor()
    await page.locator('[data-test=count-checked-in]', { hasText: /^1$/ }).waitFor()
    await shot(page, 'door-checkin-code-phone')
    await noSidewaysScroll(page)
    assert.deepEqual(page.jsErrors, [])
    await page.setViewportSize({ width: 1280, height: 800 })
  })

  it('door staff find a registrant by the last four digits of the mobile and check them in by hand', async () => {
    const page = await organiser()
    await register(page, doorActivity, '李小红', '13900005678')
    await register(page, doorActivity, '张大伟', '13700002468')
    await page.goto(`/activities/${doorActivity}/registrations`)
    const table = page.locator('[data-test=registration-table]')
    await table.getByText('张大伟').waitFor()
    assert.equal(await table.locator('[data-test=registration-short-code]').count(), 3)
    await page.locator('input[data-test=registration-search], [data-test=registration-search] input').fill('5678')
    await page.waitForFunction(() => document.querySelectorAll('[data-test=registration-table] .el-table__body tr').length === 1)
    await table.getByText('李小红').waitFor()
    await table.getByText('139****5678').waitFor()
    await shot(page, 'door-list-search')
    await table.locator('[data-test=registration-checkin]').click()
    const confirm = page.getByRole('dialog', { name: '手工签到' })
    await confirm.getByText('李小红').waitFor()
    await shot(page, 'door-list-confirm')
    await confirm.getByRole('button', { name: '确认签到' }).click()
    await page.getByText('李小红 签到成功').waitFor()
    await table.locator('[data-test=registration-checked-in]', { hasText: '已签到' }).waitFor()
    // Checked in: no second 签到 on the row.
    assert.equal(await table.locator('[data-test=registration-checkin]').count(), 0)
    // 王小明 came in by code, 李小红 by hand.
    await page.locator('[data-test=attendance-checked-in]', { hasText: /^2$/ }).waitFor()
    await shot(page, 'door-list-checked-in')
    assert.deepEqual(page.jsErrors, [])
  })

  it('a cancelled activity shows one state on its ticket and its public page', async () => {
    const page = await organiser()
    const id = await publish(page, { title: '校园开放日（取消）', capacity: 1 })
    const visitor = await visitorPhone()
    await visitor.goto('/p/programme')
    const first = await register(visitor, id, '赵一', '13600001111')
    const second = await register(visitor, id, '钱二', '13600002222')
    assert.equal(second.status, 'waiting')
    await api(page, 'POST', `/api/activities/${id}/cancel`, { reason: '暴雨预警。' })

    for (const [r, name] of [[first, 'door-ticket-cancelled-phone'], [second, 'door-ticket-cancelled-waiting-phone']]) {
      await visitor.goto(`/p/tickets/${r.token}`)
      await visitor.locator('[data-test=ticket-status]', { hasText: '活动已取消' }).waitFor()
      assert.equal(await visitor.locator('[data-test=activity-cancelled]').count(), 1)
      await visitor.locator('[data-test=activity-cancelled]', { hasText: '原因：暴雨预警。' }).waitFor()
      const text = await visitor.locator('.ticket-page').innerText()
      for (const gone of ['报名成功', '入场时出示此二维码', '候补第', '。。']) assert.ok(!text.includes(gone), `ticket says ${gone}`)
      assert.equal(await visitor.locator('[data-test=ticket-qr]').count(), 0)
      assert.equal(await visitor.locator('[data-test=ticket-notice]').count(), 0)
      await shot(visitor, name, true)
      await noSidewaysScroll(visitor)
    }

    await visitor.goto(`/p/activities/${id}`)
    await visitor.locator('[data-test=public-activity-state]', { hasText: '活动已取消' }).waitFor()
    await visitor.locator('[data-test=public-activity-state]', { hasText: '原因：暴雨预警。' }).waitFor()
    assert.equal(await visitor.locator('[data-test=register-link]').count(), 0)
    assert.equal(await visitor.getByText('活动不存在或尚未发布').count(), 0)
    await shot(visitor, 'door-public-cancelled-phone', true)
    assert.deepEqual(visitor.jsErrors, [])
  })

  it('an ended activity says so, and the programme cards show each state', async () => {
    const page = await organiser()
    const ended = await publish(page, {
      title: '已结束的讲座', capacity: 30, startsAt: '2025-05-12T09:00:00+08:00', endsAt: '2025-05-12T11:00:00+08:00',
    })
    const full = await publish(page, { title: '满员的体验课', capacity: 1 })
    const few = await publish(page, { title: '名额不多的参观', capacity: 5 })
    await publish(page, { title: '夜场观星', capacity: 100, startsAt: '2025-05-14T19:00:00+08:00', endsAt: '2025-05-15T00:30:00+08:00' })
    const visitor = await visitorPhone()
    await visitor.goto('/p/programme')
    await register(visitor, full, '孙三', '13600003333')
    await register(visitor, few, '周四', '13600004444')

    await visitor.goto(`/p/activities/${ended}`)
    await visitor.locator('[data-test=public-activity-state]', { hasText: '活动已结束' }).waitFor()
    await visitor.locator('[data-test=public-activity-join]', { hasText: '活动已结束' }).waitFor()
    assert.equal(await visitor.getByText('需要报名').count(), 0)
    assert.equal(await visitor.locator('[data-test=register-link]').count(), 0)
    await shot(visitor, 'door-public-ended-phone', true)

    await visitor.goto(`/p/programme?q=${encodeURIComponent(PREFIX)}`)
    const card = (title) => visitor.locator('[data-test=activity-card]', { hasText: `${PREFIX}${title}` })
    const expectBadge = async (title, text) => {
      await card(title).locator('[data-test=seats-badge]', { hasText: text }).waitFor()
    }
    await expectBadge('满员的体验课', '已满（可候补）')
    await expectBadge('名额不多的参观', '余 4 位')
    await expectBadge('夜场观星', '可报名')
    await expectBadge('已结束的讲座', '已结束')
    await expectBadge('校园开放日（取消）', '已取消')
    // An evening past midnight reads as one evening, on one line per time.
    await card('夜场观星').getByText('19:00 – 次日 00:30').waitFor()
    const wrapped = await card('夜场观星').evaluate((el) => el.innerText.includes('23:\n') || /\d:\n\d/.test(el.innerText))
    assert.equal(wrapped, false)
    await shot(visitor, 'door-programme-badges-phone', true)
    await noSidewaysScroll(visitor)
    assert.deepEqual(visitor.jsErrors, [])
  })
})
