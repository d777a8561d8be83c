import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { franceRibKey, isFranceRib, isItalyBban, isSpainCcc, italyCin, spainCccControl } from './national-bban.js'

// The BBANs of the registry examples FR1420041010050500013M02606, FR7630006000011234567890189,
// IT60X0542811101000000123456, SM86U0322509800000000270100 and ES9121000418450200051332.
const cases: Array<[name: string, check: (s: string) => boolean, value: string, ok: boolean]> = [
  ['RIB', isFranceRib, '30006000011234567890189', true],
  ['RIB with a letter', isFranceRib, '20041010050500013M02606', true],
  ['RIB, wrong key', isFranceRib, '30006000011234567890188', false],
  ['RIB, letter changed', isFranceRib, '20041010050500013N02606', false],
  ['RIB, too short', isFranceRib, '3000600001123456789018', false],
  ['CIN', isItalyBban, 'X0542811101000000123456', true],
  ['CIN (San Marino)', isItalyBban, 'U0322509800000000270100', true],
  ['CIN, wrong letter', isItalyBban, 'Y0542811101000000123456', false],
  ['CIN, digit changed', isItalyBban, 'X0542811101000000123457', false],
  ['CCC', isSpainCcc, '21000418450200051332', true],
  ['CCC, first DC wrong', isSpainCcc, '21000418550200051332', false],
  ['CCC, second DC wrong', isSpainCcc, '21000418460200051332', false],
  ['CCC, not digits', isSpainCcc, '2100041845020005133A', false],
]

describe('national BBAN checks', () => {
  for (const [name, check, value, ok] of cases) it(`${name}: ${value} → ${ok}`, () => assert.equal(check(value), ok))
  it('computes the check characters', () => {
    assert.equal(franceRibKey('300060000112345678901'), '89')
    assert.equal(franceRibKey('20041010050500013M026'), '06')
    assert.equal(italyCin('0542811101000000123456'), 'X')
    assert.equal(italyCin('05428'), '')
    assert.equal(spainCccControl('21000418', '0200051332'), '45')
  })
})
