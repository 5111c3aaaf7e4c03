// Messages that reach people outside vocweek (docs/messages.md): each user's
// channels per category, a unit's defaults and group robot, and what was sent.
import { http } from './request'
import type { ListResult } from './common'

export type MessageChannel = 'email' | 'sms' | 'wecom' | 'dingtalk'
export type DeliveryStatus =
  | 'pending'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'unknown'
  | 'missing'
  | 'off'
  | 'held'
  | 'digested'

export interface CategoryChoice {
  category: string
  name: string
  email: boolean
  sms: boolean
  /** E-mails of the category once a day (每日汇总) instead of one by one. */
  digest: boolean
  /** The user chose; otherwise the unit's defaults apply. */
  chosen: boolean
}

export interface MessagePreferences {
  categories: CategoryChoice[]
  /** The user's own addresses, masked; "" when missing. */
  email: string
  mobile: string
  /** Whether the server sends e-mail / SMS at all. */
  email_on: boolean
  sms_on: boolean
}

export interface UnitMessageSettings {
  unit_id: number
  email_default: boolean
  sms_default: boolean
  webhook_kind: '' | 'wecom' | 'dingtalk'
  webhook_url: string
  updated_at: string
}

export interface Delivery {
  id: number
  unit_id: number
  kind: string
  category: string
  channel: MessageChannel
  recipient: string
  recipient_name: string
  subject: string
  status: DeliveryStatus
  attempts: number
  last_error: string
  created_at: string
  sent_at: string
  next_attempt_at: string
}

export function getMessagePreferences(): Promise<MessagePreferences> {
  return http.get('/api/messages/preferences')
}

export function setMessagePreferences(
  categories: Pick<CategoryChoice, 'category' | 'email' | 'sms' | 'digest'>[],
): Promise<MessagePreferences> {
  return http.put('/api/messages/preferences', { categories })
}

export function getUnitMessageSettings(unitId: number): Promise<UnitMessageSettings> {
  return http.get(`/api/units/${unitId}/message-settings`)
}

export function setUnitMessageSettings(
  unitId: number,
  input: Omit<UnitMessageSettings, 'unit_id' | 'updated_at'>,
): Promise<UnitMessageSettings> {
  return http.put(`/api/units/${unitId}/message-settings`, input)
}

export function getDeliveries(unitId: number, limit = 100): Promise<ListResult<Delivery>> {
  return http.get(`/api/units/${unitId}/messages`, { limit })
}

export function retryDelivery(id: number): Promise<Delivery> {
  return http.post(`/api/messages/${id}/retry`)
}

export const channelNames: Record<MessageChannel, string> = {
  email: '邮件',
  sms: '短信',
  wecom: '企业微信群',
  dingtalk: '钉钉群',
}

export const deliveryStatusNames: Record<DeliveryStatus, string> = {
  pending: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  unknown: '状态不明',
  missing: '缺少联系方式',
  off: '未开通',
  held: '待每日汇总',
  digested: '已并入汇总',
}
