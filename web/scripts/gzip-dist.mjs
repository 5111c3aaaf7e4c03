// Writes a .gz sibling for every compressible file in dist/ larger than 1 KiB;
// the server sends it to clients that accept gzip.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const compressible = /\.(js|mjs|css|html|svg|json|txt)$/
let count = 0
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const st = statSync(path)
    if (st.isDirectory()) walk(path)
    else if (compressible.test(name) && st.size > 1024) {
      writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }))
      count++
    }
  }
}
walk(new URL('../dist', import.meta.url).pathname)
console.log(`gzip: ${count} files`)
