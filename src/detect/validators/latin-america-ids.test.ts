import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { hasCuitCheckDigit, hasCurpCheckDigit, hasNitCheckDigit, hasRfcCheckDigit, hasRutVerifier, isYymmddDate } from './latin-america-ids.js'

const tables: Array<[name: string, check: (v: string) => boolean, cases: Array<[string, boolean]>]> = [
  ['hasCuitCheckDigit', hasCuitCheckDigit, [['20417362895', true], ['30528173949', true], ['20417362894', false], ['2041736289', false]]],
  ['hasRutVerifier', hasRutVerifier, [['152837461', true], ['51263435', false], ['5126343K', true], ['5126343k', true], ['152837462', false]]],
  ['hasNitCheckDigit', hasNitCheckDigit, [['2131234321', true], ['9001234568', true], ['2131234325', false]]],
  ['hasCurpCheckDigit', hasCurpCheckDigit, [['BOXW310820HNERXN09', true], ['PEGL850412HJCRRS04', true], ['PEGL850412HJCRRS05', false]]],
  ['hasRfcCheckDigit', hasRfcCheckDigit, [['GODE561231GR8', true], ['TME960305N20', true], ['MAHR920715QTA', true], ['GODE561231GR9', false], ['GODE561231G', false]]],
  ['isYymmddDate', isYymmddDate, [['850412', true], ['000229', true], ['010229', false], ['851301', false], ['850431', false], ['85041', false]]],
]

for (const [name, check, cases] of tables) {
  describe(name, () => {
    for (const [v, ok] of cases) it(`${v} → ${ok}`, () => assert.equal(check(v), ok))
  })
}
