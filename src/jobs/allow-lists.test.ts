import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { InvalidInputError, NotFoundError } from '../errors.js'
import { FolderSource } from '../sources/folder.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Store } from '../store/types.js'
import { createAllowList, deleteAllowList, getAllowList, updateAllowList, wordsListStatus } from './allow-lists.js'

const SCOPE = { accountId: '111122223333', region: 'us-east-1' }

describe('allow lists', () => {
  let dir: string
  let source: FolderSource
  let store: Store

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trawl-allow-lists-'))
    mkdirSync(join(dir, 'lists'))
    writeFileSync(join(dir, 'lists', 'ok.txt'), 'one\r\ntwo')
    writeFileSync(join(dir, 'lists', 'many.txt'), 'w\n'.repeat(100_001))
    writeFileSync(join(dir, 'lists', 'empty.txt'), '')
    source = new FolderSource({ kind: 'folder', root: dir })
    store = await openSqliteStore(':memory:')
  })

  after(async () => {
    source?.close()
    await store?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('reports the status of a words list object', async () => {
    const status = (objectKey: string, bucketName = 'lists') => wordsListStatus(source, { bucketName, objectKey })
    assert.deepEqual(await status('ok.txt'), { code: 'OK' })
    assert.equal((await status('many.txt')).code, 'S3_OBJECT_OVERSIZE')
    assert.equal((await status('empty.txt')).code, 'S3_OBJECT_EMPTY')
    assert.equal((await status('gone.txt')).code, 'S3_OBJECT_NOT_FOUND')
    assert.equal((await status('ok.txt', 'nowhere')).code, 'S3_OBJECT_NOT_FOUND')
  })

  it('creates with a 22-character ID, replaces on update and deletes', async () => {
    const { id, arn } = await createAllowList(store, SCOPE, { clientToken: 't1', name: 'n', description: 'd', criteria: { regex: 'a+' } })
    assert.match(id, /^[a-z0-9]{22}$/)
    assert.ok(arn.endsWith(`:allow-list/${id}`))
    await updateAllowList(store, SCOPE, id, { name: 'm', criteria: { s3WordsList: { bucketName: 'lists', objectKey: 'ok.txt' } } })
    const got = await getAllowList(store, SCOPE, id, () => source)
    assert.deepEqual([got.name, got.description, got.status], ['m', undefined, { code: 'OK' }])
    await assert.rejects(updateAllowList(store, SCOPE, id, { name: 'm', criteria: {} }), InvalidInputError)
    await deleteAllowList(store, SCOPE, id, { ignoreJobChecks: false })
    await assert.rejects(getAllowList(store, SCOPE, id, () => source), NotFoundError)
  })
})
