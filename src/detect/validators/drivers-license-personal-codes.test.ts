import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  isBalticPersonalCode,
  isBulgariaEgn,
  isCroatiaOib,
  isFinlandHetu,
  isLatviaPersonalCode,
  isRomaniaCnp,
  isSloveniaEmso,
  isSwedenPersonnummer,
} from './drivers-license-personal-codes.js'

const cases: Array<[name: string, check: (code: string) => boolean, code: string, expected: boolean]> = [
  ['Estonian code', isBalticPersonalCode, '38706182713', true],
  ['Lithuanian code', isBalticPersonalCode, '49509160630', true],
  ['Baltic code, wrong check digit', isBalticPersonalCode, '38706182714', false],
  ['Baltic code, month 13', isBalticPersonalCode, '38713182713', false],
  ['Baltic code, century digit 7', isBalticPersonalCode, '78706182713', false],
  ['Latvian code', isLatviaPersonalCode, '12078712349', true],
  ['Latvian code, wrong check digit', isLatviaPersonalCode, '12078712348', false],
  ['Latvian code, century digit 3', isLatviaPersonalCode, '12078732349', false],
  ['Romanian CNP', isRomaniaCnp, '1850712123451', true],
  ['Romanian CNP, wrong control digit', isRomaniaCnp, '1850712123452', false],
  ['Romanian CNP, county 60', isRomaniaCnp, '1850712603451', false],
  ['Bulgarian EGN', isBulgariaEgn, '7504126359', true],
  ['Bulgarian EGN, 2000s month', isBulgariaEgn, '0442031745', true],
  ['Bulgarian EGN, wrong check digit', isBulgariaEgn, '7504126358', false],
  ['Croatian OIB', isCroatiaOib, '69384720159', true],
  ['Croatian OIB, wrong check digit', isCroatiaOib, '69384720158', false],
  ['Slovenian EMŠO', isSloveniaEmso, '0108972500572', true],
  ['Slovenian EMŠO, wrong control digit', isSloveniaEmso, '0108972500573', false],
  ['Finnish HETU', isFinlandHetu, '131052-308T', true],
  ['Finnish HETU, 2000s', isFinlandHetu, '070598-215S', true],
  ['Finnish HETU, wrong check character', isFinlandHetu, '131052-308U', false],
  ['Finnish HETU, individual number 900', isFinlandHetu, '131052-900T', false],
  ['Swedish personnummer', isSwedenPersonnummer, '850709-2388', true],
  ['Swedish personnummer, twelve digits', isSwedenPersonnummer, '199103154671', true],
  ['Swedish personnummer, wrong check digit', isSwedenPersonnummer, '850709-2387', false],
  ['Swedish personnummer, month 13', isSwedenPersonnummer, '851309-2388', false],
]

describe('driving licence personal codes', () => {
  for (const [name, check, code, expected] of cases) {
    it(`${name}: ${code}`, () => assert.equal(check(code), expected))
  }
})
