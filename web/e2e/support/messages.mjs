// The message receivers and a vocweek server that can be killed with
// SIGKILL and started again on the same database, for the message tests
// (messages.spec.mjs). The receivers are server/tests/message_sinks.py:
// Debian's python3-aiosmtpd for SMTP, the standard library for robots.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const webDir = fileURLToPath(new URL('../..', import.meta.url))
const sinksScript = resolve(webDir, '../server/tests/message_sinks.py')
// Generous: the machine running the tests may be loaded. Deadlines, never timing assertions.
const STARTUP_MS = 60_000

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Polls `probe` until it returns a truthy value; throws `what` after `ms`. */
export async function waitFor(what, probe, ms = 120_000) {
  const deadline = Date.now() + ms
  for (;;) {
    const value = await probe()
    if (value) return value
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`)
    await sleep(200)
  }
}

/**
 * Starts a receiver: kind 'smtp' or 'http', args passed on (e.g. ['--hold']).
 * Returns {dir, port, messages(), stop()}; messages() are the received ones in order.
 */
export async function startSink(kind, args = []) {
  const dir = mkdtempSync(join(tmpdir(), `vocweek-sink-${kind}-`))
  const child = spawn('/usr/bin/python3', [sinksScript, kind, dir, ...args], { stdio: ['ignore', 'ignore', 'inherit'] })
  let exited = null
  child.once('exit', (code, signal) => (exited = signal ?? code))
  const reap = () => exited === null && child.kill('SIGTERM')
  process.once('exit', reap)
  const port = await waitFor(`the ${kind} receiver`, () => {
    if (exited !== null) throw new Error(`message_sinks.py ${kind} exited (${exited})`)
    return existsSync(join(dir, 'port')) && Number(readFileSync(join(dir, 'port'), 'utf8'))
  }, STARTUP_MS)
  return {
    dir,
    port,
    messages() {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.msg'))
        .sort()
        .map((f) => readFileSync(join(dir, f), 'utf8'))
    },
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

/**
 * A demo database of its own (`seed-demo --week empty`) served by vocweek
 * with `env` added to the environment and `args` to its flags. start() serves it, kill9() ends the
 * process with SIGKILL (no clean shutdown), start() again serves the same
 * database; remove() stops it and deletes the directory. `clock` is the
 * instant the server's clock stands still at; null: the real clock.
 */
export function messagesServer(env, { args = [], clock = '2025-05-12T09:00:00+08:00' } = {}) {
  const bin = resolve(webDir, process.env.VOCWEEK_BIN || '../build/vocweek')
  if (!existsSync(bin)) throw new Error(`vocweek server not found at ${bin}: build it first (make server).`)
  const webRoot = join(webDir, 'dist')
  if (!existsSync(join(webRoot, 'index.html'))) throw new Error(`${webRoot}/index.html is missing: run npm run build.`)
  const dir = mkdtempSync(join(tmpdir(), 'vocweek-messages-'))
  const db = join(dir, 'e2e.db')
  const log = join(dir, 'server.log')
  const baseEnv = { ...process.env, VOCWEEK_CLOCK: clock || '2025-05-12T09:00:00+08:00', VOCWEEK_MEDIA_DIR: join(dir, 'media') }
  // clock null: the server runs on the real clock (leases and back-offs run out).
  const serveEnv = { ...baseEnv, VOCWEEK_DEMO: '1', ...env }
  if (clock === null) delete serveEnv.VOCWEEK_CLOCK
  const seeded = spawnSync(bin, ['seed-demo', '--db', db, '--week', 'empty'], {
    encoding: 'utf8',
    timeout: 120_000,
    env: baseEnv,
  })
  if (seeded.status !== 0) {
    rmSync(dir, { recursive: true, force: true })
    throw new Error(`${bin} seed-demo failed (exit ${seeded.status}):\n${seeded.stderr || seeded.error || ''}`)
  }
  let child = null
  let exited = null
  const reap = () => child && exited === null && child.kill('SIGKILL')
  process.once('exit', reap)
  const tail = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-30).join('\n') : '')

  const server = {
    base: '',
    log,
    db,
    logText: () => (existsSync(log) ? readFileSync(log, 'utf8') : ''),
    async start() {
      const port = await freePort()
      exited = null
      child = spawn(bin, ['serve', '--db', db, '--port', String(port), '--web-root', webRoot, ...args], {
        stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')],
        env: serveEnv,
      })
      child.once('exit', (code, signal) => (exited = signal ?? code))
      server.base = `http://127.0.0.1:${port}`
      await waitFor('vocweek to answer /healthz', async () => {
        if (exited !== null) throw new Error(`vocweek serve exited (${exited}):\n${tail()}`)
        try {
          return (await fetch(`${server.base}/healthz`)).status === 200
        } catch {
          return false
        }
      }, STARTUP_MS)
      return server.base
    },
    async kill9() {
      if (!child || exited !== null) return
      const gone = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await gone
    },
    async remove() {
      process.off('exit', reap)
      if (child && exited === null) {
        const gone = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
        await gone
        clearTimeout(timer)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
  return server
}

/** A header of a received e-mail, its folded lines joined. */
export function header(mail, name) {
  const m = mail.match(new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'mi'))
  return m ? m[1].replace(/\r\n[ \t]/g, ' ') : ''
}

/** RFC 2047 "=?UTF-8?B?...?=" words back to text. */
export function decodeWords(value) {
  let out = ''
  for (const m of value.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)) out += Buffer.from(m[1], 'base64').toString('utf8')
  return out
}

/** The decoded text body (base64) of a received e-mail. */
export function bodyOf(mail) {
  const at = mail.indexOf('\r\n\r\n')
  return Buffer.from(mail.slice(at + 4).replace(/\s+/g, ''), 'base64').toString('utf8')
}

/** Who an e-mail was delivered to (the sink's X-Rcpt line). */
export const rcptOf = (mail) => (mail.match(/^X-Rcpt: (.*)\r\n/) || [])[1] || ''
