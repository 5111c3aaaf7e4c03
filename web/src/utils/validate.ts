// Client-side checks that mirror the server's, for early feedback only.

export function isMobile(v: string): boolean {
  return v === '' || /^1\d{10}$/.test(v)
}

export function isStrongPassword(v: string): boolean {
  return v.length >= 8 && /[A-Za-z]/.test(v) && /\d/.test(v)
}

export function isMoeCode(v: string): boolean {
  return v === '' || /^\d{10}$/.test(v)
}

export function isUsername(v: string): boolean {
  return /^[a-z0-9_.-]{3,32}$/.test(v)
}
