// Who may do what with registrations, mirroring the server
// (server/src/registration/registration_service.cc); the server refuses
// anything else anyway.
import type { Activity } from '@/api/activities'
import { reachesUnit, type Principal } from '@/utils/permission'

/**
 * Check-in staff (the door, the unmasked roster): unit administrators,
 * organisers and reviewers of the activity's unit or a unit above it.
 * `ancestors` is the unit and its ancestors.
 */
export function isCheckinStaff(user: Principal, ancestors: readonly number[]): boolean {
  return (['unit_admin', 'organiser', 'reviewer'] as const).some((role) => reachesUnit(user, role, ancestors))
}

/** Activities asking for sign-ups have a registrations page (报名与签到), whatever their status. */
export function hasRegistrations(a: Pick<Activity, 'registration_required'>): boolean {
  return a.registration_required
}
