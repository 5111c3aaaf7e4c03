// Writes a .gz sibling for every .js/.css/.html/.svg/.json file in dist/
// larger than 1 KiB. The server sends the sibling to clients that accept gzip,
// so nothing is compressed per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { constants, gzipSync } from 'node:zlib'

const MIN_BYTES = 1024
const COMPRESSIBLE = /\.(js|css|html|svg|json)$/
const dist = fileURLToPath(new URL('../dist', import.meta.url))

let files = 0
let before = 0
let after = 0
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const st = statSync(path)
    if (st.isDirectory()) {
      walk(path)
    } else if (COMPRESSIBLE.test(name) && st.size > MIN_BYTES) {
      const gz = gzipSync(readFileSync(path), { level: constants.Z_BEST_COMPRESSION })
      writeFileSync(`${path}.gz`, gz)
      files++
      before += st.size
      after += gz.length
    }
  }
}

walk(dist)
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`
console.log(`gzip-dist: ${files} files, ${kib(before)} → ${kib(after)}`)
