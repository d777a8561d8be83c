// GetSensitiveDataOccurrences and GetSensitiveDataOccurrencesAvailability through
// @aws-sdk/client-macie2 against buildApp() on 127.0.0.1: a job over planted data, then samples
// retrieved in the background and stored sealed (the SQLite file is read to check), objects that
// changed, policy findings, reveal disabled, and a second account that cannot reveal the first's.
import assert from 'node:assert/strict'
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { gzipSync } from 'node:zlib'
import {
  CreateClassificationJobCommand,
  CreateSampleFindingsCommand,
  EnableMacieCommand,
  GetFindingsCommand,
  GetSensitiveDataOccurrencesAvailabilityCommand,
  GetSensitiveDataOccurrencesCommand,
  ListFindingsCommand,
  Macie2Client,
  PutClassificationExportConfigurationCommand,
  UpdateRevealConfigurationCommand,
  type Finding,
} from '@aws-sdk/client-macie2'
import Database from 'better-sqlite3'
import type { ApiAccount } from '../../src/api/credentials.js'
import { settleRetrievals } from '../../src/jobs/reveal.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

// Synthetic SSNs (area 536, group 22): shaped like real ones, belonging to no one.
const CSV_SSNS = Array.from({ length: 12 }, (_, i) => `536-22-${8800 + i}`)
const GZ_SSNS = ['536-22-8901', '536-22-8902']
const TXT_SSN = '536-22-8950'
const KMS_KEY_ARN = `arn:aws:kms:us-east-1:${A.accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`

const isError = (name: string, message?: RegExp) => (err: Error) => err.name === name && (!message || message.test(err.message))

