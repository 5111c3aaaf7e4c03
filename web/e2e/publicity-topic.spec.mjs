// Browser tests of the public topic site (issue 18): the 专题 home with the
// theme days' news and cases, the photo/video gallery with its lightbox on a
// phone, one news item, and a school's 专栏 — on a 390 px phone and a
// desktop. Only published items show: a draft and photos of people without
// consent never do. Pictures are drawn in the browser and uploaded through
// the API; the items go through the material library's flow (its API).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { api, loginAs, newPage, shot } from './support/browser.mjs'
import { sharedSession } from './support/session.mjs'

const mediaDir = mkdtempSync(join(tmpdir(), 'vocweek-e2e-media-'))
process.env.VOCWEEK_MEDIA_DIR = mediaDir
after(() => rmSync(mediaDir, { recursive: true, force: true }))
const { server, browser } = await sharedSession()
const base = server.base
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1440, height: 900 }

/** Runs SQL on the server's database; answers the rows as lines of `|`-separated values. */
function sql(statement) {
  const r = spawnSync('sqlite3', ['-cmd', '.timeout 5000', server.db, statement], { encoding: 'utf8' })
  assert.equal(r.status, 0, r.stderr)
  return r.stdout.trim()
}

/** Draws a picture in the page and uploads it as the college's; answers the blob id. */
async function uploadPicture(page, unitId, { hue, label }) {
  return page.evaluate(
    async ({ unitId, hue, label }) => {
      const canvas = document.createElement('canvas')
      canvas.width = 1200
      canvas.height = 800
      const g = canvas.getContext('2d')
      const sky = g.createLinearGradient(0, 0, 1200, 800)
      sky.addColorStop(0, `hsl(${hue}, 60%, 55%)`)
      sky.addColorStop(1, `hsl(${(hue + 60) % 360}, 55%, 35%)`)
      g.fillStyle = sky
      g.fillRect(0, 0, 1200, 800)
      g.fillStyle = 'rgba(255,255,255,0.25)'
      for (let i = 0; i < 6; i++) g.fillRect(80 + i * 180, 480 - i * 40, 120, 320 + i * 40)
      g.fillStyle = '#fff'
      g.font = 'bold 72px sans-serif'
      g.fillText(label, 80, 160)
      const blob = await new Promise((ok) => canvas.toBlob(ok, 'image/jpeg', 0.85))
      const token = decodeURIComponent(document.cookie.split('; ').find((c) => c.startsWith('vw_csrf=')).slice(8))
      const call = async (method, url, body, type = 'application/json') => {
        const res = await fetch(url, { method, headers: { 'Content-Type': type, 'X-CSRF-Token': token }, body })
        const env = await res.json()
        if (!env.ok) throw new Error(`${method} ${url}: ${env.error.message}`)
        return env.data
      }
      const upload = await call('POST', '/api/media/uploads', JSON.stringify({ unit_id: unitId, name: `${label}.jpg`, size: blob.size, kind: 'image' }))
      await call('PUT', `/api/media/uploads/${upload.id}/chunks?offset=0`, blob, 'application/octet-stream')
      return (await call('POST', `/api/media/uploads/${upload.id}/complete`, '{}')).id
    },
    { unitId, hue, label },
  )
}

const BODY =
  '5月12日，智能制造学院举办校园开放日，数百名市民和家长走进实训基地，观看工业机器人编程、数控加工等技能展示。\n' +
  '学生们现场讲解设备原理，邀请来访的初中生动手体验。学院负责人介绍，开放日让更多家庭了解职业教育，感受“技能成才、技能报国”。'

const ids = {}

