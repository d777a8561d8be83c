import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { franceNir } from './france-nir.js'

const cases: Array<[string, boolean]> = [
  ['2 95 10 99 126 111 93', true], // python-stdnum's example, born abroad (99)
  ['295109912611193', true],
  ['295109912611199', false], // wrong key
  ['2 53 07 2A 073 004 43', true], // Corsica 2A counts as 19
  ['253072B07300470', true], // Corsica 2B counts as 18
  ['253072C07300443', false],
  ['3 95 10 99 126 111 43', false], // sex digit 3
  ['1 95 14 99 126 111 13', false], // month 14 is never used
  ['1 95 10 00 126 111 03', false], // department 00
  ['1 95 10 99 126 000 60', false], // order number 000 (keys above are right; only the rule fails)
  ['29510991261119', false], // too short
]

describe('franceNir', () => {
  for (const [v, ok] of cases) it(`${v} → ${ok}`, () => assert.equal(franceNir(v), ok))
})
