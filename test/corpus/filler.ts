// Non-sensitive filler for the corpus, from a seed: prose, log lines, configs, CSV rows and JSON
// records. It owns the hard negatives a pattern matcher trips on (UUIDs, timestamps, versions,
// hashes, order numbers, phone-like SKUs, documentation IP addresses) and nothing sensitive: the
// vocabulary below holds no word of any managed identifier's keyword list.
import type { Rng } from './rng.js'

/** Determiners that may open a sentence. */
const DETERMINERS = ['the', 'this', 'that', 'every', 'each', 'some', 'our', 'their', 'one'] as const

const ADJECTIVES = [
  'quiet', 'bright', 'gentle', 'narrow', 'sturdy', 'golden', 'silver', 'crooked', 'patient', 'curious',
  'distant', 'hollow', 'humble', 'lively', 'mellow', 'polished', 'rustic', 'shallow', 'slender', 'smooth',
  'sunny', 'tidy', 'vivid', 'warm', 'wooden', 'woolen', 'cozy', 'crisp', 'dusty', 'fragrant',
  'frosty', 'grassy', 'leafy', 'misty', 'muddy', 'rocky', 'sandy', 'shady', 'snowy', 'windy',
  'amber', 'copper', 'ivory', 'olive', 'scarlet', 'tawny',
] as const

const NOUNS = [
  'garden', 'river', 'meadow', 'window', 'kettle', 'lantern', 'harbor', 'pebble', 'orchard', 'ribbon',
  'puzzle', 'canvas', 'shelf', 'basket', 'blanket', 'candle', 'compass', 'feather', 'glacier', 'hammer',
  'island', 'jacket', 'ladder', 'marble', 'needle', 'pillow', 'quilt', 'saddle', 'tunnel', 'violin',
  'wagon', 'zipper', 'cabinet', 'pantry', 'teapot', 'biscuit', 'muffin', 'pepper', 'tomato', 'carrot',
  'onion', 'lemon', 'cherry', 'almond', 'walnut', 'maple', 'willow', 'cedar', 'birch', 'spruce',
  'clover', 'tulip', 'fern', 'moss', 'pond', 'creek', 'hill', 'cliff', 'dune', 'breeze',
  'thunder', 'rain', 'frost', 'moon', 'planet', 'bridge', 'barn', 'cottage', 'chimney', 'porch',
  'fence', 'gate', 'hedge', 'trail', 'stream', 'lake', 'forest', 'farm', 'village', 'bakery',
  'kitchen', 'workshop', 'studio', 'museum', 'theater', 'festival', 'picnic', 'sparrow', 'robin', 'heron',
  'otter', 'badger', 'beaver', 'rabbit', 'squirrel', 'turtle', 'salmon', 'trout', 'pumpkin', 'barley',
  'wheat', 'honey', 'butter', 'cheese', 'bread', 'soup', 'stew', 'tea', 'coffee', 'cocoa',
  'sugar', 'flour', 'cinnamon', 'ginger', 'vanilla', 'mint', 'basil', 'thyme',
] as const

const VERBS = [
  'rests', 'waits', 'hums', 'drifts', 'glows', 'leans', 'wanders', 'settles', 'gathers', 'sways',
  'sparkles', 'tumbles', 'rolls', 'ripples', 'lingers', 'shines', 'turns', 'fades', 'grows', 'blooms',
  'sits', 'stands', 'floats', 'bends', 'hides', 'sings', 'whistles', 'crackles', 'rustles',
] as const

const PREPOSITIONS = [
  'near', 'beside', 'under', 'over', 'behind', 'across', 'along', 'around', 'between', 'beyond',
  'inside', 'past', 'toward', 'through', 'above', 'below', 'among', 'against',
] as const

const ADVERBS = ['slowly', 'quietly', 'softly', 'gently', 'briefly', 'often', 'rarely', 'always', 'later', 'again', 'twice', 'nearby', 'outside', 'tonight', 'yesterday'] as const

const CONJUNCTIONS = ['and', 'while', 'before', 'after', 'until', 'because', 'so', 'but'] as const

/** Every word the prose generator can emit, for vocabulary checks. */
export const PROSE_WORDS: readonly string[] = [
  ...DETERMINERS, ...ADJECTIVES, ...NOUNS, ...VERBS, ...PREPOSITIONS, ...ADVERBS, ...CONJUNCTIONS,
]

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** One lower-case clause: `the quiet kettle rests beside the pond`. */
export function clause(rng: Rng): string {
  const subject = rng.next() < 0.6 ? `${rng.pick(DETERMINERS)} ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}` : `${rng.pick(DETERMINERS)} ${rng.pick(NOUNS)}`
  const object = rng.next() < 0.5 ? `the ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}` : `the ${rng.pick(NOUNS)}`
  const tail = rng.next() < 0.3 ? ` ${rng.pick(ADVERBS)}` : ''
  return `${subject} ${rng.pick(VERBS)} ${rng.pick(PREPOSITIONS)} ${object}${tail}`
}

