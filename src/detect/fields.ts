import type { TextFields } from './types.js'

/** Index of the field that contains offset `pos` (binary search), or -1 when none does. */
export function fieldAt(fields: TextFields, pos: number): number {
  let lo = 0
  let hi = fields.count - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (fields.starts[mid]! > pos) hi = mid - 1
    else if (fields.ends[mid]! <= pos) lo = mid + 1
    else return mid
  }
  return -1
}
