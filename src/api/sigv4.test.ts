// verifySigV4 against requests signed by the SDK's own signer, the real Macie2 SDK client and the aws CLI.
// The signer and clients are the reference: if they and the verifier disagree, the verifier is wrong.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignatureV4 } from '@smithy/signature-v4'
import {
  GetMacieSessionCommand,
  ListTagsForResourceCommand,
  Macie2Client,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-macie2'
import { AuthError, verifySigV4, type SignedRequest, type VerifiedCaller } from './sigv4.js'

const ACCOUNT = '111122223333'
const KEY = 'AKIAIOSFODNN7EXAMPLE'
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
const lookup = (id: string) => (id === KEY ? { secretAccessKey: SECRET, accountId: ACCOUNT } : undefined)
const NOW = new Date('2026-11-28T12:00:00Z')
const JOB_ARN = `arn:aws:macie2:us-east-1:${ACCOUNT}:classification-job/abc`

type SourceData = string | ArrayBuffer | ArrayBufferView

function toBytes(data: SourceData): string | Buffer {
  if (typeof data === 'string') return data
  if (data instanceof ArrayBuffer) return Buffer.from(data)
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength)
}

/** node:crypto behind the Checksum interface the smithy signer expects. */
class NodeSha256 {
  private hash: Hash | Hmac
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh()
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(this.secret))
  }
  update(data: SourceData): void {
    this.hash.update(toBytes(data))
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest())
  }
  reset(): void {
    this.hash = this.fresh()
  }
}

interface SignOptions {
  method?: string
  path?: string
  query?: Array<[string, string]>
  headers?: Record<string, string>
  body?: string
  date?: Date
  secret?: string
  accessKeyId?: string
  service?: string
  region?: string
  applyChecksum?: boolean
  withHost?: boolean
}

/** Signs a request as the SDK's Macie2 client does, and returns it as a Node server would receive it. */
async function sign(o: SignOptions = {}): Promise<SignedRequest> {
  const signer = new SignatureV4({
    service: o.service ?? 'macie2',
    region: o.region ?? 'us-east-1',
    credentials: { accessKeyId: o.accessKeyId ?? KEY, secretAccessKey: o.secret ?? SECRET },
    sha256: NodeSha256,
    uriEscapePath: true,
    applyChecksum: o.applyChecksum ?? false,
  })
  const query: Record<string, string | string[]> = {}
  for (const [k, v] of o.query ?? []) {
    const prior = query[k]
    query[k] = prior === undefined ? v : [...(Array.isArray(prior) ? prior : [prior]), v]
  }
  const headers: Record<string, string> = { ...(o.withHost === false ? {} : { host: '127.0.0.1:8080' }), ...o.headers }
  const path = o.path ?? '/macie'
  const signed = await signer.sign(
    { method: o.method ?? 'GET', protocol: 'http:', hostname: '127.0.0.1', port: 8080, path, query, headers, body: o.body },
    { signingDate: o.date ?? NOW },
  )
  const qs = (o.query ?? []).map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join('&')
  const received: Record<string, string> = {}
  for (const [k, v] of Object.entries(signed.headers)) received[k.toLowerCase()] = v
  return { method: signed.method, rawUrl: qs ? `${path}?${qs}` : path, headers: received, body: Buffer.from(o.body ?? '') }
}

function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

function rejects(request: SignedRequest, code: string, message: RegExp, now = NOW): void {
  assert.throws(
    () => verifySigV4(request, lookup, now),
    (err: unknown) => {
      assert.ok(err instanceof AuthError, `expected AuthError, got ${String(err)}`)
      assert.equal(err.code, code)
      assert.equal(err.status, 403)
      assert.match(err.message, message)
      return true
    },
  )
}

const jobPath = `/tags/${encodeURIComponent(JOB_ARN)}`

