import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { pgpPrivateKey } from './pgp-private-key.js'

const begin = '-----BEGIN PGP PRIVATE KEY BLOCK-----'
const legacy = 'lQdGBGZq3V8BEAC2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1cXw7Lk4Jm0Pa8N'
const modern = 'xcLYBGZq3V8BCACq3V8xK2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1cXw7Lk4J'

const cases: Array<[text: string, expected: string[]]> = [
  [`${begin}\n\n${legacy}\n=Ab3c\n-----END PGP PRIVATE KEY BLOCK-----`, [`${begin}\n\n${legacy}`]],
  [`${begin}\nVersion: GnuPG v2\nComment: backup of the release key\n\n${legacy}`, [`${begin}\nVersion: GnuPG v2\nComment: backup of the release key\n\n${legacy}`]],
  [`${begin}\r\n\r\n${modern}`, [`${begin}\r\n\r\n${modern}`]], // OpenPGP packet format, CRLF
  [`"${begin}\\n\\n${modern}\\n"`, [`${begin}\\n\\n${modern}`]], // escaped newlines
  [`${begin} ${legacy}`, [`${begin} ${legacy}`]], // line breaks lost
  [`${begin}\n\nmQINBGZq3V8BEAC2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1cX`, []], // public-key packet
  [`${begin}\nComment: abcdefghijklmnopqrstuvwx\n`, []], // headers, no body
  [`${begin}\n...\n-----END PGP PRIVATE KEY BLOCK-----`, []], // documentation placeholder
]

describe(pgpPrivateKey.id, () => {
  for (const [text, expected] of cases) {
    it(JSON.stringify(text).slice(0, 80), () => assert.deepEqual(detectIn(pgpPrivateKey, text).map((d) => d.match), expected))
  }
  it('needs no label: a key in a column is found as is', () => {
    const text = `${begin}\n\n${legacy}`
    assert.deepEqual(detectIn(pgpPrivateKey, text, { labels: ['gpg_key'] }).map((d) => d.match), [text])
  })
})
