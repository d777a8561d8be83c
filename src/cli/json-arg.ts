// JSON arguments the way the aws CLI takes them: inline JSON text, or file://path.
import { readFileSync } from 'node:fs'
import { UsageError } from './usage-error.js'

/**
 * Parses an option value that is JSON text or `file://path` to a JSON file.
 * @example
 * jsonArg('file://job.json', '--s3-job-definition')
 */
export function jsonArg(value: string, option: string): unknown {
  let text = value
  if (value.startsWith('file://')) {
    try {
      text = readFileSync(value.slice('file://'.length), 'utf8')
    } catch (err) {
      throw new UsageError(`${option}: cannot read ${value.slice('file://'.length)}: ${(err as Error).message}`)
    }
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new UsageError(`${option} is not valid JSON: ${(err as Error).message}`)
  }
}

/** Splits `a,b,c` into its non-empty parts. */
export function listArg(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}
