// Debian's Chromium driven by playwright-core (no downloaded browsers), and
// the few steps every browser test repeats.
import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const DEMO_PASSWORD = 'Demo@2025'
const shotsDir = fileURLToPath(new URL('../screenshots/', import.meta.url))
mkdirSync(shotsDir, { recursive: true })

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

// Transitions off: screenshots show the settled page, not a tab or dialog mid-animation.
const noMotion = () => {
  const style = document.createElement('style')
  style.textContent = '*,*::before,*::after{transition:none!important;animation:none!important;caret-color:transparent!important}'
  document.addEventListener('DOMContentLoaded', () => document.head.appendChild(style))
}

/** A fresh browser context (own cookies) with one page. */
export async function newPage(browser, base, { timezoneId = 'Asia/Shanghai' } = {}) {
  const context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId,
  })
  await context.addInitScript(noMotion)
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  // The server's Content-Security-Policy: anything it blocks is a bug in the page.
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().includes('Content Security Policy')) errors.push(m.text())
  })
  page.jsErrors = errors
  return page
}

export async function loginAs(browser, base, username, password = DEMO_PASSWORD, options = {}) {
  const page = await newPage(browser, base, options)
  await page.goto('/login')
  await page.fill('input[name=username]', username)
  await page.fill('input[name=password]', password)
  await page.click('button[type=submit]')
  await page.waitForSelector('[data-test=current-user]')
  return page
}

/** Clicks a left-menu entry by its exact title and waits for the page's title. */
export async function nav(page, title) {
  await page.locator('[data-test=side-menu] .el-menu-item').getByText(title, { exact: true }).click()
  await page.locator('.el-header').getByText(title, { exact: true }).waitFor()
}

/**
 * Saves e2e/screenshots/<name>.png. The layout scrolls inside its main area,
 * so a full-page shot grows the viewport to the content for the moment.
 */
export async function shot(page, name, fullPage = false) {
  await page.waitForLoadState('networkidle')
  const viewport = page.viewportSize()
  if (fullPage) {
    const height = await page.evaluate(() => {
      const main = document.querySelector('.el-main')
      return main ? main.scrollHeight + main.getBoundingClientRect().top : document.body.scrollHeight
    })
    await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, Math.ceil(height)) })
  }
  await page.screenshot({ path: `${shotsDir}${name}.png` })
  if (fullPage) await page.setViewportSize(viewport)
}

/** The texts of one column (1-based) of an Element Plus table. */
export function columnTexts(table, column) {
  return table.locator(`.el-table__body tr td:nth-child(${column})`).allInnerTexts()
}

/** Calls the API from the page with its session and CSRF token; throws on an error envelope. */
export async function api(page, method, url, body) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const hit = document.cookie.split('; ').find((c) => c.startsWith('vw_csrf='))
      const headers = { 'Content-Type': 'application/json' }
      if (hit) headers['X-CSRF-Token'] = decodeURIComponent(hit.slice('vw_csrf='.length))
      const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
      const env = await res.json()
      if (!env.ok) throw new Error(`${method} ${url}: HTTP ${res.status} ${env.error?.message}`)
      return env.data
    },
    { method, url, body },
  )
}
