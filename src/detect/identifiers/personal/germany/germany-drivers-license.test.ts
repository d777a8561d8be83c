import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { germanyDriversLicense } from './germany-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['Führerschein: J41573TK7C41', []], // twelve characters
  ['Führerscheinnummer: J4157TK7C41', ['J4157TK7C41']],
  ['Fuehrerschein N0215RWZCX2', ['N0215RWZCX2']], // check character X
  ['führerschein- nr J4157TK7C4A', ['J4157TK7C4A']], // issue number past 9
  ['Führerscheinnummer: J4157TK7C51', []], // wrong check character
  ['Führerscheinnummer: J4157TK7C40', []], // issue numbers start at 1
  ['Führerscheinnummer: B072RRE2I55', []], // specimen licence
  ['Führerscheinnummer: VERKEHRSAMT', []], // a word
  ['Führerscheinnummer: j4156tk7c41', []], // lower case
  ['Vorgang J4157TK7C41 offen', []], // no keyword
  ['Führerschein wurde umgetauscht, der Vorgang heißt J4157TK7C41', []], // keyword too far
  ['Führerscheine J4157TK7C41', []], // keyword only inside another word
]

describe(germanyDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(germanyDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named fuehrerscheinnummer as the keyword', () => {
    assert.deepEqual(detectIn(germanyDriversLicense, 'J4157TK7C41', { labels: ['fuehrerscheinnummer'] }).map((d) => d.match), ['J4157TK7C41'])
  })
})
