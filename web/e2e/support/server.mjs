// Starts the real vocweek server on a fresh demo database for the browser
// tests: `$VOCWEEK_BIN seed-demo --week empty|played`, then `serve` on a free
// port with the built app as web root. A missing binary or build is a
// failure, never a skip.
//
// Options: `week` is 'empty' (the published programme without registrations,
// check-ins, media reports or forms: what most specs count on) or 'played'
// (the week as it happened up to the server's clock, seed.h PlayDemoWeek);
// `clock` is the instant the server's clock stands still at (and the played
// week's "now"), default VOCWEEK_CLOCK or 2025-05-14T10:00:00+08:00.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const webDir = fileURLToPath(new URL('../..', import.meta.url))
const STARTUP_MS = 20_000

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.unref()
    s.on('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

const tail = (path) => (existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(-20).join('\n') : '')

export async function startServer({ week = 'empty', clock } = {}) {
  const at = clock || process.env.VOCWEEK_CLOCK || '2025-05-14T10:00:00+08:00'
  const bin = resolve(webDir, process.env.VOCWEEK_BIN || '../build/vocweek')
  if (!existsSync(bin)) {
    throw new Error(
      `vocweek server not found at ${bin}. Build it first (make server) or point VOCWEEK_BIN at the executable.`,
    )
  }
  const webRoot = join(webDir, 'dist')
  if (!existsSync(join(webRoot, 'index.html'))) {
    throw new Error(`${webRoot}/index.html is missing: run npm run build before npm run test:e2e.`)
  }

  const dir = mkdtempSync(join(tmpdir(), 'vocweek-e2e-'))
  const db = join(dir, 'e2e.db')
  const seeded = spawnSync(bin, ['seed-demo', '--db', db, '--week', week], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, VOCWEEK_CLOCK: at, VOCWEEK_MEDIA_DIR: join(dir, 'media') },
  })
  if (seeded.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`${bin} seed-demo failed (exit ${seeded.status}):\n${seeded.stderr || seeded.error || ''}`)
  }

  const port = await freePort()
  const log = join(dir, 'server.log')
  const out = openSync(log, 'a')
  // The demo week is in the past: the server's clock stands still on its
  // fourth day (after the 13 May reporting deadline, before the tests'
  // activities of 14 May end), so registration is open and late forms are late.
  const child = spawn(bin, ['serve', '--db', db, '--port', String(port), '--web-root', webRoot], {
    stdio: ['ignore', out, out],
    // Uploaded photos and videos stay in the test's directory, not the working one.
    env: { ...process.env, VOCWEEK_CLOCK: at, VOCWEEK_DEMO: '1', VOCWEEK_MEDIA_DIR: join(dir, 'media') },
  })
  let exited = null
  child.once('exit', (code, signal) => (exited = signal ?? code))
  // Should the test process end without stop() (a crash, Ctrl+C), take the server with it.
  const reap = () => exited === null && child.kill('SIGTERM')
  process.once('exit', reap)

  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + STARTUP_MS
  for (;;) {
    if (exited !== null) {
      process.off('exit', reap)
      const lastLines = tail(log)
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`vocweek serve exited (${exited}) before answering /healthz:\n${lastLines}`)
    }
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      process.off('exit', reap)
      const lastLines = tail(log)
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`vocweek serve did not answer GET /healthz within ${STARTUP_MS} ms:\n${lastLines}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }

  return {
    base,
    log,
    /** The SQLite file, for specs that set up rows no API writes yet. */
    db,
    async stop() {
      process.off('exit', reap)
      if (exited === null) {
        const gone = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await gone
        clearTimeout(timer)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Runs `body` against a server of its own (startServer's options), stopped afterwards whatever happens. */
export async function withServer(body, options) {
  const server = await startServer(options)
  try {
    await body(server.base)
  } finally {
    await server.stop()
  }
}
