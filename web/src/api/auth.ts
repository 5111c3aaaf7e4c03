import { http } from './request'
import type { Me } from './types'

export const login = (username: string, password: string) =>
  http.post<Me>('/api/auth/login', { username, password })
export const logout = () => http.post<object>('/api/auth/logout')
export const getMe = () => http.get<Me>('/api/auth/me')
export const changePassword = (old_password: string, new_password: string) =>
  http.post<object>('/api/auth/password', { old_password, new_password })
