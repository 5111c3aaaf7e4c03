import { http } from './request'
import type { ListResult } from './common'

export type RoleCode = 'unit_admin' | 'reviewer' | 'publicity' | 'organiser' | 'viewer'

export interface Role {
  code: RoleCode
  name: string
}

export interface Grant {
  unit_id: number
  unit_name: string
  unit_kind?: string
  /**
   * In /api/auth/me: the grant's unit heads a reporting chain (the server
   * derives it from the unit-kind data).
   */
  chain_root?: boolean
  role: RoleCode
  role_name?: string
}

export interface User {
  id: number
  username: string
  display_name: string
  unit_id: number
  unit_name: string
  position: string
  mobile: string
  email: string
  is_sysadmin: boolean
  active: boolean
  must_change_password: boolean
  version: number
  created_at: string
  updated_at: string
  grants: Grant[]
  /**
   * In the user list and details: whether the caller may edit, deactivate or
   * reset the password of this user (false when the user also holds grants
   * beyond the caller's units, or is a system administrator).
   */
  manageable?: boolean
}

/** The signed-in user as /api/auth/login and /api/auth/me answer it. */
export interface CurrentUser extends User {
  csrf_token: string
}

export interface GrantInput {
  unit_id: number
  role: RoleCode
}

export interface UserCreateInput {
  username: string
  password: string
  display_name: string
  unit_id: number
  position: string
  mobile: string
  email: string
  active: boolean
  grants: GrantInput[]
}

export type UserUpdateInput = Omit<UserCreateInput, 'username' | 'password'> & { version: number }

export interface UserQuery {
  unit_id?: number
  keyword?: string
  page?: number
  page_size?: number
}

/** Users in the caller's manageable subtree only. */
export function getUserList(query: UserQuery): Promise<ListResult<User>> {
  return http.get('/api/users', { ...query })
}

export function getUser(id: number): Promise<User> {
  return http.get(`/api/users/${id}`)
}

export function createUser(input: UserCreateInput): Promise<User> {
  return http.post('/api/users', input)
}

export function updateUser(id: number, input: UserUpdateInput): Promise<User> {
  return http.put(`/api/users/${id}`, input)
}

/** The user must change the new password at next login. */
export function resetUserPassword(id: number, password: string): Promise<unknown> {
  return http.post(`/api/users/${id}/reset-password`, { password })
}

export function getRoleList(): Promise<ListResult<Role>> {
  return http.get('/api/roles')
}
