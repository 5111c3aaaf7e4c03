import type { DisplayEventInput } from '@/api/display'

export const eventFields = [
  'unit_id',
  'title',
  'venue',
  'day',
  'start_time',
  'end_time',
  'fallback_venue',
  'fallback_day',
  'setup_time',
  'clear_time',
  'contact',
  'activity_id',
] as const

/** 5月14日 集中展示日 as the school notice sets it (§四（三）): the usual defaults. */
export function blankEvent(): DisplayEventInput {
  return {
    title: '职教活动周集中展示日',
    venue: '东区科技广场',
    day: '2025-05-14',
    start_time: '09:30',
    end_time: '17:00',
    fallback_venue: '',
    fallback_day: '',
    setup_time: '',
    clear_time: '',
    contact: '',
    activity_id: null,
  }
}
