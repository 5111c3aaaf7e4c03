import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'
import { appTitle, siteTitle } from '@/locales/zh-CN'

/**
 * Where a navigation may go: the public site (meta.site) to everyone,
 * signed-out users to /login, users who must change their password to
 * /password, pages beyond the user's roles to the home page.
 */
export async function resolveNavigation(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  // Visitors of the public site need no session: do not ask the server for one.
  if (to.meta.site) return true
  // The stores are the admin side's: the public site's first load does without them.
  const { useUserStore } = await import('@/stores/user')
  const user = useUserStore()
  await user.probe()
  if (to.meta.public) return user.me && to.path === '/login' ? '/' : true
  if (!user.me) {
    return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (user.me.must_change_password && to.path !== '/password') return '/password'
  if (!user.can(to.meta.requires)) return '/'
  return true
}

/**
 * `prepareAdmin` sets up what the pages outside the public site need (Pinia,
 * Element Plus whole); it runs before their first navigation is resolved.
 */
export function setupRouterGuard(router: Router, prepareAdmin: () => Promise<void>): void {
  router.beforeEach(async (to) => {
    if (!to.meta.site) await prepareAdmin()
    return resolveNavigation(to)
  })
  router.afterEach((to) => {
    const name = to.meta.site ? siteTitle : appTitle
    document.title = to.meta.title ? `${to.meta.title} - ${name}` : name
  })
}
