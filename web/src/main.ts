import { createApp } from 'vue'
import { provideGlobalConfig } from 'element-plus'
import zhCn from 'element-plus/es/locale/lang/zh-cn.mjs'
import './styles.css'
import { installAdminApp } from './admin-app'
import App from './app.vue'
import { router } from './router'
import { setupRouterGuard } from './router/guard'

// The entry is what the public site needs: Vue, the router and its light
// layout. The admin side is fetched before the first page outside the site.
const app = createApp(App)
// Element Plus speaks Chinese on every page: the public site's few components
// and, once loaded, the admin pages' whole framework.
provideGlobalConfig({ locale: zhCn }, app, true)
setupRouterGuard(router, () => installAdminApp(app))
app.use(router)
app.mount('#app')
