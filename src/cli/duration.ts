// Durations on the command line (`90s`, `15m`, `6h`, `1d`, or plain seconds), shared by `trawl
// serve`'s intervals and `trawl audit --watch`; wrong ones are usage errors (exit code 2).
import { UsageError } from './usage-error.js'

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** The longest wait setTimeout holds (2^31-1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647

/**
 * `90`, `90s`, `15m`, `6h`, `1d`, `1.5h` → milliseconds; anything else, less than a second or more
 * than `maxMs` (default: what a timer can wait, 24 days) is a UsageError that names the option.
 * @example
 * durationMs('15m', '--interval') // 900000
 */
export function durationMs(text: string, option: string, maxMs: number = MAX_TIMER_MS): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)?$/.exec(text.trim())
  if (!m) throw new UsageError(`${option} must be a duration such as 90s, 15m, 6h or 1d`)
  const ms = Math.round(Number(m[1]) * UNIT_MS[(m[2] ?? 's') as keyof typeof UNIT_MS])
  if (ms < 1_000) throw new UsageError(`${option} must be at least 1s`)
  if (!Number.isSafeInteger(ms) || ms > maxMs) throw new UsageError(`${option} must be at most ${maxMs === MAX_TIMER_MS ? '24d' : `${Math.floor(maxMs / 86_400_000)}d`}`)
  return ms
}