/** Lower-case words without punctuation, digits or capitals, at least `minChars` long. */
export function phrase(rng: Rng, minChars: number): string {
  let out = clause(rng)
  while (out.length < minChars) out += ` ${rng.pick(CONJUNCTIONS)} ${clause(rng)}`
  return out
}

/** One sentence: capitalised first word, clauses joined by conjunctions, a full stop. */
export function sentence(rng: Rng): string {
  let out = clause(rng)
  const extra = rng.int(0, 2)
  for (let i = 0; i < extra; i++) out += `${rng.next() < 0.3 ? ',' : ''} ${rng.pick(CONJUNCTIONS)} ${clause(rng)}`
  return `${capitalise(out)}.`
}

/** A line of prose of at least `minChars` characters. */
export function proseLine(rng: Rng, minChars = 80): string {
  let out = sentence(rng)
  while (out.length < minChars) out += ` ${sentence(rng)}`
  return out
}

/** A short markdown block: a heading, a list or a paragraph line (each line ≥ 1 char). */
export function markdownLines(rng: Rng): string[] {
  const r = rng.next()
  if (r < 0.15) return [`## ${capitalise(rng.pick(ADJECTIVES))} ${rng.pick(NOUNS)}`, '']
  if (r < 0.4) return Array.from({ length: rng.int(2, 4) }, () => `- ${phrase(rng, 40)}`)
  if (r < 0.5) return ['```', `${rng.pick(NOUNS)} --${rng.pick(ADJECTIVES)} --limit ${rng.int(2, 64)}`, '```']
  return [proseLine(rng)]
}

// ---- hard negatives ---------------------------------------------------------------------------

const HEX = '0123456789abcdef'

/** `n` lower-case hex digits, eight per draw. */
function hex(rng: Rng, n: number): string {
  let out = ''
  while (out.length < n) out += Math.floor(rng.next() * 0x100000000).toString(16).padStart(8, '0')
  return out.slice(0, n)
}

