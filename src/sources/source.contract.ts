// One suite every ObjectSource passes: local folders here, S3 against moto and s3rver in
// test/integration/. A store that cannot support a case skips it by name with the reason.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import type { Readable } from 'node:stream'
import { SourceError, type ObjectSource, type SourceFailure, type SourceObject, type Tag } from './types.js'

/** A source under test, with a fresh bucket and a raw way to put objects into it. */
export interface SourceUnderTest {
  source: ObjectSource
  /** A bucket that exists and is empty when the suite starts. */
  bucket: string
  /** Writes an object (and its tags) without going through the source. */
  put(key: string, body: Buffer, tags?: Tag[]): Promise<void>
}

/** The cases a store may skip, with a reason. */
export type SourceContractCase = 'tags' | 'key-order'

/** How the suite fits a store. */
export interface SourceContractOptions {
  /** Objects in the multi-page listing case: more than one page of the store's listing (S3 pages at 1,000). */
  manyObjects: number
  /** Cases the store cannot pass, by name, with the reason. */
  skip?: Partial<Record<SourceContractCase, string>>
  /** Time limit of each case, in ms. */
  timeoutMs?: number
}

function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

async function readAll(body: Readable): Promise<{ bytes: Buffer; chunks: number }> {
  const parts: Buffer[] = []
  for await (const chunk of body) parts.push(Buffer.from(chunk as Uint8Array))
  return { bytes: Buffer.concat(parts), chunks: parts.length }
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!)
  })
  await Promise.all(lanes)
}

async function assertFails(promise: Promise<unknown>, reason: SourceFailure): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof SourceError, `expected a SourceError, got ${String(err)}`)
    assert.equal(err.reason, reason)
    return true
  })
}

const byKey = (a: { key: string }, b: { key: string }) => compareKeys(a.key, b.key)
const keysOf = (objects: readonly SourceObject[]) => objects.map((o) => o.key)

/**
 * Registers the ObjectSource contract suite for one store.
 * @example
 * sourceContract('folder', async () => ({ source, bucket: 'b', put: async (key, body) => writeFile(join(root, 'b', key), body) }), { manyObjects: 1100 })
 */