describe('reveal operations through the AWS SDK', () => {
  let api: RunningApi
  let dbFile: string
  let folderOf: (accountId: string) => string
  const client = (who: ApiAccount): Macie2Client => api.client(who)
  const findingFor = new Map<string, Finding>()

  before(async () => {
    api = await startApi({
      // Each account has a folder of buckets of its own.
      sourceFor: (accountId, root) => ({ kind: 'folder', root: join(root, accountId === A.accountId ? 'a' : accountId === B.accountId ? 'b' : 'none') }),
      buckets: (root) => {
        mkdirSync(join(root, 'a', 'data'), { recursive: true })
        mkdirSync(join(root, 'a', 'results'), { recursive: true })
        mkdirSync(join(root, 'b', 'data'), { recursive: true })
        writeFileSync(join(root, 'a', 'data', 'people.csv'), ['name,ssn', ...CSV_SSNS.map((s, i) => `person ${i},${s}`)].join('\n'))
        writeFileSync(join(root, 'a', 'data', 'dump.txt.gz'), gzipSync(GZ_SSNS.map((s) => `SSN: ${s}`).join('\n')))
        writeFileSync(join(root, 'a', 'data', 'notes.txt'), `employee SSN: ${TXT_SSN}\n`)
      },
      // A SQLite file rather than memory, so that the test can read what the store wrote.
      storeOnDisk: true,
    })
    dbFile = api.storeFile!
    folderOf = (accountId) => join(api.dir, 'buckets', accountId === A.accountId ? 'a' : 'b')

    const a = client(A)
    await a.send(new EnableMacieCommand({}))
    await client(B).send(new EnableMacieCommand({}))
    // Samples are located through the discovery results: Macie reveals only findings that have one.
    await a.send(new PutClassificationExportConfigurationCommand({ configuration: { s3Destination: { bucketName: 'results', kmsKeyArn: KMS_KEY_ARN } } }))
    const job = await a.send(new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'reveal', s3JobDefinition: { bucketDefinitions: [{ accountId: A.accountId, buckets: ['data'] }] } }))
    await api.jobs.waitFor(job.jobId!)
    const ids = await a.send(new ListFindingsCommand({ findingCriteria: { criterion: { category: { eq: ['CLASSIFICATION'] } } } }))
    const { findings } = await a.send(new GetFindingsCommand({ findingIds: ids.findingIds! }))
    for (const f of findings ?? []) findingFor.set(f.resourcesAffected!.s3Object!.key!, f)
    assert.deepEqual([...findingFor.keys()].sort(), ['dump.txt.gz', 'notes.txt', 'people.csv'])
  })

  after(async () => {
    await settleRetrievals()
    await api?.close()
  })

  /** Asks until the retrieval is no longer PROCESSING. */
  async function reveal(findingId: string) {
    const a = client(A)
    const first = await a.send(new GetSensitiveDataOccurrencesCommand({ findingId }))
    assert.equal(first.status, 'PROCESSING')
    for (let i = 0; i < 100; i++) {
      const next = await a.send(new GetSensitiveDataOccurrencesCommand({ findingId }))
      if (next.status !== 'PROCESSING') return next
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.fail('the retrieval did not finish')
  }

  it('refuses while the reveal configuration is disabled', async () => {
    const id = findingFor.get('people.csv')!.id!
    await assert.rejects(client(A).send(new GetSensitiveDataOccurrencesCommand({ findingId: id })), isError('AccessDeniedException'))
  })

  it('says samples are available, retrieves them, and answers them from a sealed row', async () => {
    const a = client(A)
    await a.send(new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: 'alias/reveal' } }))
    const csv = findingFor.get('people.csv')!
    const availability = await a.send(new GetSensitiveDataOccurrencesAvailabilityCommand({ findingId: csv.id! }))
    assert.equal(availability.code, 'AVAILABLE')
    assert.equal(availability.reasons, undefined)

    const answer = await reveal(csv.id!)
    assert.equal(answer.status, 'SUCCESS')
    assert.equal(answer.error, undefined)
    assert.deepEqual(answer.sensitiveDataOccurrences, { USA_SOCIAL_SECURITY_NUMBER: CSV_SSNS.slice(0, 10).map((value) => ({ value })) })

    const gz = await reveal(findingFor.get('dump.txt.gz')!.id!)
    assert.equal(gz.status, 'SUCCESS')
    assert.deepEqual(gz.sensitiveDataOccurrences, { USA_SOCIAL_SECURITY_NUMBER: GZ_SSNS.map((value) => ({ value })) })

    // What the store holds: sealed bytes, no value in clear — in the table, the file or its log.
    const db = new Database(dbFile, { readonly: true })
    try {
      const rows = db.prepare('SELECT * FROM reveal_samples WHERE account_id = ?').all(A.accountId) as Array<Record<string, unknown>>
      assert.deepEqual(rows.map((r) => r.status).sort(), ['SUCCESS', 'SUCCESS'])
      for (const row of rows) {
        const text = JSON.stringify(row)
        for (const ssn of [...CSV_SSNS, ...GZ_SSNS]) assert.equal(text.includes(ssn), false)
        assert.equal(Buffer.from(String(row.sealed), 'base64').subarray(0, 8).toString('latin1'), 'TRAWLENC')
      }
    } finally {
      db.close()
    }
    for (const file of [dbFile, `${dbFile}-wal`]) {
      if (!existsSync(file)) continue
      const bytes = readFileSync(file)
      for (const ssn of [...CSV_SSNS, ...GZ_SSNS]) assert.equal(bytes.includes(Buffer.from(ssn)), false, `${ssn} is in ${file}`)
    }
  })

  it('says an object changed since its finding is unavailable', async () => {
    const a = client(A)
    await a.send(new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: 'alias/reveal' } }))
    const notes = findingFor.get('notes.txt')!
    const path = join(folderOf(A.accountId), 'data', 'notes.txt')
    writeFileSync(path, `employee SSN: ${TXT_SSN}\nand a new line\n`)
    utimesSync(path, new Date(), new Date(Date.now() + 60_000))
    const availability = await a.send(new GetSensitiveDataOccurrencesAvailabilityCommand({ findingId: notes.id! }))
    assert.equal(availability.code, 'UNAVAILABLE')
    assert.deepEqual(availability.reasons, ['OBJECT_UNAVAILABLE'])
    await assert.rejects(a.send(new GetSensitiveDataOccurrencesCommand({ findingId: notes.id! })), isError('UnprocessableEntityException', /OBJECT_UNAVAILABLE/))
  })

  it('refuses policy findings and unknown findings', async () => {
    const a = client(A)
    await a.send(new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: 'alias/reveal' } }))
    await a.send(new CreateSampleFindingsCommand({ findingTypes: ['Policy:IAMUser/S3BucketPublic'] }))
    const ids = await a.send(new ListFindingsCommand({ findingCriteria: { criterion: { category: { eq: ['POLICY'] } } } }))
    const policyId = ids.findingIds![0]!
    const availability = await a.send(new GetSensitiveDataOccurrencesAvailabilityCommand({ findingId: policyId }))
    assert.equal(availability.code, 'UNAVAILABLE')
    assert.deepEqual(availability.reasons, ['UNSUPPORTED_FINDING_TYPE'])
    await assert.rejects(a.send(new GetSensitiveDataOccurrencesCommand({ findingId: policyId })), isError('UnprocessableEntityException', /UNSUPPORTED_FINDING_TYPE/))
    await assert.rejects(a.send(new GetSensitiveDataOccurrencesCommand({ findingId: '0'.repeat(32) })), isError('ResourceNotFoundException'))
    await assert.rejects(a.send(new GetSensitiveDataOccurrencesAvailabilityCommand({ findingId: '0'.repeat(32) })), isError('ResourceNotFoundException'))
  })

  it('never lets another account reveal or probe a finding', async () => {
    const b = client(B)
    await b.send(new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: 'alias/reveal-b' } }))
    const id = findingFor.get('people.csv')!.id!
    await assert.rejects(b.send(new GetSensitiveDataOccurrencesCommand({ findingId: id })), isError('ResourceNotFoundException'))
    await assert.rejects(b.send(new GetSensitiveDataOccurrencesAvailabilityCommand({ findingId: id })), isError('ResourceNotFoundException'))
  })

  it('refuses again once reveal is disabled, even with samples cached', async () => {
    const answer = await client(A).send(new GetSensitiveDataOccurrencesCommand({ findingId: findingFor.get('people.csv')!.id! }))
    assert.equal(answer.status, 'SUCCESS')
    await client(A).send(new UpdateRevealConfigurationCommand({ configuration: { status: 'DISABLED' } }))
    await assert.rejects(client(A).send(new GetSensitiveDataOccurrencesCommand({ findingId: findingFor.get('people.csv')!.id! })), isError('AccessDeniedException'))
    // Disabling also drops the samples already retrieved.
    const db = new Database(dbFile, { readonly: true })
    try {
      assert.deepEqual(db.prepare('SELECT count(*) AS n FROM reveal_samples WHERE account_id = ?').get(A.accountId), { n: 0 })
    } finally {
      db.close()
    }
  })
})
