import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { franceNationalIdentificationNumber } from './france-national-identification-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['CNI 970675301842', ['970675301842']], // old card: June 1997, department 75
  ['cni: 1103 2A1 04417', []], // spaces are not part of the card number
  ['CNI 11032A104417', ['11032A104417']], // Corsica
  ['carte nationale d’identité X4RT9PFW4', ['X4RT9PFW4']], // 2021 card
  ['INSEE 2 91 02 33 412 157 10', ['2 91 02 33 412 157 10']], // NIR
  ['sécurité sociale : 291023341215710', ['291023341215710']],
  ['cni 971375301842', []], // month 13
  ['cni 450675301842', []], // cards were first issued in 1988
  ['cni 970600301842', []], // department 00
  ['cni ABCDEFGHK', []], // nine letters: a word, not a card number
  ['cni 123456789', []], // nine digits
  ['national insurance number JH482735B', []], // a UK NINO
  ['CNI XK7RTBPFW', ['XK7RTBPFW']], // a single digit is enough
  ['INSEE 2 91 02 33 412 157 11', []], // wrong NIR key
  ['INSEE 2 55 08 14 168 025 38', []], // the published example
  ['cni 000000000000', []], // one repeated digit
  ['dossier 970675301842', []], // no keyword
  ['cni à renouveler avant le départ ; le dossier est 970675301842', []], // keyword too far
  ['antisocial 2 91 02 33 412 157 10', []], // keyword only inside another word
]

describe(franceNationalIdentificationNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(franceNationalIdentificationNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named insee as the keyword', () => {
    assert.deepEqual(detectIn(franceNationalIdentificationNumber, '291023341215710', { labels: ['code_insee'] }).map((d) => d.match), ['291023341215710'])
  })
})
