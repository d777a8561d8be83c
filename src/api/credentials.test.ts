// loadApiCredentials on throwaway data folders: first-start creation, the file's rules, TRAWL_* variables.
// Every error path also checks that no secret leaks into the message.
import { describe, it, beforeEach, afterEach } from 'node:test'
import assert from 'node:assert/strict'
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InvalidInputError } from '../errors.js'
import { credentialLookup, loadApiCredentials, readAccountsFile, sourcesOf, type ApiAccount } from './credentials.js'

const posixOnly = process.platform === 'win32' ? 'file modes are POSIX-only' : false

describe('loadApiCredentials', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-credentials-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  const file = () => join(dir, 'credentials.json')
  async function writeCredentials(accounts: unknown[], mode = 0o600): Promise<void> {
    await writeFile(file(), JSON.stringify({ version: 1, accounts }), { mode })
    await chmod(file(), mode)
  }

  it('creates credentials.json with one AWS-shaped account on first start and returns it as created', async () => {
    const dataDir = join(dir, 'not-yet')
    const first = await loadApiCredentials(dataDir, {})
    assert.ok(first.created)
    assert.deepEqual(first.accounts, [first.created])
    assert.match(first.created.accountId, /^\d{12}$/)
    assert.match(first.created.accessKeyId, /^AKIA[A-Z2-7]{16}$/)
    assert.match(first.created.secretAccessKey, /^[A-Za-z0-9+/]{40}$/)

    const path = join(dataDir, 'credentials.json')
    assert.deepEqual(JSON.parse(await readFile(path, 'utf8')), { version: 1, accounts: [first.created] })
    if (!posixOnly) assert.equal((await stat(path)).mode & 0o777, 0o600)

    const second = await loadApiCredentials(dataDir, {})
    assert.equal(second.created, undefined)
    assert.deepEqual(second.accounts, first.accounts)
  })

  it('generates a different account and key pair for each data folder', async () => {
    const a = await loadApiCredentials(join(dir, 'a'), {})
    const b = await loadApiCredentials(join(dir, 'b'), {})
    assert.notEqual(a.created?.accessKeyId, b.created?.accessKeyId)
    assert.notEqual(a.created?.secretAccessKey, b.created?.secretAccessKey)
  })

  it('creates the file once when two starts race', async () => {
    const results = await Promise.all([loadApiCredentials(dir, {}), loadApiCredentials(dir, {})])
    assert.equal(results.filter((r) => r.created).length, 1)
    assert.deepEqual(results[0]!.accounts, results[1]!.accounts)
  })

  it('reads several accounts from the file', async () => {
    const accounts: ApiAccount[] = [
      { accountId: '111122223333', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'secret-a' },
      { accountId: '444455556666', accessKeyId: 'AKIABBBBBBBBBBBBBBBB', secretAccessKey: 'secret-b' },
    ]
    await writeCredentials(accounts)
    assert.deepEqual(await loadApiCredentials(dir, {}), { accounts })
  })

  it('refuses a file that others can read, saying how to fix it', { skip: posixOnly }, async () => {
    await writeCredentials([{ accountId: '111122223333', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 's' }], 0o644)
    await assert.rejects(loadApiCredentials(dir, {}), (err: Error) => {
      assert.ok(err instanceof InvalidInputError)
      assert.match(err.message, /^Permissions 0644 for '.*credentials\.json' are too open.*chmod 600/)
      return true
    })
    await chmod(file(), 0o640)
    await assert.rejects(loadApiCredentials(dir, {}), /Permissions 0640/)
  })

  it('rejects malformed files without echoing their content', async () => {
    const secret = 'do-not-print-this-secret'
    await writeFile(file(), `{"version": 1, "accounts": [{"secretAccessKey": "${secret}" oops`, { mode: 0o600 })
    await assert.rejects(loadApiCredentials(dir, {}), (err: Error) => {
      assert.ok(err instanceof InvalidInputError)
      assert.match(err.message, /is not valid JSON$/)
      assert.ok(!err.message.includes(secret) && err.cause === undefined)
      return true
    })

    const bad: Array<[unknown, RegExp]> = [
      [{ version: 2, accounts: [] }, /expected \{"version": 1/],
      [{ version: 1, accounts: [] }, /at least one account/],
      [{ version: 1, accounts: [{ accountId: '1234', accessKeyId: 'AKIAX', secretAccessKey: secret }] }, /accounts\[0\]: the account ID must be 12 digits/],
      [{ version: 1, accounts: [{ accountId: '111122223333', accessKeyId: 'AK/IA', secretAccessKey: secret }] }, /access key ID must be/],
      [{ version: 1, accounts: [{ accountId: '111122223333', accessKeyId: 'AKIAX', secretAccessKey: '' }] }, /secret access key must be/],
      [
        {
          version: 1,
          accounts: [
            { accountId: '111122223333', accessKeyId: 'AKIAX', secretAccessKey: secret },
            { accountId: '444455556666', accessKeyId: 'AKIAX', secretAccessKey: secret },
          ],
        },
        /accounts\[1\]: access key ID AKIAX is listed twice/,
      ],
    ]
    for (const [content, message] of bad) {
      await writeFile(file(), JSON.stringify(content), { mode: 0o600 })
      await assert.rejects(loadApiCredentials(dir, {}), (err: Error) => {
        assert.ok(err instanceof InvalidInputError)
        assert.match(err.message, message)
        assert.ok(!err.message.includes(secret))
        return true
      })
    }
  })

  describe('TRAWL_* variables', () => {
    const env = { TRAWL_ACCESS_KEY_ID: 'AKIAENVENVENVENVENV1', TRAWL_SECRET_ACCESS_KEY: 'env-secret' }

    it('set one account explicitly and create no file', async () => {
      const result = await loadApiCredentials(dir, { ...env, TRAWL_ACCOUNT_ID: '999988887777' })
      assert.deepEqual(result, { accounts: [{ accountId: '999988887777', accessKeyId: env.TRAWL_ACCESS_KEY_ID, secretAccessKey: 'env-secret' }] })
      await assert.rejects(stat(file()), { code: 'ENOENT' })
    })

    it("default the account to the data folder's first account", async () => {
      await writeCredentials([
        { accountId: '111122223333', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'a' },
        { accountId: '444455556666', accessKeyId: 'AKIABBBBBBBBBBBBBBBB', secretAccessKey: 'b' },
      ])
      const { accounts } = await loadApiCredentials(dir, env)
      assert.deepEqual(accounts, [{ accountId: '111122223333', accessKeyId: env.TRAWL_ACCESS_KEY_ID, secretAccessKey: 'env-secret' }])
    })

    it('default the account to a new 12-digit ID when the folder has none', async () => {
      const { accounts, created } = await loadApiCredentials(dir, env)
      assert.equal(created, undefined)
      assert.match(accounts[0]!.accountId, /^\d{12}$/)
    })

    it('must come as a pair, with a 12-digit account ID', async () => {
      await assert.rejects(loadApiCredentials(dir, { TRAWL_ACCESS_KEY_ID: 'AKIAX' }), /must be set together/)
      await assert.rejects(loadApiCredentials(dir, { TRAWL_SECRET_ACCESS_KEY: 'x' }), /must be set together/)
      await assert.rejects(loadApiCredentials(dir, { ...env, TRAWL_ACCOUNT_ID: '12' }), (err: Error) => {
        assert.ok(err instanceof InvalidInputError)
        assert.match(err.message, /TRAWL_ACCOUNT_ID.*12 digits/)
        assert.ok(!err.message.includes('env-secret'))
        return true
      })
    })
  })
})

