// The Macie2 API model at run time: routing by method and path, request parsing and validation
// against the input shapes, output shaping, modeled error statuses and paginators. No HTTP framework.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { InvalidInputError } from '../errors.js'

/** One operation of the model: its route, shapes and declared errors. */
export interface Operation {
  name: string
  method: string
  uri: string
  responseCode: number
  inputShape?: string
  outputShape?: string
  errors: string[]
}

/** What the paginators file says of a paginated operation. */
export interface Paginator {
  inputToken: string
  outputToken: string
  /** The page size member; absent for operations that take none (e.g. ListManagedDataIdentifiers). */
  limitKey?: string
  resultKey: string
}

interface MemberRef {
  shape: string
  location?: string
  locationName?: string
  idempotencyToken?: boolean
}

interface Shape {
  type: string
  members?: Record<string, MemberRef>
  required?: string[]
  member?: { shape: string }
  key?: { shape: string }
  value?: { shape: string }
  enum?: string[]
  min?: number
  max?: number
  pattern?: string
  payload?: string
  exception?: boolean
  error?: { httpStatusCode?: number }
}

interface ModelFile {
  operations: Record<string, {
    name: string
    http: { method: string; requestUri: string; responseCode?: number }
    input?: { shape: string }
    output?: { shape: string }
    errors?: Array<{ shape: string }>
  }>
  shapes: Record<string, Shape>
}

interface PaginatorsFile {
  pagination: Record<string, { input_token: string; output_token: string; limit_key?: string; result_key: string }>
}

// Relative to the package root, so the same URL resolves from src/api (tsx) and dist/api (built).
const MODEL: ModelFile = JSON.parse(readFileSync(new URL('../../src/api/model/macie2-service-2.json', import.meta.url), 'utf8')) as ModelFile
const PAGINATORS_FILE: PaginatorsFile = JSON.parse(readFileSync(new URL('../../src/api/model/macie2-paginators-1.json', import.meta.url), 'utf8')) as PaginatorsFile
const SHAPES = MODEL.shapes

/** Every operation of the model, by its Macie name. */
export const OPERATIONS: ReadonlyMap<string, Operation> = new Map(
  Object.values(MODEL.operations).map((op) => [op.name, {
    name: op.name,
    method: op.http.method.toUpperCase(),
    uri: op.http.requestUri,
    responseCode: op.http.responseCode ?? 200,
    inputShape: op.input?.shape,
    outputShape: op.output?.shape,
    errors: (op.errors ?? []).map((e) => e.shape),
  }]),
)

/** The paginated operations, by Macie name, with their token, page size and result members. */
export const PAGINATORS: ReadonlyMap<string, Paginator> = new Map(
  Object.entries(PAGINATORS_FILE.pagination).map(([name, p]) => [name, {
    inputToken: p.input_token,
    outputToken: p.output_token,
    ...(p.limit_key === undefined ? {} : { limitKey: p.limit_key }),
    resultKey: p.result_key,
  }]),
)

function shapeOf(name: string): Shape {
  const shape = SHAPES[name]
  if (!shape) throw new Error(`the Macie2 model has no shape ${name}`)
  return shape
}

// ---- Routing ----

type Segment = { kind: 'literal'; text: string } | { kind: 'label'; name: string } | { kind: 'greedy'; name: string }

interface Route {
  operation: Operation
  segments: Segment[]
  /** Per segment 0 literal, 1 label, 2 greedy: compared left to right, the lower route wins. */
  rank: number[]
}

function splitPath(path: string): string[] {
  const parts = path.replace(/^\/+/, '').split('/')
  // A trailing slash names the same resource ('/jobs/' is '/jobs').
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop()
  return parts
}

function compileRoute(operation: Operation): Route {
  const template = operation.uri.split('?')[0]!
  const segments = splitPath(template).map((text): Segment => {
    const label = /^\{([^}]+?)(\+)?\}$/.exec(text)
    if (!label) return { kind: 'literal', text }
    return label[2] ? { kind: 'greedy', name: label[1]! } : { kind: 'label', name: label[1]! }
  })
  return { operation, segments, rank: segments.map((s) => (s.kind === 'literal' ? 0 : s.kind === 'label' ? 1 : 2)) }
}