describe('verifySigV4 with requests signed by @smithy/signature-v4', () => {
  it('accepts an empty-body GET and returns the caller and the scope region', async () => {
    const caller = verifySigV4(await sign({ region: 'eu-west-3' }), lookup, NOW)
    assert.deepEqual(caller, { accessKeyId: KEY, accountId: ACCOUNT, region: 'eu-west-3' })
  })

  it('accepts a path carrying an encoded ARN, signed with each segment encoded once more', async () => {
    assert.ok(jobPath.includes('%3A') && jobPath.includes('%2F'))
    const req = await sign({ path: jobPath })
    assert.equal(verifySigV4(req, lookup, NOW).accountId, ACCOUNT)
    // The canonical URI double-encodes: %3A becomes %253A, %2F becomes %252F.
    assert.throws(
      () => verifySigV4(req, () => ({ secretAccessKey: 'other', accountId: ACCOUNT }), NOW),
      /\n\/tags\/arn%253Aaws%253Amacie2%253Aus-east-1%253A111122223333%253Aclassification-job%252Fabc\n/,
    )
    // The decoded path is a different request.
    rejects({ ...req, rawUrl: `/tags/${JOB_ARN}` }, 'InvalidSignatureException', /does not match/)
  })

  it('accepts repeated query keys in any order, sorted by key then value', async () => {
    const query: Array<[string, string]> = [
      ['tagKeys', 'zeta'],
      ['tagKeys', 'a b'],
      ['tagKeys', 'Alpha/1'],
      ['maxResults', '25'],
    ]
    const req = await sign({ method: 'DELETE', path: jobPath, query })
    assert.equal(verifySigV4(req, lookup, NOW).accessKeyId, KEY)
    const reordered = `${jobPath}?maxResults=25&tagKeys=Alpha%2F1&tagKeys=zeta&tagKeys=a%20b`
    assert.equal(verifySigV4({ ...req, rawUrl: reordered }, lookup, NOW).accessKeyId, KEY)
    rejects({ ...req, rawUrl: `${jobPath}?maxResults=25&tagKeys=zeta&tagKeys=a%20b` }, 'InvalidSignatureException', /does not match/)
  })

  it('accepts a JSON POST, with and without x-amz-content-sha256', async () => {
    const body = JSON.stringify({ tags: { team: 'data', 'cost center': '42' } })
    for (const applyChecksum of [false, true]) {
      const req = await sign({
        method: 'POST',
        path: jobPath,
        body,
        headers: { 'content-type': 'application/json', 'x-amz-user-agent': 'aws-sdk-js/3  test' },
        applyChecksum,
      })
      assert.equal('x-amz-content-sha256' in req.headers, applyChecksum)
      assert.equal(verifySigV4(req, lookup, NOW).region, 'us-east-1')
    }
  })

  it('ignores headers that were not signed', async () => {
    const req = await sign({ headers: { 'content-type': 'application/json' } })
    const withExtra = { ...req, headers: { ...req.headers, 'user-agent': 'changed', 'x-forwarded-for': '10.0.0.1' } }
    assert.equal(verifySigV4(withExtra, lookup, NOW).accountId, ACCOUNT)
  })

  it('collapses and trims signed header values as the signer does', async () => {
    const req = await sign({ headers: { 'x-amz-meta': '  a   b  c ' } })
    assert.equal(verifySigV4({ ...req, headers: { ...req.headers, 'x-amz-meta': 'a b c' } }, lookup, NOW).accountId, ACCOUNT)
  })

  it('reads header names case-insensitively', async () => {
    const req = await sign()
    const upper = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toUpperCase(), v]))
    assert.equal(verifySigV4({ ...req, headers: upper }, lookup, NOW).accountId, ACCOUNT)
  })
})

