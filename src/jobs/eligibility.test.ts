import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isAnalysableStorageClass, isNeverAnalysedExtension, isNeverAnalysedKey, skipReason } from './eligibility.js'

describe('isAnalysableStorageClass', () => {
  const cases: Array<[storageClass: string | undefined, expected: boolean]> = [
    ['STANDARD', true],
    ['REDUCED_REDUNDANCY', true],
    ['STANDARD_IA', true],
    ['ONEZONE_IA', true],
    ['INTELLIGENT_TIERING', true],
    ['GLACIER_IR', true],
    [undefined, true],
    ['', true],
    ['GLACIER', false],
    ['DEEP_ARCHIVE', false],
    ['OUTPOSTS', false],
    ['EXPRESS_ONEZONE', false],
    ['standard', false], // S3 reports classes in upper case; anything else is not one of Macie's
  ]
  for (const [storageClass, expected] of cases) it(`${storageClass} → ${expected}`, () => assert.equal(isAnalysableStorageClass(storageClass), expected))
})

describe('isNeverAnalysedKey', () => {
  const cases: Array<[key: string, expected: boolean]> = [
    ['photos/a.jpg', true],
    ['photos/A.JPEG', true],
    ['audio/x.mp3', true],
    ['video/y.mp4', true],
    ['bin/tool.exe', true],
    ['lib/libx.so', true],
    ['fonts/f.woff2', true],
    ['data/customers.csv', false],
    ['logs/app.log.1', false],
    ['exports/20260304', false], // no extension: read by content
    ['drawings/plan.svg', false], // XML text
    ['app/lib.jar', false], // an archive that may hold text
    ['jpg/readme.txt', false], // the folder name does not count
  ]
  for (const [key, expected] of cases) it(`${key} → ${expected}`, () => assert.equal(isNeverAnalysedKey(key), expected))
})

describe('isNeverAnalysedExtension', () => {
  it('ignores case and knows no dot', () => {
    assert.equal(isNeverAnalysedExtension('png'), true)
    assert.equal(isNeverAnalysedExtension('PNG'), true)
    assert.equal(isNeverAnalysedExtension('.png'), false)
    assert.equal(isNeverAnalysedExtension('csv'), false)
    assert.equal(isNeverAnalysedExtension(''), false)
  })
})

describe('skipReason', () => {
  it('names the storage class first, then the type', () => {
    assert.equal(skipReason({ key: 'a.csv', storageClass: 'DEEP_ARCHIVE' }), 'INVALID_OBJECT_STATE')
    assert.equal(skipReason({ key: 'a.png', storageClass: 'GLACIER' }), 'INVALID_OBJECT_STATE')
    assert.equal(skipReason({ key: 'a.png', storageClass: 'STANDARD' }), 'UNSUPPORTED_FILE_TYPE_EXCEPTION')
    assert.equal(skipReason({ key: 'a.csv', storageClass: 'STANDARD' }), undefined)
    assert.equal(skipReason({ key: 'a.csv' }), undefined)
  })
})
