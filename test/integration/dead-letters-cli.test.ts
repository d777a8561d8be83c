// `trawl publication dead-letters` as a user runs it, against the API on 127.0.0.1: a webhook that
// always fails leaves a dead letter, which the command lists for its account and region only and
// queues again with --redeliver.
import assert from 'node:assert/strict'
import { execFile, spawnSync } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { sampleFindings } from '../../src/findings/sample.js'
import { FindingsPublisher } from '../../src/publish/publisher.js'
import type { FindingRow } from '../../src/store/types.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

describe('trawl publication dead-letters', () => {
  let api: RunningApi
  let down: Server
  let webhook: string
  // Asynchronously: the API answers from this process, which must keep running meanwhile.
  const trawl = (who: typeof A, ...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/cli/bin.ts', 'publication', 'dead-letters', '--endpoint-url', api.endpoint, ...args],
        {
          env: { ...process.env, AWS_ACCESS_KEY_ID: who.accessKeyId, AWS_SECRET_ACCESS_KEY: who.secretAccessKey, AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_ENDPOINT_URL_MACIE2: '' },
          encoding: 'utf8',
          timeout: 60_000,
        },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stdout, stderr }),
      )
    })

  before(async () => {
    api = await startApi({ enable: [A, B] })
    down = createServer((_req, res) => res.writeHead(503).end())
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve))
    webhook = `http://127.0.0.1:${(down.address() as { port: number }).port}/hook`
    const scope = { accountId: A.accountId, region: 'us-east-1' }
    const [f] = sampleFindings(scope, ['SensitiveData:S3Object/Personal'], new Date())
    await api.store.findings.insertMany([{ ...scope, id: f!.id, finding: f as unknown as FindingRow['finding'] }])
    const publisher = new FindingsPublisher({ store: api.store, webhooksFor: () => [{ url: webhook }], retry: { maxAttempts: 1 }, log: () => undefined })
    await publisher.tick()
    await publisher.idle()
    await publisher.close()
  })

  after(async () => {
    down?.close()
    await api?.close()
  })

  it('lists the account\'s dead letters in its region, and no one else\'s', async () => {
    const mine = await trawl(A, '--format', 'json')
    assert.equal(mine.code, 0, mine.stderr)
    const letters = JSON.parse(mine.stdout).deadLetters as Array<{ webhookUrl: string; lastError: string; attempts: number }>
    assert.equal(letters.length, 1)
    assert.deepEqual([letters[0]!.webhookUrl, letters[0]!.lastError, letters[0]!.attempts], [webhook, 'HTTP 503', 1])
    const table = await trawl(A)
    assert.match(table.stdout, /HTTP 503/)
    assert.equal(JSON.parse((await trawl(B, '--format', 'json')).stdout).deadLetters.length, 0)
    assert.match((await trawl(A, '--region', 'eu-west-1')).stdout, /No dead letters in eu-west-1/)
  })

  it('queues them again with --redeliver', async () => {
    const again = await trawl(A, '--redeliver', 'all', '--format', 'json')
    assert.equal(again.code, 0, again.stderr)
    assert.deepEqual(JSON.parse(again.stdout), { redelivered: 1 })
    assert.equal(JSON.parse((await trawl(A, '--format', 'json')).stdout).deadLetters.length, 0)
  })

  it('refuses bad credentials and a missing endpoint with clear errors', async () => {
    const wrong = await trawl({ ...A, secretAccessKey: 'not-the-secret-0000000000000000000000000' })
    assert.notEqual(wrong.code, 0)
    assert.match(wrong.stderr, /InvalidSignatureException/)
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'publication', 'dead-letters'], { env: { ...process.env, AWS_ENDPOINT_URL_MACIE2: '', AWS_ENDPOINT_URL: '' }, encoding: 'utf8', timeout: 60_000 })
    assert.equal(r.status, 2)
    assert.match(r.stderr, /--endpoint-url/)
  })
})
