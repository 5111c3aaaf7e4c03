import { createRouter, createWebHistory } from 'vue-router'
import type { Permission } from '@/utils/permission'
import { routes } from './routes'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** Reachable without signing in. */
    public?: boolean
    /** A page of the public site: no session probe, the site's own title. */
    site?: boolean
    requires?: Permission
    /** The menu entry to highlight for a page the menu does not list. */
    activeMenu?: string
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})
