// `trawl serve` over HTTPS with scheduled audits: the audits call the server's own API over
// loopback TLS (trusting its certificate), and `trawl audit history` reads their results over
// HTTPS with the certificate trusted the usual way (NODE_EXTRA_CA_CERTS).
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { Agent } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { EnableMacieCommand, Macie2Client } from '@aws-sdk/client-macie2'
import { NodeHttpHandler } from '@smithy/node-http-handler'
import { startServe, type RunningServe } from '../support/serve.js'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

const ACCOUNT = '135791357913'
const KEYS = { accessKeyId: 'AKIATLSAUDITTEST0001', secretAccessKey: 'tls-audit-secret-0000000000000000000000' }

function opensslUnavailable(): string | undefined {
  return spawnSync('openssl', ['version'], { stdio: 'ignore' }).status === 0 ? undefined : 'openssl is not installed'
}

describe('scheduled audits of trawl serve over HTTPS', { skip: process.env.CI === 'true' ? false : opensslUnavailable() }, () => {
  let dir: string
  let serve: RunningServe
  let endpoint: string
  let cert: string

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-tls-audit-'))
    cert = join(dir, 'cert.pem')
    const key = join(dir, 'key.pem')
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
    assert.equal(made.status, 0, 'openssl made a certificate')
    mkdirSync(join(dir, 'buckets', 'data'), { recursive: true })
    writeFileSync(join(dir, 'buckets', 'data', 'notes.txt'), 'nothing sensitive\n')
    serve = await startServe(['--tls-cert', cert, '--tls-key', key, '--buckets-dir', join(dir, 'buckets'), '--audit-interval', '2s', '--audit-regions', 'us-east-1'], {
      TRAWL_DATA_DIR: join(dir, 'data'),
      TRAWL_ACCESS_KEY_ID: KEYS.accessKeyId,
      TRAWL_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
      TRAWL_ACCOUNT_ID: ACCOUNT,
      TRAWL_CONFIG: '',
      AWS_ACCESS_KEY_ID: KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey,
    })
    endpoint = serve.endpoint.replace('http://', 'https://')
    const macie = new Macie2Client({
      endpoint,
      region: 'us-east-1',
      credentials: KEYS,
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ httpsAgent: new Agent({ ca: readFileSync(cert) }) }),
    })
    await macie.send(new EnableMacieCommand({}))
    macie.destroy()
  })

  after(async () => {
    await serve?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('audits over loopback TLS and the history reads back over HTTPS', async () => {
    const history = (): { code: number | null; results: Array<{ region: string; ruleId: string; verdict: string; runAt: string }>; stderr: string } => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', 'history', '--endpoint-url', endpoint, '--rule', 'Macie2-001', '--format', 'json'], {
        env: { ...process.env, NODE_EXTRA_CA_CERTS: cert, AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey, AWS_REGION: 'us-east-1', AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
        encoding: 'utf8',
        timeout: 60_000,
      })
      return { code: r.status, results: r.status === 0 ? JSON.parse(r.stdout).results : [], stderr: r.stderr }
    }
    let last = history()
    // Macie was enabled after the server started: wait for a run that saw it.
    for (let i = 0; i < 30 && !last.results.some((r) => r.verdict === 'SUCCESS'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      last = history()
    }
    assert.equal(last.code, 0, last.stderr)
    const newest = last.results[0]!
    assert.deepEqual([newest.region, newest.ruleId, newest.verdict], ['us-east-1', 'Macie2-001', 'SUCCESS'], serve.log())
    assert.ok(!serve.log().includes('certificate'), serve.log())
  })
})