before(async () => {
  const campaign = (await (await fetch(`${base}/api/public/campaigns/current`)).json()).data
  const days = sql(`SELECT id FROM theme_days WHERE campaign_id = ${campaign.id} ORDER BY day_index`).split('\n').map(Number)
  ids.college = Number(sql("SELECT id FROM units WHERE name = '智能制造学院'"))
  const college = await loginAs(browser, base, 'sctc-college')
  const pictures = []
  for (const [i, label] of ['开放日', '机器人', '数控加工', '非遗传承'].entries()) {
    pictures.push(await uploadPicture(college, ids.college, { hue: 200 + i * 37, label }))
  }
  ids.draftPicture = await uploadPicture(college, ids.college, { hue: 10, label: '草稿' })
  ids.portrait = await uploadPicture(college, ids.college, { hue: 300, label: '合影' })
  ids.pictures = pictures

  // The library's flow through its API: the college creates and submits, the
  // school recommends, the province pushes with an outlet, the college publishes.
  const school = await loginAs(browser, base, 'sctc')
  const province = await loginAs(browser, base, 'province')
  const create = (fields) =>
    api(college, 'POST', '/api/publicity/items', {
      campaign_id: campaign.id,
      unit_id: ids.college,
      author: '学院宣传组',
      body: fields.kind === 'article' || fields.kind === 'case' ? BODY : '',
      ...fields,
      files: (fields.files ?? []).map((blob_id, i) => ({ blob_id, caption: `现场图${i + 1}` })),
    })
  const step = (who, item, action, body = {}) =>
    api(who, 'POST', `/api/publicity/items/${item.id}/${action}`, { version: item.version, ...body })
  const publish = async (fields) => {
    let item = await step(college, await create(fields), 'submit')
    if (fields.pushed) {
      item = await step(school, item, 'recommend')
      item = await step(province, item, 'push', {
        outlets: [{ outlet: '四川日报', level: 'provincial', published_on: '2025-05-13', url: 'https://example.cn/news/1' }],
      })
    }
    return (await step(college, item, 'publish', { published: true })).id
  }
  ids.news = await publish({ kind: 'article', title: '开放日：市民走进智能制造实训基地', theme_day_id: days[0], files: [pictures[0], pictures[1]] })
  ids.pushed = await publish({ kind: 'article', title: '技能展示周吸引万名观众', theme_day_id: days[1], files: [pictures[2]], pushed: true })
  ids.case = await publish({ kind: 'case', title: '产教融合典型案例：订单班培养智能制造人才', theme_day_id: days[2], files: [pictures[3]] })
  ids.video = await publish({ kind: 'video', title: '开放日短视频', theme_day_id: days[0], video_url: 'https://example.cn/video/1' })
  ids.photos = await publish({ kind: 'photos', title: '技能展示图集', theme_day_id: days[0], has_people: true, portrait_consent: true, files: pictures })
  ids.draft = (await create({ kind: 'article', title: '草稿不公开的新闻', theme_day_id: days[0], files: [ids.draftPicture] })).id
  // The API refuses to publish people without consent; a row that says
  // published anyway (older data, a mistake by hand) still never shows.
  const noConsent = await create({ kind: 'photos', title: '未取得肖像同意的合影', theme_day_id: days[0], has_people: true, files: [ids.portrait] })
  ids.noConsent = noConsent.id
  sql(`UPDATE publicity_items SET status = 'accepted', published_at = '2025-05-13T02:00:00Z' WHERE id = ${ids.noConsent}`)
  for (const p of [college, school, province]) await p.context().close()
})

async function publicPage(viewport) {
  const page = await newPage(browser, base)
  await page.setViewportSize(viewport)
  return page
}

async function assertNothingHidden(page) {
  const text = await page.locator('body').innerText()
  assert.ok(!text.includes('未取得肖像同意'), 'photos of people without consent stay off the site')
  assert.ok(!text.includes('草稿不公开'), 'a draft stays off the site')
}

