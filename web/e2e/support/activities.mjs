// The activity list's rows: one primary button each and a 更多 menu for the rest.

/** The row of the activity titled `title` on 活动管理. */
export const activityRow = (page, title) =>
  page.locator('[data-test=activity-table] .el-table__body tr', { has: page.getByText(title, { exact: true }) })

/** The open 更多 menu (Element Plus renders it at the end of <body>). */
export const openActionMenu = (page) => page.locator('.el-dropdown-menu:visible')

/**
 * Runs a row action (`edit`, `cancel`…): the primary button when it is the
 * row's, otherwise the item of its 更多 menu.
 */
export async function rowAction(page, title, action) {
  const row = activityRow(page, title)
  const direct = row.locator(`[data-test=action-${action}]`)
  if (await direct.count()) return direct.click()
  await row.locator('[data-test=action-more]').click()
  await openActionMenu(page).locator(`[data-test=action-${action}]`).click()
}
