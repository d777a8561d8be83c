import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { francePassportNumber } from './france-passport-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['passeport 19AB45872', ['19AB45872']],
  ['Numéro de passeport : 07KT10394', ['07KT10394']],
  ['passeport # 19AB45872', ['19AB45872']],
  ['passeport 11AA11111', []], // one repeated digit
  ['passeport 19AB00000', []], // serial 00000
  ['passeport 19ab45872', []], // lower case
  ['passeport 19A45872', []], // one letter
  ['passeport 19AB458721', []], // six digits
  ['vol 19AB45872', []], // no keyword
  ['passeport expiré, renouvellement demandé ; dossier 19AB45872', []], // keyword too far
  ['passeports 19AB45872', []], // keyword only inside another word
]

describe(francePassportNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(francePassportNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named passeport as the keyword', () => {
    assert.deepEqual(detectIn(francePassportNumber, '19AB45872', { labels: ['numero_passeport'] }).map((d) => d.match), ['19AB45872'])
  })
})
