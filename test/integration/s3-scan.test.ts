// `trawl scan s3://bucket[/prefix]` against moto's S3, reached through the standard AWS
// environment (AWS_ENDPOINT_URL_S3 and static keys), as a user's shell would set it.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { motoUnavailable, skipUnless, startMoto, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'

function trawl(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', ...args], { env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }))
  })
}

describe('trawl scan s3://', { skip: skipUnless(motoUnavailable()) }, () => {
  let moto: RunningServer
  let env: Record<string, string>

  before(async () => {
    moto = await startMoto()
    const s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS, forcePathStyle: true })
    await s3.send(new CreateBucketCommand({ Bucket: 'demo' }))
    for (const key of ['hr/employees.csv', 'docs/README.md', 'notes/onboarding.txt']) {
      await s3.send(new PutObjectCommand({ Bucket: 'demo', Key: key, Body: readFileSync(join('examples/demo-bucket', key)) }))
    }
    s3.destroy()
    env = {
      AWS_ENDPOINT_URL_S3: moto.endpoint,
      AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
    }
  })

  after(async () => {
    await moto?.stop()
  })

  it('scans a bucket and reports what it holds', async () => {
    const r = await trawl(['scan', 's3://demo', '--no-progress', '--workers', '1'], env)
    assert.equal(r.code, 1, r.stderr)
    const records = r.stdout.trim().split('\n').map((l) => JSON.parse(l))
    const byKey = new Map(records.map((rec) => [rec.resourcesAffected.s3Object.key, rec]))
    assert.deepEqual([...byKey.keys()].sort(), ['docs/README.md', 'hr/employees.csv', 'notes/onboarding.txt'])
    const hr = byKey.get('hr/employees.csv')
    assert.equal(hr.type, 'SensitiveData:S3Object/Personal')
    assert.equal(hr.resourcesAffected.s3Bucket.name, 'demo')
    assert.match(hr.resourcesAffected.s3Object.eTag, /^[0-9a-f]{32}$/)
    assert.equal(byKey.get('docs/README.md').type, undefined)
  })

  it('scans only the prefix asked for', async () => {
    const r = await trawl(['scan', 's3://demo/hr/', '--no-progress', '--workers', '0'], env)
    const keys = r.stdout.trim().split('\n').map((l) => JSON.parse(l).resourcesAffected.s3Object.key)
    assert.deepEqual(keys, ['hr/employees.csv'])
  })

  it('a missing bucket is a clear error', async () => {
    const r = await trawl(['scan', 's3://no-such-bucket', '--no-progress'], env)
    assert.notEqual(r.code, 0)
    assert.match(r.stderr, /no-such-bucket/)
    assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/, 'no stack trace')
  })
})
