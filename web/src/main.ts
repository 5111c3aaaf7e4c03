import { createApp } from 'vue'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs'
import 'element-plus/dist/index.css'
import './styles.css'
import App from './App.vue'
import { router } from './router'
import { setUnauthenticatedHandler } from './api/request'
import { useUserStore } from './stores/user'

const app = createApp(App)
app.use(createPinia())
app.use(router)
app.use(ElementPlus, { locale: zhCn })

setUnauthenticatedHandler(() => {
  useUserStore().clear()
  if (router.currentRoute.value.path !== '/login') void router.push('/login')
})

app.mount('#app')
