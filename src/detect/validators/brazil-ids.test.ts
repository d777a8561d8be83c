import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { hasCnpjCheckDigits, hasCpfCheckDigits, hasRgSpCheckDigit } from './brazil-ids.js'

const cpfs: Array<[string, boolean]> = [
  ['12345678909', true],
  ['12345678908', false],
  ['1234567890', false],
]
const cnpjs: Array<[string, boolean]> = [
  ['11222333000181', true],
  ['12345678000195', true],
  ['11222333000182', false],
]
const rgs: Array<[string, boolean]> = [
  ['312031312', true],
  ['37606335X', true],
  ['37606335x', true],
  ['203361040', true],
  ['312031313', false],
  ['123456789', false],
]

describe('hasCpfCheckDigits', () => {
  for (const [v, ok] of cpfs) it(`${v} → ${ok}`, () => assert.equal(hasCpfCheckDigits(v), ok))
})
describe('hasCnpjCheckDigits', () => {
  for (const [v, ok] of cnpjs) it(`${v} → ${ok}`, () => assert.equal(hasCnpjCheckDigits(v), ok))
})
describe('hasRgSpCheckDigit', () => {
  for (const [v, ok] of rgs) it(`${v} → ${ok}`, () => assert.equal(hasRgSpCheckDigit(v), ok))
})
