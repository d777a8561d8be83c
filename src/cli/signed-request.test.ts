import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { verifySigV4 } from '../api/sigv4.js'
import { signedRequest } from './signed-request.js'

const KEY = { accessKeyId: 'AKIAHISTORYTEST00001', secretAccessKey: 'history-test-secret-000000000000000000' }
const lookup = (id: string) => (id === KEY.accessKeyId ? { secretAccessKey: KEY.secretAccessKey, accountId: '111122223333' } : undefined)

describe('signedRequest', () => {
  let server: Server
  let endpoint: string
  let seen: { caller?: unknown; url?: string } = {}
  before(async () => {
    // The API's own verifier checks what the history command signs.
    server = createServer((req, res) => {
      seen = { url: req.url }
      try {
        seen.caller = verifySigV4({ method: req.method!, rawUrl: req.url!, headers: req.headers, body: Buffer.alloc(0) }, lookup)
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: [], ok: true }))
      } catch (err) {
        const e = err as { code?: string; status?: number; message: string }
        res.writeHead(e.status ?? 500, { 'content-type': 'application/json', 'x-amzn-errortype': e.code ?? 'Error' }).end(JSON.stringify({ message: e.message }))
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  })
  after(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('signs a GET with a query the API verifies', async () => {
    const body = await signedRequest('GET', '/trawl/audit-history', { since: '2026-01-31T00:00:00.000Z', ruleId: 'Macie2-003', region: 'eu-west-1', nextToken: 'abc_-' }, { endpoint, credentials: KEY, region: 'eu-west-1' })
    assert.deepEqual(body, { results: [], ok: true })
    assert.deepEqual(seen.caller, { accessKeyId: KEY.accessKeyId, accountId: '111122223333', region: 'eu-west-1' })
    assert.match(seen.url!, /^\/trawl\/audit-history\?nextToken=abc_-&region=eu-west-1&ruleId=Macie2-003&since=2026-01-31T00%3A00%3A00.000Z$/)
  })

  it('signs a POST the API verifies, and the method is part of the signature', async () => {
    assert.deepEqual(await signedRequest('POST', '/trawl/dead-letters/redeliver', { ids: 'a,b' }, { endpoint, credentials: KEY, region: 'us-east-1' }), { results: [], ok: true })
    assert.match(seen.url!, /^\/trawl\/dead-letters\/redeliver\?ids=a%2Cb$/)
    assert.deepEqual(seen.caller, { accessKeyId: KEY.accessKeyId, accountId: '111122223333', region: 'us-east-1' })
  })

  it('throws the API\'s error type and message for a wrong secret', async () => {
    await assert.rejects(signedRequest('GET', '/trawl/audit-history', {}, { endpoint, credentials: { ...KEY, secretAccessKey: 'wrong' }, region: 'us-east-1' }), /^Error: InvalidSignatureException: /)
  })

  it('names the endpoint it cannot reach', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as { port: number }).port
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    await assert.rejects(signedRequest('GET', '/trawl/audit-history', {}, { endpoint: `http://127.0.0.1:${port}`, credentials: KEY, region: 'us-east-1' }), new RegExp(`cannot reach http://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`))
  })
})
