import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isKeywordNear, isWholeWord, keywordForms, labelHasKeyword, normalizeLabel } from './keywords.js'

describe('keywords', () => {
  it('expands a keyword with a space to its no-space, underscore and hyphen forms', () => {
    assert.deepEqual(keywordForms('Card Number'), ['card number', 'cardnumber', 'card_number', 'card-number'])
    assert.deepEqual(keywordForms('ssn'), ['ssn'])
  })
  it('normalises labels: case, camelCase, acronyms, separators', () => {
    const cases: Array<[string, string]> = [
      ['customerSSN', 'customer ssn'],
      ['UKPassportNumber', 'uk passport number'],
      ['social_security-number', 'social security number'],
      ['$.customer.card', 'customer card'],
    ]
    for (const [label, normalized] of cases) assert.equal(normalizeLabel(label), normalized, label)
  })
  it('finds a keyword in a label as whole tokens, or as the whole label without spaces', () => {
    assert.equal(labelHasKeyword('customer ssn', 'ssn'), true)
    assert.equal(labelHasKeyword('lessn', 'ssn'), false)
    assert.equal(labelHasKeyword('passport no', 'passportno'), true)
    assert.equal(labelHasKeyword('uk passport number', 'passport number'), true)
  })
  it('treats camelCase steps as word boundaries and glued letters as none', () => {
    assert.equal(isWholeWord('customerSSN', 8, 11), true)
    assert.equal(isWholeWord('lessn', 2, 5), false)
    assert.equal(isWholeWord('ssn:', 0, 3), true)
  })
})

describe('isKeywordNear', () => {
  it('allows up to the distance on either side, and overlap', () => {
    assert.equal(isKeywordNear(0, 3, 33, 40, 30), true) // 30 characters between
    assert.equal(isKeywordNear(0, 3, 34, 40, 30), false)
    assert.equal(isKeywordNear(70, 73, 33, 40, 30), true)
    assert.equal(isKeywordNear(71, 73, 33, 40, 30), false)
    assert.equal(isKeywordNear(35, 38, 33, 40, 30), true)
  })
})
