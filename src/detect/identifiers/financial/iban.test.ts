import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { bbanSource, ibanCheck, ibanCheckDigits, ibanMaxLength, ibanOrBbanCheck, ibanPattern, ibanTrigger, isExampleAccount } from './iban.js'

const matches = (re: RegExp, text: string): string[] => [...text.matchAll(re)].map((m) => m[0])

describe('iban', () => {
  it('turns a BBAN structure into a regex', () => {
    assert.equal(bbanSource('4a14n'), '[A-Z]{4}[0-9]{14}')
    assert.equal(bbanSource('5n12c'), '[0-9]{5}[0-9A-Z]{12}')
  })

  it('computes check digits', () => {
    assert.equal(ibanCheckDigits('GB', 'NWBK60161331926819'), '29')
    assert.equal(ibanCheckDigits('DE', '370400440532013000'), '89')
  })

  it('matches the electronic and the printed form, nothing glued to them', () => {
    const re = ibanPattern('GB')
    assert.deepEqual(matches(re, 'to GB29NWBK60161331926819.'), ['GB29NWBK60161331926819'])
    assert.deepEqual(matches(re, 'to GB29 NWBK 6016 1331 9268 19.'), ['GB29 NWBK 6016 1331 9268 19'])
    assert.deepEqual(matches(re, 'XGB29NWBK60161331926819 GB29NWBK601613319268190 GB29NWBK6016133192681'), [])
    assert.deepEqual(matches(re, 'GB29 NWBK 6016 1331 9268 1'), [])
  })

  it('checks structure, check digits, national check and repeated digits', () => {
    const gb = ibanCheck('GB')
    assert.equal(gb('GB29NWBK60161331926819'), true)
    assert.equal(gb('GB29 NWBK 6016 1331 9268 19'), true)
    assert.equal(gb('GB30NWBK60161331926819'), false) // MOD 97-10
    assert.equal(gb('GB29 NWB1 6016 1331 9268 19'), false) // bank code must be letters
    assert.equal(ibanCheck('FR')(`FR${ibanCheckDigits('FR', '30006000011234567890188')}30006000011234567890188`), false) // RIB key
    assert.equal(ibanCheck('PT')('PT50000201231234567890154'), true)
    assert.equal(ibanCheck('PT')(`PT${ibanCheckDigits('PT', '000201231234567890155')}000201231234567890155`), false) // NIB check
    assert.equal(ibanCheck('DE')(`DE${ibanCheckDigits('DE', '970400440532013000')}970400440532013000`), false) // no BLZ starts with 9
    assert.equal(ibanCheck('NL')(`NL${ibanCheckDigits('NL', 'ABNA0000000000')}ABNA0000000000`), false) // all zeros
  })

  it('rejects check digits 00, 01 and 99 even where MOD 97-10 holds', () => {
    // 00 ≡ 97, 01 ≡ 98 and 99 ≡ 02 (mod 97): find Dutch accounts whose real check digits are those.
    const nl = ibanCheck('NL')
    for (const [real, twin] of [['97', '00'], ['98', '01'], ['02', '99']] as const) {
      let bban = ''
      for (let n = 1_000_000; ibanCheckDigits('NL', bban) !== real; n++) bban = `ABNA${String(n).padStart(10, '0')}`
      assert.equal(nl(`NL${real}${bban}`), true)
      assert.equal(nl(`NL${twin}${bban}`), false)
    }
  })

  it('checks either form of a bank account', () => {
    const fr = ibanOrBbanCheck('FR')
    assert.equal(fr('30006000011234567890189'), true)
    assert.equal(fr('FR7630006000011234567890189'), true)
    assert.equal(fr('30006000011234567890188'), false)
  })

  it('knows the registry examples in both forms', () => {
    assert.equal(isExampleAccount('GB29NWBK60161331926819'), true)
    assert.equal(isExampleAccount('GB29 NWBK 6016 1331 9268 19'), true)
    assert.equal(isExampleAccount('NWBK60161331926819'), true)
    assert.equal(isExampleAccount('GB33BUKB20201555555555'), false)
  })

  it('triggers on a country code and check digits at the start of a word', () => {
    assert.deepEqual(matches(ibanTrigger, 'GB29NWBK FR76 x NL91 XX12 AGB29 GB2'), ['GB29', 'FR76', 'NL91'])
  })

  it('bounds the printed form', () => {
    assert.equal(ibanMaxLength('GB'), 'GB29 NWBK 6016 1331 9268 19'.length)
    assert.equal(ibanMaxLength('NL'), 'NL91 ABNA 0417 1643 00'.length)
  })
})
