import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { describe, it } from 'node:test'
import {
  concatenatedGzip,
  corruptGzip,
  gzipWithAllHeaderFields,
  gzipWithName,
  gzipWithoutName,
  MTIME,
  notAnArchive,
  PLANTED_SSN,
  TAR_FILES,
  tarGz,
} from '../../test/fixtures/build/archive.js'
import { extractGzip, gunzippedName, parseGzipHeader } from './gzip.js'
import { extractTar } from './tar.js'
import { DEFAULT_LIMITS, ExtractError, type EmbeddedFile, type ExtractLimits, type ObjectInfo } from './types.js'

function info(key: string, limits: Partial<ExtractLimits> = {}, size = 0): ObjectInfo {
  return { key, size, extension: key.slice(key.lastIndexOf('.') + 1), limits: { ...DEFAULT_LIMITS, ...limits } }
}

/** The bytes in chunks of `size`, so the header straddles chunks. */
const chunked = (b: Buffer, size = 3): Readable =>
  Readable.from(Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, i * size + size)))

interface Member {
  path: string
  size?: number
  lastModified?: number
  text?: string
  bodyError?: string
}

const reasonOf = (err: unknown): string => (err instanceof ExtractError ? err.reason : `not an ExtractError: ${String(err)}`)
const isReason = (reason: string) => (err: unknown) => err instanceof ExtractError && err.reason === reason

async function members(items: AsyncIterable<EmbeddedFile>): Promise<Member[]> {
  const out: Member[] = []
  for await (const item of items) {
    const m: Member = { path: item.path }
    if (item.size !== undefined) m.size = item.size
    if (item.lastModified) m.lastModified = item.lastModified.getTime()
    if (item.body) {
      try {
        m.text = (await buffer(item.body)).toString('utf8')
      } catch (err) {
        m.bodyError = reasonOf(err)
      }
    }
    out.push(m)
  }
  return out
}

const TEXT = `name,ssn\nJane Doe,${PLANTED_SSN}\n`

