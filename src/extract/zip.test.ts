import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { describe, it } from 'node:test'
import {
  bigStoredZip,
  emptyZip,
  encryptedZip,
  FOLDER_MEMBERS,
  MTIME,
  notAnArchive,
  REPEATED_TEXT,
  zipInZip,
  zipStoredAndDeflated,
  zipWithCorruptCentralDirectory,
  zipWithFolders,
  zipWithLyingSizes,
  zipWithMembers,
  zipWithOddPaths,
  zipWithQuotedOverlap,
  zipWithRatioBomb,
  zipWithSharedLocalHeader,
  zipWithUnsupportedMethod,
} from '../../test/fixtures/build/archive.js'
import { DEFAULT_LIMITS, ExtractError, type EmbeddedFile, type ExtractLimits, type ObjectInfo } from './types.js'
import { extractZip, memberPath } from './zip.js'

function info(limits: Partial<ExtractLimits> = {}, extra: Partial<ObjectInfo> = {}): ObjectInfo {
  return { key: 'archive.zip', size: 0, extension: 'zip', limits: { ...DEFAULT_LIMITS, ...limits }, ...extra }
}

/** The bytes in 7-byte chunks. */
const chunked = (b: Buffer): Readable => Readable.from(Array.from({ length: Math.ceil(b.length / 7) }, (_, i) => b.subarray(i * 7, i * 7 + 7)))

interface Member {
  path: string
  size?: number
  text?: string
  error?: string
  message?: string
  bodyError?: string
}

const reasonOf = (err: unknown): string => (err instanceof ExtractError ? err.reason : `not an ExtractError: ${String(err)}`)

