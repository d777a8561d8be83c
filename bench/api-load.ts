// The API under load: seeds N findings (default 1,000,000) into a SQLite data folder cached under
// the OS temporary folder, starts the API over it in a child process, and drives it from
// concurrent keep-alive clients signing every request with SigV4: GetMacieSession (the baseline),
// ListFindings filtered, sorted and paginated, and GetFindings of 50 IDs, each for a bounded time
// after a warm-up. Prints requests/s, p50/p90/p99 latency, errors and CPU per request, and
// whether ListFindings meets the target (≥ 500 req/s, p99 < 100 ms).
// node --import tsx bench/api-load.ts [--findings N] [--fresh] [--concurrency C] [--seconds S]
//   [--warmup S] [--max-requests R] [--pages P] [--client raw|sdk] [--workloads session,list,get]
//   [--cpu-prof] [--seed S] [--json]
import { fork, type ChildProcess } from 'node:child_process'
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { EnableMacieCommand, GetFindingsCommand, GetMacieSessionCommand, ListFindingsCommand, Macie2Client } from '@aws-sdk/client-macie2'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { SignatureV4 } from '@smithy/signature-v4'
import type { Checksum, SourceData } from '@smithy/types'
import type { ApiAccount } from '../src/api/credentials.js'
import { FINDING_TYPES, sampleFindings, SAMPLE_BUCKET } from '../src/findings/sample.js'
import type { Finding, FindingType } from '../src/findings/types.js'
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js'
import type { FindingRow, Scope } from '../src/store/types.js'
import { createRng, type Rng } from '../test/corpus/rng.js'
import type { ServerCommand, ServerMessage } from './api-load-server.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

const ACCOUNT: ApiAccount = { accountId: '111122223333', accessKeyId: 'AKIABENCHLOADAAAAAAA', secretAccessKey: 'bench-load-secret-0000000000000000000000' }
const SCOPE: Scope = { accountId: ACCOUNT.accountId, region: 'us-east-1' }
/** Bumped whenever the seeded data changes shape, so an old cache is not reused. */
const DATA_VERSION = 1
const BUCKET_COUNT = 24
const JOB_COUNT = 40
const INSERT_CHUNK = 5_000
/** What workload 1 must reach. */
const TARGET = { requestsPerSecond: 500, p99Ms: 100 }

