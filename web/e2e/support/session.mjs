// One server and one browser shared by every test of a spec file whose tests
// build on each other's data (in file order).
import { after } from 'node:test'
import { launchBrowser } from './browser.mjs'
import { startServer } from './server.mjs'

/**
 * Starts the server and the browser at the top of a spec, before any test is
 * registered: a missing server binary or build fails the whole file once, with
 * the reason, instead of skipping. Both are stopped after the file's tests.
 */
export async function sharedSession() {
  const server = await startServer()
  let browser
  try {
    browser = await launchBrowser()
  } catch (e) {
    await server.stop()
    throw e
  }
  after(async () => {
    await browser.close()
    await server.stop()
  })
  return { server, browser }
}