describe('extractGzip', () => {
  it('names the file after the FNAME header field, with its MTIME', async () => {
    assert.deepEqual(await members(extractGzip(chunked(gzipWithName('people.csv', TEXT)), info('upload/data.gz'))), [
      { path: 'people.csv', lastModified: MTIME.getTime(), text: TEXT },
    ])
  })

  it('skips FEXTRA and FCOMMENT to find FNAME, read in 1-byte chunks', async () => {
    assert.deepEqual(await members(extractGzip(chunked(gzipWithAllHeaderFields('café.txt', TEXT), 1), info('x.gz'))), [{ path: 'café.txt', text: TEXT }])
  })

  const byKey: Array<[key: string, path: string]> = [
    ['logs/app.log.gz', 'app.log'],
    ['logs/APP.LOG.GZIP', 'APP.LOG'],
    ['backups/site.tgz', 'site.tar'],
    ['blob', 'blob'],
    ['.gz', '.gz'],
  ]
  for (const [key, path] of byKey) {
    it(`names a file without FNAME after its key: ${key} → ${path}`, async () => {
      assert.deepEqual(await members(extractGzip(chunked(gzipWithoutName(TEXT)), info(key))), [{ path, text: TEXT }])
    })
  }

  it('names the file after its key when the header runs past 1 MiB', async () => {
    const name = 'n'.repeat(1024 * 1024 + 10)
    assert.deepEqual(await members(extractGzip(chunked(gzipWithName(name, TEXT), 4096), info('long.csv.gz'))), [
      { path: 'long.csv', text: TEXT },
    ])
  })

  it('inflates concatenated gzip members as one file', async () => {
    assert.deepEqual(await members(extractGzip(chunked(concatenatedGzip('first\n', 'second\n'), 5), info('a.txt.gz'))), [
      { path: 'a.txt', text: 'first\nsecond\n' },
    ])
  })

  it('yields a .tar.gz as a tar the TAR extractor reads', async () => {
    const names: string[] = []
    for await (const item of extractGzip(chunked(await tarGz(), 1000), info('backup.tar.gz'))) {
      names.push(item.path)
      const paths: string[] = []
      for await (const member of extractTar(item.body!, info(item.path))) {
        paths.push(member.path)
        await buffer(member.body!)
      }
      assert.deepEqual(paths, Object.keys(TAR_FILES))
    }
    assert.deepEqual(names, ['backup.tar'])
  })

  it('fails the body of a truncated stream with MALFORMED_FILE', async () => {
    const gz = gzipWithName('people.csv', TEXT.repeat(50))
    assert.deepEqual(await members(extractGzip(chunked(gz.subarray(0, gz.length - 20), 64), info('x.gz'))), [
      { path: 'people.csv', lastModified: MTIME.getTime(), bodyError: 'MALFORMED_FILE' },
    ])
  })

  it('fails the body of a corrupt stream with MALFORMED_FILE', async () => {
    assert.deepEqual(await members(extractGzip(chunked(corruptGzip(), 64), info('x.csv.gz'))), [{ path: 'x.csv', bodyError: 'MALFORMED_FILE' }])
  })

  for (const [name, bytes] of [
    ['bytes that are no gzip', notAnArchive()],
    ['a header cut short', gzipWithName('people.csv', TEXT).subarray(0, 14)],
    ['empty input', Buffer.alloc(0)],
  ] as const) {
    it(`throws MALFORMED_FILE for ${name}`, async () => {
      await assert.rejects(members(extractGzip(chunked(bytes), info('x.gz'))), isReason('MALFORMED_FILE'))
    })
  }

  it('fails the body with FILE_EXCEEDS_SIZE_LIMIT past maxMemberBytes of output', async () => {
    const gz = gzipWithoutName('z'.repeat(100_000))
    assert.deepEqual(await members(extractGzip(chunked(gz, 64), info('z.gz', { maxMemberBytes: 50_000 }))), [{ path: 'z', bodyError: 'FILE_EXCEEDS_SIZE_LIMIT' }])
    assert.equal((await members(extractGzip(chunked(gz, 64), info('z.gz', { maxMemberBytes: 100_000 }))))[0]!.text!.length, 100_000)
  })

  it('refuses input over the size limit: stated up front, or streamed through the body', async () => {
    const gz = gzipWithoutName(TEXT)
    const body = chunked(gz)
    await assert.rejects(members(extractGzip(body, info('x.gz', {}, gz.length + 1), gz.length)), isReason('ARCHIVE_EXCEEDS_SIZE_LIMIT'))
    assert.equal(body.destroyed, true)
    assert.deepEqual(await members(extractGzip(chunked(gz), info('x.gz'), gz.length - 1)), [{ path: 'x', bodyError: 'ARCHIVE_EXCEEDS_SIZE_LIMIT' }])
    assert.deepEqual(await members(extractGzip(chunked(gz), info('x.gz'), gz.length)), [{ path: 'x', text: TEXT }])
  })

  it('destroys the input when the caller stops with the body half read', async () => {
    const body = chunked(gzipWithoutName('y'.repeat(200_000)), 64)
    let member: Readable | undefined
    for await (const item of extractGzip(body, info('y.gz'))) {
      member = item.body!
      for await (const chunk of member) {
        assert.ok((chunk as Buffer).length > 0)
        break
      }
      break
    }
    assert.equal(member?.destroyed, true)
    await new Promise((resolve) => setImmediate(resolve))
    assert.equal(body.destroyed, true)
  })

  it("passes the body's own errors through unchanged", async () => {
    const head = gzipWithoutName(TEXT).subarray(0, 12)
    let sent = false
    const failing = new Readable({
      read() {
        if (sent) this.destroy(new Error('connection reset'))
        else this.push(head)
        sent = true
      },
    })
    let failures = 0
    for await (const item of extractGzip(failing, info('x.gz'))) {
      await assert.rejects(buffer(item.body!), { message: 'connection reset' })
      failures++
    }
    assert.equal(failures, 1)
  })
})

describe('parseGzipHeader', () => {
  it('asks for more bytes until FNAME ends', () => {
    const gz = gzipWithName('people.csv', TEXT)
    assert.equal(parseGzipHeader(gz.subarray(0, 2)), 'short')
    assert.equal(parseGzipHeader(gz.subarray(0, 15)), 'short')
    assert.deepEqual(parseGzipHeader(gz), { name: 'people.csv', mtime: MTIME })
  })

  it('rejects bytes that are no gzip', () => {
    assert.equal(parseGzipHeader(Buffer.from('PK\x03\x04')), undefined)
    assert.equal(parseGzipHeader(Buffer.from([0x1f, 0x8b, 7])), undefined) // not deflate
  })
})

describe('gunzippedName', () => {
  it('keeps the name of a key without a gzip suffix', () => assert.equal(gunzippedName('a/b/c.bin'), 'c.bin'))
})
