import type { RouteRecordRaw } from 'vue-router'
import PublicLayout from '@/layouts/public-layout.vue'

// `requires` mirrors the menu (src/utils/menu.ts): the guard refuses what the
// menu hides. Pages are loaded on first visit; the public site's light layout
// comes with the entry, the admin layout with the first admin page.
export const routes: RouteRecordRaw[] = [
  {
    // The public site (专题网站): no login, its own light layout.
    path: '/p',
    component: PublicLayout,
    meta: { public: true, site: true },
    children: [
      { path: '', component: () => import('@/views/public/home.vue'), meta: { public: true, site: true } },
      {
        path: 'programme',
        component: () => import('@/views/public/programme.vue'),
        meta: { title: '活动安排', public: true, site: true },
      },
      {
        path: 'activities/:id(\\d+)',
        component: () => import('@/views/public/activity.vue'),
        meta: { title: '活动详情', public: true, site: true },
      },
      {
        path: 'activities/:id(\\d+)/register',
        component: () => import('@/views/registration/register.vue'),
        meta: { title: '活动报名', public: true, site: true },
      },
      {
        path: 'topic',
        component: () => import('@/views/public/topic.vue'),
        meta: { title: '活动周专题', public: true, site: true },
      },
      {
        path: 'gallery',
        component: () => import('@/views/public/gallery.vue'),
        meta: { title: '图片视频', public: true, site: true },
      },
      {
        path: 'news/:id(\\d+)',
        component: () => import('@/views/public/news.vue'),
        meta: { title: '新闻', public: true, site: true },
      },
      {
        path: 'column/:id(\\d+)',
        component: () => import('@/views/public/column.vue'),
        meta: { title: '学校专栏', public: true, site: true },
      },
      {
        path: 'display/:id(\\d+)',
        component: () => import('@/views/public/display.vue'),
        meta: { title: '集中展示', public: true, site: true },
      },
      {
        path: 'figures',
        component: () => import('@/views/public/figures.vue'),
        meta: { title: '数据公开', public: true, site: true },
      },
      {
        path: 'verify/:code([A-Za-z0-9-]+)',
        component: () => import('@/views/public/verify.vue'),
        meta: { title: '报表核验', public: true, site: true },
      },
      {
        path: 'awards/verify/:code([A-Za-z0-9 -]+)',
        component: () => import('@/views/public/award-verify.vue'),
        meta: { title: '荣誉证书核验', public: true, site: true },
      },
      {
        path: 'tickets/:token([A-Za-z0-9_-]+)',
        component: () => import('@/views/registration/ticket.vue'),
        meta: { title: '报名凭证', public: true, site: true },
      },
    ],
  },
  {
    // At the door on a phone: full screen, no menu; staff of the activity's unit.
    path: '/activities/:id(\\d+)/checkin',
    component: () => import('@/views/registration/checkin.vue'),
    meta: { title: '现场签到' },
  },
  {
    // 数据大屏: full screen, dark, no menu.
    path: '/dashboard/screen',
    component: () => import('@/views/dashboard/screen.vue'),
    meta: { title: '数据大屏' },
  },
  {
    path: '/login',
    component: () => import('@/views/login/index.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/',
    component: () => import('@/layouts/basic-layout.vue'),
    children: [
      { path: '', component: () => import('@/views/dashboard/index.vue'), meta: { title: '首页' } },
      { path: 'dashboard', component: () => import('@/views/dashboard/week.vue'), meta: { title: '数据看板' } },
      {
        path: 'password',
        component: () => import('@/views/account/change-password.vue'),
        meta: { title: '修改密码' },
      },
      {
        path: 'messages',
        component: () => import('@/views/messages/index.vue'),
        meta: { title: '消息设置' },
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
        path: 'activities',
        component: () => import('@/views/activities/index.vue'),
        meta: { title: '活动管理' },
      },
      {
        path: 'activities/:id(\\d+)/registrations',
        component: () => import('@/views/registration/index.vue'),
        meta: { title: '报名与签到', activeMenu: '/activities' },
      },
      {
        path: 'activities/approvals',
        component: () => import('@/views/activities/approvals.vue'),
        meta: { title: '外出报备审批', requires: 'approver' },
      },
      {
        path: 'checkin',
        component: () => import('@/views/registration/checkin-list.vue'),
        meta: { title: '现场签到', requires: 'checkin' },
      },
      {
        path: 'activities/coverage',
        component: () => import('@/views/activities/coverage.vue'),
        meta: { title: '天天有活动' },
      },
      {
        path: 'reports',
        component: () => import('@/views/reporting/index.vue'),
        meta: { title: '报表填报' },
      },
      {
        path: 'reports/review',
        component: () => import('@/views/reporting/review.vue'),
        meta: { title: '报表审核', requires: 'approver' },
      },
      {
        path: 'reports/review/:unitId(\\d+)',
        component: () => import('@/views/reporting/review-form.vue'),
        meta: { title: '审核报表', requires: 'approver', activeMenu: '/reports/review' },
      },
      {
        path: 'reports/province',
        component: () => import('@/views/reporting/province.vue'),
        meta: { title: '全省汇总', requires: 'province' },
      },
      {
        path: 'reports/media',
        component: () => import('@/views/reporting/media.vue'),
        meta: { title: '媒体报道' },
      },
      {
        path: 'reports/rules',
        component: () => import('@/views/reporting/rules.vue'),
        meta: { title: '校验规则' },
      },
      {
        path: 'publicity',
        component: () => import('@/views/publicity/index.vue'),
        meta: { title: '素材库' },
      },
      {
        path: 'publicity/new',
        component: () => import('@/views/publicity/edit.vue'),
        meta: { title: '上传素材', activeMenu: '/publicity' },
      },
      {
        path: 'publicity/:id(\\d+)',
        component: () => import('@/views/publicity/item.vue'),
        meta: { title: '素材详情', activeMenu: '/publicity' },
      },
      {
        path: 'publicity/:id(\\d+)/edit',
        component: () => import('@/views/publicity/edit.vue'),
        meta: { title: '修改素材', activeMenu: '/publicity' },
      },
      { path: 'notices', component: () => import('@/views/notices/index.vue'), meta: { title: '通知公文' } },
      {
        path: 'notices/new',
        component: () => import('@/views/notices/compose.vue'),
        meta: { title: '起草通知', requires: 'approver', activeMenu: '/notices' },
      },
      {
        path: 'notices/:id(\\d+)',
        component: () => import('@/views/notices/notice.vue'),
        meta: { title: '通知', activeMenu: '/notices' },
      },
      { path: 'awards', component: () => import('@/views/awards/index.vue'), meta: { title: '表彰奖励' } },
      {
        path: 'awards/new',
        component: () => import('@/views/awards/edit.vue'),
        meta: { title: '新建奖项', requires: 'unit_admin', activeMenu: '/awards' },
      },
      {
        path: 'awards/:id(\\d+)',
        component: () => import('@/views/awards/award.vue'),
        meta: { title: '奖项', activeMenu: '/awards' },
      },
      {
        path: 'awards/:id(\\d+)/edit',
        component: () => import('@/views/awards/edit.vue'),
        meta: { title: '修改奖项', requires: 'unit_admin', activeMenu: '/awards' },
      },
      {
        path: 'display',
        component: () => import('@/views/display/index.vue'),
        meta: { title: '集中展示' },
      },
      {
        path: 'display/events/:id(\\d+)',
        component: () => import('@/views/display/event.vue'),
        meta: { title: '展示活动', activeMenu: '/display' },
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
