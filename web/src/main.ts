import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './app.vue'
import { setPasswordChangeRequiredHandler, setUnauthenticatedHandler } from './api/request'
import { router } from './router'
import { useCampaignStore } from './stores/campaign'
import { useUserStore } from './stores/user'

const app = createApp(App)
app.use(createPinia())
app.use(router)
app.use(ElementPlus, { locale: zhCn })

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

app.mount('#app')