describe('verifySigV4 rejections', () => {
  it('rejects a request without Authorization or with another scheme as MissingAuthenticationToken', async () => {
    const req = await sign()
    const noAuth = { ...req.headers }
    delete noAuth.authorization
    rejects({ ...req, headers: noAuth }, 'MissingAuthenticationTokenException', /^Missing Authentication Token$/)
    rejects({ ...req, headers: { ...req.headers, authorization: 'Bearer abc' } }, 'MissingAuthenticationTokenException', /Missing/)
  })

  it('rejects an unknown access key as UnrecognizedClient', async () => {
    rejects(
      await sign({ accessKeyId: 'AKIAUNKNOWNKEY000000' }),
      'UnrecognizedClientException',
      /^The security token included in the request is invalid\.$/,
    )
  })

  it('rejects a session token, since trawl issues none', async () => {
    const req = await sign()
    rejects({ ...req, headers: { ...req.headers, 'x-amz-security-token': 'FwoG' } }, 'UnrecognizedClientException', /security token/)
  })

  it('rejects a wrong secret and tells the canonical request and string to sign', async () => {
    rejects(
      await sign({ secret: 'not-the-secret' }),
      'InvalidSignatureException',
      /^The request signature we calculated does not match the signature you provided\. .*\n\nThe Canonical String for this request should have been\n'GET\n\/macie\n\nhost:127\.0\.0\.1:8080\n[\s\S]*The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20261128T120000Z\n20261128\/us-east-1\/macie2\/aws4_request\n[0-9a-f]{64}'\n$/,
    )
  })

  it('rejects a tampered body, whether or not x-amz-content-sha256 was sent', async () => {
    for (const applyChecksum of [false, true]) {
      const req = await sign({ method: 'POST', path: '/jobs', body: '{"name":"a"}', applyChecksum })
      rejects(
        { ...req, body: Buffer.from('{"name":"b"}') },
        'InvalidSignatureException',
        applyChecksum ? /x-amz-content-sha256' header does not match/ : /does not match the signature/,
      )
    }
  })

  it('rejects a tampered signed header, method or path', async () => {
    const req = await sign({ method: 'POST', path: '/jobs', body: '{}', headers: { 'content-type': 'application/json' } })
    rejects({ ...req, headers: { ...req.headers, 'content-type': 'text/plain' } }, 'InvalidSignatureException', /does not match/)
    rejects({ ...req, method: 'PUT' }, 'InvalidSignatureException', /does not match/)
    rejects({ ...req, rawUrl: '/jobs/x' }, 'InvalidSignatureException', /does not match/)
    rejects({ ...req, rawUrl: '/jobs?x=1' }, 'InvalidSignatureException', /does not match/)
  })

  it('rejects a signature that is not 64 hex characters', async () => {
    const req = await sign()
    const auth = String(req.headers.authorization).replace(/Signature=[0-9a-f]+/, 'Signature=abc')
    rejects({ ...req, headers: { ...req.headers, authorization: auth } }, 'InvalidSignatureException', /does not match/)
  })

  it('rejects a request whose host is not signed', async () => {
    const req = await sign({ withHost: false })
    assert.doesNotMatch(String(req.headers.authorization), /host/)
    rejects(
      { ...req, headers: { ...req.headers, host: '127.0.0.1:8080' } },
      'InvalidSignatureException',
      /^'Host' must be a 'SignedHeader' in the AWS Authorization\.$/,
    )
  })

  it('rejects a credential scoped to another service, naming macie2', async () => {
    rejects(await sign({ service: 'macie' }), 'InvalidSignatureException', /^Credential should be scoped to correct service: 'macie2'\.$/)
  })

  it('rejects a scope date that is not the day of X-Amz-Date', async () => {
    const req = await sign({ date: new Date('2026-11-28T23:59:00Z') })
    rejects(
      { ...req, headers: { ...req.headers, 'x-amz-date': '20261129T000100Z' } },
      'InvalidSignatureException',
      /^Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261128' != '20261129', from '20261129T000100Z'\.$/,
      new Date('2026-11-29T00:00:00Z'),
    )
  })

  it('accepts dates up to 15 minutes off and rejects one second more, either way', async () => {
    const at = (ms: number) => new Date(NOW.getTime() + ms)
    const fifteen = 15 * 60 * 1000
    assert.equal(verifySigV4(await sign({ date: at(-fifteen) }), lookup, NOW).accountId, ACCOUNT)
    assert.equal(verifySigV4(await sign({ date: at(fifteen) }), lookup, NOW).accountId, ACCOUNT)
    rejects(
      await sign({ date: at(-fifteen - 1000) }),
      'InvalidSignatureException',
      /^Signature expired: 20261128T114459Z is now earlier than 20261128T114500Z \(20261128T120000Z - 15 min\.\)$/,
    )
    rejects(
      await sign({ date: at(fifteen + 1000) }),
      'InvalidSignatureException',
      /^Signature not yet current: 20261128T121501Z is still later than 20261128T121500Z \(20261128T120000Z \+ 15 min\.\)$/,
    )
  })

  it('rejects malformed Authorization headers as IncompleteSignature', async () => {
    const req = await sign()
    const auth = String(req.headers.authorization)
    const withAuth = (authorization: string) => ({ ...req, headers: { ...req.headers, authorization } })
    rejects(withAuth('AWS4-HMAC-SHA256 Credential'), 'IncompleteSignatureException', /'Credential' not a valid key=value pair \(missing equal-sign\)/)
    rejects(
      withAuth(auth.replace(/, Signature=[0-9a-f]+/, '')),
      'IncompleteSignatureException',
      /^Authorization header requires 'Signature' parameter\. Authorization=AWS4-HMAC-SHA256 Credential=/,
    )
    rejects(
      withAuth('AWS4-HMAC-SHA256 '),
      'IncompleteSignatureException',
      /requires 'Credential' parameter\. .*requires 'Signature' parameter\. .*requires 'SignedHeaders' parameter\./,
    )
    rejects(
      withAuth(auth.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA512')),
      'IncompleteSignatureException',
      /^Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512'/,
    )
    rejects(
      withAuth(auth.replace('/us-east-1/macie2/aws4_request', '/us-east-1/macie2')),
      'IncompleteSignatureException',
      /^Credential must have exactly 5 slash-delimited elements, e\.g\. keyid\/date\/region\/service\/term, got '/,
    )
    rejects(withAuth(auth.replace('aws4_request', 'aws5_request')), 'InvalidSignatureException', /valid terminator: 'aws4_request', not 'aws5_request'/)
    rejects(withAuth(auth.replace('us-east-1', 'US EAST')), 'InvalidSignatureException', /scoped to a valid region, not 'US EAST'/)
  })

  it('requires X-Amz-Date (or Date) in ISO-8601 basic format', async () => {
    const req = await sign()
    const noDate = { ...req.headers }
    delete noDate['x-amz-date']
    rejects({ ...req, headers: noDate }, 'IncompleteSignatureException', /requires existence of either a 'X-Amz-Date' or a 'Date' header/)
    for (const bad of ['2026-11-28T12:00:00Z', '20261328T120000Z', 'yesterday']) {
      rejects({ ...req, headers: { ...req.headers, 'x-amz-date': bad } }, 'IncompleteSignatureException', /Date must be in ISO-8601 'basic format'/)
    }
  })
})

interface Seen {
  caller?: VerifiedCaller
  error?: string
  method?: string
  url?: string
}

/** A stand-in API: verifies every request and answers 200 `{}` or the AWS error shape. */
async function startVerifyingServer(): Promise<{ server: Server; endpoint: string; seen: Seen[] }> {
  const seen: Seen[] = []
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const entry: Seen = { method: req.method, url: req.url }
      seen.push(entry)
      try {
        entry.caller = verifySigV4({ method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headers, body: Buffer.concat(chunks) }, lookup)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
      } catch (err) {
        if (!(err instanceof AuthError)) throw err
        entry.error = err.code
        res.writeHead(err.status, { 'content-type': 'application/json', 'x-amzn-errortype': err.code })
        res.end(JSON.stringify({ message: err.message }))
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

describe('verifySigV4 with real clients over HTTP', () => {
  let server: Server
  let endpoint: string
  let seen: Seen[]
  before(async () => {
    ;({ server, endpoint, seen } = await startVerifyingServer())
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('verifies @aws-sdk/client-macie2 requests: GET, encoded ARN path, JSON POST, repeated query keys', async () => {
    const client = new Macie2Client({ endpoint, region: 'ap-south-1', credentials: { accessKeyId: KEY, secretAccessKey: SECRET } })
    seen.length = 0
    await client.send(new GetMacieSessionCommand({}))
    await client.send(new ListTagsForResourceCommand({ resourceArn: JOB_ARN }))
    await client.send(new TagResourceCommand({ resourceArn: JOB_ARN, tags: { team: 'data' } }))
    await client.send(new UntagResourceCommand({ resourceArn: JOB_ARN, tagKeys: ['b', 'a', 'a b'] }))
    assert.deepEqual(seen.map((s) => [s.method, s.error, s.caller?.region]), [
      ['GET', undefined, 'ap-south-1'],
      ['GET', undefined, 'ap-south-1'],
      ['POST', undefined, 'ap-south-1'],
      ['DELETE', undefined, 'ap-south-1'],
    ])
    assert.match(seen[1]!.url!, /^\/tags\/arn%3Aaws%3Amacie2/)
    assert.match(seen[3]!.url!, /tagKeys=b&tagKeys=a&tagKeys=a%20b/)
    client.destroy()
  })

  it('answers the SDK a wrong secret with InvalidSignatureException', async () => {
    const client = new Macie2Client({ endpoint, region: 'us-east-1', credentials: { accessKeyId: KEY, secretAccessKey: 'wrong' }, maxAttempts: 1 })
    await assert.rejects(client.send(new GetMacieSessionCommand({})), (err: Error) => err.name === 'InvalidSignatureException')
    client.destroy()
  })

  const clis: Array<[label: string, command: string, reason?: string]> = [
    ['aws CLI v1 (aws on PATH)', 'aws'],
    ['aws CLI v2 (/usr/bin/aws)', '/usr/bin/aws', existsSync('/usr/bin/aws') ? undefined : '/usr/bin/aws is not installed'],
  ]
  for (const [label, command, reason] of clis) {
    it(`verifies the ${label}, and rejects it with a wrong secret`, { skip: reason ?? false, timeout: 60_000 }, async () => {
      const run = (secret: string, args: string[]) => runCli(command, secret, [...args, '--endpoint-url', endpoint, '--region', 'us-east-1'])
      seen.length = 0
      const session = await run(SECRET, ['macie2', 'get-macie-session'])
      assert.equal(session.code, 0, session.stderr)
      const tags = await run(SECRET, ['macie2', 'list-tags-for-resource', '--resource-arn', JOB_ARN])
      assert.equal(tags.code, 0, tags.stderr)
      assert.deepEqual(seen.map((s) => [s.method, s.error, s.caller?.accountId]), [
        ['GET', undefined, ACCOUNT],
        ['GET', undefined, ACCOUNT],
      ])
      assert.match(seen[1]!.url!, /^\/tags\/arn%3Aaws%3Amacie2%3Aus-east-1%3A111122223333%3Aclassification-job%2Fabc$/)

      const wrong = await run('not-the-secret', ['macie2', 'get-macie-session'])
      assert.notEqual(wrong.code, 0)
      assert.match(wrong.stderr, /InvalidSignatureException/)
      assert.equal(seen.at(-1)?.error, 'InvalidSignatureException')
    })
  }
})

/** Runs an aws CLI with only the given key pair: no profile, no config file, no instance metadata. */
function runCli(command: string, secret: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: KEY,
    AWS_SECRET_ACCESS_KEY: secret,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
  })
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: 50_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}
