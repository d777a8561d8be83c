// FolderSource: the source contract on a temporary root, then what only folders have — path
// escapes refused, links not followed, eTags from size and mtime, files written whole.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { chmod, mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { ConflictError, InvalidInputError } from '../errors.js'
import { FolderSource, folderETag } from './folder.js'
import { sourceContract } from './source.contract.js'
import { SourceError, type SourceFailure } from './types.js'

const roots: string[] = []
after(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true })
})

async function makeRoot(buckets: string[] = []): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'trawl-folder-'))
  roots.push(root)
  for (const b of buckets) await mkdir(join(root, b))
  return root
}

async function writeKey(root: string, bucket: string, key: string, body: Buffer | string): Promise<void> {
  const path = join(root, bucket, ...key.split('/'))
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, body)
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

function isReason(reason: SourceFailure) {
  return (err: unknown) => err instanceof SourceError && err.reason === reason
}

sourceContract(
  'folder',
  async () => {
    const root = await makeRoot(['contract'])
    return { source: new FolderSource({ kind: 'folder', root }), bucket: 'contract', put: (key, body) => writeKey(root, 'contract', key, body) }
  },
  { manyObjects: 1100, skip: { tags: 'files carry no tags (getObjectTags answers [] — see the folder cases)' } },
)

