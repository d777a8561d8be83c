import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { franceDriversLicense } from './france-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['permis de conduire 130675012345', ['130675012345']],
  ['Permis de conduire n° 080969204417', ['080969204417']],
  ['permis de conduire 131375012345', []], // month 13
  ['permis de conduire 130600012345', []], // department 00
  ['permis de conduire 123456789012', []], // placeholder run
  ['permis de conduire 1306750123456', []], // thirteen digits
  ['dossier 130675012345', []], // no keyword
  ['permis de conduire obtenu en juin dernier ; dossier 130675012345', []], // keyword too far
  ['permis de conduires 130675012345', []], // keyword only inside another word
]

describe(franceDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(franceDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named permis_de_conduire as the keyword', () => {
    assert.deepEqual(detectIn(franceDriversLicense, '130675012345', { labels: ['permis_de_conduire'] }).map((d) => d.match), ['130675012345'])
  })
})
