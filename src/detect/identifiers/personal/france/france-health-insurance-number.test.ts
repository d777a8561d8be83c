import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { franceHealthInsuranceNumber } from './france-health-insurance-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['carte vitale: 1 93 07 62 381 147 05', ['1 93 07 62 381 147 05']],
  ['Carte Vitale 193076238114705', ['193076238114705']],
  ["carte d'assuré social 2 53 07 2A 073 004 43", ['2 53 07 2A 073 004 43']],
  ['insurance card 1930762381147 05', ['1930762381147 05']],
  ['carte vitale: 1 93 07 62 381 147 06', []], // wrong key
  ['carte vitale: 1 93 13 62 381 147 04', []], // month 13
  ['carte vitale: 3 93 07 62 381 147 02', []], // sex digit 3
  ['carte vitale: 2 55 08 14 168 025 38', []], // the published example
  ['carte vitale: 1 93 07 62 381 147', []], // key missing
  ['dossier 1 93 07 62 381 147 05', []], // no keyword
  ['carte vitale perdue le mois dernier ; dossier 1 93 07 62 381 147 05', []], // keyword too far
  ['cartevitales 1 93 07 62 381 147 05', []], // keyword only inside another word
]

describe(franceHealthInsuranceNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(franceHealthInsuranceNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named carte_vitale as the keyword', () => {
    assert.deepEqual(detectIn(franceHealthInsuranceNumber, '193076238114705', { labels: ['numero_carte_vitale'] }).map((d) => d.match), ['193076238114705'])
  })
})
