// Short ticket codes as staff type them at the door (the server's
// registration/short_code.h is the reference): 8 characters of an alphabet
// without look-alikes, the last a check character, case, spaces and dashes
// ignored. A code whose check fails is refused here, before it is queued.

export const SHORT_CODE_ALPHABET = '234679ACDEFGHJKMNPRTWXY'
const LENGTH = 8

export type TypedShortCode =
  /** Not 8 characters once spaces and dashes are dropped: a token or a link. */
  | { kind: 'none' }
  /** 8 characters, but one is outside the alphabet or the check fails. */
  | { kind: 'wrong' }
  /** The code grouped as shown on tickets: "ACDE-FGH7". */
  | { kind: 'valid'; code: string }

/** Reads typed text as a short code: "acde fgh7", "ACDE-FGH7" and "acdefgh7" are the same code. */
export function readShortCode(input: string): TypedShortCode {
  const code = input.replace(/[\s-]+/g, '').toUpperCase()
  if (code.length !== LENGTH) return { kind: 'none' }
  const base = SHORT_CODE_ALPHABET.length
  let sum = 0
  for (let i = 0; i < LENGTH; i++) {
    const value = SHORT_CODE_ALPHABET.indexOf(code[i])
    if (value < 0) return { kind: 'wrong' }
    sum = (sum + (i + 1) * value) % base
  }
  return sum === 0 ? { kind: 'valid', code: groupShortCode(code) } : { kind: 'wrong' }
}

/** "ACDEFGH7" → "ACDE-FGH7"; other text unchanged. */
export function groupShortCode(code: string): string {
  return code.length === LENGTH ? `${code.slice(0, 4)}-${code.slice(4)}` : code
}

/** What the door says about a typed code whose check fails. */
export const WRONG_SHORT_CODE = '凭证码有误，请核对'
