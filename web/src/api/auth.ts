import { http, request } from './request'
import type { ListResult } from './common'
import type { CurrentUser } from './users'

/** Wrong password is a 401 with 用户名或密码错误; too many tries a 429. */
export function login(username: string, password: string): Promise<CurrentUser> {
  return request<CurrentUser>('/api/auth/login', {
    method: 'POST',
    body: { username, password },
    expect401: true,
  })
}

export function logout(): Promise<unknown> {
  return request('/api/auth/logout', { method: 'POST', body: {}, expect401: true })
}

/** 401 when there is no session; the caller decides where to go. */
export function getCurrentUser(): Promise<CurrentUser> {
  return request<CurrentUser>('/api/auth/me', { expect401: true })
}

export function changePassword(oldPassword: string, newPassword: string): Promise<unknown> {
  return http.post('/api/auth/password', { old_password: oldPassword, new_password: newPassword })
}

/** A demo account the login page offers (only a demonstration server lists any). */
export interface DemoAccount {
  username: string
  password: string
  /** Who the account stands for and its roles. */
  description: string
}

export function getDemoAccounts(): Promise<ListResult<DemoAccount>> {
  return http.get('/api/demo-accounts')
}
