// Bytes → text. Picks the encoding once (a byte order mark, else UTF-8 when the first 64 KiB is
// valid UTF-8, else windows-1252) and decodes a stream of chunks without holding the object.
// ASCII chunks take a fast path (a latin1 slice, one byte per character in V8).
import { isAscii, isUtf8 } from 'node:buffer'
import { TextDecoder } from 'node:util'

/** The encodings text objects are read in. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

/** The encoding of an object and the length of its byte order mark (0 when none). */
export interface DetectedEncoding {
  readonly encoding: TextEncodingName
  readonly bomBytes: number
}

/** Bytes examined to tell UTF-8 from windows-1252. */
export const ENCODING_SAMPLE_BYTES = 64 * 1024
/** Bytes examined to recognise UTF-16 without a byte order mark. */
const UTF16_SAMPLE_BYTES = 4096

/**
 * Bytes at the end of `b` that start an incomplete UTF-8 sequence: 0 when it ends on a
 * character boundary, -1 when that cannot be told from `b` alone (a short chunk of
 * continuation bytes).
 */
function incompleteUtf8Tail(b: Uint8Array): number {
  const n = b.length
  const last = Math.min(4, n)
  for (let k = 1; k <= last; k++) {
    const c = b[n - k]!
    if ((c & 0xc0) === 0x80) continue
    if (c < 0x80) return 0
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2
    return k < need ? k : 0
  }
  return n < 4 ? -1 : 0
}

/**
 * Recognises UTF-16 without a byte order mark: ASCII-range text has a zero in every other byte
 * (the high byte), and almost never a zero in the low byte.
 */
function guessUtf16(head: Uint8Array): TextEncodingName | undefined {
  const pairs = Math.min(head.length, UTF16_SAMPLE_BYTES) >> 1
  if (pairs < 2) return undefined
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < pairs; i++) {
    if (head[2 * i] === 0) evenZeros++
    if (head[2 * i + 1] === 0) oddZeros++
  }
  if (oddZeros >= pairs * 0.7 && evenZeros <= pairs * 0.05) return 'utf-16le'
  if (evenZeros >= pairs * 0.7 && oddZeros <= pairs * 0.05) return 'utf-16be'
  return undefined
}

/**
 * Tells the encoding of an object from its first bytes; `isWhole` says `head` is the whole object
 * (so an incomplete sequence at its end is an error, not a chunk boundary).
 * @example
 * detectEncoding(Buffer.from([0xff, 0xfe, 0x41, 0x00])) // { encoding: 'utf-16le', bomBytes: 2 }
 */
export function detectEncoding(head: Uint8Array, isWhole = false): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomBytes: 3 }
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomBytes: 2 }
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomBytes: 2 }
  const utf16 = guessUtf16(head)
  if (utf16) return { encoding: utf16, bomBytes: 0 }
  let sample = head.length > ENCODING_SAMPLE_BYTES ? head.subarray(0, ENCODING_SAMPLE_BYTES) : head
  if (!isWhole || sample !== head) {
    const tail = incompleteUtf8Tail(sample)
    if (tail > 0) sample = sample.subarray(0, sample.length - tail)
  }
  return { encoding: isUtf8(sample) ? 'utf-8' : 'windows-1252', bomBytes: 0 }
}

/** Turns successive chunks of one encoding into strings; `end` flushes what is held back. */
interface ChunkDecoder {
  decode(chunk: Buffer): string
  end(): string
}

/** UTF-8 is decoded in pieces of this many bytes, so that ASCII stretches take the fast path. */
const UTF8_PIECE_BYTES = 16 * 1024

function utf8Decoder(): ChunkDecoder {
  const td = new TextDecoder('utf-8')
  let isPending = false
  // Most text is ASCII with a few other characters: a piece that is all ASCII (and starts no
  // character left open by the last one) is a latin1 slice, ~10× faster than TextDecoder.
  const piece = (bytes: Buffer): string => {
    if (!isPending && isAscii(bytes)) return bytes.toString('latin1')
    const s = td.decode(bytes, { stream: true })
    isPending = incompleteUtf8Tail(bytes) !== 0
    return s
  }
  return {
    decode(chunk) {
      if (chunk.length < 2 * UTF8_PIECE_BYTES) return piece(chunk)
      const parts: string[] = []
      // The last piece is at least UTF8_PIECE_BYTES long, so no piece is shorter than a character.
      for (let a = 0, b = 0; a < chunk.length; a = b) {
        b = chunk.length - a < 2 * UTF8_PIECE_BYTES ? chunk.length : a + UTF8_PIECE_BYTES
        parts.push(piece(chunk.subarray(a, b)))
      }
      return parts.join('')
    },
    end: () => (isPending ? td.decode() : ''),
  }
}

/** windows-1252 characters for bytes 0x80–0x9F (WHATWG Encoding); latin1 covers the rest. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178'
const C1_CONTROLS = /[\x80-\x9f]/g
const toCp1252 = (c: string): string => CP1252_HIGH[c.charCodeAt(0) - 0x80]!

// Node's own TextDecoder('windows-1252') decodes as latin1 in some versions, so map 0x80–0x9F here.
function windows1252Decoder(): ChunkDecoder {
  return {
    decode: (chunk) => (isAscii(chunk) ? chunk.toString('latin1') : chunk.toString('latin1').replace(C1_CONTROLS, toCp1252)),
    end: () => '',
  }
}

function utf16Decoder(encoding: 'utf-16le' | 'utf-16be'): ChunkDecoder {
  const td = new TextDecoder(encoding)
  return {
    decode: (chunk) => td.decode(chunk, { stream: true }),
    end: () => td.decode(),
  }
}

function chunkDecoder(encoding: TextEncodingName): ChunkDecoder {
  if (encoding === 'utf-8') return utf8Decoder()
  if (encoding === 'windows-1252') return windows1252Decoder()
  return utf16Decoder(encoding)
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8')
  throw new TypeError(`expected bytes, got ${typeof chunk}`)
}

/**
 * Decodes a stream of byte chunks into text chunks, dropping the byte order mark. Characters
 * split across chunks are joined; invalid sequences become U+FFFD.
 * @example
 * for await (const text of decodeText(fs.createReadStream('notes.txt'))) process.stdout.write(text)
 */
export async function* decodeText(source: AsyncIterable<unknown>): AsyncGenerator<string, void, undefined> {
  const it = source[Symbol.asyncIterator]()
  try {
    const head: Buffer[] = []
    let headBytes = 0
    let isDone = false
    while (headBytes < ENCODING_SAMPLE_BYTES) {
      const r = await it.next()
      if (r.done) {
        isDone = true
        break
      }
      const b = toBuffer(r.value)
      if (b.length === 0) continue
      head.push(b)
      headBytes += b.length
    }
    const sample = head.length === 1 ? head[0]! : Buffer.concat(head, headBytes)
    const { encoding, bomBytes } = detectEncoding(sample, isDone)
    const decoder = chunkDecoder(encoding)
    const first = decoder.decode(sample.subarray(bomBytes))
    if (first.length > 0) yield first
    while (!isDone) {
      const r = await it.next()
      if (r.done) break
      const s = decoder.decode(toBuffer(r.value))
      if (s.length > 0) yield s
    }
    const rest = decoder.end()
    if (rest.length > 0) yield rest
  } finally {
    await it.return?.()
  }
}
