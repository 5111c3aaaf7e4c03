// Starts the real vocweek server on a fresh demo database for browser tests.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const webRoot = resolve(new URL('..', import.meta.url).pathname)

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

export async function startServer() {
  const bin = resolve(process.env.VOCWEEK_BIN || join(webRoot, '../build/vocweek'))
  if (!existsSync(bin)) throw new Error(`vocweek server not found at ${bin}: build it first (make server) or set VOCWEEK_BIN`)
  if (!existsSync(join(webRoot, 'dist/index.html'))) throw new Error('web/dist is missing: run npm run build first')
  const dir = mkdtempSync(join(tmpdir(), 'vocweek-e2e-'))
  const db = join(dir, 'e2e.db')
  const seeded = spawnSync(bin, ['seed-demo', '--db', db], { encoding: 'utf8' })
  if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`)
  const port = await freePort()
  const child = spawn(bin, ['serve', '--db', db, '--port', String(port), '--web-root', join(webRoot, 'dist')], {
    env: { ...process.env, VOCWEEK_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    base,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
