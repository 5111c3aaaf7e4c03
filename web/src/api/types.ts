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

// ---- activities -----------------------------------------------------------

export type ActivityStatus = 'draft' | 'pending' | 'rejected' | 'approved' | 'published' | 'cancelled'
export type PlaceKind = 'on_campus' | 'off_campus' | 'online'

/** A category or tag from the notices; `detail_fields` lists the extra fields it asks for ("partner,cooperation"). */
export interface ActivityCategory {
  id: number
  code: string
  name: string
  group_name: string
  detail_fields: string
  sort_order: number
}

export interface Audience {
  code: string
  name: string
}

export interface ActivityInput {
  unit_id: number
  title: string
  description: string
  theme_day_id: number | null
  starts_at: string
  ends_at: string
  /** Part of a longer 活动月: may lie outside the week. */
  part_of_month: boolean
  place_kind: PlaceKind
  /** The venue on campus, the address off campus. */
  place: string
  online_url: string
  category_id: number | null
  tag_ids: number[]
  audiences: string[]
  /** 0: no limit. */
  capacity: number
  open_to_public: boolean
  registration_required: boolean
  organiser: string
  contact: string
  featured: boolean
  /** 校企签约 */
  partner: string
  cooperation: string
  /** 招聘会 */
  enterprises: string
  posts_offered: number
}

export interface Activity extends ActivityInput {
  id: number
  campaign_id: number
  unit_name: string
  /**
   * The school above the organising college, when the server sends it (the
   * public programme names schools, not colleges).
   */
  school_name?: string
  status: ActivityStatus
  published_at: string | null
  cancel_reason: string
  version: number
  created_at: string
  updated_at: string
}

export interface FilingInput {
  destination: string
  teacher_in_charge: string
  teacher_phone: string
  staff_count: number
  student_count: number
  transport: string
  safety_plan: string
}

/** The off-campus filing (外出报备) and its decision; `reason` is a rejection's. */
export interface Filing extends FilingInput {
  submitted_at: string
  decided_at: string | null
  reason: string
}

export interface CoverageRow {
  unit_id: number
  unit_name: string
  kind: string
  /** One count per campaign day, in order. */
  per_day: number[]
  total: number
  days_without: number
}

/** 天天有活动: the direct children of a unit (and the unit itself when it runs activities) × days. */
export interface Coverage {
  campaign_name: string
  unit_name: string
  dates: string[]
  day_names: string[]
  rows: CoverageRow[]
}

/** A school or unit with published activities (the public site's school filter). */
export interface Organiser {
  unit_id: number
  unit_name: string
  region_code: string
}

// ---- registration and check-in --------------------------------------------

/** Who registers (小学生, 家长, 社会公众, …); statistics group them. */
export interface RegistrationCategory {
  code: string
  name: string
}

export type RegistrationKind = 'person' | 'group'
export type RegistrationStatus = 'confirmed' | 'waiting' | 'cancelled'

/** A public sign-up: a person, or a class with its teacher (`name`, `mobile`). */
export interface RegistrationInput {
  kind: RegistrationKind
  name: string
  mobile: string
  category: string
  consent: boolean
  under_14?: boolean
  /** Required when under_14. */
  guardian_name?: string
  school?: string
  class_name?: string
  /** Group: 1..200. */
  head_count?: number
  /** Group, optional: at most head_count names. */
  roster?: string[]
}

export interface Registration {
  id: number
  activity_id: number
  kind: RegistrationKind
  name: string
  /** Masked (138****1234) except on the holder's ticket and the check-in roster. */
  mobile: string
  category: string
  guardian_name: string
  school: string
  class_name: string
  head_count: number
  roster: string[]
  status: RegistrationStatus
  /** People checked in so far. */
  checked_in: number
  /** 1-based place on the waiting list; 0 when not waiting. */
  waiting_position: number
  /** Personal fields removed after the retention period. */
  purged: boolean
  created_at: string
  updated_at: string
  /** Only in the registrant's own answers (sign-up, ticket, cancel). */
  token?: string
}

export type TicketNoticeKind = 'promoted' | 'rescheduled' | 'cancelled'

export interface TicketNotice {
  kind: TicketNoticeKind
  message: string
  created_at: string
}

/** The public fields of the activity a ticket is for. */
export interface TicketActivity {
  id: number
  title: string
  unit_name: string
  starts_at: string
  ends_at: string
  place_kind: PlaceKind
  place: string
  online_url: string
  status: ActivityStatus
  cancel_reason: string
}

/** The holder's view of a registration: mobile unmasked, notices newest first. */
export interface Ticket {
  registration: Registration & { token: string }
  activity: TicketActivity
  notices: TicketNotice[]
}

/** One door scan; `scan_id` is the device's unique id, so an upload repeated after a failure counts once. */
export interface ScanInput {
  scan_id: string
  token: string
  /** Group: how many enter now; 0 or absent = everyone left. */
  people?: number
  /** When the device scanned it (API instant). */
  scanned_at?: string
}

export type ScanOutcome = 'ok' | 'already' | 'wrong_activity' | 'cancelled' | 'waiting' | 'unknown'

export interface ScanResult {
  scan_id: string
  result: ScanOutcome
  /** Chinese, for the door. */
  message: string
  name: string
  /** "学校 班级" for a group, else "". */
  group: string
  /** Admitted by this scan. */
  people: number
  /** Of the registration, after this scan. */
  checked_in: number
  head_count: number
  /** The scan_id had been uploaded before; this is the stored answer. */
  replayed: boolean
}

/** People counted at the door without a ticket: +1 / −1 per category. */
export interface WalkinEvent {
  scan_id: string
  category: string
  delta: number
}

export interface Attendance {
  /** Confirmed seats (people). */
  registered: number
  /** People on the waiting list. */
  waiting: number
  /** People checked in with tickets. */
  checked_in: number
  /** People counted at the door. */
  walkins: number
  /** checked_in + walkins. */
  total: number
  /** 0: no limit. */
  capacity: number
  /** Checked in plus walk-ins per category (categories with nobody are left out). */
  by_category: { category: string; name: string; count: number }[]
}
