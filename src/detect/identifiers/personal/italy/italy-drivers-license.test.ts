import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { italyDriversLicense } from './italy-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['patente di guida RM4827153K', ['RM4827153K']],
  ['patente guida numero U17302418B', ['U17302418B']],
  ['patente di guida: U1730B418C', ['U1730B418C']],
  ['patente di guida XX4827153K', []], // XX is no province
  ['patente di guida U1730O418C', []], // O is not used in the middle letter
  ['patente di guida MI0000000A', []], // one repeated digit
  ['patente di guida RM4827153', []], // no final letter
  ['ticket RM4827153K closed', []], // no keyword
  ['patente di guida rinnovata presso la motorizzazione civile: RM4827153K', []], // keyword too far
  ['lapatente di guida RM4827153K', []], // keyword only inside another word
]

describe(italyDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(italyDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named patente_guida as the keyword', () => {
    assert.deepEqual(detectIn(italyDriversLicense, 'MI5038271Z', { labels: ['patente_guida'] }).map((d) => d.match), ['MI5038271Z'])
  })
})
