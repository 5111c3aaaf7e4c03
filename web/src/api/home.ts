import { http } from './request'
import type { ReportingForm } from './reporting'

/** approval: a filing to approve; review: a child's form to review; form: an own form to submit; task: an open task. */
export type WorkKind = 'approval' | 'review' | 'form' | 'task'

export interface WorkItem {
  kind: WorkKind
  title: string
  unit_id: number
  unit_name: string
  /** review and form: the form's code; '' otherwise. */
  form: ReportingForm | ''
  /** form: none | draft | returned; task: todo | in_progress; review: submitted. */
  status: string
  /** '' when no deadline applies. */
  due_at: string
  overdue: boolean
  /** approval and review: when it was submitted; ''. */
  since: string
  /** The in-app page where the work is done. */
  link: string
}

export interface HomeDeadline {
  id: number
  form: string
  title: string
  due_at: string
  collector_name: string
  unit_id: number
  unit_name: string
  /** submit: the unit must meet it; collect: the unit's children must. */
  role: 'submit' | 'collect'
  past: boolean
}

export interface ScopeFigures {
  unit_id: number
  unit_name: string
  activities: number
  published: number
  days: number
  days_covered: number
  participants: number
  media: number
  children: number
  children_uncounted: number
}

export interface HomeCounts {
  approvals: number
  reviews: number
  forms: number
  tasks: number
}

export interface Home {
  counts: HomeCounts
  todo: WorkItem[]
  deadlines: HomeDeadline[]
  figures: ScopeFigures[]
}

/** The signed-in user's home; `todoOnly` leaves the figures out (the menu's badges). */
export function getHome(campaignId: number, todoOnly = false): Promise<Home> {
  return http.get(`/api/campaigns/${campaignId}/home`, todoOnly ? { todo_only: 1 } : {})
}