const { values: args } = parseArgs({
  options: {
    findings: { type: 'string', default: '1000000' },
    fresh: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    'max-requests': { type: 'string', default: '1000000' },
    pages: { type: 'string', default: '3' },
    client: { type: 'string', default: 'raw' },
    workloads: { type: 'string', default: 'session,list,get' },
    'cpu-prof': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
})
const usage = (message: string): never => {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}
for (const name of ['findings', 'concurrency', 'seconds', 'warmup', 'max-requests', 'pages', 'seed'] as const) {
  if (!Number.isInteger(Number(args[name])) || Number(args[name]) < 0) usage(`--${name} must be a whole number, not ${args[name]}`)
}
const findingCount = Number(args.findings)
const concurrency = Number(args.concurrency)
const seed = Number(args.seed)
if (findingCount < 1000 || concurrency < 1 || Number(args.pages) < 1) usage('--findings must be at least 1000, --concurrency and --pages at least 1')
if (args.client !== 'raw' && args.client !== 'sdk') usage(`--client is raw or sdk, not ${args.client}`)
const WORKLOADS = ['session', 'list', 'get'] as const
type WorkloadName = (typeof WORKLOADS)[number]
const chosen = args.workloads.split(',').map((w) => w.trim())
for (const w of chosen) if (!(WORKLOADS as readonly string[]).includes(w)) usage(`--workloads: ${w} is not one of ${WORKLOADS.join(', ')}`)
const log = (line: string): void => void process.stderr.write(`${line}\n`)

// ---- data ---------------------------------------------------------------------------------------

/** The ID of the i-th seeded finding: the client rebuilds any of them without reading the store. */
function findingId(i: number): string {
  return createHash('md5').update(`trawl-bench-api:${seed}:${i}`).digest('hex')
}

const hexOf = (s: string): string => createHash('md5').update(s).digest('hex')
const BUCKETS = Array.from({ length: BUCKET_COUNT }, (_, i) => `acme-${['logs', 'exports', 'hr', 'finance', 'backups', 'analytics'][i % 6]}-${String(i).padStart(2, '0')}`)
const JOBS = Array.from({ length: JOB_COUNT }, (_, i) => hexOf(`job:${seed}:${i}`))
// Bucket i holds a share proportional to 1/(i+1): a few large buckets and a long tail, as accounts have.
const BUCKET_WEIGHTS = BUCKETS.map((_, i) => 1 / (i + 1))
const SENSITIVE_MIX: Array<[FindingType, number]> = [
  ['SensitiveData:S3Object/Personal', 30],
  ['SensitiveData:S3Object/Financial', 20],
  ['SensitiveData:S3Object/Multiple', 15],
  ['SensitiveData:S3Object/Credentials', 10],
  ['SensitiveData:S3Object/CustomIdentifier', 10],
]
const POLICY_TYPES = FINDING_TYPES.filter((t) => t.startsWith('Policy:'))
const SEVERITIES: Array<[Finding['severity'], number]> = [
  [{ description: 'Low', score: 1 }, 40],
  [{ description: 'Medium', score: 2 }, 30],
  [{ description: 'High', score: 3 }, 30],
]
/** Findings span the 180 days before this instant. */
const NEWEST = Date.UTC(2025, 5, 1)
const DAY_MS = 86_400_000

function weighted<T>(rng: Rng, items: ReadonlyArray<readonly [T, number]>): T {
  const total = items.reduce((n, [, w]) => n + w, 0)
  let r = rng.next() * total
  for (const [item, w] of items) if ((r -= w) < 0) return item
  return items.at(-1)![0]
}

/** Builds the seeded findings in order: one policy finding per bucket and policy type, then sensitive data findings. */
function findingMaker(): (i: number) => FindingRow {
  const rng = createRng(seed)
  // Sample findings are shaped as real ones; each seeded finding is a parsed copy of its type's, changed.
  const templates = new Map(sampleFindings(SCOPE, undefined, new Date(NEWEST)).map((f) => [f.type, JSON.stringify(f)]))
  const bucketItems = BUCKETS.map((b, i) => [b, BUCKET_WEIGHTS[i]!] as const)
  const policyCount = BUCKETS.length * POLICY_TYPES.length
  const retarget = (text: string, bucket: string): string => text.replaceAll(SAMPLE_BUCKET, bucket)
  return (i) => {
    const id = findingId(i)
    const isPolicy = i < policyCount
    const type = isPolicy ? POLICY_TYPES[i % POLICY_TYPES.length]! : weighted(rng, SENSITIVE_MIX)
    const bucket = isPolicy ? BUCKETS[Math.floor(i / POLICY_TYPES.length)]! : weighted(rng, bucketItems)
    const f = JSON.parse(retarget(templates.get(type)!, bucket)) as Finding & Record<string, unknown>
    const created = NEWEST - rng.int(0, 180 * DAY_MS)
    const updated = Math.min(NEWEST, created + (rng.next() < 0.7 ? 0 : rng.int(0, 30 * DAY_MS)))
    f.id = id
    f.sample = false
    f.archived = rng.next() < 0.1
    f.createdAt = new Date(created).toISOString()
    f.updatedAt = new Date(updated).toISOString()
    f.description = f.description.replace(/^This is a sample finding:[^.]*\. /, '')
    if (isPolicy) {
      f.count = rng.int(1, 40)
    } else {
      f.severity = weighted(rng, SEVERITIES)
      const jobId = JOBS[rng.int(0, JOBS.length - 1)]!
      const details = f.classificationDetails!
      details.jobId = jobId
      details.jobArn = `arn:aws:macie2:${SCOPE.region}:${SCOPE.accountId}:classification-job/${jobId}`
      details.detailedResultsLocation = `s3://acme-macie-results/AWSLogs/${SCOPE.accountId}/Macie/${SCOPE.region}/${jobId}/${SCOPE.accountId}-${hexOf(id).slice(0, 12)}.jsonl.gz`
      const object = f.resourcesAffected.s3Object!
      const key = `${object.key.replace(/\.[^.]+$/, '')}-${i}.${object.extension}`
      object.key = key
      object.path = `${bucket}/${key}`
      object.eTag = hexOf(`etag:${id}`)
      object.size = rng.int(200, 50_000_000)
      object.lastModified = new Date(created - rng.int(0, 30 * DAY_MS)).toISOString()
    }
    return { accountId: SCOPE.accountId, region: SCOPE.region, id, finding: f as FindingRow['finding'] }
  }
}

/** The data folder of these seed parameters, seeded now unless a complete one is cached. */
async function seededFolder(): Promise<string> {
  const folder = join(tmpdir(), 'trawl-bench-api', `findings-${findingCount}-seed-${seed}-v${DATA_VERSION}`)
  const marker = join(folder, 'seeded.json')
  if (!args.fresh && existsSync(marker)) {
    log(`seeded data: ${folder} (cached; --fresh to rebuild)`)
    return folder
  }
  rmSync(folder, { recursive: true, force: true })
  mkdirSync(folder, { recursive: true })
  const dbPath = join(folder, 'trawl.db')
  const store = await openSqliteStore(dbPath)
  const make = findingMaker()
  const t0 = performance.now()
  try {
    for (let start = 0; start < findingCount; start += INSERT_CHUNK) {
      const rows: FindingRow[] = []
      for (let i = start; i < Math.min(findingCount, start + INSERT_CHUNK); i++) rows.push(make(i))
      await store.findings.insertMany(rows)
      const done = start + rows.length
      if (done % 100_000 < INSERT_CHUNK || done === findingCount) {
        log(`seeding: ${done.toLocaleString('en-US')} findings, ${Math.round(done / ((performance.now() - t0) / 1000))}/s`)
      }
    }
  } finally {
    await store.close()
  }
  // Opening the store again computes the planner's statistics, as the server's first start would.
  const tAnalyze = performance.now()
  await (await openSqliteStore(dbPath)).close()
  const seconds = (performance.now() - t0) / 1000
  const bytes = readdirSync(folder).reduce((n, f) => n + statSync(join(folder, f)).size, 0)
  writeFileSync(marker, `${JSON.stringify({ findings: findingCount, seed, seconds, analyzeSeconds: (performance.now() - tAnalyze) / 1000, bytes })}\n`)
  log(`seeded ${findingCount.toLocaleString('en-US')} findings in ${seconds.toFixed(0)} s (${(bytes / 2 ** 30).toFixed(2)} GiB): ${folder}`)
  return folder
}

// ---- the server -----------------------------------------------------------------------------------

interface Server {
  endpoint: string
  /** CPU and event-loop use since the previous mark. */
  mark(): Promise<Extract<ServerMessage, { kind: 'mark' }>>
  stop(): Promise<void>
}

async function startServer(folder: string, profileDir: string | undefined): Promise<Server> {
  const here = dirname(fileURLToPath(import.meta.url))
  const execArgv = ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])]
  const child: ChildProcess = fork(join(here, 'api-load-server.ts'), [folder, JSON.stringify(ACCOUNT)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const next = <K extends ServerMessage['kind']>(kind: K): Promise<Extract<ServerMessage, { kind: K }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: ServerMessage): void => {
        if (m.kind !== kind) return
        child.off('message', onMessage)
        child.off('exit', onExit)
        resolve(m as Extract<ServerMessage, { kind: K }>)
      }
      const onExit = (code: number | null): void => reject(new Error(`the API server exited (code ${code}) while waiting for ${kind}`))
      child.on('message', onMessage)
      child.once('exit', onExit)
    })
  const command = (c: ServerCommand): void => void child.send(c)
  const { endpoint } = await next('listening')
  return {
    endpoint,
    mark: () => {
      const answer = next('mark')
      command({ cmd: 'mark' })
      return answer
    },
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      command({ cmd: 'stop' })
      await exited
    },
  }
}