/** Reads every member's body to its end before asking for the next, as the scanner does. */
async function members(items: AsyncIterable<EmbeddedFile>): Promise<Member[]> {
  const out: Member[] = []
  for await (const item of items) {
    const m: Member = { path: item.path }
    if (item.size !== undefined) m.size = item.size
    if (item.error) {
      m.error = item.error.reason
      m.message = item.error.message
    }
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

const read = (zip: Buffer, limits?: Partial<ExtractLimits>): Promise<Member[]> => members(extractZip(chunked(zip), info(limits)))
const isReason = (reason: string) => (err: unknown) => err instanceof ExtractError && err.reason === reason

describe('extractZip', () => {
  it('yields the files in folders with their paths, sizes, dates and bytes; skips directories', async () => {
    const found: EmbeddedFile[] = []
    const texts: string[] = []
    for await (const item of extractZip(chunked(zipWithFolders()), info())) {
      found.push(item)
      texts.push((await buffer(item.body!)).toString('utf8'))
    }
    assert.deepEqual(found.map((m) => m.path), Object.keys(FOLDER_MEMBERS))
    assert.deepEqual(texts, Object.values(FOLDER_MEMBERS))
    assert.deepEqual(found.map((m) => m.size), Object.values(FOLDER_MEMBERS).map((t) => Buffer.byteLength(t)))
    for (const m of found) assert.equal(m.lastModified?.getTime(), MTIME.getTime())
  })

  it('reads stored and deflated members alike', async () => {
    assert.deepEqual(await read(zipStoredAndDeflated()), [
      { path: 'stored.txt', size: REPEATED_TEXT.length, text: REPEATED_TEXT },
      { path: 'deflated.txt', size: REPEATED_TEXT.length, text: REPEATED_TEXT },
    ])
  })

  it("strips './' and '/', keeps '..' as text, turns '\\' into '/', skips symlinks and nameless entries", async () => {
    assert.deepEqual(
      (await read(zipWithOddPaths())).map((m) => [m.path, m.text]),
      [
        ['here.txt', 'here'],
        ['abs/root.txt', 'root'],
        ['../up/escape.txt', 'escape'],
        ['win/path.txt', 'backslash'],
      ],
    )
  })

  it('yields nothing for an empty zip', async () => {
    assert.deepEqual(await read(emptyZip()), [])
  })

  it('yields a nested zip as an opaque member with its exact bytes', async () => {
    const { outer, inner } = zipInZip()
    const items: Buffer[] = []
    for await (const item of extractZip(chunked(outer), info())) items.push(await buffer(item.body!))
    assert.deepEqual(items, [inner, Buffer.from('outer')])
  })

  it('reports encrypted members (ZipCrypto and AES) as unprocessed and reads the others', async () => {
    assert.deepEqual(await read(await encryptedZip()), [
      { path: 'secret/zipcrypto.txt', size: 15, error: 'ARCHIVE_CONTAINS_UNPROCESSED_FILES', message: 'encrypted member' },
      { path: 'secret/aes.txt', size: 15, error: 'ARCHIVE_CONTAINS_UNPROCESSED_FILES', message: 'encrypted member' },
      { path: 'plain.txt', size: 5, text: 'plain' },
    ])
  })

  it('reports a member with an unsupported compression method as unprocessed', async () => {
    assert.deepEqual(await read(zipWithUnsupportedMethod()), [
      { path: 'bzip2.txt', size: 4, error: 'ARCHIVE_CONTAINS_UNPROCESSED_FILES', message: 'unsupported compression method 12' },
      { path: 'fine.txt', size: 4, text: 'fine' },
    ])
  })

  it('reports a member declared larger than maxMemberBytes without reading it', async () => {
    const found = await read(zipWithFolders(), { maxMemberBytes: 25 })
    assert.deepEqual(found.map((m) => [m.path, m.error ?? m.text]), [
      ['docs/hr/employees.csv', 'FILE_EXCEEDS_SIZE_LIMIT'],
      ['docs/notes.txt', FOLDER_MEMBERS['docs/notes.txt']],
      ['readme.txt', FOLDER_MEMBERS['readme.txt']],
    ])
  })

  it('refuses an archive listing more files than maxArchiveMembers before yielding any', async () => {
    const seen: string[] = []
    await assert.rejects(async () => {
      for await (const item of extractZip(chunked(zipWithMembers(5)), info({ maxArchiveMembers: 4 }))) seen.push(item.path)
    }, isReason('ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT'))
    assert.deepEqual(seen, [])
    assert.equal((await read(zipWithMembers(5), { maxArchiveMembers: 5 })).length, 5)
  })

  it('fails the body of a deflated member that holds more or fewer bytes than it declares', async () => {
    assert.deepEqual(
      (await read(zipWithLyingSizes())).map((m) => [m.path, m.size, m.bodyError ?? m.text]),
      [
        ['short.txt', 10, 'MALFORMED_FILE'],
        ['long.txt', 1500, 'MALFORMED_FILE'],
        ['honest.txt', 6, 'honest'],
      ],
    )
  })

  it('refuses a member whose declared compression ratio no deflate stream reaches', async () => {
    const [bomb, fine] = await read(zipWithRatioBomb())
    assert.deepEqual([bomb!.error, bomb!.message, bomb!.text], ['ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT', 'compression ratio over the limit', undefined])
    assert.equal(fine!.text, 'fine')
  })

  it('refuses overlapping members: two entries sharing one local header', async () => {
    assert.deepEqual(
      (await read(zipWithSharedLocalHeader())).map((m) => [m.path, m.error ?? m.text]),
      [
        ['a.txt', 'MALFORMED_FILE'],
        ['b.txt', 'MALFORMED_FILE'],
        ['c.txt', 'cccc'],
      ],
    )
  })

  it("refuses overlapping members: one member's data quoting another's header", async () => {
    assert.deepEqual(
      (await read(zipWithQuotedOverlap())).map((m) => [m.path, m.error ?? m.text]),
      [
        ['a.txt', 'MALFORMED_FILE'],
        ['b.txt', 'MALFORMED_FILE'],
        ['c.txt', 'cccc'],
      ],
    )
  })

  for (const [name, bytes] of [
    ['a corrupt central directory', () => zipWithCorruptCentralDirectory()],
    ['bytes that are no zip', () => notAnArchive()],
    ['a truncated zip', () => zipWithFolders().subarray(0, 200)],
    ['empty input', () => Buffer.alloc(0)],
  ] as const) {
    it(`throws MALFORMED_FILE for ${name}`, async () => {
      await assert.rejects(read(bytes()), isReason('MALFORMED_FILE'))
    })
  }

  it('throws ARCHIVE_EXCEEDS_SIZE_LIMIT for an archive over the size limit, stated or streamed', async () => {
    const zip = zipWithFolders()
    await assert.rejects(members(extractZip(chunked(zip), info(), zip.length - 1)), isReason('ARCHIVE_EXCEEDS_SIZE_LIMIT'))
    const body = chunked(zip)
    await assert.rejects(members(extractZip(body, info({}, { size: 2 * zip.length }), zip.length)), isReason('ARCHIVE_EXCEEDS_SIZE_LIMIT'))
    assert.equal(body.destroyed, true)
    assert.equal((await members(extractZip(chunked(zip), info(), zip.length))).length, 3)
  })

  it('goes on after the caller destroys a body or leaves it unread', async () => {
    const paths: string[] = []
    let last = ''
    for await (const item of extractZip(chunked(zipWithFolders()), info())) {
      paths.push(item.path)
      if (paths.length === 1) item.body!.destroy()
      else if (paths.length === 3) last = (await buffer(item.body!)).toString('utf8')
    }
    assert.deepEqual(paths, Object.keys(FOLDER_MEMBERS))
    assert.equal(last, FOLDER_MEMBERS['readme.txt'])
  })

  it('reads a zip spilled to disk and removes the spill when the caller stops midway', async () => {
    const tempDir = await mkdtemp(join(tmpdir(), 'trawl-zip-test-'))
    const openFiles = async (): Promise<number> => (existsSync('/proc/self/fd') ? (await readdir('/proc/self/fd')).length : 0)
    const before = await openFiles()
    try {
      const { zip, data } = bigStoredZip(17 * 1024 * 1024)
      for await (const item of extractZip(Readable.from([zip]), info({}, { tempDir }))) {
        assert.equal(item.path, 'big.bin')
        assert.deepEqual(await buffer(item.body!), data)
        assert.equal((await readdir(tempDir)).length, 1)
        break
      }
      assert.deepEqual(await readdir(tempDir), [])

      let body: Readable | undefined
      for await (const item of extractZip(Readable.from([zip]), info({}, { tempDir }))) {
        body = item.body!
        for await (const chunk of body) {
          assert.ok((chunk as Buffer).length > 0)
          break // destroys the body halfway
        }
        break
      }
      assert.equal(body?.destroyed, true)
      assert.deepEqual(await readdir(tempDir), [])
      await new Promise((resolve) => setTimeout(resolve, 20)) // the archive's descriptor closes asynchronously
      assert.equal(await openFiles(), before)
    } finally {
      await rm(tempDir, { recursive: true, force: true })
    }
  })

  it('cleans up when the caller stops while a body is unread', async () => {
    const items = extractZip(chunked(zipWithFolders()), info())
    const first = await items.next()
    const body = (first.value as EmbeddedFile).body!
    await items.return()
    assert.equal(body.destroyed, true)
  })
})

describe('memberPath', () => {
  const cases: Array<[string, string]> = [
    ['a/b.txt', 'a/b.txt'],
    ['./a.txt', 'a.txt'],
    ['/a.txt', 'a.txt'],
    ['.//./a.txt', 'a.txt'],
    ['../a.txt', '../a.txt'],
    ['.', ''],
    ['./', ''],
    ['.hidden', '.hidden'],
  ]
  for (const [name, expected] of cases) {
    it(`${JSON.stringify(name)} → ${JSON.stringify(expected)}`, () => assert.equal(memberPath(name), expected))
  }
})
