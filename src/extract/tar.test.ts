import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { buffer } from 'node:stream/consumers'
import { describe, it } from 'node:test'
import { MTIME, notAnArchive, TAR_FILES, tarWithFile, tarWithFolderSymlinkAndDirectory } from '../../test/fixtures/build/archive.js'
import { extractTar } from './tar.js'
import { DEFAULT_LIMITS, ExtractError, type EmbeddedFile, type ExtractLimits, type ObjectInfo } from './types.js'

function info(limits: Partial<ExtractLimits> = {}, size = 0): ObjectInfo {
  return { key: 'archive.tar', size, extension: 'tar', limits: { ...DEFAULT_LIMITS, ...limits } }
}

/** The bytes in chunks of `size`, so headers and members straddle chunks. */
const chunked = (b: Buffer, size = 300): Readable =>
  Readable.from(Array.from({ length: Math.ceil(b.length / size) }, (_, i) => b.subarray(i * size, i * size + size)))

interface Member {
  path: string
  size?: number
  text?: string
  error?: string
  bodyError?: string
}

const reasonOf = (err: unknown): string => (err instanceof ExtractError ? err.reason : `not an ExtractError: ${String(err)}`)
const isReason = (reason: string) => (err: unknown) => err instanceof ExtractError && err.reason === reason

/** Reads every member's body to its end before asking for the next, as the scanner does. */
async function members(items: AsyncIterable<EmbeddedFile>, into: Member[] = []): Promise<Member[]> {
  for await (const item of items) {
    const m: Member = { path: item.path }
    if (item.size !== undefined) m.size = item.size
    if (item.error) m.error = item.error.reason
    into.push(m)
    if (item.body) {
      try {
        m.text = (await buffer(item.body)).toString('utf8')
      } catch (err) {
        m.bodyError = reasonOf(err)
      }
    }
  }
  return into
}

const expected = (): Member[] => Object.entries(TAR_FILES).map(([path, text]) => ({ path, size: Buffer.byteLength(text), text }))