// ---- clients ----------------------------------------------------------------------------------------

/** SHA-256 (and its HMAC) for the SigV4 signer, from node:crypto. */
class Sha256 implements Checksum {
  private hash: Hash | Hmac
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh()
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(this.secret))
  }
  update(data: Uint8Array): void {
    this.hash.update(data)
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest()
  }
  reset(): void {
    this.hash = this.fresh()
  }
}

function bytesOf(data: SourceData): Buffer {
  if (typeof data === 'string') return Buffer.from(data, 'utf8')
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  return Buffer.from(data)
}

/** One API call: Macie's operation name and its input. */
interface Call {
  operation: 'GetMacieSession' | 'ListFindings' | 'GetFindings'
  input: Record<string, unknown>
}

/** Sends a call and returns its parsed output; throws with the error type on a non-2xx answer. */
type Caller = (call: Call) => Promise<Record<string, unknown>>

const ROUTES: Record<Call['operation'], { method: string; path: string }> = {
  GetMacieSession: { method: 'GET', path: '/macie' },
  ListFindings: { method: 'POST', path: '/findings' },
  GetFindings: { method: 'POST', path: '/findings/describe' },
}

/**
 * Signs with @smithy/signature-v4 (the SDK's own signer) and sends with node:http over keep-alive
 * sockets: what a real client puts on the wire, without the SDK's middleware stack, whose CPU
 * would be taken from the server on a machine of two cores.
 */
