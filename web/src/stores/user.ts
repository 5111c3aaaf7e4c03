import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import { setCsrfToken } from '@/api/request'
import type { Me } from '@/api/types'
import { isUnitAdmin, menuFor } from '@/utils/menu'

export const useUserStore = defineStore('user', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)

  function set(user: Me | null) {
    me.value = user
    setCsrfToken(user ? user.csrf_token : '')
  }

  async function load(): Promise<void> {
    if (loaded.value) return
    try {
      set(await authApi.getMe())
    } catch {
      set(null)
    }
    loaded.value = true
  }

  async function login(username: string, password: string): Promise<void> {
    set(await authApi.login(username, password))
    loaded.value = true
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      set(null)
    }
  }

  function clear() {
    set(null)
  }

  const menu = computed(() => (me.value ? menuFor(me.value) : []))
  const admin = computed(() => (me.value ? isUnitAdmin(me.value) : false))
  // The unit the user's pages start from: their first grant, else their own unit.
  const homeUnitId = computed(() => me.value?.grants[0]?.unit_id ?? me.value?.unit_id ?? 0)

  return { me, loaded, load, login, logout, clear, menu, admin, homeUnitId }
})
