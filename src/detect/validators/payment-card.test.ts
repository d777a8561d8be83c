import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { cardBrand, isTestCardNumber } from './payment-card.js'

const brands: Array<[pan: string, brand: ReturnType<typeof cardBrand>]> = [
  ['4929123456789015', 'visa'],
  ['4929123456784', 'visa'], // 13 digits
  ['4917123456789012', 'electron'],
  ['4175001234567890', 'electron'],
  ['4175011234567890', 'visa'],
  ['3760123456789012', undefined], // Amex has 15 digits
  ['376012345678901', 'amex'],
  ['341234567890123', 'amex'],
  ['30123456789019', 'diners'],
  ['30623456789019', undefined], // 306 is not Diners
  ['36012345678901', 'diners'],
  ['3528123456789012', 'jcb'],
  ['3527123456789012', undefined],
  ['3589123456789012', 'jcb'],
  ['5019123456789012', 'dankort'],
  ['5123456789012346', 'mastercard'],
  ['5623456789012346', undefined],
  ['2221123456789014', 'mastercard'],
  ['2720123456789014', 'mastercard'],
  ['2721123456789014', undefined],
  ['6011001234567891', 'discover'],
  ['6441001234567891', 'discover'],
  ['6500123456789012345', 'discover'], // 19 digits
  ['6220123456789012', 'unionpay'],
  ['622012345678901', undefined], // 15 digits
  ['9123456789012345', undefined],
]

const tests: Array<[pan: string, isTest: boolean]> = [
  ['4111111111111111', true],
  ['5555555555554444', true],
  ['378282246310005', true],
  ['6200000000000005', true],
  ['4000000000000002', true], // a run of eight zeros
  ['4929123456789015', false],
  ['4929100000009015', false], // five zeros
]

describe('cardBrand', () => {
  for (const [pan, brand] of brands) it(`${pan} → ${brand}`, () => assert.equal(cardBrand(pan), brand))
})

// Published test PANs of Visa, Mastercard, Amex, Discover, Diners, JCB and UnionPay (gateway docs).
const published = [
  '4111111111111111', '4012888888881881', '4222222222222', '5555555555554444', '5105105105105100', '378282246310005',
  '371449635398431', '378734493671000', '6011111111111117', '6011000990139424', '30569309025904', '38520000023237',
  '3530111333300000', '3566002020360505', '4242424242424242', '4000056655665556', '5200828282828210', '2223003122003222',
  '6200000000000005',
]

describe('isTestCardNumber', () => {
  for (const [pan, isTest] of tests) it(`${pan} → ${isTest}`, () => assert.equal(isTestCardNumber(pan), isTest))
  it('knows the published test numbers, which otherwise look like real cards', () => {
    for (const pan of published) {
      assert.equal(isTestCardNumber(pan), true, pan)
      assert.notEqual(cardBrand(pan), undefined, pan)
    }
  })
})
