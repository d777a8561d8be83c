import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { defineIdentifier } from './identifier.js'
import { selectManagedIdentifiers } from './selection.js'

const make = (id: string, recommended: boolean) =>
  defineIdentifier({ id, category: 'PERSONAL_INFORMATION', description: id, severity: ['Low', 'Low', 'Low'], pattern: /x/g, recommended })
const all = [make('A', true), make('B', false), make('C', true)]
const ids = (list: Array<{ id: string }>) => list.map((i) => i.id)

describe('selectManagedIdentifiers', () => {
  it('defaults to RECOMMENDED', () => assert.deepEqual(ids(selectManagedIdentifiers(all)), ['A', 'C']))
  it('ALL takes every identifier', () => assert.deepEqual(ids(selectManagedIdentifiers(all, 'ALL')), ['A', 'B', 'C']))
  it('INCLUDE takes only the IDs', () => assert.deepEqual(ids(selectManagedIdentifiers(all, 'INCLUDE', ['B'])), ['B']))
  it('EXCLUDE takes all but the IDs', () => assert.deepEqual(ids(selectManagedIdentifiers(all, 'EXCLUDE', ['A'])), ['B', 'C']))
  it('NONE takes none when a custom identifier exists', () => assert.deepEqual(selectManagedIdentifiers(all, 'NONE', [], 1), []))
  it('rejects what Macie rejects', () => {
    assert.throws(() => selectManagedIdentifiers(all, 'NONE', [], 0), /custom data identifier/)
    assert.throws(() => selectManagedIdentifiers(all, 'ALL', ['A']), /must be empty/)
    assert.throws(() => selectManagedIdentifiers(all, 'INCLUDE', []), /needs managedDataIdentifierIds/)
    assert.throws(() => selectManagedIdentifiers(all, 'INCLUDE', ['Z']), /unknown managed data identifier ID: Z/)
    assert.throws(() => selectManagedIdentifiers(all, 'SOME'), /must be one of/)
  })
})
