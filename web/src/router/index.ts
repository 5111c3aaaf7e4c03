import { createRouter, createWebHistory } from 'vue-router'
import { useUserStore } from '@/stores/user'
import MainLayout from '@/layouts/MainLayout.vue'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', component: () => import('@/views/login/LoginView.vue'), meta: { public: true } },
    {
      path: '/',
      component: MainLayout,
      children: [
        { path: '', component: () => import('@/views/dashboard/DashboardView.vue'), meta: { title: '首页' } },
        { path: 'password', component: () => import('@/views/account/PasswordView.vue'), meta: { title: '修改密码' } },
        { path: 'units', component: () => import('@/views/units/UnitsView.vue'), meta: { title: '单位管理' } },
        { path: 'users', component: () => import('@/views/users/UsersView.vue'), meta: { title: '用户管理' } },
        { path: 'campaign', component: () => import('@/views/campaign/CampaignView.vue'), meta: { title: '活动周' } },
        { path: 'committee', component: () => import('@/views/campaign/CommitteeView.vue'), meta: { title: '领导小组与职责' } },
        { path: 'tasks', component: () => import('@/views/campaign/TasksView.vue'), meta: { title: '任务' } },
        { path: 'imports', component: () => import('@/views/imports/ImportView.vue'), meta: { title: '数据导入' } },
      ],
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
})

router.beforeEach(async (to) => {
  const user = useUserStore()
  await user.load()
  if (to.meta.public) return user.me && to.path === '/login' ? '/' : true
  if (!user.me) return { path: '/login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  if (user.me.must_change_password && to.path !== '/password') return '/password'
  return true
})