function rawCaller(endpoint: string): { call: Caller; close(): void } {
  const url = new URL(endpoint)
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const signer = new SignatureV4({ service: 'macie2', region: SCOPE.region, credentials: { accessKeyId: ACCOUNT.accessKeyId, secretAccessKey: ACCOUNT.secretAccessKey }, sha256: Sha256 })
  const call: Caller = async ({ operation, input }) => {
    const { method, path } = ROUTES[operation]
    const body = method === 'GET' ? undefined : JSON.stringify(input)
    const signed = await signer.sign({
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json', ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}) },
      ...(body !== undefined ? { body } : {}),
    })
    return new Promise((resolve, reject) => {
      const req = httpRequest({ agent, host: url.hostname, port: url.port, method, path, headers: signed.headers }, (res) => {
        const parts: Buffer[] = []
        res.on('data', (b: Buffer) => parts.push(b))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8')
          const status = res.statusCode ?? 0
          if (status < 200 || status > 299) return reject(new Error(`${status} ${String(res.headers['x-amzn-errortype'] ?? '')}: ${text.slice(0, 200)}`))
          try {
            resolve(text === '' ? {} : (JSON.parse(text) as Record<string, unknown>))
          } catch (err) {
            reject(err as Error)
          }
        })
      })
      req.on('error', reject)
      req.end(body)
    })
  }
  return { call, close: () => agent.destroy() }
}

/** @aws-sdk/client-macie2 over keep-alive sockets: the client users run, with all its middleware. */
function sdkCaller(endpoint: string): { call: Caller; close(): void } {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency })
  const client = new Macie2Client({
    endpoint,
    region: SCOPE.region,
    credentials: { accessKeyId: ACCOUNT.accessKeyId, secretAccessKey: ACCOUNT.secretAccessKey },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: agent }),
  })
  const call: Caller = async ({ operation, input }) => {
    switch (operation) {
      case 'GetMacieSession':
        return (await client.send(new GetMacieSessionCommand({}))) as unknown as Record<string, unknown>
      case 'ListFindings':
        return (await client.send(new ListFindingsCommand(input))) as unknown as Record<string, unknown>
      case 'GetFindings':
        return (await client.send(new GetFindingsCommand(input as { findingIds: string[] }))) as unknown as Record<string, unknown>
    }
  }
  return { call, close: () => client.destroy() }
}

// ---- workloads --------------------------------------------------------------------------------------

/** A workload: what each concurrent client sends next, and whether an answer is right. */
interface Workload {
  name: WorkloadName
  title: string
  /** One client's state, made when it starts. */
  lane(index: number): {
    next(): Call
    /** Undefined when the output is what was asked for, else what is wrong with it. */
    check(output: Record<string, unknown>): string | undefined
    /** Forgets a page token after a failed call. */
    reset(): void
  }
}

