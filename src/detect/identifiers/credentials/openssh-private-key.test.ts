import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { opensshPrivateKey } from './openssh-private-key.js'

const begin = '-----BEGIN OPENSSH PRIVATE KEY-----'
const line1 = 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW'
const key = `${begin}\n${line1}\nQyNTUxOQAAACBq3V8xK2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1cAAAAJg7\n-----END OPENSSH PRIVATE KEY-----`

const cases: Array<[text: string, expected: string[]]> = [
  [key, [`${begin}\n${line1}`]],
  [`deploy_key: |\n  ${begin}\r\n  ${line1}`, [`${begin}\r\n  ${line1}`]], // YAML block, CRLF
  [`SSH_KEY="${begin}\\n${line1}\\n"`, [`${begin}\\n${line1}`]], // escaped newlines
  [`${begin} ${line1}`, [`${begin} ${line1}`]], // line breaks lost
  [`${begin}\nMIIEowIBAAKCAQEAq3V8xK2mT9pLw0nR7sY2bH`, []], // PKCS body, not openssh-key-v1
  [`${begin}\nb3BlbnNzaC1r`, []], // under 16 body characters
  [`${begin}\n...\n-----END OPENSSH PRIVATE KEY-----`, []], // documentation placeholder
  [`Keys start with "${begin}".`, []], // header only
]

describe(opensshPrivateKey.id, () => {
  for (const [text, expected] of cases) {
    it(JSON.stringify(text).slice(0, 80), () => assert.deepEqual(detectIn(opensshPrivateKey, text).map((d) => d.match), expected))
  }
  it('needs no label: a key in a column is found as is', () => {
    assert.deepEqual(detectIn(opensshPrivateKey, key, { labels: ['notes'] }).map((d) => d.match), [`${begin}\n${line1}`])
  })
})
