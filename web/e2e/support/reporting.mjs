// Page helpers shared by the reporting browser tests: window sizes, the
// form page's parts, the review board's rows, message boxes, a minimal plan
// document and units by name.
import { api, loginAs, shot } from './browser.mjs'

export const DESKTOP = { width: 1366, height: 900 }
export const PHONE = { width: 390, height: 844 }

/** A screenshot once the toasts have gone, so they do not cover the page. */
export async function quietShot(page, name, fullPage = false) {
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 })
  await shot(page, name, fullPage)
}

/** The text box marked `testId` (Element Plus puts the attribute on the native input or its wrapper). */
export const box = (scope, testId) =>
  scope
    .locator(
      `input[data-test="${testId}"], textarea[data-test="${testId}"], [data-test="${testId}"] input, [data-test="${testId}"] textarea`,
    )
    .first()

/** The review board's row of the unit named `unit`. */
export const boardRow = (page, unit) =>
  page.locator('[data-test=board-table] .el-table__body tr', { has: page.locator(`[data-unit="${unit}"]`) })

/** Signs in and opens 报表填报 at `query` on a desktop-wide window. */
export async function openForms(browser, base, username, query = '', password = undefined) {
  const page = await loginAs(browser, base, username, password)
  await page.setViewportSize(DESKTOP)
  await page.goto(`/reports${query}`)
  await page.locator('[data-test=form-header]').waitFor()
  await page.waitForURL(/unit_id=\d+/)
  return page
}

/** Waits until the form's status tag reads `text`. */
export async function expectStatus(page, text) {
  await page.locator('[data-test=form-status]', { hasText: text }).waitFor()
}

/** Confirms the open message box with its button `name`; returns the box's text. */
export async function confirmBox(page, name) {
  const dialog = page.locator('.el-message-box')
  await dialog.waitFor()
  const text = await dialog.innerText()
  await dialog.getByRole('button', { name, exact: true }).click()
  await dialog.waitFor({ state: 'hidden' })
  return text
}

/** The bytes of a minimal Word 2007+ file as the server recognises it (a zip naming word/document.xml). */
export const planDocx = () =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('0000[Content_Types].xml word/document.xml 0000')])

/** The unit called `name` among those the page's user sees; undefined when none is. */
export async function unitByName(page, name) {
  const units = await api(page, 'GET', '/api/units/tree')
  const flat = []
  const walk = (nodes) => nodes.forEach((n) => (flat.push(n), walk(n.children ?? [])))
  walk(units.items)
  return flat.find((n) => n.name === name)
}
