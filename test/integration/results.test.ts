// The discovery results repository against real stores: moto applies SSE-KMS with the configured
// key; s3rver drops it, so results are sealed in trawl's envelope. Then `trawl results decrypt`.
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import { sealEnvelope, isEnvelope } from '../../src/results/envelope.js'
import { Keyring, RESULTS_KEY_ENV } from '../../src/results/keyring.js'
import { probeKey, resultsPrefix } from '../../src/results/layout.js'
import { readResultsFile } from '../../src/results/reader.js'
import { encodeResults, probeSseKms, resultsLocationFor, writeResultsFile, type ResultsTarget } from '../../src/results/writer.js'
import { buildResultRecord, type ResultRecord } from '../../src/scan/record.js'
import { S3Source } from '../../src/sources/s3.js'
import { motoUnavailable, s3rverUnavailable, skipUnless, startMoto, startS3rver, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'

const REGION = 'us-east-1'
const scope = { accountId: '111122223333', region: REGION }
// A documented test card number, planted in an object key to find it (or not) in stored bytes.
const PLANTED = '4556737586899855'
// s3rver checks signatures against its own fixed credentials.
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }

function records(location: string): ResultRecord[] {
  const ctx = { accountId: scope.accountId, region: REGION, jobId: 'job1', detailedResultsLocation: location }
  const archive = buildResultRecord(
    { object: { bucket: 'data', key: `cards/${PLANTED}.zip`, size: 300 }, mimeType: 'application/zip', sizeClassified: 300, status: 'COMPLETE', reason: null },
    ctx,
    new Map(),
    new Map(),
  )
  const member = buildResultRecord(
    {
      object: { bucket: 'data', key: `cards/${PLANTED}.zip`, size: 300 },
      embedded: { filePath: 'people.csv', fileExtension: 'csv', fileSize: 120, fileLastModified: null },
      mimeType: 'text/csv',
      sizeClassified: 120,
      status: 'COMPLETE',
      reason: null,
    },
    ctx,
    new Map(),
    new Map(),
  )
  return [archive, member]
}

function target(bucketName: string, kmsKeyArn: string): ResultsTarget {
  return { dest: { bucketName, keyPrefix: 'macie', kmsKeyArn }, scope, jobId: 'job1', runId: 'run1', bucket: 'data', key: `cards/${PLANTED}.zip` }
}

function s3Client(endpoint: string, credentials = TEST_CREDENTIALS): S3Client {
  return new S3Client({ endpoint, region: REGION, credentials, forcePathStyle: true })
}

async function getBytes(client: S3Client, bucket: string, key: string): Promise<Buffer> {
  const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  return Buffer.from(await out.Body!.transformToByteArray())
}

function keyOf(location: string, bucket: string): string {
  assert.ok(location.startsWith(`s3://${bucket}/`), location)
  return location.slice(`s3://${bucket}/`.length)
}

describe('results repository on moto (SSE-KMS)', { skip: skipUnless(motoUnavailable()) }, () => {
  let server: RunningServer
  let client: S3Client
  let source: S3Source
  let keyArn: string
  before(async () => {
    server = await startMoto()
    client = s3Client(server.endpoint)
    await client.send(new CreateBucketCommand({ Bucket: 'results' }))
    const kms = new KMSClient({ endpoint: server.endpoint, region: REGION, credentials: TEST_CREDENTIALS })
    keyArn = (await kms.send(new CreateKeyCommand({ Description: 'trawl results' }))).KeyMetadata!.Arn!
    kms.destroy()
    source = new S3Source({ kind: 's3', endpoint: server.endpoint, region: REGION, credentials: TEST_CREDENTIALS, forcePathStyle: true })
  })
  after(async () => {
    source?.close()
    client?.destroy()
    await server?.stop()
  })

  it('probes SSE-KMS, writes the file with the configured key, and reads it back', async () => {
    const t = target('results', keyArn)
    const isSseKms = await probeSseKms(source, t.dest, scope)
    assert.equal(isSseKms, true)
    const probe = await client.send(new HeadObjectCommand({ Bucket: 'results', Key: probeKey(t.dest, scope) }))
    assert.equal(probe.ServerSideEncryption, 'aws:kms')

    const location = resultsLocationFor({ ...t, isSseKms })
    assert.match(location, /\.jsonl\.gz$/)
    const recs = records(location)
    assert.deepEqual(await writeResultsFile(source, { ...t, records: recs, isSseKms, keyring: Keyring.fromKeys([randomBytes(32)]) }), { location, isSseKms: true })

    const key = keyOf(location, 'results')
    const head = await client.send(new HeadObjectCommand({ Bucket: 'results', Key: key }))
    assert.equal(head.ServerSideEncryption, 'aws:kms')
    assert.equal(head.SSEKMSKeyId, keyArn)
    assert.equal(head.ContentType, 'application/gzip')
    const body = await getBytes(client, 'results', key)
    assert.equal(isEnvelope(body), false)
    assert.deepEqual(readResultsFile(body), recs, 'one file holds the object and its member, no keyring needed')
  })

})

