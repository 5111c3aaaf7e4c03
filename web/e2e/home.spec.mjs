// Browser tests of the home page per role and level (待办 first, each item a
// link to where the work is done; the deadlines of the user's own level; the
// scope's figures), the menu's counts, the bell telling a reviewer about a
// submitted form, the phone layout (drawer menu, login page at 390 px) and
// door staff reaching 签到 from the menu. One server on a fresh demo
// database for the whole file; the tests run in order.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { api, loginAs, newPage, shot } from './support/browser.mjs'
import { sharedSession } from './support/session.mjs'

const { server, browser } = await sharedSession()
const PHONE = { width: 390, height: 844 }

async function homeLoaded(page) {
  await page.locator('[data-test=home-todo]').waitFor()
  await page.locator('[data-test=home-deadlines]').waitFor()
}

/** Nothing wider than the window: no sideways scrolling, no text squeezed to one character a line. */
async function assertFitsWidth(page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }))
  assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px window`)
}

async function phone(page) {
  await page.setViewportSize(PHONE)
}

describe('a submitted form reaches its reviewer', () => {
  it('school2 submits; the province’s bell, menu count and home lead to the review page', async () => {
    const school = await loginAs(browser, server.base, 'school2')
    const campaign = await api(school, 'GET', '/api/public/campaigns/current')
    const me = await api(school, 'GET', '/api/auth/me')
    const unitId = me.grants[0].unit_id
    const form = `/api/campaigns/${campaign.id}/submissions/info_form`
    const data = {
      contact_person: '李老师',
      position: '处长',
      mobile: '13800001111',
      qq: '',
      website: '',
      work_plan: '校园开放日、企业参观',
      featured: '',
    }
    const saved = await api(school, 'PUT', `${form}?unit_id=${unitId}`, { version: 0, data })
    await api(school, 'POST', `${form}/submit?unit_id=${unitId}`, { version: saved.version })
    await school.context().close()

    const page = await loginAs(browser, server.base, 'province')
    await homeLoaded(page)
    await page.locator('[data-test=menu-count-reviews]').getByText('1', { exact: true }).waitFor()
    const review = page.locator('[data-test=todo-review] [data-test=todo-item]')
    await review.getByText('审核成都工业职业技术学院的信息采集表').waitFor()
    await page.locator('[data-test=notification-badge] .el-badge__content').waitFor()
    await page.click('[data-test=notification-bell]')
    const item = page.locator('[data-test=notification-item]').filter({ hasText: '提交了信息采集表，待审核' })
    await item.waitFor()
    await shot(page, 'home-bell-submitted')
    await item.click()
    await page.waitForURL((u) => u.pathname === `/reports/review/${unitId}` && u.searchParams.get('form') === 'info_form')
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('a college files a trip; the school’s office is told and has it to approve', async () => {
    const college = await loginAs(browser, server.base, 'sctc-college')
    const campaign = await api(college, 'GET', '/api/public/campaigns/current')
    const me = await api(college, 'GET', '/api/auth/me')
    const created = await api(college, 'POST', `/api/campaigns/${campaign.id}/activities`, {
      unit_id: me.grants[0].unit_id,
      title: '社区家电义务维修',
      theme_day_id: campaign.days[4].id,
      starts_at: `${campaign.days[4].date}T14:00:00+08:00`,
      ends_at: `${campaign.days[4].date}T17:00:00+08:00`,
      place_kind: 'off_campus',
      place: '新都区桂湖街道社区服务中心',
      open_to_public: true,
    })
    await api(college, 'POST', `/api/activities/${created.id}/submit`, {
      destination: '新都区桂湖街道社区服务中心',
      teacher_in_charge: '李老师',
      teacher_phone: '13800000000',
      staff_count: 3,
      student_count: 20,
      transport: '学校校车',
      safety_plan: '出发前安全教育；带队教师全程陪同',
    })
    await college.context().close()

    const page = await loginAs(browser, server.base, 'sctc')
    await homeLoaded(page)
    await page.locator('[data-test=menu-count-approvals]').getByText('1', { exact: true }).waitFor()
    await page.click('[data-test=notification-bell]')
    await page.locator('[data-test=notification-item]').filter({ hasText: '提交了外出报备，待审批' }).waitFor()
    await shot(page, 'home-bell-filing')
    await page.keyboard.press('Escape')
    await page.context().close()
  })

  it('a unit outside the chain sees neither the notification nor the review', async () => {
    const page = await loginAs(browser, server.base, 'chengdu')
    await homeLoaded(page)
    assert.equal(await page.locator('[data-test=todo-review]').count(), 0)
    await page.click('[data-test=notification-bell]')
    await page.locator('[data-test=notification-panel]').waitFor()
    assert.equal(await page.locator('[data-test=notification-item]').filter({ hasText: '待审核' }).count(), 0)
    await page.context().close()
  })
})

describe('each role’s home at desktop width', () => {
  it('province: its own level’s dates and the province’s figures, no school’s internal dates', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await homeLoaded(page)
    await page.locator('[data-test=home-figures]').first().getByText('四川省教育厅的数字').waitFor()
    const deadlines = page.locator('[data-test=home-deadlines]')
    await deadlines.locator('[data-test=home-deadline]').first().waitFor()
    assert.equal(await deadlines.getByText('二级学院提交').count(), 0)
    await shot(page, 'home-province', true)
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('city (chengdu)', async () => {
    const page = await loginAs(browser, server.base, 'chengdu')
    await homeLoaded(page)
    await page.locator('[data-test=home-figures]').getByText('成都市教育局的数字').waitFor()
    await shot(page, 'home-chengdu', true)
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('school (sctc): filings to approve link to the approvals page', async () => {
    const page = await loginAs(browser, server.base, 'sctc')
    await homeLoaded(page)
    await page.locator('[data-test=home-figures]').getByText('四川科技职业学院的数字').waitFor()
    await shot(page, 'home-sctc', true)
    const approval = page.locator('[data-test=todo-approval] [data-test=todo-item]').filter({ hasText: '社区家电义务维修' })
    await approval.click()
    await page.waitForURL((u) => u.pathname === '/activities/approvals')
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('college (sctc-college): its forms due with the school’s date, overdue', async () => {
    const page = await loginAs(browser, server.base, 'sctc-college')
    await homeLoaded(page)
    const forms = page.locator('[data-test=todo-form] [data-test=todo-item]')
    const info = forms.filter({ hasText: '信息采集表' })
    await info.getByText('截止 2025-05-12 18:00').waitFor()
    await info.getByText('已逾期').waitFor()
    await page.locator('[data-test=home-deadlines]').getByText('二级学院提交《2025年职教活动周信息表》').waitFor()
    await shot(page, 'home-college', true)
    await info.click()
    await page.waitForURL((u) => u.pathname === '/reports' && u.searchParams.get('form') === 'info_form')
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('admin: no work of its own, the chains’ figures', async () => {
    const page = await loginAs(browser, server.base, 'admin')
    await homeLoaded(page)
    await page.locator('[data-test=home-todo]').getByText('暂无待办').waitFor()
    await page.locator('[data-test=home-figures]').first().waitFor()
    await shot(page, 'home-admin', true)
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })
})

describe('on a phone (390 px)', () => {
  it('the login page fits and lists the demo accounts', async () => {
    const page = await newPage(browser, server.base)
    await phone(page)
    await page.goto('/login')
    await page.locator('[data-test=demo-accounts]').waitFor()
    await assertFitsWidth(page)
    const card = await page.locator('.login-card').boundingBox()
    assert.ok(card.x >= 0 && card.x + card.width <= PHONE.width, `card at ${card.x}+${card.width}`)
    await shot(page, 'home-login-390', true)
    // A demo account fills the form.
    await page.click('[data-test=demo-sctc]')
    assert.equal(await page.inputValue('input[name=username]'), 'sctc')
    await page.click('button[type=submit]')
    await page.waitForSelector('[data-test=current-user]')
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('the province’s home and the drawer menu', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await phone(page)
    await homeLoaded(page)
    assert.equal(await page.locator('[data-test=side-menu]').count(), 0, 'no side menu on a phone')
    await assertFitsWidth(page)
    await shot(page, 'home-province-390', true)
    await page.click('[data-test=menu-button]')
    const drawer = page.locator('[data-test=menu-drawer]')
    await drawer.locator('[data-test=side-menu]').waitFor()
    await drawer.locator('[data-test=menu-count-reviews]').waitFor()
    await shot(page, 'home-drawer-390')
    await drawer.locator('.el-menu-item').getByText('报表审核', { exact: true }).click()
    await page.locator('.el-header').getByText('报表审核', { exact: true }).waitFor()
    await page.locator('[data-test=menu-drawer]').waitFor({ state: 'hidden' })
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('a college’s home; door staff reach 签到 from the menu', async () => {
    const page = await loginAs(browser, server.base, 'sctc-college')
    await phone(page)
    await homeLoaded(page)
    await assertFitsWidth(page)
    await shot(page, 'home-college-390', true)
    await page.click('[data-test=menu-button]')
    await page.locator('[data-test=menu-drawer] .el-menu-item').getByText('现场签到', { exact: true }).click()
    await page.locator('[data-test=checkin-list]').waitFor()
    await page.waitForLoadState('networkidle')
    await assertFitsWidth(page)
    await shot(page, 'home-checkin-list-390')
    const open = page.locator('[data-test=checkin-open]')
    if (await open.count()) {
      await open.first().click()
      await page.waitForURL((u) => /^\/activities\/\d+\/checkin$/.test(u.pathname))
    }
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })
})
