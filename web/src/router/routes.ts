import type { RouteRecordRaw } from 'vue-router'
import BasicLayout from '@/layouts/basic-layout.vue'

// `requires` mirrors the menu (src/utils/menu.ts): the guard refuses what the
// menu hides. Pages are loaded on first visit.
export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    component: () => import('@/views/login/index.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/',
    component: BasicLayout,
    children: [
      { path: '', component: () => import('@/views/dashboard/index.vue'), meta: { title: '首页' } },
      {
        path: 'password',
        component: () => import('@/views/account/change-password.vue'),
        meta: { title: '修改密码' },
      },
      { path: 'units', component: () => import('@/views/units/index.vue'), meta: { title: '单位管理' } },
      {
        path: 'users',
        component: () => import('@/views/users/index.vue'),
        meta: { title: '用户管理', requires: 'unit_admin' },
      },
      { path: 'campaign', component: () => import('@/views/campaign/index.vue'), meta: { title: '活动概况' } },
      {
        path: 'campaign/committee',
        component: () => import('@/views/campaign/committee.vue'),
        meta: { title: '领导小组与职责' },
      },
      {
        path: 'campaign/tasks',
        component: () => import('@/views/campaign/tasks.vue'),
        meta: { title: '任务' },
      },
      {
        path: 'imports',
        component: () => import('@/views/imports/index.vue'),
        meta: { title: '数据导入', requires: 'unit_admin' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]
