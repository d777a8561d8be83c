// TAR archives → their regular files as EmbeddedFiles, streamed: one member is read at a time
// and nothing is buffered beyond the parser's window. Counting members and bytes across an
// archive tree and the nesting depth belong to the caller.
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { extract as tarExtract, type Extract } from 'tar-stream'
import { ExtractError, type EmbeddedFile, type ObjectInfo } from './types.js'
import { memberPath } from './zip.js'

/** Largest TAR archive analysed (Macie: 20 GB). */
export const TAR_MAX_BYTES = 20 * 1024 ** 3

/** A member as tar-stream hands it over: a streamx stream with its header. */
type Entry = Extract extends AsyncIterable<infer E> ? E : never

/**
 * A tar-stream entry as a Node stream. The entry is a streamx stream whose destruction would
 * end the whole archive, so destroying the returned stream only stops forwarding: the rest of
 * the entry is drained and the archive reads on.
 */
function entryBody(entry: Entry, toError: (err: Error) => Error): Readable {
  let isDetached = false
  const out = new Readable({
    read() {
      entry.resume()
    },
    destroy(err, done) {
      isDetached = true
      entry.resume()
      done(err)
    },
  })
  // An error before the caller reads stays on the stream (`errored`) for the reader to meet.
  out.on('error', () => undefined)
  entry.on('data', (chunk) => {
    if (!isDetached && !out.push(chunk)) entry.pause()
  })
  entry.on('end', () => {
    if (!isDetached) out.push(null)
  })
  entry.on('error', (err: Error) => {
    if (!isDetached) out.destroy(toError(err))
  })
  return out
}

/**
 * Yields the regular files of a TAR archive as they stream by; throws MALFORMED_FILE for a
 * truncated or corrupt archive (after the members before the damage) and
 * ARCHIVE_EXCEEDS_SIZE_LIMIT past `maxTarBytes`.
 * @example
 * for await (const item of extractTar(body, info)) if (isEmbedded(item) && item.body) await analyse(item.path, item.body)
 */
export async function* extractTar(body: Readable, info: ObjectInfo, maxTarBytes = TAR_MAX_BYTES): AsyncGenerator<EmbeddedFile, void, undefined> {
  const tooBig = (): ExtractError => new ExtractError('ARCHIVE_EXCEEDS_SIZE_LIMIT', `TAR archive larger than ${maxTarBytes} bytes`)
  if (info.size > maxTarBytes) {
    body.destroy()
    throw tooBig()
  }
  // The body's own errors (a failed read, a broken container around this archive) pass through.
  let bodyError: unknown
  body.on('error', (err) => {
    bodyError = err
  })
  const toError = (err: unknown): Error => {
    if (err instanceof ExtractError || err === bodyError) return err as Error
    return new ExtractError('MALFORMED_FILE', `corrupt TAR archive: ${err instanceof Error ? err.message : String(err)}`, { cause: err })
  }
  let inputBytes = 0
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      inputBytes += chunk.length
      if (inputBytes > maxTarBytes) done(tooBig())
      else done(null, chunk)
    },
  })
  const extract = tarExtract()
  let failure: unknown
  const fed = pipeline(body, counter, extract).catch((err: unknown) => {
    failure = err
  })
  const entries = extract[Symbol.asyncIterator]()
  let current: Readable | undefined
  let isRead = false
  try {
    for (;;) {
      let next: IteratorResult<Entry>
      try {
        next = await entries.next()
      } catch (err) {
        throw toError(failure ?? err)
      }
      if (next.done) break
      const entry = next.value
      const { header } = entry
      const path = memberPath(header.name)
      if ((header.type !== 'file' && header.type !== 'contiguous-file') || path === '') {
        entry.resume()
        continue
      }
      const member = { kind: 'embedded', path, size: header.size ?? 0, ...(header.mtime ? { lastModified: header.mtime } : {}) } as const
      if (member.size > info.limits.maxMemberBytes) {
        entry.resume()
        yield { ...member, error: new ExtractError('FILE_EXCEEDS_SIZE_LIMIT', `member larger than ${info.limits.maxMemberBytes} bytes`) }
        continue
      }
      current = entryBody(entry, toError)
      yield { ...member, body: current }
      current.destroy()
      current = undefined
    }
    isRead = true
    await fed
    if (failure) throw toError(failure)
  } finally {
    current?.destroy()
    if (!isRead) {
      body.destroy()
      await entries.return?.()
      await fed
    }
  }
}