function workloads(pages: number): Record<WorkloadName, Workload> {
  return {
    session: {
      name: 'session',
      title: 'GetMacieSession (baseline)',
      lane: () => ({
        next: () => ({ operation: 'GetMacieSession', input: {} }),
        check: (out) => (out.status === 'ENABLED' ? undefined : `status ${String(out.status)}`),
        reset: () => undefined,
      }),
    },
    list: {
      name: 'list',
      title: `ListFindings: High, not archived, one bucket; updatedAt DESC; 50 a page, up to ${pages} pages`,
      lane: (index) => {
        const rng = createRng(seed * 1000 + index)
        let bucket = ''
        let token: string | undefined
        let page = 0
        return {
          next: () => {
            if (token === undefined || page >= pages) {
              bucket = rng.pick(BUCKETS)
              token = undefined
              page = 0
            }
            page++
            return {
              operation: 'ListFindings',
              input: {
                findingCriteria: { criterion: { 'severity.description': { eq: ['High'] }, archived: { eq: ['false'] }, 'resourcesAffected.s3Bucket.name': { eq: [bucket] } } },
                sortCriteria: { attributeName: 'updatedAt', orderBy: 'DESC' },
                maxResults: 50,
                ...(token !== undefined ? { nextToken: token } : {}),
              },
            }
          },
          check: (out) => {
            const ids = out.findingIds
            token = typeof out.nextToken === 'string' && out.nextToken !== '' ? out.nextToken : undefined
            if (!Array.isArray(ids)) return 'no findingIds'
            // Every bucket has far more than pages × 50 matching findings at the default size.
            if (ids.length !== 50 && findingCount >= 1_000_000) return `a page of ${ids.length} IDs`
            return undefined
          },
          reset: () => void (token = undefined),
        }
      },
    },
    get: {
      name: 'get',
      title: 'GetFindings of 50 random IDs',
      lane: (index) => {
        const rng = createRng(seed * 2000 + index)
        return {
          next: () => ({ operation: 'GetFindings', input: { findingIds: Array.from({ length: 50 }, () => findingId(rng.int(0, findingCount - 1))) } }),
          check: (out) => {
            const found = out.findings
            return Array.isArray(found) && found.length > 0 && found.length <= 50 ? undefined : `${Array.isArray(found) ? found.length : 'no'} findings`
          },
          reset: () => undefined,
        }
      },
    },
  }
}