/** A lower-case random (version 4) UUID. */
export function uuid(rng: Rng): string {
  const h = hex(rng, 32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${HEX[8 + rng.int(0, 3)]}${h.slice(17, 20)}-${h.slice(20)}`
}

/** A lower-case hex digest (`n` = 32, 40 or 64). */
export function hexHash(rng: Rng, n: number): string {
  return hex(rng, n)
}

/** An order number such as `ORD-2026-004512`. */
export function orderNumber(rng: Rng): string {
  return `ORD-${rng.int(2019, 2026)}-${rng.digits(6)}`
}

/** SKU prefixes: fixed, so none spells a keyword (`MC`, `RG`, `DL` are keywords). */
const SKU_PREFIXES = ['KT', 'WX', 'HB', 'TQ', 'LN', 'ZP', 'FG', 'BX', 'QM', 'VW', 'JH', 'YK'] as const

/** A SKU, sometimes shaped like a phone number (`KT-212-555-0147`). */
export function sku(rng: Rng): string {
  const prefix = rng.pick(SKU_PREFIXES)
  if (rng.next() < 0.3) return `${prefix}-${rng.int(201, 989)}-555-${rng.digits(4)}`
  return `${prefix}-${rng.digits(4)}-${rng.digits(4)}`
}

/** A semantic version, sometimes with a pre-release tag. */
export function version(rng: Rng): string {
  const v = `${rng.int(0, 12)}.${rng.int(0, 40)}.${rng.int(0, 20)}`
  return rng.next() < 0.2 ? `${v}-rc.${rng.int(1, 5)}` : v
}

/** An IPv4 address from the documentation ranges (RFC 5737). */
export function docIp(rng: Rng): string {
  return `${rng.pick(['192.0.2', '198.51.100', '203.0.113'])}.${rng.int(1, 254)}`
}

/** Milliseconds since the epoch for 2026-01-05T00:00:00Z, where log clocks start. */
export const CLOCK_START_MS = Date.UTC(2026, 0, 5)

/** A clock that moves forward by a random step on each reading. */
export interface Clock {
  /** Milliseconds since the epoch, advanced by up to `maxStepMs` (default 2,500). */
  tick(maxStepMs?: number): number
}

/** Creates a clock starting at `startMs`. */
export function createClock(rng: Rng, startMs = CLOCK_START_MS): Clock {
  let now = startMs
  return {
    tick: (maxStepMs = 2500) => (now += rng.int(1, maxStepMs)),
  }
}

/** ISO 8601 in UTC with milliseconds. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString()
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** Common log format timestamp: `14/Mar/2026:10:22:01 +0000`. */
function clfTimestamp(ms: number): string {
  const d = new Date(ms)
  const p = (n: number): string => String(n).padStart(2, '0')
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
}

// ---- logs -------------------------------------------------------------------------------------

const LEVELS = ['INFO', 'INFO', 'INFO', 'INFO', 'DEBUG', 'DEBUG', 'WARN', 'ERROR'] as const
const COMPONENTS = ['scheduler', 'worker', 'gateway', 'cache', 'queue', 'indexer', 'renderer', 'uploader', 'search', 'thumbnailer', 'exporter', 'planner'] as const
const MESSAGES = [
  'request completed', 'cache miss', 'retrying upstream', 'batch flushed', 'connection pool resized',
  'shard rebalanced', 'snapshot written', 'lease renewed', 'index rebuilt', 'thumbnail rendered',
  'order shipped', 'export finished', 'queue drained', 'slow upstream', 'compaction started',
] as const
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'] as const
const STATUSES = [200, 200, 200, 201, 204, 301, 304, 404, 409, 500, 503] as const
const AGENTS = ['curl/8.5.0', 'Go-http-client/2.0', 'okhttp/4.12.0', 'python-requests/2.31.0'] as const

function httpPath(rng: Rng): string {
  switch (rng.int(0, 4)) {
    case 0:
      return `/v${rng.int(1, 3)}/orders/${orderNumber(rng)}`
    case 1:
      return `/v${rng.int(1, 3)}/products/${sku(rng)}`
    case 2:
      return `/static/${hexHash(rng, 8)}/${rng.pick(NOUNS)}.js`
    case 3:
      return `/v${rng.int(1, 3)}/shipments/${uuid(rng)}/events`
    default:
      return `/${rng.pick(NOUNS)}/${rng.pick(NOUNS)}?page=${rng.int(1, 40)}`
  }
}

/** Log lines with a clock: three formats (plain, logfmt, access log) mixed within a file. */
export interface LogFiller {
  /** One complete filler line. */
  line(): string
  /** The start of a plain line (`<iso> <LEVEL> [<component>] `), for planted text. */
  prefix(): string
}

/** Creates a log line source. */
export function createLogFiller(rng: Rng, clock: Clock = createClock(rng)): LogFiller {
  const plain = (): string => {
    const ts = isoTimestamp(clock.tick())
    const level = rng.pick(LEVELS)
    const extras = [`req=${uuid(rng)}`, `dur=${rng.int(1, 4000)}ms`]
    const r = rng.next()
    if (r < 0.25) extras.push(`path=${httpPath(rng)}`, `status=${rng.pick(STATUSES)}`)
    else if (r < 0.4) extras.push(`sha=${hexHash(rng, 40)}`, `version=${version(rng)}`)
    else if (r < 0.55) extras.push(`order=${orderNumber(rng)}`, `sku=${sku(rng)}`)
    else if (r < 0.7) extras.push(`peer=${docIp(rng)}:${rng.int(1024, 65000)}`, `bytes=${rng.int(100, 900000)}`)
    else if (r < 0.8) extras.push(`epoch=${Math.floor(clock.tick(1) / 1000)}`, `attempt=${rng.int(1, 5)}`)
    return `${ts} ${level.padEnd(5)} [${rng.pick(COMPONENTS)}] ${rng.pick(MESSAGES)} ${extras.join(' ')}`
  }
  const logfmt = (): string =>
    `ts=${isoTimestamp(clock.tick())} level=${rng.pick(LEVELS).toLowerCase()} component=${rng.pick(COMPONENTS)} msg="${rng.pick(MESSAGES)}" trace=${hexHash(rng, 32)} elapsed=${(rng.next() * 3).toFixed(3)}s host=${docIp(rng)}`
  const access = (): string =>
    `${docIp(rng)} - - [${clfTimestamp(clock.tick())}] "${rng.pick(METHODS)} ${httpPath(rng)} HTTP/1.1" ${rng.pick(STATUSES)} ${rng.int(0, 80000)} "-" "${rng.pick(AGENTS)}"`
  return {
    line: () => {
      const r = rng.next()
      return r < 0.6 ? plain() : r < 0.8 ? logfmt() : access()
    },
    prefix: () => `${isoTimestamp(clock.tick())} ${rng.pick(LEVELS).padEnd(5)} [${rng.pick(COMPONENTS)}] `,
  }
}

// ---- configs ----------------------------------------------------------------------------------

/** A YAML block (lines) with innocuous keys. */
export function yamlBlock(rng: Rng): string[] {
  const section = rng.pick(['server', 'cache', 'queue', 'thumbnails', 'exporter', 'scheduler', 'storage'])
  const lines = [`${section}:`]
  const entries: Array<() => string> = [
    () => `host: ${docIp(rng)}`,
    () => `port: ${rng.int(1024, 9999)}`,
    () => `workers: ${rng.int(1, 64)}`,
    () => `timeout_ms: ${rng.int(100, 60000)}`,
    () => `ttl_seconds: ${rng.int(10, 86400)}`,
    () => `max_entries: ${rng.int(100, 500000)}`,
    () => `enabled: ${rng.next() < 0.5}`,
    () => `release: ${version(rng)}`,
    () => `build_sha: ${hexHash(rng, 40)}`,
    () => `instance: ${uuid(rng)}`,
    () => `label: ${rng.pick(ADJECTIVES)}-${rng.pick(NOUNS)}`,
    () => `started: ${isoTimestamp(CLOCK_START_MS - rng.int(0, 3e10))}`,
  ]
  const n = rng.int(3, 7)
  for (let i = 0; i < n; i++) lines.push(`  ${rng.pick(entries)()}`)
  if (rng.next() < 0.3) lines.push(`  tags: [${rng.pick(NOUNS)}, ${rng.pick(NOUNS)}]`)
  return lines
}

/** An INI block (lines) with innocuous keys. */
export function iniBlock(rng: Rng): string[] {
  const lines = [`[${rng.pick(['server', 'cache', 'queue', 'thumbnails', 'exporter', 'scheduler', 'storage'])}]`]
  const entries: Array<() => string> = [
    () => `host = ${docIp(rng)}`,
    () => `port = ${rng.int(1024, 9999)}`,
    () => `workers = ${rng.int(1, 64)}`,
    () => `timeout_ms = ${rng.int(100, 60000)}`,
    () => `retries = ${rng.int(0, 9)}`,
    () => `release = ${version(rng)}`,
    () => `build_sha = ${hexHash(rng, 40)}`,
    () => `instance = ${uuid(rng)}`,
    () => `label = ${rng.pick(ADJECTIVES)}-${rng.pick(NOUNS)}`,
  ]
  const n = rng.int(3, 6)
  for (let i = 0; i < n; i++) lines.push(rng.pick(entries)())
  lines.push('')
  return lines
}

// ---- tables and records -----------------------------------------------------------------------

/** The innocuous columns of every generated CSV file, in order. */
export const CSV_COLUMNS = ['product', 'quantity', 'price', 'sku', 'warehouse', 'color', 'updated_at', 'note'] as const

const PRODUCTS = [
  'walnut cutting board', 'maple shelf', 'cotton tea towel', 'ceramic teapot', 'copper kettle', 'wool blanket',
  'beeswax candle', 'cedar planter', 'oak stool', 'linen apron', 'glass jar', 'bamboo whisk', 'enamel mug',
  'birch spoon', 'jute rug', 'clay bowl',
] as const
const COLORS = ['natural', 'charcoal', 'sage', 'rust', 'ivory', 'navy', 'mustard', 'slate'] as const
const WAREHOUSES = ['north-1', 'north-3', 'harbor-2', 'valley-5', 'dune-4'] as const

/** Innocuous values for CSV_COLUMNS (note mostly empty). */
export function csvFillerRow(rng: Rng, clock: Clock): string[] {
  return [
    rng.pick(PRODUCTS),
    String(rng.int(1, 250)),
    (rng.int(199, 25999) / 100).toFixed(2),
    sku(rng),
    rng.pick(WAREHOUSES),
    rng.pick(COLORS),
    isoTimestamp(clock.tick(60000)),
    rng.next() < 0.15 ? phrase(rng, 20) : '',
  ]
}

/** An innocuous JSON record: an order event with line items. */
export function jsonFillerRecord(rng: Rng, clock: Clock): Record<string, unknown> {
  const lines = Array.from({ length: rng.int(1, 3) }, () => ({
    sku: sku(rng),
    product: rng.pick(PRODUCTS),
    qty: rng.int(1, 12),
    price: Number((rng.int(199, 25999) / 100).toFixed(2)),
  }))
  const record: Record<string, unknown> = {
    event: rng.pick(['order.created', 'order.shipped', 'order.packed', 'stock.adjusted']),
    order: orderNumber(rng),
    trace: uuid(rng),
    at: isoTimestamp(clock.tick()),
    warehouse: rng.pick(WAREHOUSES),
    lines,
    client: { agent: rng.pick(AGENTS), ip: docIp(rng), release: version(rng) },
  }
  if (rng.next() < 0.3) record.digest = hexHash(rng, 64)
  if (rng.next() < 0.2) record.note = phrase(rng, 20)
  return record
}