describe('results repository on s3rver (no SSE-KMS: envelope)', { skip: skipUnless(s3rverUnavailable()) }, () => {
  let server: RunningServer
  let client: S3Client
  let source: S3Source
  const kmsKeyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
  before(async () => {
    server = await startS3rver()
    client = s3Client(server.endpoint, S3RVER_CREDENTIALS)
    await client.send(new CreateBucketCommand({ Bucket: 'results' }))
    source = new S3Source({ kind: 's3', endpoint: server.endpoint, region: REGION, credentials: S3RVER_CREDENTIALS, forcePathStyle: true })
  })
  after(async () => {
    source?.close()
    client?.destroy()
    await server?.stop()
  })

  it('probes no SSE-KMS, seals the file, keeps the planted value out of the stored bytes', async () => {
    const t = target('results', kmsKeyArn)
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const isSseKms = await probeSseKms(source, t.dest, scope)
    assert.equal(isSseKms, false)
    const location = resultsLocationFor({ ...t, isSseKms })
    assert.match(location, /\.jsonl\.gz\.enc$/)
    const recs = records(location)
    assert.deepEqual(await writeResultsFile(source, { ...t, records: recs, isSseKms, keyring }), { location, isSseKms: false })
    // A retried object overwrites its own file.
    await writeResultsFile(source, { ...t, records: recs, isSseKms, keyring })

    const listed = await client.send(new ListObjectsV2Command({ Bucket: 'results', Prefix: resultsPrefix(t.dest, scope, 'job1') }))
    assert.deepEqual(
      (listed.Contents ?? []).map((o) => o.Key),
      [keyOf(location, 'results')],
    )
    const body = await getBytes(client, 'results', keyOf(location, 'results'))
    assert.ok(isEnvelope(body))
    assert.ok(!body.includes(PLANTED), 'no planted value in clear')
    assert.ok(!body.includes(Buffer.from(PLANTED, 'utf16le')))
    assert.deepEqual(readResultsFile(body, keyring), recs)
    assert.throws(() => readResultsFile(body, Keyring.fromKeys([randomBytes(32)])), /master key [0-9a-f]{16} is not in the keyring/)
    assert.throws(() => readResultsFile(body), /no keyring was given/)
  })

  it('replaces the file with its envelope when a store that passed the probe drops SSE-KMS', async () => {
    const t = { ...target('results', kmsKeyArn), runId: 'run2' }
    const keyring = Keyring.fromKeys([randomBytes(32)])
    const location = resultsLocationFor({ ...t, isSseKms: true })
    const recs = records(location)
    assert.deepEqual(await writeResultsFile(source, { ...t, records: recs, isSseKms: true, keyring }), { location, isSseKms: false })
    const body = await getBytes(client, 'results', keyOf(location, 'results'))
    assert.ok(isEnvelope(body))
    assert.ok(!body.includes(PLANTED))
    assert.deepEqual(readResultsFile(body, keyring), recs)
  })

  it('is decrypted by `trawl results decrypt s3://…` with the AWS environment', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'trawl-data-'))
    const keyring = await Keyring.open(dataDir, { env: {} })
    const t = { ...target('results', kmsKeyArn), runId: 'run3' }
    const location = resultsLocationFor({ ...t, isSseKms: false })
    const recs = records(location)
    await writeResultsFile(source, { ...t, records: recs, isSseKms: false, keyring })
    const r = trawl(['results', 'decrypt', location, '--data-dir', dataDir], {
      AWS_ENDPOINT_URL_S3: server.endpoint,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      TRAWL_S3_FORCE_PATH_STYLE: 'true',
    })
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(jsonLines(r.stdout), recs)
  })
})

