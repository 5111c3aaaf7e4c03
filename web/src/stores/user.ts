import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import { setCsrfToken } from '@/api/request'
import type { CurrentUser, RoleCode } from '@/api/users'
import { menuFor } from '@/utils/menu'
import { canAccess, grantUnitIds, isUnitAdmin, reachesUnit, type Permission } from '@/utils/permission'

/** The signed-in user, their grants and the CSRF token the request module sends. */
export const useUserStore = defineStore('user', () => {
  const me = ref<CurrentUser | null>(null)
  /** Whether the session has been probed since the page loaded. */
  const probed = ref(false)

  function set(user: CurrentUser | null): void {
    me.value = user
    setCsrfToken(user ? user.csrf_token : '')
  }

  /** Asks the server once whether the browser still has a session. */
  async function probe(): Promise<void> {
    if (probed.value) return
    try {
      set(await authApi.getCurrentUser())
    } catch {
      set(null)
    }
    probed.value = true
  }

  async function login(username: string, password: string): Promise<CurrentUser> {
    const user = await authApi.login(username, password)
    set(user)
    probed.value = true
    return user
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } catch {
      // The session may already be gone; signing out locally is what matters.
    } finally {
      set(null)
    }
  }

  /** Forgets the user without asking the server (after a 401). */
  function clear(): void {
    set(null)
  }

  function passwordChanged(): void {
    if (me.value) me.value.must_change_password = false
  }

  /** The server asks for a new password before anything else. */
  function passwordChangeRequired(): void {
    if (me.value) me.value.must_change_password = true
  }

  const menu = computed(() => (me.value ? menuFor(me.value) : []))
  const isAdmin = computed(() => (me.value ? isUnitAdmin(me.value) : false))
  const isSysadmin = computed(() => me.value?.is_sysadmin ?? false)

  function can(required: Permission | undefined): boolean {
    return me.value ? canAccess(me.value, required) : false
  }

  /** Units where the user holds `role` directly. */
  function unitsWithRole(role: RoleCode): number[] {
    return me.value ? grantUnitIds(me.value, role) : []
  }

  /** Whether a `role` grant reaches a unit, given the unit and its ancestors. */
  function reaches(role: RoleCode, ancestors: readonly number[]): boolean {
    return me.value ? reachesUnit(me.value, role, ancestors) : false
  }

  return {
    me,
    probed,
    probe,
    login,
    logout,
    clear,
    passwordChanged,
    passwordChangeRequired,
    menu,
    isAdmin,
    isSysadmin,
    can,
    unitsWithRole,
    reaches,
  }
})
