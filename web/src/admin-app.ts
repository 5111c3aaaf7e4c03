import type { App } from 'vue'

let installing: Promise<void> | undefined

/**
 * Sets up what only the admin pages use (admin-app-setup.ts: Element Plus
 * whole with its full CSS, Pinia and the stores, the session handlers) on the
 * first navigation outside the public site. The public site, opened on phones
 * from WeChat links, never downloads it: its pages import the few Element Plus
 * components they use by name (their CSS comes with them, see
 * scripts/element-plus-styles.ts). A failed download is retried on the next
 * navigation.
 */
export function installAdminApp(app: App): Promise<void> {
  installing ??= import('./admin-app-setup').then(
    ({ setupAdminApp }) => setupAdminApp(app),
    (e: unknown) => {
      installing = undefined
      throw e
    },
  )
  return installing
}
