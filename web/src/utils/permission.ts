// What the interface offers a user. The server enforces the same rules on
// every endpoint; these only hide what would be refused anyway.
import type { Grant, RoleCode } from '@/api/users'

export interface Principal {
  is_sysadmin: boolean
  grants: readonly Pick<Grant, 'unit_id' | 'role' | 'unit_kind' | 'chain_root'>[]
}

/**
 * Route and menu requirements. `approver`: may decide off-campus filings
 * (unit administrators and reviewers; the server checks which school).
 * `province`: holds a grant the server marks `chain_root`, its unit heading a reporting
 * chain (the province overview; the server checks it reaches every chain).
 * `checkin`: door staff (unit administrators, organisers, reviewers; the server checks
 * the activity's unit).
 */
export type Permission = 'user' | 'unit_admin' | 'approver' | 'province' | 'checkin' | 'sysadmin'

export function hasRole(user: Principal, role: RoleCode): boolean {
  return user.grants.some((g) => g.role === role)
}

export function isUnitAdmin(user: Principal): boolean {
  return user.is_sysadmin || hasRole(user, 'unit_admin')
}

export function canAccess(user: Principal, required: Permission | undefined): boolean {
  switch (required) {
    case 'sysadmin':
      return user.is_sysadmin
    case 'unit_admin':
      return isUnitAdmin(user)
    case 'approver':
      return isUnitAdmin(user) || hasRole(user, 'reviewer')
    case 'checkin':
      return isUnitAdmin(user) || hasRole(user, 'reviewer') || hasRole(user, 'organiser')
    case 'province':
      return user.is_sysadmin || user.grants.some((g) => g.chain_root === true)
    default:
      return true
  }
}

/** Units on which the user holds `role` directly (their grants reach the subtrees below). */
export function grantUnitIds(user: Principal, role: RoleCode): number[] {
  return [...new Set(user.grants.filter((g) => g.role === role).map((g) => g.unit_id))]
}

/**
 * Whether a grant of `role` reaches the unit: `ancestors` is the unit and its
 * ancestors (see ancestorIds). System administrators reach everything.
 */
export function reachesUnit(user: Principal, role: RoleCode, ancestors: readonly number[]): boolean {
  if (user.is_sysadmin) return true
  return user.grants.some((g) => g.role === role && ancestors.includes(g.unit_id))
}