/** What one measured workload did. */
interface Measurement {
  workload: WorkloadName
  title: string
  requests: number
  seconds: number
  requestsPerSecond: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
  errors: number
  firstError?: string
  serverCpuMsPerRequest: number
  clientCpuMsPerRequest: number
  serverEventLoopUtilization: number
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Runs a workload from `concurrency` clients until `seconds` pass or `maxRequests` are sent. */
async function drive(workload: Workload, call: Caller, seconds: number, maxRequests: number): Promise<{ latencies: Float64Array; elapsed: number; errors: number; firstError?: string }> {
  const latencies = new Float64Array(maxRequests)
  let sent = 0
  let done = 0
  let errors = 0
  let firstError: string | undefined
  const t0 = performance.now()
  const deadline = t0 + seconds * 1000
  const lane = async (index: number): Promise<void> => {
    const state = workload.lane(index)
    while (sent < maxRequests && performance.now() < deadline) {
      sent++
      const request = state.next()
      const start = performance.now()
      let problem: string | undefined
      try {
        problem = state.check(await call(request))
      } catch (err) {
        problem = (err as Error).message
      }
      latencies[done++] = performance.now() - start
      if (problem !== undefined) {
        errors++
        firstError ??= problem
        state.reset()
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, i) => lane(i)))
  return { latencies: latencies.subarray(0, done).sort(), elapsed: (performance.now() - t0) / 1000, errors, ...(firstError !== undefined ? { firstError } : {}) }
}

async function measure(workload: Workload, call: Caller, server: Server): Promise<Measurement> {
  await drive(workload, call, Number(args.warmup), Number(args['max-requests']))
  await server.mark()
  const cpu0 = process.cpuUsage()
  const run = await drive(workload, call, Number(args.seconds), Number(args['max-requests']))
  const cpu = process.cpuUsage(cpu0)
  const serverUse = await server.mark()
  const n = run.latencies.length
  return {
    workload: workload.name,
    title: workload.title,
    requests: n,
    seconds: run.elapsed,
    requestsPerSecond: n / run.elapsed,
    p50Ms: percentile(run.latencies, 50),
    p90Ms: percentile(run.latencies, 90),
    p99Ms: percentile(run.latencies, 99),
    maxMs: run.latencies[n - 1] ?? NaN,
    errors: run.errors,
    ...(run.firstError !== undefined ? { firstError: run.firstError } : {}),
    serverCpuMsPerRequest: (serverUse.cpuUserMs + serverUse.cpuSystemMs) / n,
    clientCpuMsPerRequest: (cpu.user + cpu.system) / 1000 / n,
    serverEventLoopUtilization: serverUse.eventLoopUtilization,
  }
}

// ---- CPU profile summary ----------------------------------------------------------------------------

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

// Where server time goes, by the file (or native frame) a sample's own function is in; first match wins.
const AREAS: Array<[string, RegExp]> = [
  ['SQLite: statements run (better-sqlite3, native, under kysely\'s executeQuery)', /executeQuery node_modules\/kysely\/dist\/esm\/dialect\/sqlite|^native:(all|get|run|iterate)$/],
  ['SQLite: statements prepared (better-sqlite3 prepare, per query)', /better-sqlite3|^native:prepare$/],
  ['SigV4 verification (src/api/sigv4.ts, node:crypto)', /src\/api\/sigv4\.ts|^native:(Hmac|Hash|digest|update|timingSafeEqual)$|internal\/crypto/],
  ['model: routing, input validation, output serialization (src/api/model.ts)', /src\/api\/model\.ts/],
  ['kysely: query building and compiling', /node_modules\/kysely/],
  ['store: findings queries and rows (src/store)', /src\/store\//],
  ['handlers and criteria (src/api/handlers, src/findings)', /src\/api\/handlers|src\/findings/],
  ['API shell (src/api/app.ts, errors)', /src\/api\//],
  ['Fastify', /node_modules\/(fastify|find-my-way|light-my-request|avvio|@fastify|fast-json-stringify)/],
  ['socket writes and reads (native)', /^native:(writev|writeUtf8String|writeBuffer|writeLatin1String|onStreamRead)$/],
  ['Node HTTP and streams', /node:_http|node:net|node:stream|node:events|internal\/(http|streams|net|stream_base|timers)|_http_/],
  ['startup: module loading (tsx, node:internal/modules)', /node_modules\/tsx|internal\/modules|internal\/deps\/cjs|^native:(compileFunction|compileSourceTextModule|readFileUtf8)/],
]

/** Self time by area and by function of the profile the server wrote. */
function summarizeProfile(file: string): { areas: Array<[string, number]>; top: Array<[string, number]>; totalMs: number } {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
  const self = new Map<number, number>()
  for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000)
  const keyOf = (n: ProfileNode): string => {
    const { functionName, url, lineNumber } = n.callFrame
    if (url === '') return functionName.startsWith('(') ? functionName : `native:${functionName || '(anonymous)'}`
    return `${functionName || '(anonymous)'} ${url.replace(/^file:\/\/.*?\/(node_modules|src|bench)\//, '$1/')}:${lineNumber + 1}`
  }
  const areaOf = (n: ProfileNode): string => {
    const { functionName, url } = n.callFrame
    if (url === '' && functionName.startsWith('(')) return functionName
    const key = keyOf(n)
    if (/^native:(parse|stringify)$/.test(key)) return 'JSON.parse / JSON.stringify (native)'
    for (const [area, pattern] of AREAS) if (pattern.test(key)) return area
    // Other native frames count under their nearest JavaScript caller's area.
    if (url === '') {
      const up = parent.get(n.id)
      const caller = up === undefined ? undefined : byId.get(up)
      if (caller && !caller.callFrame.functionName.startsWith('(')) return areaOf(caller)
    }
    return 'other JavaScript (Node internals)'
  }
  const areas = new Map<string, number>()
  const fns = new Map<string, number>()
  let totalMs = 0
  for (const [id, ms] of self) {
    const node = byId.get(id)!
    totalMs += ms
    const area = areaOf(node)
    areas.set(area, (areas.get(area) ?? 0) + ms)
    const key = keyOf(node)
    fns.set(key, (fns.get(key) ?? 0) + ms)
  }
  const sorted = (m: Map<string, number>): Array<[string, number]> => [...m].sort((a, b) => b[1] - a[1])
  return { areas: sorted(areas), top: sorted(fns).slice(0, 25), totalMs }
}

// ---- main ------------------------------------------------------------------------------------------

const folder = await seededFolder()
const profileDir = args['cpu-prof'] ? join(tmpdir(), 'trawl-bench-api', `profile-${Date.now()}`) : undefined
const server = await startServer(folder, profileDir)
const { call, close } = args.client === 'sdk' ? sdkCaller(server.endpoint) : rawCaller(server.endpoint)
const results: Measurement[] = []
try {
  try {
    await call({ operation: 'GetMacieSession', input: {} })
  } catch {
    // Not enabled yet in this data folder: enable Macie through the API, as a user would.
    await enableMacie(server.endpoint)
  }
  const all = workloads(Number(args.pages))
  for (const name of WORKLOADS) {
    if (!chosen.includes(name)) continue
    log(`${all[name].title}: ${args.warmup} s warm-up, then ${args.seconds} s from ${concurrency} clients (${args.client})`)
    results.push(await measure(all[name], call, server))
  }
} finally {
  close()
  await server.stop()
}

async function enableMacie(endpoint: string): Promise<void> {
  const client = new Macie2Client({ endpoint, region: SCOPE.region, credentials: { accessKeyId: ACCOUNT.accessKeyId, secretAccessKey: ACCOUNT.secretAccessKey }, maxAttempts: 1 })
  await client.send(new EnableMacieCommand({ status: 'ENABLED' }))
  client.destroy()
}

const fmt = (x: number, digits = 1): string => (Number.isFinite(x) ? x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '')
const baseline = results.find((r) => r.workload === 'session')
const list = results.find((r) => r.workload === 'list')
const meetsTarget = list ? list.requestsPerSecond >= TARGET.requestsPerSecond && list.p99Ms < TARGET.p99Ms && list.errors === 0 : undefined
let profile: ReturnType<typeof summarizeProfile> | undefined
if (profileDir) {
  // The main thread's profile is the largest; the others are tsx's loader thread and the like.
  const file = readdirSync(profileDir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(join(profileDir, b)).size - statSync(join(profileDir, a)).size)[0]
  if (file) profile = summarizeProfile(join(profileDir, file))
  if (file) log(`server CPU profile: ${join(profileDir, file)}`)
}

if (args.json) {
  process.stdout.write(`${JSON.stringify({ findings: findingCount, concurrency, client: args.client, results, meetsTarget, profile }, null, 2)}\n`)
} else {
  const out: string[] = []
  out.push(`${findingCount.toLocaleString('en-US')} findings, ${concurrency} clients (${args.client === 'raw' ? 'SigV4 by @smithy/signature-v4 over node:http' : '@aws-sdk/client-macie2'}, keep-alive), ${args.seconds} s each after ${args.warmup} s of warm-up`)
  out.push('')
  out.push('| workload | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | req/s ÷ baseline | server CPU ms/req | client CPU ms/req |')
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
  for (const r of results) {
    const ratio = baseline ? `${fmt(r.requestsPerSecond / baseline.requestsPerSecond, 2)}×` : ''
    out.push(
      `| ${r.title} | ${r.requests.toLocaleString('en-US')} | ${fmt(r.requestsPerSecond)} | ${fmt(r.p50Ms)} | ${fmt(r.p90Ms)} | ${fmt(r.p99Ms)} | ${fmt(r.maxMs)} | ${r.errors} | ${ratio} | ${fmt(r.serverCpuMsPerRequest, 2)} | ${fmt(r.clientCpuMsPerRequest, 2)} |`,
    )
  }
  for (const r of results) if (r.firstError) out.push(`\n${r.workload}: first error: ${r.firstError}`)
  if (list) {
    out.push('')
    out.push(
      `target for ListFindings (≥ ${TARGET.requestsPerSecond} req/s, p99 < ${TARGET.p99Ms} ms, no errors): ${meetsTarget ? 'MET' : 'NOT MET'} ` +
        `(${fmt(list.requestsPerSecond)} req/s, p99 ${fmt(list.p99Ms)} ms, ${list.errors} errors)`,
    )
  }
  if (profile) {
    out.push('')
    out.push(`Server self time by area (${fmt(profile.totalMs / 1000, 1)} s profiled, idle included):`)
    out.push('')
    out.push('| area | s | % of busy |')
    out.push('| --- | ---: | ---: |')
    const busy = profile.totalMs - (profile.areas.find(([a]) => a === '(idle)')?.[1] ?? 0)
    for (const [area, ms] of profile.areas) out.push(`| ${area} | ${fmt(ms / 1000, 2)} | ${area === '(idle)' ? '' : fmt((100 * ms) / busy)} |`)
    out.push('')
    out.push('| function (self time) | s |')
    out.push('| --- | ---: |')
    for (const [fn, ms] of profile.top) out.push(`| ${fn.replaceAll('|', '\\|')} | ${fmt(ms / 1000, 2)} |`)
  }
  process.stdout.write(`${out.join('\n')}\n`)
}
if (results.some((r) => r.errors > 0)) process.exitCode = 1
