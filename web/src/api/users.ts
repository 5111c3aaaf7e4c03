import { http } from './request'
import type { ListResult, Role, User, UserCreateInput, UserUpdateInput } from './types'

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
