// The public site's first-load weight: for every page of the site (the routes
// of src/router/routes.ts marked `site: true`), the gzip size of the JS and CSS
// a browser fetches before that page shows — index.html's entry with its static
// imports and CSS, plus the page's own chunk with its static imports and CSS —
// read from the build's dist/.vite/manifest.json. Exits 1 when a page is over
// the budget, so `npm run test:unit` fails when the admin framework creeps back
// into the site. Run after `npm run build`.
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { constants, gzipSync } from 'node:zlib'

/** First load of one public page, JS + CSS, gzip (issue 17: a phone opening a WeChat link). */
export const BUDGET_BYTES = 150 * 1024

const webDir = fileURLToPath(new URL('..', import.meta.url))
const dist = `${webDir}dist/`

/** [path, source of the page's component] of every route of the public site. */
export function sitePages(routesSource) {
  const pages = []
  const route = /path: '([^']*)',\s*component: \(\) => import\('@\/([^']+)'\),\s*meta: \{[^}]*\bsite: true/g
  for (const m of routesSource.matchAll(route)) {
    // `activities/:id(\\d+)` is shown as `/p/activities/:id`.
    const path = m[1].replace(/\([^)]*\)/g, '')
    pages.push([path ? `/p/${path}` : '/p', `src/${m[2]}`])
  }
  return pages
}

/** The files (JS and CSS) `key` loads before it runs: itself, its static imports, their CSS. */
export function firstLoad(manifest, key, files = new Set()) {
  const chunk = manifest[key]
  if (!chunk) throw new Error(`${key} is not in the build's manifest`)
  if (files.has(chunk.file)) return files
  files.add(chunk.file)
  for (const css of chunk.css ?? []) files.add(css)
  for (const dep of chunk.imports ?? []) firstLoad(manifest, dep, files)
  return files
}

const gzipSizes = new Map()
function gzipSize(file) {
  if (!gzipSizes.has(file)) {
    gzipSizes.set(file, gzipSync(readFileSync(dist + file), { level: constants.Z_BEST_COMPRESSION }).length)
  }
  return gzipSizes.get(file)
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`

function main() {
  const manifestPath = `${dist}.vite/manifest.json`
  if (!existsSync(manifestPath)) {
    console.error(`public-weight: ${manifestPath} is missing: run npm run build first.`)
    return 1
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  const pages = sitePages(readFileSync(`${webDir}src/router/routes.ts`, 'utf8'))
  if (pages.length === 0) {
    console.error('public-weight: found no `site: true` routes in src/router/routes.ts')
    return 1
  }
  const entry = firstLoad(manifest, 'index.html')
  let failed = 0
  console.log(`public-weight: first load of each public page, JS + CSS gzip (budget ${kb(BUDGET_BYTES)})`)
  for (const [path, source] of pages) {
    const files = firstLoad(manifest, source, new Set(entry))
    let js = 0
    let css = 0
    for (const f of files) {
      if (f.endsWith('.css')) css += gzipSize(f)
      else js += gzipSize(f)
    }
    const over = js + css > BUDGET_BYTES
    if (over) failed++
    console.log(
      `  ${path.padEnd(30)} ${kb(js + css).padStart(9)}  (JS ${kb(js)}, CSS ${kb(css)}, ${files.size} files)${over ? '  OVER BUDGET' : ''}`,
    )
  }
  if (failed) {
    const heaviest = [...firstLoad(manifest, 'index.html')].sort((a, b) => gzipSize(b) - gzipSize(a)).slice(0, 5)
    console.error(`public-weight: ${failed} page(s) over budget; the entry's heaviest files:`)
    for (const f of heaviest) console.error(`  ${f} ${kb(gzipSize(f))}`)
    return 1
  }
  return 0
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main()
