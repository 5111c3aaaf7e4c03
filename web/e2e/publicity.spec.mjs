// Browser tests of the material library (素材库, issue 18): a college secretary
// uploads a day's photos (two files, each with its progress) and an article
// from a phone and submits them; 教务处 accepts one and recommends the other;
// the province pushes it to 四川日报 (省级), which annex 5 counts; publishing
// puts it on the public site. Each test gets its own server on a fresh demo
// database.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { deflateSync } from 'node:zlib'
import { api, launchBrowser, loginAs, newPage, shot } from './support/browser.mjs'
import { DESKTOP, PHONE, boardRow, box, openForms, quietShot } from './support/reporting.mjs'
import { withServer } from './support/server.mjs'

let browser
before(async () => {
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
})

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

/**
 * A PNG drawn here (no stock photos): a sky-to-field gradient with a sun;
 * `noise` adds grain, which makes the file big (so it takes two chunks).
 */
function picture(width, height, { hue = 0, noise = 0, seed = 1 } = {}) {
  let s = seed >>> 0 || 1
  const rand = () => {
    s ^= s << 13
    s ^= s >>> 17
    s ^= s << 5
    return (s >>> 0) / 0x100000000
  }
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0
    for (let x = 0; x < width; x++) {
      const sky = y < height * 0.6
      const sun = (x - width * 0.7) ** 2 + (y - height * 0.25) ** 2 < (height * 0.1) ** 2
      let r = sun ? 250 : sky ? 90 + hue : 60
      let g = sun ? 210 : sky ? 150 : 140 + hue / 2
      let b = sun ? 80 : sky ? 230 - (y * 80) / height : 70
      if (noise) {
        r += (rand() - 0.5) * noise
        g += (rand() - 0.5) * noise
        b += (rand() - 0.5) * noise
      }
      const p = row + 1 + x * 3
      raw[p] = Math.max(0, Math.min(255, r))
      raw[p + 1] = Math.max(0, Math.min(255, g))
      raw[p + 2] = Math.max(0, Math.min(255, b))
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 1 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

async function noSidewaysScroll(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`)
}

/** Opens 上传素材 from the library, picks the kind and fills the title. */
async function newItem(page, kind, title) {
  await page.goto('/publicity')
  await page.locator('[data-test=publicity-create]').click()
  await page.locator('[data-test=publicity-form]').waitFor()
  await page.locator('[data-test=publicity-kind]').getByText(kind, { exact: true }).click()
  await box(page, 'publicity-title').fill(title)
}

/** Opens the library tab `scope` and then the card titled `title`. */
async function openCard(page, scope, title) {
  await page.goto(`/publicity?scope=${scope}`)
  await page.locator('[data-test=publicity-card]', { hasText: title }).click()
  await page.locator('[data-test=publicity-item-title]', { hasText: title }).waitFor()
}

/** Runs a decision (采用, 推荐, 退回) from the item page's dialog. */
async function decide(page, action, comment = '') {
  await page.locator(`[data-test=publicity-${action}]`).click()
  const dialog = page.locator('[data-test=publicity-decide-dialog]')
  await dialog.waitFor()
  if (comment) await box(dialog, 'publicity-decide-comment').fill(comment)
  await dialog.locator('[data-test=publicity-decide-save]').click()
  await dialog.waitFor({ state: 'hidden' })
}

const ARTICLE =
  '5月14日，智能制造学院在实训中心举办“技能成才 强国有我”开放日活动，来自成都市的200余名中学生和家长走进实训车间，' +
  '在师生指导下操作工业机器人、体验数控加工，近距离感受职业教育的魅力。'

describe('material library', () => {
  it('a college uploads photos and an article from a phone; 教务处 accepts and recommends; the province pushes; annex 5 counts it; it goes public', async () => {
    await withServer(async (base) => {
      // ---- The college secretary, on a phone.
      const college = await loginAs(browser, base, 'sctc-college')
      await college.setViewportSize(PHONE)
      const campaign = await api(college, 'GET', '/api/public/campaigns/current')

      await newItem(college, '图片', '智能制造学院开放日现场')
      await college.locator('[data-test=publicity-day]').click()
      await college.locator('.el-select-dropdown__item:visible').first().click()
      // Hold the second chunk of the big photo until the progress has been seen.
      let release
      const held = new Promise((ok) => (release = ok))
      await college.route('**/api/media/uploads/*/chunks?offset=*', async (route) => {
        if (!/offset=0\b/.test(route.request().url())) await held
        await route.continue()
      })
      const big = picture(1600, 1100, { noise: 120, seed: 7 })
      assert.ok(big.length > 4 * 1024 * 1024, `the big photo has ${big.length} bytes: it should take two chunks`)
      await college.locator('[data-test=media-upload-input]').setInputFiles([
        { name: '开放日-实训车间.png', mimeType: 'image/png', buffer: big },
        { name: '开放日-合影.png', mimeType: 'image/png', buffer: picture(800, 600, { hue: 40 }) },
      ])
      const rows = college.locator('[data-test=media-upload-row]')
      await rows.nth(0).locator('.el-progress__text', { hasText: /^[1-9]\d?%$/ }).waitFor()
      await rows.nth(1).locator('.el-progress.is-success').waitFor()
      const percent = await rows.nth(0).locator('.el-progress__text').innerText()
      assert.match(percent, /^[1-9]\d?%$/, `the big photo is part way: ${percent}`)
      await rows.nth(0).scrollIntoViewIfNeeded()
      await shot(college, 'publicity-phone-upload-progress')
      release()
      await rows.nth(0).locator('.el-progress.is-success').waitFor({ timeout: 60_000 })
      await college.locator('[data-test=publicity-file]').nth(1).waitFor()
      assert.equal(await college.locator('[data-test=publicity-file] img').count(), 2)
      await college.unroute('**/api/media/uploads/*/chunks?offset=*')

      await college.locator('[data-test=publicity-has-people]').click()
      await college.locator('[data-test=publicity-consent]').click()
      await college.getByText('未成年人须取得其监护人同意').waitFor()
      await noSidewaysScroll(college)
      await shot(college, 'publicity-phone-photos-form', true)
      await college.locator('[data-test=publicity-save-submit]').click()
      await college.locator('[data-test=publicity-item-status]', { hasText: '待审核' }).waitFor()
      await college.locator('[data-test=publicity-item-at]', { hasText: '待 四川科技职业学院 审核' }).waitFor()
      assert.equal(await college.locator('[data-test=publicity-gallery] .el-image').count(), 2)
      await noSidewaysScroll(college)
      await quietShot(college, 'publicity-phone-photos-submitted', true)

      await newItem(college, '稿件', '智能制造学院举办职业教育活动周开放日')
      await box(college, 'publicity-body').fill(ARTICLE)
      await box(college, 'publicity-author').fill('智能制造学院 宣传组')
      await shot(college, 'publicity-phone-article-form')
      await college.locator('[data-test=publicity-save-submit]').click()
      await college.locator('[data-test=publicity-item-status]', { hasText: '待审核' }).waitFor()

      await college.goto('/publicity')
      await college.locator('[data-test=publicity-card]').nth(1).waitFor()
      assert.equal(await college.locator('[data-test=publicity-card]').count(), 2)
      await noSidewaysScroll(college)
      await quietShot(college, 'publicity-phone-library')

      // ---- 教务处 (the school) on a desktop: its inbox holds both.
      const school = await loginAs(browser, base, 'sctc')
      await school.setViewportSize(DESKTOP)
      await school.goto('/publicity?scope=inbox')
      await school.locator('[data-test=publicity-card]').nth(1).waitFor()
      assert.equal(await school.locator('[data-test=publicity-card]').count(), 2)
      await school.locator('[data-test=publicity-tab-inbox] .el-badge', { hasText: '2' }).waitFor()
      await quietShot(school, 'publicity-school-inbox')

      // An empty return comment is refused before anything is sent.
      await openCard(school, 'inbox', '智能制造学院开放日现场')
      await school.locator('[data-test=publicity-return]').click()
      const dialog = school.locator('[data-test=publicity-decide-dialog]')
      await dialog.locator('[data-test=publicity-decide-save]').click()
      await dialog.getByText('请填写退回意见').waitFor()
      await shot(school, 'publicity-school-return-needs-comment')
      await dialog.getByRole('button', { name: '取消' }).click()
      await dialog.waitFor({ state: 'hidden' })

      await decide(school, 'accept', '照片清晰，采用')
      await school.locator('[data-test=publicity-item-status]', { hasText: '已采用' }).waitFor()
      await school.locator('[data-test=publicity-steps]').getByText('照片清晰，采用').waitFor()
      await quietShot(school, 'publicity-school-accepted', true)

      await openCard(school, 'inbox', '智能制造学院举办职业教育活动周开放日')
      await decide(school, 'recommend', '推荐省厅择优推送')
      await school.locator('[data-test=publicity-item-at]', { hasText: '待 四川省教育厅 审核' }).waitFor()
      const articleId = Number(school.url().match(/publicity\/(\d+)/)[1])

      // The school's library now holds what it took.
      await school.goto('/publicity?scope=library')
      await school.locator('[data-test=publicity-card]').nth(1).waitFor()
      await quietShot(school, 'publicity-school-library')

      // ---- The province pushes the article to 四川日报 (省级).
      const province = await loginAs(browser, base, 'province')
      await province.setViewportSize(DESKTOP)
      await openCard(province, 'inbox', '智能制造学院举办职业教育活动周开放日')
      await province.locator('[data-test=publicity-push]').click()
      const push = province.locator('[data-test=publicity-push-dialog]')
      await push.waitFor()
      await box(push, 'publicity-outlet-name').fill('四川日报')
      await push.locator('[data-test=publicity-outlet-level]').click()
      await province.locator('.el-select-dropdown__item:visible', { hasText: '省级' }).click()
      const date = push.getByPlaceholder('发布日期')
      await date.fill('2025-05-15')
      await date.press('Enter')
      await box(push, 'publicity-outlet-url').fill('https://epaper.scdaily.cn/2025/05/15/1.html')
      await shot(province, 'publicity-province-push-dialog')
      await province.setViewportSize(PHONE)
      await shot(province, 'publicity-phone-push-dialog')
      await province.setViewportSize(DESKTOP)
      await push.locator('[data-test=publicity-push-save]').click()
      await push.waitFor({ state: 'hidden' })
      await province.locator('[data-test=publicity-item-status]', { hasText: '已择优推送' }).waitFor()
      await province.locator('[data-test=publicity-outlets]').getByText('四川日报').waitFor()
      await quietShot(province, 'publicity-province-pushed', true)

      // ---- Annex 5: the report counts for the college, in the school's statistics.
      const schoolUnit = (await api(school, 'GET', '/api/auth/me')).grants.find((g) => g.role === 'unit_admin').unit_id
      const stats = await api(school, 'GET', `/api/campaigns/${campaign.id}/statistics?unit_id=${schoolUnit}`)
      assert.equal(stats.total.media_provincial, 1)
      const forms = await openForms(browser, base, 'sctc', '?form=statistics')
      const row = forms.locator('[data-test=statistics-table] [data-test=statistics-row]', { hasText: '智能制造学院' })
      await row.waitFor()
      assert.equal((await row.locator('td[data-field=media_provincial]').innerText()).trim(), '1')
      await shot(forms, 'publicity-statistics-media-count')

      // The completeness board counts the college's material beside its forms.
      await forms.goto('/reports/review?form=statistics')
      const counts = boardRow(forms, '智能制造学院').locator('[data-test=board-publicity]')
      await counts.waitFor()
      assert.equal((await counts.innerText()).trim(), '2 件 · 采用 2 · 推送 1') // the pushed article was taken by 教务处 too
      await shot(forms, 'publicity-board-column')

      // ---- Publishing puts it on the public site.
      await school.goto(`/publicity/${articleId}`)
      await school.locator('[data-test=publicity-publish]', { hasText: '公开到专题网站' }).click()
      await school.locator('[data-test=publicity-item-published]').waitFor()
      await school.locator('[data-test=publicity-publish]', { hasText: '取消公开' }).waitFor()
      await quietShot(school, 'publicity-school-published')
      // A visitor on a phone finds it on the 专题, pushed, and opens it.
      const visitor = await newPage(browser, base)
      await visitor.setViewportSize(PHONE)
      await visitor.goto('/p/topic')
      await visitor.locator(`[data-test=topic-featured] [data-test=topic-card-${articleId}]`).click()
      await visitor.waitForURL(`**/p/news/${articleId}`)
      await visitor.getByText('四川日报').first().waitFor()
      await shot(visitor, 'publicity-public-news-phone')
      for (const page of [college, school, province, forms, visitor]) assert.deepEqual(page.jsErrors, [])
    })
  })

  it('marks material sent after the 5月21日 deadline 逾期; a return needs a comment, the college edits and sends it again', async () => {
    await withServer(
      async (base) => {
        const college = await loginAs(browser, base, 'sctc-college')
        await college.setViewportSize(PHONE)
        const me = await api(college, 'GET', '/api/auth/me')
        const campaign = await api(college, 'GET', '/api/public/campaigns/current')
        const created = await api(college, 'POST', '/api/publicity/items', {
          campaign_id: campaign.id, unit_id: me.unit_id, kind: 'case', title: '产教融合典型案例：订单班',
          body: ARTICLE, author: '', theme_day_id: null, activity_id: null, video_url: '', tags: [],
          has_people: false, minors: false, portrait_consent: false, files: [],
        })
        const sent = await api(college, 'POST', `/api/publicity/items/${created.id}/submit`, { version: created.version })
        assert.equal(sent.late, true)

        const school = await loginAs(browser, base, 'sctc')
        await school.setViewportSize(DESKTOP)
        await school.goto('/publicity?scope=inbox')
        await school.locator('[data-test=publicity-card]', { hasText: '订单班' }).locator('[data-test=publicity-late]').waitFor()
        await quietShot(school, 'publicity-late-inbox')
        await openCard(school, 'inbox', '订单班')
        await school.locator('[data-test=publicity-item-late]').waitFor()
        await decide(school, 'return', '请补充订单班的就业数据')
        await school.locator('[data-test=publicity-item-status]', { hasText: '已退回' }).waitFor()
        // 下级素材 lists it with its state.
        await school.goto('/publicity?scope=below')
        await school.locator('[data-test=publicity-card]', { hasText: '订单班' }).locator('[data-test=publicity-status]', { hasText: '已退回' }).waitFor()
        await quietShot(school, 'publicity-school-below')

        // The college reads why, edits and sends it again.
        await college.goto(`/publicity/${created.id}`)
        await college.locator('[data-test=publicity-steps]').getByText('请补充订单班的就业数据').waitFor()
        await college.locator('[data-test=publicity-edit]').click()
        await college.locator('[data-test=publicity-returned-note]', { hasText: '请补充订单班的就业数据' }).waitFor()
        await box(college, 'publicity-body').fill(`${ARTICLE}订单班学生就业率100%。`)
        await shot(college, 'publicity-phone-returned-edit')
        await college.locator('[data-test=publicity-save-submit]').click()
        await college.locator('[data-test=publicity-item-status]', { hasText: '待审核' }).waitFor()
        await college.locator('[data-test=publicity-item-late]').waitFor()
        await quietShot(college, 'publicity-phone-resubmitted', true)
        for (const page of [college, school]) assert.deepEqual(page.jsErrors, [])
      },
      { clock: '2025-05-22T10:00:00+08:00' },
    )
  })
})
