import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { managedIdentifiers } from '../detect/identifiers/index.js'
import { InvalidInputError, NotFoundError } from '../errors.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import { createCustomDataIdentifier, deleteCustomDataIdentifier, getCustomDataIdentifier, listManagedDataIdentifiers, testCustomDataIdentifier } from './identifiers.js'

const SCOPE = { accountId: '111122223333', region: 'us-east-1' }

describe('testCustomDataIdentifier', () => {
  it('counts matches with keywords before the match and within the distance', () => {
    assert.equal(testCustomDataIdentifier({ regex: 'ID-[0-9]{3}', sampleText: 'ID-123 ID-456' }).matchCount, 2)
    assert.equal(testCustomDataIdentifier({ regex: 'ID-[0-9]{3}', sampleText: 'badge ID-123', keywords: ['badge'] }).matchCount, 1)
    assert.equal(testCustomDataIdentifier({ regex: 'ID-[0-9]{3}', sampleText: 'ID-123 badge', keywords: ['badge'] }).matchCount, 0)
    assert.equal(testCustomDataIdentifier({ regex: 'ID-[0-9]{3}', sampleText: `badge ${'.'.repeat(20)} ID-123`, keywords: ['badge'], maximumMatchDistance: 10 }).matchCount, 0)
    assert.equal(testCustomDataIdentifier({ regex: 'ID-[0-9]{3}', sampleText: 'ID-000 ID-123', ignoreWords: ['ID-000'] }).matchCount, 1)
  })

  it('refuses long samples and patterns outside Macie’s dialect', () => {
    assert.throws(() => testCustomDataIdentifier({ regex: 'x', sampleText: 'x'.repeat(1001) }), InvalidInputError)
    assert.throws(() => testCustomDataIdentifier({ regex: '(?!x)y', sampleText: 'y' }), InvalidInputError)
  })
})

describe('listManagedDataIdentifiers', () => {
  it('pages through every managed identifier once, and refuses a foreign token', () => {
    const seen: string[] = []
    let token: string | undefined
    do {
      const page = listManagedDataIdentifiers(token ? { nextToken: token } : {})
      seen.push(...page.items.map((i) => i.id))
      token = page.nextToken
    } while (token)
    assert.deepEqual(seen, managedIdentifiers.map((i) => i.id))
    assert.throws(() => listManagedDataIdentifiers({ nextToken: 'e30' }), InvalidInputError)
  })
})

describe('custom data identifiers in the store', () => {
  it('keeps the distance it was given, and soft-deletes in its own scope only', async () => {
    const store = await openSqliteStore(':memory:')
    try {
      const { customDataIdentifierId: id } = await createCustomDataIdentifier(store, SCOPE, { name: 'n', regex: 'x[0-9]', maximumMatchDistance: 20 })
      assert.equal((await getCustomDataIdentifier(store, SCOPE, id)).maximumMatchDistance, 20)
      await deleteCustomDataIdentifier(store, SCOPE, id)
      await deleteCustomDataIdentifier(store, SCOPE, id)
      assert.equal((await getCustomDataIdentifier(store, SCOPE, id)).deleted, true)
      await assert.rejects(deleteCustomDataIdentifier(store, { ...SCOPE, accountId: '444455556666' }, id), NotFoundError)
    } finally {
      await store.close()
    }
  })
})
