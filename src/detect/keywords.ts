// Keyword forms and boundaries as Macie applies them: case-insensitive, a keyword with a space
// also matches its no-space, `_` and `-` forms, and a keyword is a whole word in the text.

/** True for letters and digits (ASCII, and Latin letters beyond it). */
export function isWordChar(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)
  return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && code < 0x2000
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90
}
function isLower(code: number): boolean {
  return code >= 97 && code <= 122
}

/** The forms of a keyword Macie also accepts: `a b` → `a b`, `ab`, `a_b`, `a-b`. */
export function keywordForms(keyword: string): string[] {
  const k = keyword.toLowerCase()
  if (!k.includes(' ')) return [k]
  return [...new Set([k, k.replace(/ /g, ''), k.replace(/ /g, '_'), k.replace(/ /g, '-')])]
}

/**
 * True when text[start, end) is a whole keyword occurrence: not glued to letters or digits on
 * either side, except at a camelCase step (`customerSSN`, `ssnValue`).
 */
export function isWholeWord(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start)
  if (start > 0 && isWordChar(first)) {
    const before = text.charCodeAt(start - 1)
    if (isWordChar(before) && !(isLower(before) && isUpper(first))) return false
  }
  const last = text.charCodeAt(end - 1)
  if (end < text.length && isWordChar(last)) {
    const after = text.charCodeAt(end)
    if (isWordChar(after) && !(isLower(last) && isUpper(after))) return false
  }
  return true
}

/**
 * Macie's proximity rule for managed identifiers: a keyword [ks, ke) is near a match [s, e) when
 * at most `distance` characters lie between them, on either side (or when they overlap).
 */
export function isKeywordNear(ks: number, ke: number, s: number, e: number, distance: number): boolean {
  if (ke <= s) return s - ke <= distance
  if (ks >= e) return ks - e <= distance
  return true
}

/** Escapes a literal for use inside a RegExp. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}

/** Lower case, camelCase split, separators folded to one space: `customerSSN_no` → `customer ssn no`. */
export function normalizeLabel(label: string): string {
  return label
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[\s_\-.:/\\[\]()'"$@]+/g, ' ')
    .trim()
}

/** True when a column name or JSON path element carries the keyword. */
export function labelHasKeyword(normalizedLabel: string, normalizedKeyword: string): boolean {
  if (normalizedLabel === '' || normalizedKeyword === '') return false
  if (` ${normalizedLabel} `.includes(` ${normalizedKeyword} `)) return true
  return normalizedLabel.replace(/ /g, '') === normalizedKeyword.replace(/ /g, '')
}
