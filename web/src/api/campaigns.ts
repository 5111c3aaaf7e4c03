import { http } from './request'
import type { FormCode, ListResult } from './common'

export type CampaignStatus = 'draft' | 'active' | 'closed'
export type CampaignPhase = 'draft' | 'preparing' | 'in_week' | 'summarising' | 'ended'

export interface ThemeDay {
  id: number
  day_index: number
  date: string
  name: string
  description: string
  publicity_theme: string
  version: number
}

export type ThemeDayInput = Pick<ThemeDay, 'name' | 'description' | 'publicity_theme'>

/** The version an edit or delete read: 409 conflict when the record has changed since. */
export interface Versioned {
  version: number
}

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
  version: number
}

export type DeadlineInput = Omit<Deadline, 'id' | 'collector_name' | 'form_name' | 'version'>

export interface Campaign {
  id: number
  year: number
  name: string
  theme: string
  starts_on: string
  ends_on: string
  status: CampaignStatus
  // Where the week stands today, from its dates (see campaignPhaseNames).
  phase: CampaignPhase
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
  version: number
}

export type CommitteePosition = 'leader' | 'deputy' | 'member'

export interface CommitteeMember {
  id: number
  unit_id: number
  position: CommitteePosition
  person_name: string
  title: string
  sort_order: number
  version: number
}

export type CommitteeMemberInput = Omit<CommitteeMember, 'id' | 'version'>

export interface Duty {
  id: number
  unit_id: number
  department_name: string
  /** null: every college of the school gets its own task. */
  department_unit_id: number | null
  responsibility: string
  responsible_persons: string
  sort_order: number
  version: number
}

export type DutyInput = Omit<Duty, 'id' | 'version'>

/** A versioned record's DELETE: the version read goes in the query (DELETE has no body). */
const withVersion = (url: string, version: number) => `${url}?version=${version}`

const base = (id: number) => `/api/campaigns/${id}`

/** Every year's campaign (without days and deadlines). */
export function getCampaignList(): Promise<ListResult<Campaign>> {
  return http.get('/api/campaigns')
}

/** Public, no login: the current campaign with days and provincial deadlines. */
export function getCurrentCampaign(): Promise<Campaign> {
  return http.get('/api/public/campaigns/current')
}

/** With days and the deadlines the caller may see. */
export function getCampaign(id: number): Promise<Campaign> {
  return http.get(base(id))
}

export function updateCampaign(id: number, input: CampaignUpdateInput): Promise<Campaign> {
  return http.put(base(id), input)
}

/** Copies days, deadlines, committee and duties, shifted to the new start date. */
export function copyCampaign(id: number, input: CampaignCopyInput): Promise<Campaign> {
  return http.post(`${base(id)}/copy`, input)
}

export function updateThemeDay(id: number, dayId: number, input: ThemeDayInput & Versioned): Promise<ThemeDay> {
  return http.put(`${base(id)}/days/${dayId}`, input)
}

export function createDeadline(id: number, input: DeadlineInput): Promise<Deadline> {
  return http.post(`${base(id)}/deadlines`, input)
}

export function updateDeadline(id: number, deadlineId: number, input: DeadlineInput & Versioned): Promise<Deadline> {
  return http.put(`${base(id)}/deadlines/${deadlineId}`, input)
}

export function deleteDeadline(id: number, deadline: Pick<Deadline, 'id' | 'version'>): Promise<unknown> {
  return http.delete(withVersion(`${base(id)}/deadlines/${deadline.id}`, deadline.version))
}

/** Sub-themes set by units in the caller's subtrees. */
export function getSubThemeList(id: number): Promise<ListResult<SubTheme>> {
  return http.get(`${base(id)}/sub-themes`)
}

/** `version`: of the sub-theme read, 0 when the unit has none yet. */
export function setSubTheme(id: number, unitId: number, subTheme: string, version: number): Promise<SubTheme> {
  return http.put(`${base(id)}/sub-themes/${unitId}`, { sub_theme: subTheme, version })
}

export function getCommittee(id: number, unitId: number): Promise<ListResult<CommitteeMember>> {
  return http.get(`${base(id)}/committee`, { unit_id: unitId })
}

/** `member`: the one edited (with the version read); null adds one. */
export function saveCommitteeMember(
  id: number,
  member: Pick<CommitteeMember, 'id' | 'version'> | null,
  input: CommitteeMemberInput,
): Promise<CommitteeMember> {
  return member
    ? http.put(`${base(id)}/committee/${member.id}`, { ...input, version: member.version })
    : http.post(`${base(id)}/committee`, input)
}

export function deleteCommitteeMember(id: number, member: Pick<CommitteeMember, 'id' | 'version'>): Promise<unknown> {
  return http.delete(withVersion(`${base(id)}/committee/${member.id}`, member.version))
}

export function getDutyList(id: number, unitId: number): Promise<ListResult<Duty>> {
  return http.get(`${base(id)}/duties`, { unit_id: unitId })
}

/** `duty`: the one edited (with the version read); null adds one. */
export function saveDuty(id: number, duty: Pick<Duty, 'id' | 'version'> | null, input: DutyInput): Promise<Duty> {
  return duty
    ? http.put(`${base(id)}/duties/${duty.id}`, { ...input, version: duty.version })
    : http.post(`${base(id)}/duties`, input)
}

export function deleteDuty(id: number, duty: Pick<Duty, 'id' | 'version'>): Promise<unknown> {
  return http.delete(withVersion(`${base(id)}/duties/${duty.id}`, duty.version))
}

/** Turns the unit's duties into tasks; duties that already have tasks are skipped. */
export function generateTasks(id: number, unitId: number, dueAt: string | null): Promise<{ created: number }> {
  return http.post(`${base(id)}/generate-tasks`, { unit_id: unitId, due_at: dueAt })
}

/** A 填表说明 text of the campaign (CONTRACT §5), printed under an exported form. */
export interface NoticeText {
  /** info_form_note, statistics_note, statistics_template_note */
  code: string
  label: string
  /** As stored: may hold the placeholder {截止日期}. */
  text: string
  /** With the placeholders filled for this campaign ("2026 年 5 月 13 日"). */
  rendered: string
  version: number
}

export function getNoticeTexts(id: number): Promise<{ texts: NoticeText[] }> {
  return http.get(`/api/campaigns/${id}/notice-texts`)
}

/** Editors of the campaign; 409 conflict on a stale `version`, 400 naming `text` when empty or over 2,000 characters. */
export function updateNoticeText(id: number, code: string, input: { text: string; version: number }): Promise<NoticeText> {
  return http.put(`/api/campaigns/${id}/notice-texts/${encodeURIComponent(code)}`, input)
}
