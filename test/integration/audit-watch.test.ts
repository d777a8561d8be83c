// Continuous assurance against real processes: `trawl serve --audit-interval` audits each account
// of an accounts file (two, with moto's S3 and KMS) over its own API and keeps the history, read
// back through GET /trawl/audit-history signed as each account (each sees its own only) and
// with `trawl audit history`; and `trawl audit --watch` prints the change a new job makes.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CreateClassificationJobCommand, EnableMacieCommand, Macie2Client } from '@aws-sdk/client-macie2'
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import type { AuditHistoryItem } from '../../src/cli/commands/audit-history.js'
import { signedRequest } from '../../src/cli/signed-request.js'
import { startServe, type RunningServe } from '../support/serve.js'
import { motoUnavailable, skipUnless, startMoto, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'

const A = { accountId: '210987654321', accessKeyId: 'AKIAWATCHACCOUNTA001', secretAccessKey: 'watch-account-a-secret-000000000000000' }
const A2 = { accountId: A.accountId, accessKeyId: 'AKIAWATCHACCOUNTA002', secretAccessKey: 'watch-account-a-second-secret-00000000' }
const B = { accountId: '123412341234', accessKeyId: 'AKIAWATCHACCOUNTB001', secretAccessKey: 'watch-account-b-secret-000000000000000' }
type Who = typeof A

interface Page {
  results: AuditHistoryItem[]
  nextToken?: string
}
interface Latest {
  runId: string
  runAt: string
  results: Array<Omit<AuditHistoryItem, 'runId' | 'runAt'>>
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

describe('scheduled audits and trawl audit --watch', { skip: skipUnless(motoUnavailable()) }, () => {
  let moto: RunningServer
  let serve: RunningServe
  let dir: string
  const clients: Macie2Client[] = []
  const macie = (who: Who, region: string): Macie2Client => {
    const c = new Macie2Client({ endpoint: serve.endpoint, region, credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey }, maxAttempts: 1 })
    clients.push(c)
    return c
  }
  const history = (who: Who, query: Record<string, string> = {}): Promise<Page> =>
    signedRequest('GET', '/trawl/audit-history', query, { endpoint: serve.endpoint, credentials: who, region: 'us-east-1' }) as Promise<Page>
  const latest = (who: Who): Promise<Latest> => signedRequest('GET', '/trawl/audit-history/latest', {}, { endpoint: serve.endpoint, credentials: who, region: 'eu-west-1' }) as Promise<Latest>
  const runIds = (page: Page): Set<string> => new Set(page.results.map((r) => r.runId))
  const cliEnv = (who: Who): NodeJS.ProcessEnv => ({
    ...process.env,
    AWS_ACCESS_KEY_ID: who.accessKeyId,
    AWS_SECRET_ACCESS_KEY: who.secretAccessKey,
    AWS_ENDPOINT_URL_S3: moto.endpoint,
    AWS_ENDPOINT_URL_KMS: moto.endpoint,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  })
  /** Polls until `check` returns a value (or throws after `ms`). */
  async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
    const deadline = Date.now() + ms
    for (;;) {
      const hit = await check()
      if (hit !== undefined) return hit
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${serve.log()}`)
      await sleep(250)
    }
  }

  before(async () => {
    moto = await startMoto()
    const s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...TEST_CREDENTIALS } })
    for (const bucket of ['a-data', 'b-data']) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }))
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'notes.txt', Body: 'nothing sensitive here\n' }))
    }
    s3.destroy()
    dir = mkdtempSync(join(tmpdir(), 'trawl-audit-watch-'))
    // The SDK marks credential objects it is given; the file gets the two keys only.
    const buckets = { s3: { endpoint: moto.endpoint, region: 'us-east-1', accessKeyId: TEST_CREDENTIALS.accessKeyId, secretAccessKey: TEST_CREDENTIALS.secretAccessKey } }
    const file = join(dir, 'accounts.json')
    writeFileSync(file, JSON.stringify({ version: 1, accounts: [{ ...A, buckets }, { ...A2, buckets }, { ...B, buckets }] }))
    chmodSync(file, 0o600)
    serve = await startServe(['--config', file, '--audit-interval', '2s', '--audit-regions', 'us-east-1,eu-west-1'], { TRAWL_DATA_DIR: join(dir, 'data') })
  })

  after(async () => {
    for (const c of clients) c.destroy()
    await serve?.stop()
    await moto?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('audits each account on the schedule and keeps the history, each account seeing its own', async () => {
    await macie(A, 'us-east-1').send(new EnableMacieCommand({}))
    const enabledAt = Date.now()
    // Two runs of A that started after Macie was enabled, and two of B.
    const pageA = await until('two audit runs of account A', async () => {
      const page = await history(A, { since: new Date(enabledAt).toISOString() })
      return runIds(page).size >= 2 ? page : undefined
    })
    const pageB = await until('two audit runs of account B', async () => {
      const page = await history(B)
      return runIds(page).size >= 2 ? page : undefined
    })
    const verdict = (page: Page, ruleId: string, region: string): string | undefined => page.results.find((r) => r.ruleId === ruleId && r.region === region)?.verdict
    assert.equal(verdict(pageA, 'Macie2-001', 'us-east-1'), 'SUCCESS')
    assert.equal(verdict(pageA, 'Macie2-001', 'eu-west-1'), 'FAILURE')
    assert.equal(verdict(pageA, 'Macie2-003', 'us-east-1'), 'FAILURE')
    // B never enabled Macie: A's state is not B's, and no run of one account is in the other's history.
    assert.equal(verdict(pageB, 'Macie2-001', 'us-east-1'), 'FAILURE')
    assert.ok(pageB.results.every((r) => r.ruleId !== 'Macie2-001' || r.verdict === 'FAILURE'))
    const allA = await history(A, { maxResults: '1000' })
    const allB = await history(B, { maxResults: '1000' })
    assert.equal([...runIds(allA)].filter((id) => runIds(allB).has(id)).length, 0)
    // A second key pair of the same account reads the same history.
    assert.deepEqual(runIds(await history(A2, { maxResults: '1000', since: new Date(0).toISOString() })).size >= runIds(allA).size, true)
    // Only the audited regions, every rule in each.
    assert.deepEqual([...new Set(allA.results.map((r) => r.region))].sort(), ['eu-west-1', 'us-east-1'])
    const run = (await latest(A)).results
    assert.equal(run.length, 16)

    // Filters: one rule in one region, newest first.
    const rule = await history(A, { region: 'us-east-1', ruleId: 'Macie2-001' })
    assert.ok(rule.results.length >= 2)
    assert.ok(rule.results.every((r) => r.region === 'us-east-1' && r.ruleId === 'Macie2-001'))
    assert.ok(rule.results.every((r, i, all) => i === 0 || all[i - 1]!.runAt >= r.runAt))
  })

  it('refuses unsigned and wrongly signed reads of the history', async () => {
    const unsigned = await fetch(`${serve.endpoint}/trawl/audit-history`)
    assert.equal(unsigned.status, 403)
    assert.equal(unsigned.headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException')
    await assert.rejects(history({ ...A, secretAccessKey: 'not-the-secret' }), /InvalidSignatureException/)
    await assert.rejects(history(A, { maxResults: '0' }), /ValidationException/)
  })

  it('shows Macie2-003 SUCCESS in the first run after a job is created', async () => {
    const job = await macie(A, 'us-east-1').send(
      new CreateClassificationJobCommand({
        jobType: 'SCHEDULED',
        name: 'daily',
        scheduleFrequency: { dailySchedule: {} },
        s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['a-data'] }] },
        clientToken: 'watch-a-daily',
      }),
    )
    const createdAt = new Date()
    const next = await until('a run after the job was created', async () => {
      const run = await latest(A)
      return new Date(run.runAt) > createdAt ? run : undefined
    })
    const result = next.results.find((r) => r.ruleId === 'Macie2-003' && r.region === 'us-east-1')
    assert.equal(result?.verdict, 'SUCCESS', result?.reason)
    assert.deepEqual(result?.resources, [job.jobId])
    assert.match(result?.reason ?? '', /1 discovery job in us-east-1, 1 active/)
    assert.equal(next.results.find((r) => r.ruleId === 'Macie2-003' && r.region === 'eu-west-1')?.verdict, 'FAILURE')
    // B's history did not move with A's job.
    assert.equal((await latest(B)).results.find((r) => r.ruleId === 'Macie2-003' && r.region === 'us-east-1')?.verdict, 'FAILURE')
  })

  it('trawl audit history prints the signing account\'s history', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', 'history', '--endpoint-url', serve.endpoint, '--region', 'us-east-1', '--rule', 'Macie2-001', '--since', '1h', '--format', 'json'], { env: cliEnv(A), encoding: 'utf8' })
    assert.equal(r.status, 0, r.stderr)
    const out = JSON.parse(r.stdout) as Page
    assert.ok(out.results.length >= 2)
    assert.ok(out.results.every((x) => x.region === 'us-east-1' && x.ruleId === 'Macie2-001' && x.verdict === 'SUCCESS'))
    const table = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', 'history', '--endpoint-url', serve.endpoint, '--rule', 'Macie2-001', '--limit', '3'], { env: cliEnv(B), encoding: 'utf8' })
    assert.equal(table.status, 0, table.stderr)
    const lines = table.stdout.trimEnd().split('\n')
    assert.match(lines[0]!, /^RUN AT\s+REGION\s+RULE\s+VERDICT\s+REASON$/)
    assert.equal(lines.length, 4)
    assert.ok(lines.slice(1).every((l) => /Macie2-001\s+FAILURE/.test(l)))
    const noEndpoint = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', 'history'], { env: { ...cliEnv(B), AWS_ENDPOINT_URL_MACIE2: '', AWS_ENDPOINT_URL: '' }, encoding: 'utf8' })
    assert.equal(noEndpoint.status, 2, noEndpoint.stderr)
  })

  it('trawl audit --watch prints the change a new job makes, and exits with the last round\'s code on SIGINT', async () => {
    await macie(B, 'us-east-1').send(new EnableMacieCommand({}))
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', '--watch', '--fix', '--endpoint-url', serve.endpoint, '--regions', 'us-east-1'], { env: cliEnv(B), encoding: 'utf8' })
    assert.equal(refused.status, 2)
    assert.match(refused.stderr, /--watch cannot be combined with --fix/)

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', '--watch', '--interval', '1s', '--endpoint-url', serve.endpoint, '--regions', 'us-east-1', '--rules', 'Macie2-001,Macie2-003'], { env: cliEnv(B) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      await until('the first report', async () => (/\d+ SUCCESS, \d+ FAILURE, \d+ ERROR/.test(stdout) ? true : undefined), 30_000)
      assert.match(stdout, /Macie2-003\s+us-east-1\s+FAILURE/)
      await until('a round without change', async () => (/ no change \(1 SUCCESS, 1 FAILURE, 0 ERROR\)/.test(stdout) ? true : undefined), 30_000)
      await macie(B, 'us-east-1').send(
        new CreateClassificationJobCommand({
          jobType: 'SCHEDULED',
          name: 'daily-b',
          scheduleFrequency: { dailySchedule: {} },
          s3JobDefinition: { bucketDefinitions: [{ accountId: B.accountId, buckets: ['b-data'] }] },
          clientToken: 'watch-b-daily',
        }),
      )
      await until('the change', async () => (/1 change \(2 SUCCESS, 0 FAILURE, 0 ERROR\):\n {2}Macie2-003 us-east-1: FAILURE → SUCCESS \(/.test(stdout) ? true : undefined), 30_000)
    } finally {
      child.kill('SIGINT')
    }
    assert.equal(await exited, 0, `${stdout}\n${stderr}`)
    assert.equal(stderr, '')
  })

  it('trawl audit --watch --format json prints one report per line, and exits 1 while a rule fails', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', '--watch', '--interval', '1s', '--format', 'json', '--endpoint-url', serve.endpoint, '--regions', 'eu-west-1', '--rules', 'Macie2-001'], { env: cliEnv(B) })
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      await until('two JSON lines', async () => (stdout.split('\n').filter(Boolean).length >= 2 ? true : undefined), 30_000)
    } finally {
      child.kill('SIGINT')
    }
    assert.equal(await exited, 1)
    const lines = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { summary: { FAILURE: number }; results: AuditHistoryItem[]; changes?: unknown[] })
    assert.equal(lines[0]!.summary.FAILURE, 1)
    assert.equal(lines[0]!.changes, undefined)
    assert.deepEqual(lines[1]!.changes, [])
  })
})
