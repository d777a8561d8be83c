import assert from 'node:assert/strict'
import { randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { InvalidInputError } from '../errors.js'
import { Keyring, KEYRING_FILE, RESULTS_KEY_ENV } from './keyring.js'

const noEnv = { env: {} }

function dataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'trawl-keyring-')), 'data')
}

function modeOf(path: string): number {
  return statSync(path).mode & 0o777
}

describe('Keyring', () => {
  it('creates keyring.json with one 256-bit key, readable by its owner only, on first use', async () => {
    const dir = dataDir()
    const keyring = await Keyring.open(dir, noEnv)
    const path = join(dir, KEYRING_FILE)
    assert.equal(modeOf(path), 0o600)
    assert.equal(modeOf(dir), 0o700)
    const file = JSON.parse(readFileSync(path, 'utf8'))
    assert.equal(file.version, 1)
    assert.equal(file.keys.length, 1)
    assert.equal(Buffer.from(file.keys[0].key, 'base64').length, 32)
    assert.equal(file.keys[0].id, keyring.currentKeyId)
    assert.deepEqual(readdirSync(dir), [KEYRING_FILE], 'no temporary file is left behind')
  })

  it('keeps its keys: a data key wrapped before reopening unwraps after', async () => {
    const dir = dataDir()
    const first = await Keyring.open(dir, noEnv)
    const dataKey = randomBytes(32)
    const { keyId, wrapped } = first.wrap(dataKey)
    assert.equal(wrapped.length, 40)
    assert.ok(!wrapped.includes(dataKey), 'the wrapped key does not hold the data key')
    const again = await Keyring.open(dir, noEnv)
    assert.equal(again.currentKeyId, keyId)
    assert.deepEqual(again.unwrap(keyId, wrapped), dataKey)
  })

  it('gives two processes opening a fresh folder at once the same key', async () => {
    const dir = dataDir()
    const [a, b] = await Promise.all([Keyring.open(dir, noEnv), Keyring.open(dir, noEnv)])
    assert.equal(a.currentKeyId, b.currentKeyId)
  })

  it('rotates: the new key wraps, the old one still unwraps, the file stays 0600', async () => {
    const dir = dataDir()
    const keyring = await Keyring.open(dir, noEnv)
    const oldId = keyring.currentKeyId
    const dataKey = randomBytes(32)
    const old = keyring.wrap(dataKey)
    const newId = await keyring.rotate()
    assert.notEqual(newId, oldId)
    assert.equal(keyring.wrap(dataKey).keyId, newId)
    const reopened = await Keyring.open(dir, noEnv)
    assert.deepEqual(reopened.keyIds, [oldId, newId])
    assert.equal(reopened.currentKeyId, newId)
    assert.deepEqual(reopened.unwrap(old.keyId, old.wrapped), dataKey)
    assert.equal(modeOf(join(dir, KEYRING_FILE)), 0o600)
  })

  it('fails clearly on a key ID it does not hold, and on altered wrapped bytes', async () => {
    const keyring = await Keyring.open(dataDir(), noEnv)
    const { keyId, wrapped } = keyring.wrap(randomBytes(32))
    assert.throws(() => keyring.unwrap('0000000000000000', wrapped), /master key 0000000000000000 is not in the keyring/)
    const altered = Buffer.from(wrapped)
    altered[7]! ^= 0x01
    assert.throws(() => keyring.unwrap(keyId, altered), /does not unwrap .*altered/)
  })

  it('does not create a keyring when told not to', async () => {
    const dir = dataDir()
    await assert.rejects(Keyring.open(dir, { env: {}, canCreate: false }), /no keyring at .*keyring\.json/)
    assert.equal(existsSync(dir), false)
  })

  it('refuses a keyring file other users can read', async () => {
    const dir = dataDir()
    await Keyring.open(dir, noEnv)
    chmodSync(join(dir, KEYRING_FILE), 0o644)
    await assert.rejects(Keyring.open(dir, noEnv), (err: Error) => err instanceof InvalidInputError && /chmod 600/.test(err.message))
  })

  it('refuses a damaged keyring file without quoting its contents', async () => {
    const dir = dataDir()
    await Keyring.open(dir, noEnv)
    const path = join(dir, KEYRING_FILE)
    const text = readFileSync(path, 'utf8')
    const key = JSON.parse(text).keys[0].key as string
    writeFileSync(path, text.replace('"version"', 'version'))
    await assert.rejects(Keyring.open(dir, noEnv), (err: Error) => /not a keyring/.test(err.message) && !err.message.includes(key))
    const other = randomBytes(32).toString('base64')
    writeFileSync(path, text.replace(key, other))
    await assert.rejects(Keyring.open(dir, noEnv), /has ID .* but its key's ID is/)
  })

  describe(RESULTS_KEY_ENV, () => {
    it('wraps with the key from the environment and creates no file', async () => {
      const dir = dataDir()
      const key = randomBytes(32)
      const keyring = await Keyring.open(dir, { env: { [RESULTS_KEY_ENV]: key.toString('base64') } })
      assert.equal(keyring.isFromEnv, true)
      assert.equal(existsSync(join(dir, KEYRING_FILE)), false)
      assert.equal(keyring.currentKeyId, Keyring.fromKeys([key]).currentKeyId, 'the same key has the same ID everywhere')
      const { keyId, wrapped } = keyring.wrap(randomBytes(32))
      assert.doesNotThrow(() => Keyring.fromKeys([key]).unwrap(keyId, wrapped))
      await assert.rejects(keyring.rotate(), new RegExp(`comes from ${RESULTS_KEY_ENV}`))
    })

    it('takes precedence over the keyring file, whose keys still unwrap', async () => {
      const dir = dataDir()
      const fromFile = await Keyring.open(dir, noEnv)
      const dataKey = randomBytes(32)
      const old = fromFile.wrap(dataKey)
      const key = randomBytes(32)
      const keyring = await Keyring.open(dir, { env: { [RESULTS_KEY_ENV]: key.toString('base64') } })
      assert.notEqual(keyring.currentKeyId, fromFile.currentKeyId)
      assert.equal(keyring.wrap(dataKey).keyId, Keyring.fromKeys([key]).currentKeyId)
      assert.deepEqual(keyring.unwrap(old.keyId, old.wrapped), dataKey)
    })

    it('takes several keys, newest first: the first wraps, every one unwraps', async () => {
      const newer = randomBytes(32)
      const older = randomBytes(32)
      const dataKey = randomBytes(32)
      const old = Keyring.fromKeys([older]).wrap(dataKey)
      const keyring = await Keyring.open(dataDir(), { env: { [RESULTS_KEY_ENV]: `${newer.toString('base64')}, ${older.toString('base64url')}` } })
      assert.equal(keyring.currentKeyId, Keyring.fromKeys([newer]).currentKeyId)
      assert.deepEqual(keyring.unwrap(old.keyId, old.wrapped), dataKey)
    })

    const bad: Array<[what: string, value: string]> = [
      ['16 bytes', randomBytes(16).toString('base64')],
      ['33 bytes', randomBytes(33).toString('base64')],
      ['not base64', 'this is not a key at all, it has spaces and !!'],
      ['an empty second key', `${randomBytes(32).toString('base64')},`],
    ]
    for (const [what, value] of bad) {
      it(`refuses ${what}, without repeating the value`, async () => {
        await assert.rejects(
          Keyring.open(dataDir(), { env: { [RESULTS_KEY_ENV]: value } }),
          (err: Error) => err instanceof InvalidInputError && /is not the base64 of 32 bytes/.test(err.message) && !err.message.includes(value.split(',')[0]!),
        )
      })
    }
  })
})
