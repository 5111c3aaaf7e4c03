import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { RouteLocationNormalized, RouteMeta } from 'vue-router'
import type { CurrentUser } from '@/api/users'
import { useUserStore } from '@/stores/user'
import { resolveNavigation } from './guard'

const getCurrentUser = vi.fn<() => Promise<CurrentUser>>()
vi.mock('@/api/auth', () => ({ getCurrentUser: () => getCurrentUser() }))

const to = (path: string, meta: RouteMeta = {}) => ({ path, fullPath: path, meta }) as RouteLocationNormalized

function me(overrides: Partial<CurrentUser> = {}): CurrentUser {
  return {
    id: 4, username: 'sctc-college', display_name: '学院秘书', unit_id: 59, unit_name: '智能制造学院',
    position: '', mobile: '', email: '', is_sysadmin: false, active: true, must_change_password: false,
    version: 1, created_at: '', updated_at: '', csrf_token: 't',
    grants: [{ unit_id: 59, unit_name: '智能制造学院', role: 'organiser' }],
    ...overrides,
  }
}

describe('resolveNavigation', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    getCurrentUser.mockReset()
  })

  it('sends visitors without a session to /login, remembering where they were going', async () => {
    getCurrentUser.mockRejectedValue(new Error('401'))
    await expect(resolveNavigation(to('/campaign/tasks'))).resolves.toEqual({
      path: '/login',
      query: { redirect: '/campaign/tasks' },
    })
    await expect(resolveNavigation(to('/login', { public: true }))).resolves.toBe(true)
  })

  it('lets anyone onto the public site without asking for a session', async () => {
    await expect(resolveNavigation(to('/p/programme', { public: true, site: true }))).resolves.toBe(true)
    await expect(resolveNavigation(to('/p/activities/7', { public: true, site: true }))).resolves.toBe(true)
    expect(getCurrentUser).not.toHaveBeenCalled()
  })

  it('sends users who must change their password to /password first', async () => {
    getCurrentUser.mockResolvedValue(me({ must_change_password: true }))
    await expect(resolveNavigation(to('/units'))).resolves.toBe('/password')
    await expect(resolveNavigation(to('/password'))).resolves.toBe(true)
  })

  it('sends the user to /password once the server says a new password is required', async () => {
    getCurrentUser.mockResolvedValue(me())
    await expect(resolveNavigation(to('/campaign/tasks'))).resolves.toBe(true)
    useUserStore().passwordChangeRequired()
    await expect(resolveNavigation(to('/campaign/tasks'))).resolves.toBe('/password')
  })

  it('keeps pages beyond the user’s roles out of reach', async () => {
    getCurrentUser.mockResolvedValue(me())
    await expect(resolveNavigation(to('/users', { requires: 'unit_admin' }))).resolves.toBe('/')
    await expect(resolveNavigation(to('/campaign/tasks'))).resolves.toBe(true)
  })

  it('lets a unit administrator in and sends signed-in users away from /login', async () => {
    getCurrentUser.mockResolvedValue(me({ grants: [{ unit_id: 52, unit_name: '四川科技职业学院', role: 'unit_admin' }] }))
    await expect(resolveNavigation(to('/users', { requires: 'unit_admin' }))).resolves.toBe(true)
    await expect(resolveNavigation(to('/login', { public: true }))).resolves.toBe('/')
    expect(getCurrentUser).toHaveBeenCalledOnce()
  })
})