function trawl(args: string[], env: Record<string, string> = {}): { code: number; stdout: string; stderr: string } {
  const base = { ...process.env }
  delete base[RESULTS_KEY_ENV]
  delete base.TRAWL_DATA_DIR
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { encoding: 'utf8', env: { ...base, ...env }, maxBuffer: 64 << 20 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

function jsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l))
}

describe('trawl results decrypt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trawl-decrypt-'))
  const dataDir = join(dir, 'data')
  const recs = records('s3://results/macie/x.jsonl.gz.enc')
  let sealedPath: string
  let plainPath: string
  before(async () => {
    const keyring = await Keyring.open(dataDir, { env: {} })
    sealedPath = join(dir, 'x.jsonl.gz.enc')
    writeFileSync(sealedPath, sealEnvelope(encodeResults(recs), keyring))
    plainPath = join(dir, 'y.jsonl.gz')
    writeFileSync(plainPath, encodeResults(recs.slice(0, 1)))
  })

  it('prints an envelope file from a folder as JSON Lines in clear, with the data folder keyring', () => {
    const r = trawl(['results', 'decrypt', sealedPath, '--data-dir', dataDir])
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(jsonLines(r.stdout), recs)
  })

  it('reads TRAWL_DATA_DIR, and several files in order, a gzip one needing no key', () => {
    const r = trawl(['results', 'decrypt', plainPath, sealedPath], { TRAWL_DATA_DIR: dataDir })
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(jsonLines(r.stdout), [...recs.slice(0, 1), ...recs])
  })

  it('writes --output readable by its owner only', () => {
    const out = join(dir, 'clear.jsonl')
    writeFileSync(out, 'old\n', { mode: 0o644 })
    const r = trawl(['results', 'decrypt', sealedPath, '--data-dir', dataDir, '--output', out])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(r.stdout, '')
    assert.equal(statSync(out).mode & 0o777, 0o600)
    assert.deepEqual(jsonLines(readFileSync(out, 'utf8')), recs)
  })

  it('takes the key from TRAWL_RESULTS_KEY', async () => {
    const key = randomBytes(32)
    const path = join(dir, 'env.jsonl.gz.enc')
    writeFileSync(path, sealEnvelope(encodeResults(recs), Keyring.fromKeys([key])))
    const r = trawl(['results', 'decrypt', path, '--data-dir', join(dir, 'nowhere')], { [RESULTS_KEY_ENV]: key.toString('base64') })
    assert.equal(r.code, 0, r.stderr)
    assert.deepEqual(jsonLines(r.stdout), recs)
  })

  it('fails clearly, exit 2, without a keyring, and creates none', () => {
    const empty = join(dir, 'empty-data')
    const r = trawl(['results', 'decrypt', sealedPath, '--data-dir', empty])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /no keyring at .*keyring\.json/)
    assert.equal(existsSync(empty), false)
  })

  it('fails clearly, exit 2, on an altered file, printing nothing of it', () => {
    const altered = readFileSync(sealedPath)
    altered[altered.length - 40]! ^= 0x10
    const path = join(dir, 'altered.jsonl.gz.enc')
    writeFileSync(path, altered)
    const r = trawl(['results', 'decrypt', path, '--data-dir', dataDir])
    assert.equal(r.code, 2)
    assert.equal(r.stdout, '')
    assert.match(r.stderr, /altered\.jsonl\.gz\.enc: the envelope does not authenticate/)
  })

  it('fails clearly, exit 2, on a file that does not exist', () => {
    const r = trawl(['results', 'decrypt', join(dir, 'missing.jsonl.gz'), '--data-dir', dataDir])
    assert.equal(r.code, 2)
    assert.match(r.stderr, /cannot read .*missing\.jsonl\.gz/)
  })
})
