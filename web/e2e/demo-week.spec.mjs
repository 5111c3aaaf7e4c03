// What a newcomer sees first on the played demo week (`seed-demo --week
// played`, what `make run` shows): the province officer's home, 全省汇总, the
// completeness board, a college's check-in figures and the public programme,
// each with figures from the seeded records and never only zeros. The
// server's clock stands after the week and its reporting (26 May 2025), as
// the real clock of `make run` does; a second server at the tests' usual
// mid-week instant shows the week as far as it had gone.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { launchBrowser, loginAs, newPage, shot } from './support/browser.mjs'
import { startServer } from './support/server.mjs'

const AFTER_THE_WEEK = '2025-05-26T10:00:00+08:00'

let browser
let server
before(async () => {
  server = await startServer({ week: 'played', clock: AFTER_THE_WEEK })
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

/** The numbers a page's element shows; at least one must not be zero. */
async function someFigure(locator, what) {
  const text = await locator.innerText()
  const numbers = (text.match(/\d+(\.\d+)?/g) || []).map(Number)
  assert.ok(
    numbers.some((n) => n > 0),
    `${what} shows only zeros: ${text.slice(0, 200)}`,
  )
  return text
}

async function publicActivity(base, title) {
  const campaign = await (await fetch(`${base}/api/public/campaigns/current`)).json()
  const query = `q=${encodeURIComponent(title)}`
  const list = await (await fetch(`${base}/api/public/campaigns/${campaign.data.id}/activities?${query}`)).json()
  const found = list.data.items.find((a) => a.title === title)
  assert.ok(found, `${title} is in the programme`)
  return found
}

describe('the played demo week', () => {
  it('the province officer’s home has figures of the week', async () => {
    const page = await loginAs(browser, server.base, 'province')
    const figures = page.locator('[data-test=home-figures]').first()
    await figures.waitFor()
    await someFigure(figures, 'home figures')
    await shot(page, 'demo-week-province-home', true)
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('全省汇总 counts the accepted forms of both chains', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await page.goto('/reports/province')
    const total = page.locator('[data-test=overview-total]')
    await total.waitFor()
    await someFigure(total, '全省汇总 total')
    await shot(page, 'demo-week-province-overview', true)
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('the completeness board shows every state of the statistics form', async () => {
    const page = await loginAs(browser, server.base, 'province')
    await page.goto('/reports/review?form=statistics')
    await page.locator('[data-test=board-table]').waitFor()
    const states = await page.locator('[data-test=board-status]').allInnerTexts()
    for (const state of ['未填报', '草稿', '按时提交', '已通过', '已退回', '未参与']) {
      assert.ok(states.some((s) => s.includes(state)), `the board shows ${state}: ${[...new Set(states)]}`)
    }
    await shot(page, 'demo-week-board', true)
    // The information forms were due before the week: one came late.
    await page.goto('/reports/review?form=info_form')
    await page.locator('[data-test=board-table]').waitFor()
    await page.locator('[data-test=board-status]', { hasText: '逾期提交' }).waitFor()
    await shot(page, 'demo-week-board-info-form', true)
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('a college’s activity has its check-ins, walk-ins and no-shows', async () => {
    const activity = await publicActivity(server.base, '中小学生走进智能制造实训基地')
    const page = await loginAs(browser, server.base, 'sctc-college')
    await page.goto(`/activities/${activity.id}/registrations`)
    const checkedIn = page.locator('[data-test=attendance-checked-in]')
    await checkedIn.waitFor()
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test=attendance-checked-in]')?.textContent ?? ''))
    assert.ok(Number(await checkedIn.innerText()) > 0, 'people were checked in')
    assert.ok(Number(await page.locator('[data-test=attendance-walkins]').innerText()) > 0, 'walk-ins were counted')
    await shot(page, 'demo-week-college-checkins', true)
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })

  it('the public programme has activities on all seven days', async () => {
    const campaign = (await (await fetch(`${server.base}/api/public/campaigns/current`)).json()).data
    assert.equal(campaign.days.length, 7)
    for (const day of campaign.days) {
      const query = `theme_day_id=${day.id}`
      const list = await (await fetch(`${server.base}/api/public/campaigns/${campaign.id}/activities?${query}`)).json()
      assert.ok(list.data.total > 0, `${day.date} ${day.name} has activities`)
    }
    const page = await newPage(browser, server.base)
    await page.goto('/p/programme')
    await page.locator('[data-test=programme-list]').waitFor()
    await page.locator('[data-test=programme-total]', { hasText: '28' }).waitFor()
    await shot(page, 'demo-week-programme', true)
    assert.deepEqual(page.jsErrors, [])
    await page.context().close()
  })
})

describe('the played week at the tests’ mid-week instant', () => {
  it('has check-ins of the first days, registrations for the rest and no statistics forms yet', async () => {
    const midweek = await startServer({ week: 'played' })
    try {
      const page = await loginAs(browser, midweek.base, 'province')
      const figures = page.locator('[data-test=home-figures]').first()
      await figures.waitFor()
      await someFigure(figures, 'mid-week home figures')
      await shot(page, 'demo-week-midweek-home', true)
      await page.context().close()
      const later = await publicActivity(midweek.base, '2025届毕业生校园招聘会')
      const seats = await (await fetch(`${midweek.base}/api/public/activity-seats?ids=${later.id}`)).json()
      assert.ok(seats.data.items[0].confirmed > 0, 'registrations for a later day')
      const programme = await newPage(browser, midweek.base)
      await programme.goto('/p/programme')
      await programme.locator('[data-test=day-filter]').getByText('5月15日').click()
      await programme.getByText('2025届毕业生校园招聘会').first().waitFor()
      await shot(programme, 'demo-week-midweek-programme-day5', true)
      assert.deepEqual(programme.jsErrors, [])
      await programme.context().close()
    } finally {
      await midweek.stop()
    }
  })
})