describe('extractTar', () => {
  it('yields regular files with paths, sizes, dates and bytes; skips directories, links and FIFOs', async () => {
    const tar = await tarWithFolderSymlinkAndDirectory()
    assert.deepEqual(await members(extractTar(chunked(tar), info())), expected())
    for await (const item of extractTar(chunked(tar), info())) {
      assert.equal(item.lastModified?.getTime(), MTIME.getTime())
      item.body!.destroy()
    }
  })

  it('reads the same from one chunk and from 13-byte chunks', async () => {
    const tar = await tarWithFolderSymlinkAndDirectory()
    assert.deepEqual(await members(extractTar(Readable.from([tar]), info())), expected())
    assert.deepEqual(await members(extractTar(chunked(tar, 13), info())), expected())
  })

  it('drains a body the caller destroys or leaves unread, and goes on', async () => {
    const tar = await tarWithFolderSymlinkAndDirectory()
    const paths: string[] = []
    let last = ''
    for await (const item of extractTar(chunked(tar), info())) {
      paths.push(item.path)
      if (item.path === 'folder/ssn.txt') item.body!.destroy()
      if (item.path === 'dotted.txt') last = (await buffer(item.body!)).toString('utf8')
      // 'folder/big.txt' is left unread
    }
    assert.deepEqual(paths, Object.keys(TAR_FILES))
    assert.equal(last, TAR_FILES['dotted.txt'])
  })

  it('stops cleanly when the caller stops midway, a body half read', async () => {
    const tar = await tarWithFolderSymlinkAndDirectory()
    const body = chunked(tar)
    let member: Readable | undefined
    for await (const item of extractTar(body, info())) {
      if (item.path !== 'folder/big.txt') continue
      member = item.body!
      for await (const chunk of member) {
        assert.ok((chunk as Buffer).length > 0)
        break
      }
      break
    }
    assert.equal(member?.destroyed, true)
    assert.equal(body.destroyed, true)
  })

  it('reports a member larger than maxMemberBytes without reading it', async () => {
    const tar = await tarWithFolderSymlinkAndDirectory()
    const found = await members(extractTar(chunked(tar), info({ maxMemberBytes: 100 })))
    assert.deepEqual(
      found.map((m) => [m.path, m.error ?? m.text]),
      Object.entries(TAR_FILES).map(([path, text]) => [path, text.length > 100 ? 'FILE_EXCEEDS_SIZE_LIMIT' : text]),
    )
  })

  it('yields nothing for an archive of only its end blocks', async () => {
    assert.deepEqual(await members(extractTar(Readable.from([Buffer.alloc(1024)]), info())), [])
  })

  it('throws MALFORMED_FILE for a truncated archive, after the members before the cut; the cut member fails', async () => {
    const tar = await tarWithFolderSymlinkAndDirectory()
    const seen: Member[] = []
    // The cut falls inside 'folder/big.txt', which starts at 512 * 5.
    await assert.rejects(members(extractTar(chunked(tar.subarray(0, 512 * 5 + 4000)), info()), seen), isReason('MALFORMED_FILE'))
    assert.deepEqual(seen, [
      { path: 'folder/ssn.txt', size: TAR_FILES['folder/ssn.txt']!.length, text: TAR_FILES['folder/ssn.txt'] },
      { path: 'folder/big.txt', size: TAR_FILES['folder/big.txt']!.length, bodyError: 'MALFORMED_FILE' },
    ])
  })

  it('keeps the error of a body that fails before the caller reads it', async () => {
    const tar = await tarWithFolderSymlinkAndDirectory()
    const failures: string[] = []
    await assert.rejects(async () => {
      for await (const item of extractTar(Readable.from([tar.subarray(0, 512 * 5 + 4000)]), info())) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        await buffer(item.body!).catch((err: unknown) => failures.push(`${item.path} ${reasonOf(err)}`))
      }
    }, isReason('MALFORMED_FILE'))
    assert.deepEqual(failures, ['folder/big.txt MALFORMED_FILE'])
  })

  it('throws MALFORMED_FILE for bytes that are no tar', async () => {
    await assert.rejects(members(extractTar(chunked(notAnArchive()), info())), isReason('MALFORMED_FILE'))
  })

  it('throws MALFORMED_FILE for a header cut short', async () => {
    await assert.rejects(members(extractTar(Readable.from([(await tarWithFile('a.txt', 'a')).subarray(0, 100)]), info())), isReason('MALFORMED_FILE'))
  })

  it('yields nothing for empty input', async () => {
    assert.deepEqual(await members(extractTar(Readable.from([]), info())), [])
  })

  it('throws ARCHIVE_EXCEEDS_SIZE_LIMIT for an archive over the size limit, stated or streamed', async () => {
    const tar = await tarWithFolderSymlinkAndDirectory()
    const body = chunked(tar)
    await assert.rejects(members(extractTar(body, info({}, tar.length + 1), tar.length)), isReason('ARCHIVE_EXCEEDS_SIZE_LIMIT'))
    assert.equal(body.destroyed, true)
    const seen: Member[] = []
    await assert.rejects(members(extractTar(chunked(tar), info(), 60_000), seen), isReason('ARCHIVE_EXCEEDS_SIZE_LIMIT'))
    assert.deepEqual(seen.map((m) => m.path), ['folder/ssn.txt', 'folder/big.txt'])
    assert.equal(seen[1]!.bodyError, 'ARCHIVE_EXCEEDS_SIZE_LIMIT')
    assert.deepEqual(await members(extractTar(chunked(tar), info(), tar.length)), expected())
  })

  it("passes the body's own errors through unchanged", async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('connection reset'))
      },
    })
    await assert.rejects(members(extractTar(failing, info())), { message: 'connection reset' })
  })
})
