import { http, query } from './request'
import type { ListResult, Role, User, UserInput } from './types'

export interface UserQuery {
  unit_id?: number
  keyword?: string
  page?: number
  page_size?: number
}

export const getUserList = (q: UserQuery) =>
  http.get<ListResult<User>>(`/api/users${query({ ...q })}`)
export const createUser = (input: UserInput) => http.post<User>('/api/users', input)
export const updateUser = (id: number, input: UserInput) => http.put<User>(`/api/users/${id}`, input)
export const resetUserPassword = (id: number, password: string) =>
  http.post<object>(`/api/users/${id}/reset-password`, { password })
export const getRoles = () => http.get<ListResult<Role>>('/api/roles')