function decodeSegment(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

function matchSegments(segments: Segment[], parts: string[], labels: Record<string, string>): boolean {
  const [first, ...rest] = segments
  if (!first) return parts.length === 0
  const [part, ...others] = parts
  if (part === undefined) return false
  if (first.kind === 'literal') return part === first.text && matchSegments(rest, others, labels)
  if (first.kind === 'label') {
    const value = part === '' ? undefined : decodeSegment(part)
    if (value === undefined || !matchSegments(rest, others, labels)) return false
    labels[first.name] = value
    return true
  }
  // A greedy label takes one segment or more, leaving as many as the rest of the template needs.
  for (let take = parts.length - rest.length; take >= 1; take--) {
    const decoded = parts.slice(0, take).map(decodeSegment)
    if (decoded.some((d) => d === undefined || d === '')) continue
    if (matchSegments(rest, parts.slice(take), labels)) {
      labels[first.name] = decoded.join('/')
      return true
    }
  }
  return false
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!
  }
  return a.length - b.length
}

function matchingRoutes(routes: readonly Route[], path: string): Array<{ route: Route; labels: Record<string, string> }> {
  const parts = splitPath(path.split('?')[0]!)
  const hits: Array<{ route: Route; labels: Record<string, string> }> = []
  for (const route of routes) {
    const labels: Record<string, string> = {}
    if (matchSegments(route.segments, parts, labels)) hits.push({ route, labels })
  }
  return hits
}

/** Routes requests to a set of operations: the model's own, or any other set (tests, extensions). */
export interface Router {
  match(method: string, path: string): { operation: Operation; labels: Record<string, string> } | undefined
  allowedMethods(path: string): string[]
}

/**
 * A router over the given operations' `{method, uri}`: literal segments win over labels, labels
 * over greedy labels, compared segment by segment from the left.
 * @example
 * const router = buildRouter(OPERATIONS.values()); router.match('POST', '/jobs/list')
 */
export function buildRouter(operations: Iterable<Operation>): Router {
  const routes = [...operations].map(compileRoute)
  return {
    match(method, path) {
      const wanted = method.toUpperCase()
      let best: { route: Route; labels: Record<string, string> } | undefined
      for (const hit of matchingRoutes(routes, path)) {
        if (hit.route.operation.method !== wanted) continue
        if (!best || compareRank(hit.route.rank, best.route.rank) < 0) best = hit
      }
      return best && { operation: best.route.operation, labels: best.labels }
    },
    allowedMethods(path) {
      return [...new Set(matchingRoutes(routes, path).map((hit) => hit.route.operation.method))].sort()
    },
  }
}

const ROUTER = buildRouter(OPERATIONS.values())

/**
 * The operation a request names by method and raw path (no query), with its URL-decoded labels;
 * literal segments win over labels, labels over greedy labels. Undefined when no route matches.
 * @example
 * matchOperation('GET', '/jobs/3ce0b6b1f1a6b4a3c2d7e1f0a9b8c7d6') // { operation: DescribeClassificationJob, labels: { jobId: '3ce0…' } }
 */
export function matchOperation(method: string, path: string): { operation: Operation; labels: Record<string, string> } | undefined {
  return ROUTER.match(method, path)
}

/**
 * The methods some operation answers on this path, sorted: empty means 404, otherwise a
 * method outside the list is 405.
 * @example
 * allowedMethods('/macie') // ['DELETE', 'GET', 'PATCH', 'POST']
 */
export function allowedMethods(path: string): string[] {
  return ROUTER.allowedMethods(path)
}

// ---- Validation ----

// Values echoed in messages are cut, so a long field (a sample text, a regex) is not repeated whole.
const MAX_ECHO = 100
// Enough to say what is wrong; a list of thousands of bad items does not make a message as long.
const MAX_LISTED = 10

function echoText(value: unknown): string {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()
  if (Array.isArray(value)) return `[${value.map(echoText).join(', ')}]`
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value).map(([k, v]) => `${k}=${echoText(v)}`).join(', ')}}`
  }
  return String(value)
}

function echo(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  const text = echoText(value)
  return `'${text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}...` : text}'`
}

class Problems {
  readonly list: string[] = []
  add(value: unknown, path: string, constraint: string): void {
    this.list.push(`Value ${echo(value)} at '${path}' failed to satisfy constraint: ${constraint}`)
  }
  throwIfAny(): void {
    const n = this.list.length
    if (n === 0) return
    const listed = this.list.slice(0, MAX_LISTED).join('; ')
    throw new InvalidInputError(`${n} validation error${n === 1 ? '' : 's'} detected: ${listed}`)
  }
}

const patternCache = new Map<string, RegExp>()
function compiledPattern(pattern: string): RegExp {
  let re = patternCache.get(pattern)
  if (!re) {
    re = new RegExp(pattern)
    patternCache.set(pattern, re)
  }
  return re
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`
}

