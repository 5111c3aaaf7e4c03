import { http, query } from './request'
import type { Campaign, CommitteeMember, Deadline, Duty, ListResult, Task, ThemeDay } from './types'

const base = (id: number) => `/api/campaigns/${id}`

export const getCampaignList = () => http.get<ListResult<Campaign>>('/api/campaigns')
export const getCurrentCampaign = () => http.get<Campaign>('/api/public/campaigns/current')
export const getCampaign = (id: number) => http.get<Campaign>(base(id))
export const updateCampaign = (
  id: number,
  input: Pick<Campaign, 'name' | 'theme' | 'starts_on' | 'status' | 'source_notice' | 'version'>,
) => http.put<Campaign>(base(id), input)
export const copyCampaign = (id: number, input: { year: number; name: string; theme: string; starts_on: string }) =>
  http.post<Campaign>(`${base(id)}/copy`, input)
export const updateThemeDay = (id: number, day: ThemeDay) =>
  http.put<ThemeDay>(`${base(id)}/days/${day.id}`, day)

export type DeadlineInput = Omit<Deadline, 'id' | 'collector_name' | 'form_name'>
export const createDeadline = (id: number, input: DeadlineInput) =>
  http.post<Deadline>(`${base(id)}/deadlines`, input)
export const updateDeadline = (id: number, deadlineId: number, input: DeadlineInput) =>
  http.put<Deadline>(`${base(id)}/deadlines/${deadlineId}`, input)
export const deleteDeadline = (id: number, deadlineId: number) =>
  http.del<object>(`${base(id)}/deadlines/${deadlineId}`)

export const getCommittee = (id: number, unitId: number) =>
  http.get<ListResult<CommitteeMember>>(`${base(id)}/committee${query({ unit_id: unitId })}`)
export const saveCommitteeMember = (id: number, m: Omit<CommitteeMember, 'id'> & { id?: number }) =>
  m.id ? http.put<CommitteeMember>(`${base(id)}/committee/${m.id}`, m)
       : http.post<CommitteeMember>(`${base(id)}/committee`, m)
export const deleteCommitteeMember = (id: number, memberId: number) =>
  http.del<object>(`${base(id)}/committee/${memberId}`)

export const getDuties = (id: number, unitId: number) =>
  http.get<ListResult<Duty>>(`${base(id)}/duties${query({ unit_id: unitId })}`)
export const saveDuty = (id: number, d: Omit<Duty, 'id'> & { id?: number }) =>
  d.id ? http.put<Duty>(`${base(id)}/duties/${d.id}`, d) : http.post<Duty>(`${base(id)}/duties`, d)
export const deleteDuty = (id: number, dutyId: number) => http.del<object>(`${base(id)}/duties/${dutyId}`)
export const generateTasks = (id: number, unitId: number) =>
  http.post<{ created: number }>(`${base(id)}/generate-tasks`, { unit_id: unitId })

export interface TaskQuery {
  unit_id?: number
  status?: string
  page?: number
  page_size?: number
}
export const getTaskList = (id: number, q: TaskQuery) =>
  http.get<ListResult<Task>>(`${base(id)}/tasks${query({ ...q })}`)
export const updateTask = (task: Task) => http.put<Task>(`/api/tasks/${task.id}`, task)
