// Reads a discovery results file back into records: opens trawl's envelope when there is one,
// gunzips, parses JSON Lines, and turns numbers and booleans given as strings back into values.
import { gunzipSync } from 'node:zlib'
import { InvalidInputError } from '../errors.js'
import type { ResultRecord } from '../scan/record.js'
import { isEnvelope, openEnvelope } from './envelope.js'
import type { Keyring } from './keyring.js'

// Fields of Macie's record schema that hold numbers or booleans. Files written by other tools,
// and Athena's public table definition for them, may carry them as strings (MACIE.md §7).
const NUMBER_FIELDS = new Set([
  'sizeClassified',
  'totalCount',
  'count',
  'size',
  'fileSize',
  'score',
  'start',
  'end',
  'startColumn',
  'pageNumber',
  'recordIndex',
  'row',
  'column',
])
const BOOLEAN_FIELDS = new Set(['additionalOccurrences', 'publicAccess'])
const NUMERIC_TEXT = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/

function lenient(value: unknown, field: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => lenient(v, undefined))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = lenient(v, k)
    return out
  }
  if (typeof value === 'string' && field !== undefined) {
    const text = value.trim()
    if (NUMBER_FIELDS.has(field) && NUMERIC_TEXT.test(text)) return Number(text)
    if (BOOLEAN_FIELDS.has(field) && (text === 'true' || text === 'false')) return text === 'true'
  }
  return value
}

/**
 * Parses JSON Lines of result records from bytes (gzip-compressed or not), leniently.
 * @example
 * parseResults(gunzipSync(body)) // [{ accountId: '111122223333', … }]
 */
export function parseResults(body: Buffer): ResultRecord[] {
  const text = body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body
  const records: ResultRecord[] = []
  let start = 0
  let line = 0
  // Line by line from the bytes: a large file never has to fit in one string.
  while (start < text.length) {
    let end = text.indexOf(0x0a, start)
    if (end < 0) end = text.length
    line++
    const json = text.toString('utf8', start, end).trim()
    start = end + 1
    if (json === '') continue
    let value: unknown
    try {
      value = JSON.parse(json)
    } catch {
      // V8's message quotes the text around the error, which may be a sensitive value: left out.
      throw new InvalidInputError(`line ${line} of the results file is not JSON`)
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new InvalidInputError(`line ${line} of the results file is not a record (a JSON object)`)
    }
    records.push(lenient(value, undefined) as ResultRecord)
  }
  return records
}

/**
 * Reads a results file's bytes: an envelope is opened with the keyring first (without one it
 * fails clearly), then the gzip JSON Lines are parsed.
 * @example
 * const records = readResultsFile(await readFile('x.jsonl.gz.enc'), await Keyring.open(dataDir))
 */
export function readResultsFile(body: Buffer, keyring?: Keyring): ResultRecord[] {
  if (isEnvelope(body)) {
    if (!keyring) throw new InvalidInputError('the results file is envelope-encrypted and no keyring was given')
    const plain = openEnvelope(body, keyring)
    try {
      return parseResults(plain)
    } finally {
      plain.fill(0)
    }
  }
  return parseResults(body)
}
