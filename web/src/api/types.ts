// Shapes of the server's JSON (see docs/api.md and /api/openapi.json).

export type RoleCode = 'unit_admin' | 'reviewer' | 'publicity' | 'organiser' | 'viewer'

export interface ListResult<T> {
  items: T[]
  total: number
}

export interface GrantView {
  unit_id: number
  unit_name: string
  unit_kind?: string
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
  grants: GrantView[]
}

export interface Me extends User {
  csrf_token: string
}

export interface UserInput {
  username?: string
  password?: string
  display_name: string
  unit_id: number
  position: string
  mobile: string
  email: string
  active: boolean
  grants: { unit_id: number; role: RoleCode }[]
  version?: number
}

export interface Role {
  code: RoleCode
  name: string
}

export interface UnitKind {
  code: string
  name: string
  category: 'authority' | 'school' | 'department'
  reports_forms: boolean
  parent_kinds: string[]
}

export interface Region {
  code: string
  name: string
  parent_code: string
  level: number
}

export interface TreeNode {
  id: number
  parent_id: number | null
  kind: string
  name: string
  region_code: string
  depth: number
  child_count: number
}

export interface UnitFields {
  parent_id: number | null
  kind: string
  name: string
  short_name: string
  region_code: string
  moe_code: string
  enrolled_students: number
  staff_count: number
  contact_person: string
  contact_phone: string
  address: string
  website: string
  sort_order: number
  active: boolean
}

export interface Unit extends UnitFields {
  id: number
  version: number
  created_at: string
  updated_at: string
}

export interface AuditRow {
  id: number
  at: string
  username: string
  action: string
  summary: string
}

export interface ThemeDay {
  id: number
  day_index: number
  date: string
  name: string
  description: string
  publicity_theme: string
}

export type FormCode = 'plan' | 'info_form' | 'statistics' | 'summary' | 'materials' | 'event'

export interface Deadline {
  id: number
  collector_unit_id: number | null
  collector_name: string
  form: FormCode
  form_name: string
  title: string
  due_at: string
  note: string
  sort_order: number
}

export interface Campaign {
  id: number
  year: number
  name: string
  theme: string
  starts_on: string
  ends_on: string
  status: 'draft' | 'active' | 'closed'
  organiser_unit_id: number | null
  source_notice: string
  copied_from_id: number | null
  version: number
  days: ThemeDay[]
  deadlines: Deadline[]
}

export interface CommitteeMember {
  id: number
  unit_id: number
  position: 'leader' | 'deputy' | 'member'
  person_name: string
  title: string
  sort_order: number
}

export interface Duty {
  id: number
  unit_id: number
  department_name: string
  department_unit_id: number | null
  responsibility: string
  responsible_persons: string
  sort_order: number
}

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
}

export interface ImportReport {
  valid: boolean
  rows: number
  created: number
  errors: { row: number; field: string; message: string }[]
}
