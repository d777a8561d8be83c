import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { puttyPrivateKey } from './putty-private-key.js'

const blob = 'AAAAC3NzaC1lZDI1NTE5AAAAIGq3V8xK2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1c'
const v3 = `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ed25519-key-20240611\nPublic-Lines: 2\n${blob}`
const v2 = `PuTTY-User-Key-File-2: ssh-rsa\r\nEncryption: aes256-cbc\r\nComment: deploy@build-07\r\nPublic-Lines: 6\r\n${blob}`
const argon =
  'PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nKey-Derivation: Argon2id\nArgon2-Memory: 8192\nArgon2-Passes: 13\n' +
  `Argon2-Parallelism: 1\nArgon2-Salt: 5c1f0e8a9b2d7c3e4f6a8b0c1d2e3f40\nComment: ed25519-key-20240611\nPublic-Lines: 2\n${blob}`

const cases: Array<[text: string, expected: string[]]> = [
  [`${v3}\nPrivate-Lines: 1\nAAAAIq3V8xK2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1c\nPrivate-MAC: 5c1f0e8a`, [v3]],
  [v2, [v2]],
  [argon, [argon]], // PPK v3 with a passphrase
  [JSON.stringify({ ppk: v3 }), [JSON.stringify(v3).slice(1, -1)]], // escaped newlines
  [v3.replace('Comment:', 'X-Team: ops\nComment:'), []], // custom header
  [v3.replace('Encryption: none\n', ''), []], // header missing
  [v3.replace(blob, `BBBB${blob.slice(4)}`), []], // not an SSH public key blob
  [v3.replace('Public-Lines: 2', 'Public-Lines: 0'), []], // no public lines
  ['PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: key\nPublic-Lines: 2\n...', []], // documentation placeholder
]

describe(puttyPrivateKey.id, () => {
  for (const [text, expected] of cases) {
    it(JSON.stringify(text).slice(0, 80), () => assert.deepEqual(detectIn(puttyPrivateKey, text).map((d) => d.match), expected))
  }
  it('needs no label: a key file in a column is found as is', () => {
    assert.deepEqual(detectIn(puttyPrivateKey, v3, { labels: ['ppk'] }).map((d) => d.match), [v3])
  })
})
