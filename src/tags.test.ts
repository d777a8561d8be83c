import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { InvalidInputError } from './errors.js'
import { validateTags } from './tags.js'

describe('validateTags', () => {
  it('keeps tags within Macie’s limits, counting characters and the tags a resource already has', () => {
    assert.deepEqual(validateTags(undefined), {})
    assert.deepEqual(validateTags(null), {})
    assert.deepEqual(validateTags({ a: 'b' }), { a: 'b' })
    assert.deepEqual(validateTags({ ['k'.repeat(128)]: 'v'.repeat(256) }), { ['k'.repeat(128)]: 'v'.repeat(256) })
    // 256 emoji are 512 UTF-16 code units but 256 characters.
    assert.deepEqual(validateTags({ k: '🔒'.repeat(256) }), { k: '🔒'.repeat(256) })
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))
    assert.equal(Object.keys(validateTags(fifty)).length, 50)
    // Replacing an existing key does not count twice.
    assert.deepEqual(validateTags({ k0: 'w' }, fifty), { k0: 'w' })
  })

  it('refuses what Macie refuses', () => {
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))
    const cases: Array<[unknown, RegExp, Record<string, string>?]> = [
      [{ ['k'.repeat(129)]: 'v' }, /1 to 128 characters/],
      [{ '': 'v' }, /1 to 128 characters/],
      [{ k: 'v'.repeat(257) }, /at most 256 characters/],
      [{ k: 7 }, /must be a string/],
      [['a'], /map of tag keys/],
      ['a=b', /map of tag keys/],
      [{ new: 'v' }, /at most 50 tags, not 51/, fifty],
    ]
    for (const [value, message, existing] of cases) {
      assert.throws(() => validateTags(value, existing), (err: Error) => err instanceof InvalidInputError && message.test(err.message), JSON.stringify(value).slice(0, 40))
    }
  })
})
