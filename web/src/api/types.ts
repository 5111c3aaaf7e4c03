// Shapes of the server's JSON (docs/api.md; the live route list is
// GET /api/openapi.json). Instants are ISO strings with +08:00, dates YYYY-MM-DD.

export interface ListResult<T> {
  items: T[]
  total: number
}

// ---- accounts -------------------------------------------------------------

export type RoleCode = 'unit_admin' | 'reviewer' | 'publicity' | 'organiser' | 'viewer'

export interface Role {
  code: RoleCode
  name: string
}

export interface Grant {
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
  grants: Grant[]
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

// ---- units ----------------------------------------------------------------

export type UnitCategory = 'authority' | 'school' | 'department'

export interface UnitKind {
  code: string
  name: string
  category: UnitCategory
  reports_forms: boolean
  parent_kinds: string[]
}

export interface Region {
  code: string
  name: string
  parent_code: string
  level: number
}

/** One row of GET /api/units/tree: flat, nested client-side by parent_id. */
export interface UnitNode {
  id: number
  parent_id: number | null
  kind: string
  name: string
  region_code: string
  depth: number
  child_count: number
}

export interface UnitInput {
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

export interface Unit extends UnitInput {
  id: number
  version: number
  created_at: string
  updated_at: string
}

export interface AuditRow {
  id: number
  at: string
  user_id?: number | null
  username: string
  action: string
  entity: string
  entity_id: number
  summary: string
  detail: unknown
}

// ---- campaign -------------------------------------------------------------

export type CampaignStatus = 'draft' | 'active' | 'closed'

export interface ThemeDay {
  id: number
  day_index: number
  date: string
  name: string
  description: string
  publicity_theme: string
}

export type ThemeDayInput = Pick<ThemeDay, 'name' | 'description' | 'publicity_theme'>

export type FormCode = 'plan' | 'info_form' | 'statistics' | 'summary' | 'materials' | 'event'

export interface Deadline {
  id: number
  /** null: collected by the province. */
  collector_unit_id: number | null
  collector_name: string
  form: FormCode
  form_name: string
  title: string
  due_at: string
  note: string
  sort_order: number
}

export type DeadlineInput = Omit<Deadline, 'id' | 'collector_name' | 'form_name'>

export interface Campaign {
  id: number
  year: number
  name: string
  theme: string
  starts_on: string
  ends_on: string
  status: CampaignStatus
  organiser_unit_id: number | null
  source_notice: string
  copied_from_id: number | null
  version: number
  created_at: string
  updated_at: string
  days: ThemeDay[]
  deadlines: Deadline[]
}

export interface CampaignUpdateInput {
  name: string
  theme: string
  starts_on: string
  status: CampaignStatus
  source_notice: string
  version: number
}

export interface CampaignCopyInput {
  year: number
  name: string
  theme: string
  starts_on: string
}

export interface SubTheme {
  unit_id: number
  unit_name: string
  sub_theme: string
}

export type CommitteePosition = 'leader' | 'deputy' | 'member'

export interface CommitteeMember {
  id: number
  unit_id: number
  position: CommitteePosition
  person_name: string
  title: string
  sort_order: number
}

export type CommitteeMemberInput = Omit<CommitteeMember, 'id'>

export interface Duty {
  id: number
  unit_id: number
  department_name: string
  /** null: every college of the school gets its own task. */
  department_unit_id: number | null
  responsibility: string
  responsible_persons: string
  sort_order: number
}

export type DutyInput = Omit<Duty, 'id'>

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

// ---- imports --------------------------------------------------------------

export interface ImportRowError {
  row: number
  field: string
  message: string
}

export interface ImportReport {
  valid: boolean
  rows: number
  created: number
  errors: ImportRowError[]
}
