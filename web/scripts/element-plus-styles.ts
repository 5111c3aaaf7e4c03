// A Vite plugin: every module that imports Element Plus components by name
// (`import { ElButton, vLoading } from 'element-plus'`) also gets those
// components' own CSS (`element-plus/es/components/button/style/css`, which
// brings the base variables and the CSS of the parts the component uses). The
// public site loads only the components it uses this way; the admin pages get
// Element Plus whole with its full CSS (src/admin-framework.ts).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const componentsDir = fileURLToPath(new URL('../node_modules/element-plus/es/components/', import.meta.url))
const namedImport = /import\s*\{([^}]*)\}\s*from\s*['"]element-plus['"];?/g

/** `ElOptionGroup` → `option-group`, `vLoading` → `loading`; undefined for other names. */
export function componentDir(name: string): string | undefined {
  const m = /^(?:El|v)([A-Z]\w*)$/.exec(name)
  return m ? m[1].replace(/[A-Z]/g, (c, i: number) => (i ? '-' : '') + c.toLowerCase()) : undefined
}

const styleExists = new Map<string, boolean>()
function styleImport(dir: string): string | undefined {
  if (!styleExists.has(dir)) styleExists.set(dir, existsSync(`${componentsDir}${dir}/style/css.mjs`))
  return styleExists.get(dir) ? `import 'element-plus/es/components/${dir}/style/css';` : undefined
}

export function elementPlusStyles(): Plugin {
  return {
    name: 'vocweek:element-plus-styles',
    transform(code, id) {
      if (id.includes('/node_modules/') || !code.includes('element-plus')) return null
      let changed = false
      // The style imports go on the import's own line, so line numbers stay put.
      const out = code.replace(namedImport, (statement: string, names: string) => {
        const styles = names
          .split(',')
          .map((n) => n.trim())
          .filter((n) => n && !n.startsWith('type '))
          .map((n) => componentDir(n.split(/\s+as\s+/)[0]))
          .map((dir) => (dir ? styleImport(dir) : undefined))
          .filter((s): s is string => s !== undefined)
        if (styles.length === 0) return statement
        changed = true
        return [statement.endsWith(';') ? statement : `${statement};`, ...new Set(styles)].join('')
      })
      return changed ? { code: out, map: null } : null
    },
  }
}