// ISO-8601 date-time as AWS clients send it; a time without a zone is taken as UTC.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value
  if (typeof value === 'number') return Number.isFinite(value) ? new Date(value * 1000) : undefined
  if (typeof value !== 'string') return undefined
  const iso = ISO_8601.exec(value)
  if (!iso) return undefined
  const hasTime = value.length > 10
  const date = new Date(hasTime && !iso[1] ? `${value}Z` : value)
  return Number.isNaN(date.getTime()) ? undefined : date
}

function checkLength(shape: Shape, length: number, value: unknown, path: string, problems: Problems): void {
  if (shape.min !== undefined && length < shape.min) problems.add(value, path, `Member must have length greater than or equal to ${shape.min}`)
  if (shape.max !== undefined && length > shape.max) problems.add(value, path, `Member must have length less than or equal to ${shape.max}`)
}

function isNumberOf(type: string, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false
  if (type === 'integer') return Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31
  if (type === 'long') return Number.isSafeInteger(value)
  return true
}

/** Checks one value against a shape and returns it as handlers see it; problems are collected. */
function check(shapeName: string, value: unknown, path: string, problems: Problems): unknown {
  const shape = shapeOf(shapeName)
  const wrongType = (): undefined => {
    problems.add(value, path, `Member must be of type ${shape.type}`)
    return undefined
  }
  switch (shape.type) {
    case 'string': {
      if (typeof value !== 'string') return wrongType()
      if (shape.enum && !shape.enum.includes(value)) {
        problems.add(value, path, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`)
      }
      checkLength(shape, value.length, value, path, problems)
      if (shape.pattern && !compiledPattern(shape.pattern).test(value)) {
        problems.add(value, path, `Member must satisfy regular expression pattern: ${shape.pattern}`)
      }
      return value
    }
    case 'integer':
    case 'long':
    case 'float':
    case 'double': {
      if (!isNumberOf(shape.type, value)) return wrongType()
      if (shape.min !== undefined && value < shape.min) problems.add(value, path, `Member must have value greater than or equal to ${shape.min}`)
      if (shape.max !== undefined && value > shape.max) problems.add(value, path, `Member must have value less than or equal to ${shape.max}`)
      return value
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : wrongType()
    case 'timestamp':
      return toDate(value) ?? wrongType()
    case 'list': {
      if (!Array.isArray(value)) return wrongType()
      checkLength(shape, value.length, value, path, problems)
      return value.map((item, i) => {
        const itemPath = `${path}.${i + 1}.member`
        if (item === null || item === undefined) {
          problems.add(item, itemPath, 'Member must not be null')
          return item
        }
        return check(shape.member!.shape, item, itemPath, problems)
      })
    }
    case 'map': {
      if (!isPlainObject(value)) return wrongType()
      const entries = Object.entries(value)
      checkLength(shape, entries.length, value, path, problems)
      const out: Record<string, unknown> = {}
      for (const [key, item] of entries) {
        const keyPath = `${path}.${key}`
        check(shape.key!.shape, key, path, problems)
        if (item === null || item === undefined) {
          problems.add(item, keyPath, 'Member must not be null')
          continue
        }
        out[key] = check(shape.value!.shape, item, keyPath, problems)
      }
      return out
    }
    case 'structure': {
      if (!isPlainObject(value)) return wrongType()
      return checkMembers(shape, (name, ref) => value[ref.locationName ?? name], path, problems)
    }
    default:
      // blob and document shapes are not in this model; pass them as sent.
      return value
  }
}

function checkMembers(shape: Shape, read: (name: string, ref: MemberRef) => unknown, path: string, problems: Problems): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const required = new Set(shape.required ?? [])
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    let value = read(name, ref)
    // JSON null means absent, as AWS's parsers read it.
    if (value === null || value === undefined) {
      if (ref.idempotencyToken) value = randomUUID()
      else {
        if (required.has(name)) problems.add(null, join(path, name), 'Member must not be null')
        continue
      }
    }
    out[name] = check(ref.shape, value, join(path, name), problems)
  }
  return out
}

/**
 * Checks a value against a named shape of the model and returns it as handlers see it
 * (timestamps as Date, unknown members dropped), or throws InvalidInputError naming each problem.
 * @example
 * validateShape('__timestampIso8601', '2024-05-01T12:00:00Z', 'createdAt') // Date
 */
export function validateShape(shapeName: string, value: unknown, path: string): unknown {
  const problems = new Problems()
  const out = check(shapeName, value, path, problems)
  problems.throwIfAny()
  return out
}

// ---- Request parsing ----

/** The parts of a request that parseInput reads. */
export interface RequestParts {
  labels: Record<string, string>
  query: URLSearchParams
  headers: Record<string, string | string[] | undefined>
  body: unknown
}

// Query and header values arrive as text: scalars are converted to the member's type; what does
// not convert is kept as text and reported by the type check.
function fromText(shapeName: string, text: string): unknown {
  const type = shapeOf(shapeName).type
  if (type === 'integer' || type === 'long') return /^[+-]?\d+$/.test(text) ? Number(text) : text
  if (type === 'float' || type === 'double') return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text
  if (type === 'timestamp') return /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : text
  return text
}

function bodyObject(body: unknown): Record<string, unknown> {
  let json = body
  if (json instanceof Uint8Array) json = Buffer.from(json).toString('utf8')
  if (typeof json === 'string') {
    if (json.trim() === '') return {}
    try {
      json = JSON.parse(json)
    } catch {
      throw new InvalidInputError('The request body is not valid JSON')
    }
  }
  if (json === undefined || json === null) return {}
  if (!isPlainObject(json)) throw new InvalidInputError('The request body must be a JSON object')
  return json
}

function headerValue(headers: RequestParts['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()] ?? headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

/**
 * The input of an operation from its request parts: URI labels, query members (lists from
 * repeated keys, scalars converted), headers and the JSON body, checked against the input shape
 * (required members, types, enums, lengths, patterns, ranges; unknown members ignored, absent
 * idempotency tokens filled with a UUID v4). Throws InvalidInputError with AWS's message form.
 * @example
 * parseInput(OPERATIONS.get('UntagResource')!, { labels: { resourceArn }, query: new URLSearchParams('tagKeys=a&tagKeys=b'), headers: {}, body: undefined })
 */
export function parseInput(operation: Operation, parts: RequestParts): Record<string, unknown> {
  if (!operation.inputShape) return {}
  const shape = shapeOf(operation.inputShape)
  const body = bodyObject(parts.body)
  const read = (name: string, ref: MemberRef): unknown => {
    const key = ref.locationName ?? name
    switch (ref.location) {
      case 'uri':
        return parts.labels[key]
      case 'querystring': {
        const member = shapeOf(ref.shape)
        if (member.type === 'list') {
          const values = parts.query.getAll(key)
          return values.length === 0 ? undefined : values.map((v) => fromText(member.member!.shape, v))
        }
        const value = parts.query.get(key)
        return value === null ? undefined : fromText(ref.shape, value)
      }
      case 'header': {
        const value = headerValue(parts.headers, key)
        return value === undefined ? undefined : fromText(ref.shape, value)
      }
      case undefined:
        // A payload member is the whole body; other members are the body's keys.
        if (shape.payload !== undefined) return name === shape.payload ? (parts.body === undefined ? undefined : body) : undefined
        return body[key]
      default:
        return undefined
    }
  }
  const problems = new Problems()
  const input = checkMembers(shape, read, '', problems)
  problems.throwIfAny()
  return input
}

// ---- Output ----

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value)
  return undefined
}

function iterableItems(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value
  if (value instanceof Set) return [...value]
  return undefined
}

function entriesOf(value: unknown): Array<[string, unknown]> | undefined {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [String(k), v])
  return isPlainObject(value) ? Object.entries(value) : undefined
}

/** Turns a value into its shape's JSON, or undefined to leave it out. */
type Writer = (value: unknown) => unknown

// One writer per shape, built on first use: a reply walks the model's shapes once per value, not
// their member tables (GetFindings writes 50 findings of ~100 members each per call).
const WRITERS = new Map<string, Writer>()

// ISO-8601 UTC as toISOString writes it (milliseconds optional): such text goes out as it is.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/

function writeTimestamp(value: unknown): unknown {
  // Date, ISO-8601 text or epoch milliseconds (JavaScript's own unit) in; ISO-8601 out.
  if (typeof value === 'string' && ISO_UTC.test(value)) return value
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined
  if (!date || Number.isNaN(date.getTime())) return typeof value === 'string' ? value : undefined
  return date.toISOString()
}

/** The writer of a shape (memoised; recursive shapes resolve their members' writers lazily). */
function writerOf(shapeName: string): Writer {
  const known = WRITERS.get(shapeName)
  if (known) return known
  const shape = shapeOf(shapeName)
  let writer: Writer
  switch (shape.type) {
    case 'string':
      writer = (value) => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined)
      break
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      writer = toNumber
      break
    case 'boolean':
      writer = (value) => (typeof value === 'boolean' ? value : value === 0 || value === 1 ? value === 1 : undefined)
      break
    case 'timestamp':
      writer = writeTimestamp
      break
    case 'list': {
      const item = shape.member!.shape
      writer = (value) => {
        const items = iterableItems(value)
        if (!items) return undefined
        const write = writerOf(item)
        const out: unknown[] = []
        for (const x of items) {
          if (x === undefined || x === null) continue
          const written = write(x)
          if (written !== undefined) out.push(written)
        }
        return out
      }
      break
    }
    case 'map': {
      const item = shape.value!.shape
      writer = (value) => {
        const entries = entriesOf(value)
        if (!entries) return undefined
        const write = writerOf(item)
        const out: Record<string, unknown> = {}
        for (const [key, x] of entries) {
          if (x === undefined || x === null) continue
          const written = write(x)
          if (written !== undefined) out[key] = written
        }
        return out
      }
      break
    }
    case 'structure': {
      const members = Object.entries(shape.members ?? {})
        .filter(([, ref]) => ref.location === undefined)
        .map(([name, ref]) => ({ name, out: ref.locationName ?? name, shape: ref.shape }))
      writer = (value) => {
        if (!isPlainObject(value)) return undefined
        const out: Record<string, unknown> = {}
        for (const m of members) {
          const x = value[m.name]
          if (x === undefined || x === null) continue
          const written = writerOf(m.shape)(x)
          if (written !== undefined) out[m.out] = written
        }
        return out
      }
      break
    }
    default:
      writer = (value) => value
  }
  WRITERS.set(shapeName, writer)
  return writer
}

/** A value shaped for JSON, or undefined to leave it out. */
function write(shapeName: string, value: unknown): unknown {
  return value === undefined || value === null ? undefined : writerOf(shapeName)(value)
}

/**
 * The HTTP answer of an operation's output: the output shape's members only (unknown members,
 * undefined and null dropped), timestamps as ISO-8601, the operation's status; no body for 204.
 * @example
 * serializeOutput(OPERATIONS.get('CreateClassificationJob')!, { jobId, jobArn }) // { status: 200, body: '{"jobArn":…,"jobId":…}' }
 */
export function serializeOutput(operation: Operation, output: unknown): { status: number; body: string | undefined } {
  const status = operation.responseCode
  if (status === 204) return { status, body: undefined }
  const json = operation.outputShape ? write(operation.outputShape, output ?? {}) : {}
  return { status, body: JSON.stringify(json ?? {}) }
}

// ---- Errors and pages ----

/**
 * The HTTP status of a modeled error shape (`error.httpStatusCode` in the model); 500 for a
 * name the model does not declare.
 * @example
 * errorStatus('ServiceQuotaExceededException') // 402
 */
export function errorStatus(name: string): number {
  const shape = SHAPES[name]
  return shape?.exception ? (shape.error?.httpStatusCode ?? 400) : 500
}

/**
 * The page a paginated operation's input asks for: its token and page size, with the names of
 * the output's token and result members; undefined for an operation that is not paginated.
 * @example
 * pageParameters(OPERATIONS.get('ListFindings')!, { maxResults: 10 }) // { maxResults: 10, outputToken: 'nextToken', resultKey: 'findingIds' }
 */
export function pageParameters(operation: Operation, input: Record<string, unknown>): { nextToken?: string; maxResults?: number; outputToken: string; resultKey: string } | undefined {
  const paginator = PAGINATORS.get(operation.name)
  if (!paginator) return undefined
  const token = input[paginator.inputToken]
  const limit = paginator.limitKey === undefined ? undefined : input[paginator.limitKey]
  return {
    ...(typeof token === 'string' && token !== '' ? { nextToken: token } : {}),
    ...(typeof limit === 'number' ? { maxResults: limit } : {}),
    outputToken: paginator.outputToken,
    resultKey: paginator.resultKey,
  }
}
