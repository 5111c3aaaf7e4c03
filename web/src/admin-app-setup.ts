// The admin side of the app, loaded by installAdminApp (admin-app.ts) before
// the first page outside the public site.
import type { App } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import { setPasswordChangeRequiredHandler, setUnauthenticatedHandler } from './api/request'
import { router } from './router'
import { useCampaignStore } from './stores/campaign'
import { useUserStore } from './stores/user'

export function setupAdminApp(app: App): void {
  app.use(createPinia())
  // Every el-* tag and v-loading; the Chinese locale is provided in main.ts.
  app.use(ElementPlus)

  // A 401 from any call means the session is over (expired, or signed out in
  // another tab): forget the user and go to the login page.
  setUnauthenticatedHandler(() => {
    useUserStore().clear()
    useCampaignStore().reset()
    const current = router.currentRoute.value
    if (!current.meta.public) {
      void router.push({ path: '/login', query: { redirect: current.fullPath } })
    }
  })

  // The server serves nothing but the password change until the user has set a
  // new password: remember that and go there (the router guard keeps them there).
  setPasswordChangeRequiredHandler(() => {
    useUserStore().passwordChangeRequired()
    if (router.currentRoute.value.path !== '/password') void router.push('/password')
  })
}
