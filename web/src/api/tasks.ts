import { http } from './request'
import type { ListResult } from './common'

export type TaskStatus = 'todo' | 'in_progress' | 'done'

export interface Task {
  id: number
  campaign_id: number
  duty_id: number | null
  owner_unit_id: number
  owner_unit_name: string
  title: string
  description: string
  assignee: string
  due_at: string | null
  status: TaskStatus
  completed_at: string | null
  version: number
  created_at: string
  updated_at: string
}

export interface TaskInput {
  owner_unit_id: number
  duty_id: number | null
  title: string
  description: string
  assignee: string
  due_at: string | null
  status: TaskStatus
}

export interface TaskQuery {
  unit_id?: number
  status?: TaskStatus | ''
  page?: number
  page_size?: number
}

/** Tasks of the campaign owned by units in the caller's subtrees (unit_id narrows to one subtree). */
export function getTaskList(campaignId: number, query: TaskQuery): Promise<ListResult<Task>> {
  return http.get(`/api/campaigns/${campaignId}/tasks`, { ...query })
}

export function createTask(campaignId: number, input: TaskInput): Promise<Task> {
  return http.post(`/api/campaigns/${campaignId}/tasks`, input)
}

/**
 * Unit administrators may change everything; organisers, reviewers and
 * publicity officers only assignee and status. 409 when `version` is stale.
 */
export function updateTask(id: number, input: TaskInput & { version: number }): Promise<Task> {
  return http.put(`/api/tasks/${id}`, input)
}

/** The version read goes in the query: 409 when the task changed since. */
export function deleteTask(task: Pick<Task, 'id' | 'version'>): Promise<unknown> {
  return http.delete(`/api/tasks/${task.id}?version=${task.version}`)
}
