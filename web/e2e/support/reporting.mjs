// Steps the reporting specs share: the review board's rows, text boxes of
// Element Plus inputs, a settled screenshot, message boxes and a minimal
// plan document.
import { api, shot } from './browser.mjs'

/** A row of the review board (报表审核) for `unit`. */
export const boardRow = (page, unit) =>
  page.locator('[data-test=board-table] .el-table__body tr', { has: page.locator(`[data-unit="${unit}"]`) })

/** The input marked `testId` (Element Plus puts the attribute on the native input or on its wrapper). */
export const textBox = (scope, testId) =>
  scope.locator(`input[data-test="${testId}"], textarea[data-test="${testId}"], [data-test="${testId}"] input, [data-test="${testId}"] textarea`).first()

/** A screenshot once the toasts have gone, so they do not cover the page. */
export async function settledShot(page, name, fullPage = false) {
  await page.waitForFunction(() => !document.querySelector('.el-message'), null, { timeout: 8000 })
  await shot(page, name, fullPage)
}

/** Confirms the open message box with its button `name`; returns the box's text. */
export async function confirmBox(page, name) {
  const box = page.locator('.el-message-box')
  await box.waitFor()
  const text = await box.innerText()
  await box.getByRole('button', { name, exact: true }).click()
  await box.waitFor({ state: 'hidden' })
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