describe('accounts file: buckets and webhooks per account', () => {
  let dir: string
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trawl-accounts-'))
  })
  afterEach(() => rm(dir, { recursive: true, force: true }))

  const A = { accountId: '111122223333', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'secret-a' }
  const B = { accountId: '444455556666', accessKeyId: 'AKIABBBBBBBBBBBBBBBB', secretAccessKey: 'secret-b' }
  async function write(accounts: unknown[]): Promise<string> {
    const path = join(dir, 'accounts.json')
    await writeFile(path, JSON.stringify({ version: 1, accounts }), { mode: 0o600 })
    return path
  }

  it('gives each account its folder (relative to the file), S3 endpoint with keys, and webhooks; others the default', async () => {
    const path = await write([
      { ...A, buckets: { folder: 'buckets-a' }, webhooks: [{ url: 'https://hooks.example.com/macie', secret: 'a-webhook-secret-0001' }] },
      { ...B, buckets: { s3: { endpoint: 'http://127.0.0.1:9000', region: 'eu-west-1', forcePathStyle: true, accessKeyId: 'minio', secretAccessKey: 'minio-secret' } } },
    ])
    const { accounts } = await loadApiCredentials(join(dir, 'data'), {}, path)
    assert.deepEqual(accounts[0]!.buckets, { kind: 'folder', root: join(dir, 'buckets-a') })
    assert.deepEqual(accounts[0]!.webhooks, [{ url: 'https://hooks.example.com/macie', secret: 'a-webhook-secret-0001' }])
    assert.deepEqual(accounts[1]!.buckets, {
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' },
    })
    const sourceFor = sourcesOf(accounts, { kind: 'folder', root: '/default' })
    assert.deepEqual(sourceFor(A.accountId), accounts[0]!.buckets)
    assert.deepEqual(sourceFor('999999999999'), { kind: 'folder', root: '/default' })
    assert.deepEqual(await readAccountsFile(join(dir, 'data'), path), accounts)
  })

  it('names the mistake and never echoes a secret', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...A, buckets: { folder: '' } }, /buckets: expected \{"folder"/],
      [{ ...A, buckets: { folder: 'x', s3: {} } }, /buckets: expected/],
      [{ ...A, buckets: { s3: { endpoint: 'ftp://host' } } }, /endpoint must be an http\(s\) URL/],
      [{ ...A, buckets: { s3: { accessKeyId: 'only-the-id' } } }, /accessKeyId and secretAccessKey go together/],
      [{ ...A, buckets: { s3: { secretAccessKey: 'leaky-secret-value' } } }, /go together/],
      [{ ...A, buckets: { s3: { bucket: 'x' } } }, /unknown setting "bucket"/],
      [{ ...A, webhooks: { url: 'https://x' } }, /webhooks must be a list/],
      [{ ...A, webhooks: [{ url: 'file:///etc/passwd' }] }, /url must be an http\(s\) URL/],
      [{ ...A, webhooks: [{ url: 'https://x.example', secret: 'short' }] }, /at least 16 characters/],
    ]
    for (const [entry, message] of cases) {
      const path = await write([entry])
      await assert.rejects(loadApiCredentials(join(dir, 'data'), {}, path), (err: Error) => {
        assert.ok(err instanceof InvalidInputError, err.message)
        assert.match(err.message, message)
        assert.ok(!err.message.includes('leaky-secret-value') && !err.message.includes('secret-a'))
        return true
      })
    }
  })

  it('lets several key pairs share an account only when they agree on its buckets', async () => {
    const second = { ...A, accessKeyId: 'AKIAAAAAAAAAAAAAAAA2' }
    const agreeing = await write([{ ...A, buckets: { folder: 'x' } }, { ...second, buckets: { folder: 'x' } }])
    assert.equal((await loadApiCredentials(join(dir, 'data'), {}, agreeing)).accounts.length, 2)
    const clashing = await write([{ ...A, buckets: { folder: 'x' } }, { ...second, buckets: { folder: 'y' } }])
    await assert.rejects(loadApiCredentials(join(dir, 'data'), {}, clashing), /other buckets or webhooks/)
  })

  it('refuses a named accounts file that does not exist rather than creating one', async () => {
    await assert.rejects(loadApiCredentials(join(dir, 'data'), {}, join(dir, 'missing.json')), /does not exist/)
    await assert.rejects(readAccountsFile(join(dir, 'data'), join(dir, 'missing.json')), /does not exist/)
    assert.equal(await readAccountsFile(join(dir, 'data'), undefined), undefined)
  })
})

describe('credentialLookup', () => {
  it('maps each access key to its secret and account, and unknown keys to undefined', () => {
    const lookup = credentialLookup([
      { accountId: '111122223333', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'a' },
      { accountId: '444455556666', accessKeyId: 'AKIABBBBBBBBBBBBBBBB', secretAccessKey: 'b' },
    ])
    assert.deepEqual(lookup('AKIABBBBBBBBBBBBBBBB'), { secretAccessKey: 'b', accountId: '444455556666' })
    assert.deepEqual(lookup('AKIAAAAAAAAAAAAAAAAA'), { secretAccessKey: 'a', accountId: '111122223333' })
    assert.equal(lookup('akiaaaaaaaaaaaaaaaaa'), undefined)
    assert.equal(lookup('toString'), undefined)
  })
})