export function sourceContract(name: string, open: () => Promise<SourceUnderTest>, options: SourceContractOptions): void {
  const skip = options.skip ?? {}
  const timeout = options.timeoutMs ?? 120_000
  const missingBucket = `trawl-missing-${randomBytes(4).toString('hex')}`

  describe(`${name} source`, { timeout }, () => {
    let t: SourceUnderTest
    /** Every key this suite put, to check the whole listing at the end. */
    const written = new Set<string>()
    const put = async (key: string, body: Buffer, tags?: Tag[]) => {
      await t.put(key, body, tags)
      written.add(key)
    }

    before(async () => {
      t = await open()
    })
    after(() => t?.source.close())

    it('lists a bucket complete, with sizes and eTags, the same way twice', async () => {
      const keys = ['order/b', 'order/a', 'order/c/d', 'order/c/e/f', 'order/z']
      for (const [i, key] of keys.entries()) await put(key, Buffer.from(`body ${i} of ${key}`))
      const first = await collect(t.source.listObjects(t.bucket, 'order/'))
      assert.deepEqual(keysOf([...first].sort(byKey)), [...keys].sort(compareKeys))
      for (const o of first) {
        assert.equal(o.bucket, t.bucket)
        assert.equal(o.size, Buffer.byteLength(`body ${keys.indexOf(o.key)} of ${o.key}`))
        assert.ok(o.lastModified instanceof Date && !Number.isNaN(o.lastModified.getTime()))
        assert.match(o.eTag ?? '', /^[^"]+$/, 'eTag present, without quotes')
      }
      const second = await collect(t.source.listObjects(t.bucket, 'order/'))
      assert.deepEqual(
        second.map((o) => [o.key, o.eTag, o.size]),
        first.map((o) => [o.key, o.eTag, o.size]),
      )
    })

    it("lists keys in S3's order, by UTF-8 bytes", { skip: skip['key-order'] ?? false }, async () => {
      // ' ', '-' and '.' sort before '/' (0x2F), a key before its longer relatives, and U+FF5E
      // (EF BD 9E in UTF-8) before U+1F600 (F0 9F …), though UTF-16 (D83D …) puts the emoji first.
      const keys = ['sort/a0', 'sort/a/b', 'sort/a.b', 'sort/a-b', 'sort/a b', 'sort/x y', 'sort/x', 'sort/Z', 'sort/é', 'sort/~', 'sort/\u{1F600}', 'sort/\uFF5E']
      for (const key of keys) await put(key, Buffer.from(key))
      const listed = await collect(t.source.listObjects(t.bucket, 'sort/'))
      assert.deepEqual(keysOf(listed), [
        'sort/Z',
        'sort/a b',
        'sort/a-b',
        'sort/a.b',
        'sort/a/b',
        'sort/a0',
        'sort/x',
        'sort/x y',
        'sort/~',
        'sort/é',
        'sort/\uFF5E',
        'sort/\u{1F600}',
      ])
    })

    it(`lists ${options.manyObjects} objects, more than one page, in order`, async () => {
      const keys = Array.from({ length: options.manyObjects }, (_, i) => `many/${String(i).padStart(5, '0')}`)
      const body = Buffer.from('x')
      await inParallel(keys, 32, (key) => put(key, body))
      const listed = await collect(t.source.listObjects(t.bucket, 'many/'))
      assert.equal(listed.length, keys.length)
      assert.deepEqual(keysOf(listed), keys)
    })

    it('stops a listing when the reader stops', async () => {
      const seen: string[] = []
      for await (const o of t.source.listObjects(t.bucket, 'many/')) {
        seen.push(o.key)
        if (seen.length === 3) break
      }
      assert.deepEqual(seen, ['many/00000', 'many/00001', 'many/00002'])
    })

    it('lists only keys that start with the prefix', async () => {
      for (const key of ['prefix/a', 'prefix/ab.txt', 'prefix/ab/x', 'prefix/abc', 'prefix/b', 'prefixed']) await put(key, Buffer.from(key))
      const list = async (prefix: string) => keysOf((await collect(t.source.listObjects(t.bucket, prefix))).sort(byKey))
      assert.deepEqual(await list('prefix/ab'), ['prefix/ab.txt', 'prefix/ab/x', 'prefix/abc'])
      assert.deepEqual(await list('prefix/ab/'), ['prefix/ab/x'])
      assert.deepEqual(await list('prefix'), ['prefix/a', 'prefix/ab.txt', 'prefix/ab/x', 'prefix/abc', 'prefix/b', 'prefixed'])
      assert.deepEqual(await list('prefix/none'), [])
    })

    it('streams a multi-MiB object in chunks, byte for byte', async () => {
      const body = randomBytes(6 * 1024 * 1024 + 123)
      await put('big/object.bin', body)
      const { bytes, chunks } = await readAll(await t.source.openObject({ bucket: t.bucket, key: 'big/object.bin' }))
      assert.equal(bytes.length, body.length)
      assert.equal(createHash('sha256').update(bytes).digest('hex'), createHash('sha256').update(body).digest('hex'))
      assert.ok(chunks > 1, `read in ${chunks} chunk(s)`)
    })

    it('heads an object as it was listed', async () => {
      await put('head/object.txt', Buffer.from('head me'))
      const [listed] = await collect(t.source.listObjects(t.bucket, 'head/'))
      const head = await t.source.headObject(t.bucket, 'head/object.txt')
      assert.equal(head.size, 7)
      assert.equal(head.eTag, listed!.eTag)
      // HTTP dates have whole seconds; a listing may carry milliseconds.
      assert.ok(Math.abs(head.lastModified.getTime() - listed!.lastModified.getTime()) < 1000)
      assert.ok(['NONE', 'AES256', 'aws:kms', 'aws:kms:dsse'].includes(head.serverSideEncryption.encryptionType))
    })

    it('reports a missing object as SOURCE_OBJECT_NO_LONGER_AVAILABLE', async () => {
      const missing = { bucket: t.bucket, key: 'missing/none.txt' }
      await assertFails(t.source.openObject(missing), 'SOURCE_OBJECT_NO_LONGER_AVAILABLE')
      await assertFails(t.source.openObject({ ...missing, eTag: '0123456789abcdef0123456789abcdef' }), 'SOURCE_OBJECT_NO_LONGER_AVAILABLE')
      await assertFails(t.source.headObject(missing.bucket, missing.key), 'SOURCE_OBJECT_NO_LONGER_AVAILABLE')
      await assertFails(t.source.getObjectTags(missing.bucket, missing.key), 'SOURCE_OBJECT_NO_LONGER_AVAILABLE')
    })

    it('reports a missing bucket as NO_SUCH_BUCKET_AVAILABLE', async () => {
      assert.equal(await t.source.hasBucket(missingBucket), false)
      assert.equal(await t.source.hasBucket(t.bucket), true)
      await assertFails(t.source.openObject({ bucket: missingBucket, key: 'a.txt' }), 'NO_SUCH_BUCKET_AVAILABLE')
      await assertFails(t.source.headObject(missingBucket, 'a.txt'), 'NO_SUCH_BUCKET_AVAILABLE')
      await assertFails(collect(t.source.listObjects(missingBucket)), 'NO_SUCH_BUCKET_AVAILABLE')
      await assertFails(t.source.getBucketPosture(missingBucket), 'NO_SUCH_BUCKET_AVAILABLE')
    })

    it('refuses a changed object with OBJECT_VERSION_MISMATCH', async () => {
      await put('etag/object.txt', Buffer.from('first'))
      const [before] = await collect(t.source.listObjects(t.bucket, 'etag/'))
      const read = async (eTag: string) => (await readAll(await t.source.openObject({ bucket: t.bucket, key: 'etag/object.txt', eTag }))).bytes.toString()
      assert.equal(await read(before!.eTag!), 'first')
      await put('etag/object.txt', Buffer.from('the second version'))
      await assertFails(read(before!.eTag!), 'OBJECT_VERSION_MISMATCH')
      await assertFails(read('0123456789abcdef0123456789abcdef'), 'OBJECT_VERSION_MISMATCH')
      const head = await t.source.headObject(t.bucket, 'etag/object.txt')
      assert.notEqual(head.eTag, before!.eTag)
      assert.equal(await read(head.eTag!), 'the second version')
    })

    it('reads object tags', { skip: skip.tags ?? false }, async () => {
      await put('tags/tagged.txt', Buffer.from('tagged'), [
        { key: 'team', value: 'blue' },
        { key: 'data class', value: 'pii: yes' },
      ])
      await put('tags/untagged.txt', Buffer.from('untagged'))
      const tags = await t.source.getObjectTags(t.bucket, 'tags/tagged.txt')
      assert.deepEqual(
        [...tags].sort(byKey),
        [
          { key: 'data class', value: 'pii: yes' },
          { key: 'team', value: 'blue' },
        ],
      )
      assert.deepEqual(await t.source.getObjectTags(t.bucket, 'tags/untagged.txt'), [])
    })

    it('writes an object with putObject and reads it back', async () => {
      const body = Buffer.from(JSON.stringify({ round: 'trip', n: 1 }))
      const out = await t.source.putObject(t.bucket, 'put/deep/round-trip.json', body, { contentType: 'application/json' })
      written.add('put/deep/round-trip.json')
      assert.deepEqual(out, { isKmsEncrypted: false })
      assert.deepEqual((await readAll(await t.source.openObject({ bucket: t.bucket, key: 'put/deep/round-trip.json' }))).bytes, body)
      const listed = await collect(t.source.listObjects(t.bucket, 'put/'))
      assert.deepEqual(listed.map((o) => [o.key, o.size]), [['put/deep/round-trip.json', body.length]])
      // A second write replaces the first.
      await t.source.putObject(t.bucket, 'put/deep/round-trip.json', Buffer.from('v2'))
      assert.equal((await readAll(await t.source.openObject({ bucket: t.bucket, key: 'put/deep/round-trip.json' }))).bytes.toString(), 'v2')
      await assertFails(t.source.putObject(missingBucket, 'x.txt', body), 'NO_SUCH_BUCKET_AVAILABLE')
    })

    it('lists the bucket among the buckets, and reads its posture', async () => {
      const buckets = await collect(t.source.listBuckets())
      assert.ok(buckets.some((b) => b.name === t.bucket), `${t.bucket} among ${buckets.map((b) => b.name).join(', ')}`)
      assert.ok(!buckets.some((b) => b.name === missingBucket))
      const posture = await t.source.getBucketPosture(t.bucket)
      assert.equal(typeof posture, 'object')
    })

    it('lists the whole bucket in key order, each key once', async () => {
      const listed = keysOf(await collect(t.source.listObjects(t.bucket)))
      // A store that orders keys its own way (see key-order) is held to completeness only.
      assert.deepEqual(skip['key-order'] ? [...listed].sort(compareKeys) : listed, [...written].sort(compareKeys))
    })
  })
}