describe('FolderSource', () => {
  let root: string
  let outside: string
  let source: FolderSource

  before(async () => {
    root = await makeRoot(['alpha', 'beta', '.hidden'])
    outside = await makeRoot()
    await writeFile(join(outside, 'secret.txt'), 'outside the root')
    await writeFile(join(root, 'not-a-bucket.txt'), 'a file in the root')
    await symlink(outside, join(root, 'linked-bucket'))
    source = new FolderSource({ kind: 'folder', root })
  })
  after(() => source.close())

  it('lists sub-folders as buckets, sorted, without hidden folders, files or links', async () => {
    const buckets = await collect(source.listBuckets())
    assert.deepEqual(
      buckets.map((b) => b.name),
      ['alpha', 'beta'],
    )
    assert.ok(buckets.every((b) => b.createdAt instanceof Date))
    assert.equal(await source.hasBucket('alpha'), true)
    assert.equal(await source.hasBucket('linked-bucket'), false)
    assert.equal(await source.hasBucket('.hidden'), false)
    assert.equal(await source.hasBucket('not-a-bucket.txt'), false)
  })

  for (const bucket of ['..', '.', '', 'alpha/..', '../alpha', '.hidden']) {
    it(`refuses the bucket name ${JSON.stringify(bucket)}`, async () => {
      assert.equal(await source.hasBucket(bucket), false)
      await assert.rejects(source.openObject({ bucket, key: 'secret.txt' }), InvalidInputError)
      await assert.rejects(source.putObject(bucket, 'x.txt', Buffer.from('x')), InvalidInputError)
      await assert.rejects(collect(source.listObjects(bucket)), InvalidInputError)
    })
  }

  for (const key of ['../beta/x.txt', '..', '/etc/passwd', 'a/../../x.txt', 'a/../b.txt', 'a//b.txt', './a.txt', 'folder/', '']) {
    it(`refuses the key ${JSON.stringify(key)}`, async () => {
      await assert.rejects(source.putObject('alpha', key, Buffer.from('escape')), InvalidInputError)
      await assert.rejects(source.openObject({ bucket: 'alpha', key }), InvalidInputError)
      await assert.rejects(source.headObject('alpha', key), InvalidInputError)
    })
  }

  it('writes nothing outside the bucket when keys are refused', async () => {
    assert.deepEqual((await readdir(join(root, 'beta'))).sort(), [])
    assert.deepEqual((await readdir(outside)).sort(), ['secret.txt'])
  })

  it('does not follow links out of a bucket, listing or reading', async () => {
    await symlink(join(outside, 'secret.txt'), join(root, 'alpha', 'link.txt'))
    await symlink(outside, join(root, 'alpha', 'linked-folder'))
    await writeKey(root, 'alpha', 'plain.txt', 'plain')
    assert.deepEqual(
      (await collect(source.listObjects('alpha'))).map((o) => o.key),
      ['plain.txt'],
    )
    await assert.rejects(source.openObject({ bucket: 'alpha', key: 'link.txt' }), isReason('PERMISSION_DENIED'))
    await assert.rejects(source.openObject({ bucket: 'alpha', key: 'linked-folder/secret.txt' }), isReason('PERMISSION_DENIED'))
    await assert.rejects(source.putObject('alpha', 'linked-folder/new.txt', Buffer.from('x')), isReason('PERMISSION_DENIED'))
    await assert.rejects(source.putObject('alpha', 'linked-folder/made/here/new.txt', Buffer.from('x')), isReason('PERMISSION_DENIED'))
    assert.deepEqual((await readdir(outside)).sort(), ['secret.txt'])
    await assert.rejects(collect(source.listObjects('linked-bucket')), isReason('NO_SUCH_BUCKET_AVAILABLE'))
    await assert.rejects(source.openObject({ bucket: 'linked-bucket', key: 'secret.txt' }), isReason('PERMISSION_DENIED'))
  })

  it('creates folders for a key and writes the file whole', async () => {
    const out = await source.putObject('beta', 'results/2024/01/part-0001.jsonl.gz', Buffer.from('payload'), { kmsKeyId: 'ignored' })
    assert.deepEqual(out, { isKmsEncrypted: false })
    const listed = await collect(source.listObjects('beta', 'results/'))
    assert.deepEqual(
      listed.map((o) => [o.key, o.size]),
      [['results/2024/01/part-0001.jsonl.gz', 7]],
    )
    // No temporary file is left beside it.
    assert.deepEqual(await readdir(join(root, 'beta', 'results', '2024', '01')), ['part-0001.jsonl.gz'])
  })

  it('refuses a key whose folder is a file, or that names a folder', async () => {
    await writeKey(root, 'beta', 'file.txt', 'a file')
    await assert.rejects(source.putObject('beta', 'file.txt/inner.txt', Buffer.from('x')), ConflictError)
    await assert.rejects(source.putObject('beta', 'results', Buffer.from('x')), ConflictError)
    await assert.rejects(source.openObject({ bucket: 'beta', key: 'results' }), isReason('SOURCE_OBJECT_NO_LONGER_AVAILABLE'))
    await assert.rejects(source.openObject({ bucket: 'beta', key: 'file.txt/inner.txt' }), isReason('SOURCE_OBJECT_NO_LONGER_AVAILABLE'))
  })

  it('derives the eTag from size and modification time only', async () => {
    await writeKey(root, 'beta', 'etag/a.txt', 'same')
    await writeKey(root, 'beta', 'etag/b.txt', 'SAME')
    const when = new Date('2024-05-01T00:00:00Z')
    await utimes(join(root, 'beta', 'etag', 'a.txt'), when, when)
    await utimes(join(root, 'beta', 'etag', 'b.txt'), when, when)
    const [a, b] = await collect(source.listObjects('beta', 'etag/'))
    assert.match(a!.eTag!, /^[0-9a-f]{32}$/)
    assert.equal(a!.eTag, b!.eTag, 'same size and mtime: same eTag, whatever the content')
    assert.equal(a!.eTag, folderETag(4n, BigInt(when.getTime()) * 1_000_000n))
    assert.notEqual(folderETag(4n, 1n), folderETag(5n, 1n))
    assert.notEqual(folderETag(4n, 1n), folderETag(4n, 2n))

    const later = new Date('2024-05-02T00:00:00Z')
    await utimes(join(root, 'beta', 'etag', 'a.txt'), later, later)
    await assert.rejects(source.openObject({ bucket: 'beta', key: 'etag/a.txt', eTag: a!.eTag! }), isReason('OBJECT_VERSION_MISMATCH'))
    assert.equal((await source.headObject('beta', 'etag/a.txt')).lastModified.getTime(), later.getTime())
  })

  it('has no tags and a posture of unencrypted', async () => {
    await writeKey(root, 'beta', 'tags/t.txt', 't')
    assert.deepEqual(await source.getObjectTags('beta', 'tags/t.txt'), [])
    assert.deepEqual(await source.getBucketPosture('beta'), { defaultEncryption: { encryptionType: 'NONE', kmsMasterKeyId: null } })
    const head = await source.headObject('beta', 'tags/t.txt')
    assert.deepEqual(head.serverSideEncryption, { encryptionType: 'NONE', kmsMasterKeyId: null })
  })

  const isRoot = process.getuid?.() === 0
  it('reports an unreadable file as PERMISSION_DENIED', { skip: isRoot ? 'running as root, which reads any file' : false }, async () => {
    await writeKey(root, 'beta', 'locked/file.txt', 'locked')
    const path = join(root, 'beta', 'locked', 'file.txt')
    await chmod(path, 0o000)
    try {
      await assert.rejects(source.openObject({ bucket: 'beta', key: 'locked/file.txt' }), isReason('PERMISSION_DENIED'))
    } finally {
      await chmod(path, 0o600)
    }
  })

  it('fails on a root that does not exist, with the root named', async () => {
    const missing = new FolderSource({ kind: 'folder', root: join(outside, 'no-such-root') })
    await assert.rejects(collect(missing.listBuckets()), /no-such-root/)
    assert.equal(await missing.hasBucket('alpha'), false)
  })
})
