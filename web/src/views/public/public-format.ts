// How the public site names an activity's organiser, place and categories.
import type { Activity } from '@/api/activities'

/** "四川科技职业学院 · 智能制造学院" when the server names the school, else the organising unit. */
export function organiserLabel(a: Pick<Activity, 'unit_name' | 'school_name'>): string {
  return a.school_name && a.school_name !== a.unit_name ? `${a.school_name} · ${a.unit_name}` : a.unit_name
}

/** "线上" for online activities, else the venue or address. */
export function placeLabel(a: Pick<Activity, 'place_kind' | 'place'>): string {
  if (a.place_kind === 'online') return '线上'
  return a.place || (a.place_kind === 'on_campus' ? '校内' : '校外')
}

/** The city (xxxx00) a region code lies in. */
export function cityOf(regionCode: string): string {
  return /^\d{6}$/.test(regionCode) ? `${regionCode.slice(0, 4)}00` : regionCode
}

/** "5月12日" for a "YYYY-MM-DD" date: short enough for a chip or a card on a phone. */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}