describe('public topic site', () => {
  for (const [device, viewport] of [['phone', PHONE], ['desktop', DESKTOP]]) {
    it(`shows the 专题 home with the days' news and the featured items (${device})`, async () => {
      const page = await publicPage(viewport)
      await page.goto('/p')
      await page.locator('[data-test=site-nav-topic]').click()
      await page.locator('[data-test=topic-hero]').waitFor()
      assert.match(await page.locator('[data-test=topic-counts]').innerText(), /新闻 2 · 典型案例 1 · 图片 1 · 视频 1/)
      await page.locator(`[data-test=topic-featured] [data-test=topic-card-${ids.pushed}]`).waitFor()
      await page.locator(`[data-test=topic-day-1] [data-test=topic-card-${ids.news}]`).waitFor()
      await page.locator(`[data-test=topic-day-3] [data-test=topic-card-${ids.case}]`).waitFor()
      await assertNothingHidden(page)
      await shot(page, `topic-home-${device}`, true)
      assert.deepEqual(page.jsErrors, [])
      await page.context().close()
    })

    it(`opens the gallery and its lightbox (${device})`, async () => {
      const page = await publicPage(viewport)
      await page.goto('/p/topic')
      await page.locator('[data-test=topic-gallery-link]').click()
      await page.locator(`[data-test=gallery-item-${ids.photos}] img`).waitFor()
      assert.equal(await page.locator('[data-test=gallery-total]').innerText(), '共 2 组')
      await assertNothingHidden(page)
      await shot(page, `topic-gallery-${device}`)
      await page.locator(`[data-test=gallery-item-${ids.photos}]`).click()
      const box = page.locator('[data-test=lightbox]')
      await box.waitFor()
      await page.locator('[data-test=lightbox-image]').evaluate((img) => img.decode())
      assert.equal(await page.locator('[data-test=lightbox-counter]').innerText(), '1 / 4')
      if (device === 'phone') {
        // A swipe to the left moves on, as a finger does.
        await box.dispatchEvent('touchstart', { touches: [{ identifier: 1, clientX: 320, clientY: 400 }] })
        await box.dispatchEvent('touchend', { changedTouches: [{ identifier: 1, clientX: 80, clientY: 400 }] })
      } else {
        await page.keyboard.press('ArrowRight')
      }
      assert.equal(await page.locator('[data-test=lightbox-counter]').innerText(), '2 / 4')
      await page.locator('[data-test=lightbox-image]').evaluate((img) => img.decode())
      await shot(page, `topic-lightbox-${device}`)
      const size = await page.locator('[data-test=lightbox-image]').boundingBox()
      assert.ok(size.width <= viewport.width + 1, 'the picture fits the screen')
      await page.locator('[data-test=lightbox-close]').click()
      await box.waitFor({ state: 'detached' })
      await page.locator('[data-test=gallery-filters]').getByText('视频', { exact: true }).click()
      await page.locator('[data-test=gallery-total]').getByText('共 1 组').waitFor()
      assert.deepEqual(page.jsErrors, [])
      await page.context().close()
    })

    it(`shows one news item with its pictures and outlets, and the school's 专栏 (${device})`, async () => {
      const page = await publicPage(viewport)
      await page.goto('/p/topic')
      await page.locator(`[data-test=topic-featured] [data-test=topic-card-${ids.pushed}]`).click()
      await page.locator('[data-test=public-news]').waitFor()
      assert.match(await page.locator('[data-test=news-outlets]').innerText(), /四川日报/)
      await page.goto(`/p/news/${ids.news}`)
      await page.locator('[data-test=news-pictures] img').first().waitFor()
      await page.locator('[data-test=news-pictures] img').first().evaluate((img) => img.decode())
      await shot(page, `topic-news-${device}`, true)
      await page.locator('[data-test=news-column-link]').click()
      await page.locator('[data-test=column-head]').waitFor()
      await page.locator(`[data-test=column-news] [data-test=topic-card-${ids.news}]`).waitFor()
      assert.match(await page.locator('[data-test=column-programme]').innerText(), /本校活动安排（\d+ 项）/)
      await assertNothingHidden(page)
      await shot(page, `topic-column-${device}`, true)
      assert.deepEqual(page.jsErrors, [])
      await page.context().close()
    })
  }

  it('keeps drafts and portraits without consent off the site, files included', async () => {
    for (const id of [ids.draft, ids.noConsent]) {
      assert.equal((await fetch(`${base}/api/public/publicity/${id}`)).status, 404)
    }
    for (const blob of [ids.draftPicture, ids.portrait]) {
      assert.equal((await fetch(`${base}/api/public/media/${blob}/web`)).status, 404)
    }
    const ok = await fetch(`${base}/api/public/media/${ids.pictures[0]}/thumb`)
    assert.equal(ok.status, 200)
    assert.equal(ok.headers.get('content-type'), 'image/jpeg')
    const page = await publicPage(PHONE)
    await page.goto(`/p/news/${ids.draft}`)
    await page.locator('[data-test=public-news-missing]').waitFor()
    await page.context().close()
  })

  it('serves share cards with the title and an absolute picture', async () => {
    const html = await (await fetch(`${base}/p/news/${ids.news}`)).text()
    assert.match(html, /<title>开放日：市民走进智能制造实训基地 - 智能制造学院<\/title>/)
    assert.match(html, new RegExp(`<meta property="og:image" content="https?://[^"]+/api/public/media/${ids.pictures[0]}/web">`))
    const topic = await (await fetch(`${base}/p/topic`)).text()
    assert.match(topic, /<meta property="og:title" content="[^"]*专题">/)
    const column = await (await fetch(`${base}/p/column/${ids.college}`)).text()
    assert.match(column, /<title>智能制造学院专栏<\/title>/)
  })
})
