import { describe, expect, it } from 'vitest'
import { hasRegistrations, isCheckinStaff } from './registration-rules'

describe('isCheckinStaff', () => {
  const college = 59
  const school = 12
  const chain = [college, school, 1]

  it('lets organisers, reviewers and unit administrators of the unit or above check people in', () => {
    expect(isCheckinStaff({ is_sysadmin: false, grants: [{ unit_id: college, role: 'organiser' }] }, chain)).toBe(true)
    expect(isCheckinStaff({ is_sysadmin: false, grants: [{ unit_id: school, role: 'reviewer' }] }, chain)).toBe(true)
    expect(isCheckinStaff({ is_sysadmin: false, grants: [{ unit_id: school, role: 'unit_admin' }] }, chain)).toBe(true)
    expect(isCheckinStaff({ is_sysadmin: true, grants: [] }, chain)).toBe(true)
  })

  it('not viewers, publicity staff or other schools', () => {
    expect(isCheckinStaff({ is_sysadmin: false, grants: [{ unit_id: college, role: 'viewer' }] }, chain)).toBe(false)
    expect(isCheckinStaff({ is_sysadmin: false, grants: [{ unit_id: college, role: 'publicity' }] }, chain)).toBe(false)
    expect(isCheckinStaff({ is_sysadmin: false, grants: [{ unit_id: 77, role: 'organiser' }] }, chain)).toBe(false)
  })
})

describe('hasRegistrations', () => {
  it('is for activities that ask for sign-ups', () => {
    expect(hasRegistrations({ registration_required: true })).toBe(true)
    expect(hasRegistrations({ registration_required: false })).toBe(false)
  })
})
