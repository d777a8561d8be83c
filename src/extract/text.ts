// Free text → blocks of about `blockChars` characters, streamed. Each block carries up to 4096
// characters of its neighbours as context, so a value or keyword that straddles a cut is still
// seen whole; a match belongs to the block its first character is in (its own range).
import type { Readable } from 'node:stream'
import { decodeText } from './decode.js'
import type { ObjectInfo, TextSegment } from './types.js'

/** Characters of context either side of a block's own part (from several blocks when they are small). */
const CONTEXT_CHARS = 4096

/**
 * Where the block starting at win[from] ends (an offset from `from`): after the last newline in
 * its last 4 KiB (its last half, for blocks under 8 KiB), else at `block` characters.
 */
function cutPoint(win: string, from: number, block: number): number {
  const window = Math.min(CONTEXT_CHARS, block >> 1)
  const nl = win.lastIndexOf('\n', from + block - 1)
  if (nl >= from + block - window) return nl + 1 - from
  let cut = block
  const c = win.charCodeAt(from + cut - 1)
  if (c >= 0xd800 && c <= 0xdbff) cut-- // never split a surrogate pair
  return cut
}

/** Line and column of text[to], given those of text[from]. */
function advance(text: string, from: number, to: number, at: { line: number; column: number }): { line: number; column: number } {
  if (to <= from) return at
  const last = text.lastIndexOf('\n', to - 1)
  if (last < from) return { line: at.line, column: at.column + (to - from) }
  let lines = 0
  for (let i = text.indexOf('\n', from); i !== -1 && i <= last; i = text.indexOf('\n', i + 1)) lines++
  return { line: at.line + lines, column: to - last }
}

/**
 * Cuts a stream of text into overlapping free-text segments; `origin` is the line and column of
 * the first character (for text that starts inside a larger file).
 * @example
 * for await (const s of segmentText(decodeText(body), 1 << 20)) console.log(s.origin, s.ownEnd! - s.ownStart!)
 */
export async function* segmentText(
  chunks: AsyncIterable<string>,
  blockChars: number,
  origin: { line: number; column: number } = { line: 1, column: 1 },
): AsyncGenerator<TextSegment, void, undefined> {
  const block = Math.max(2, Math.floor(blockChars))
  const it = chunks[Symbol.asyncIterator]()
  // win = context (the end of what was emitted, `from` characters) + text not emitted yet, one
  // flat string, so each segment's text is a slice of it rather than a copy.
  let win = ''
  let from = 0
  let at = origin // line and column of win[0]
  let isEof = false
  try {
    for (;;) {
      if (!isEof && win.length - from < block + CONTEXT_CHARS) {
        const parts = [win]
        let length = win.length
        while (length - from < block + CONTEXT_CHARS) {
          const r = await it.next()
          if (r.done) {
            isEof = true
            break
          }
          parts.push(r.value)
          length += r.value.length
        }
        win = parts.join('')
      }
      const rest = win.length - from
      if (rest === 0) return
      const cut = isEof && rest <= block ? rest : cutPoint(win, from, block)
      const ownEnd = from + cut
      const text = win.slice(0, Math.min(win.length, ownEnd + CONTEXT_CHARS))
      yield { text, ownStart: from, ownEnd, origin: at }
      const keep = Math.max(0, ownEnd - CONTEXT_CHARS)
      at = advance(win, 0, keep, at)
      win = win.slice(keep)
      from = ownEnd - keep
    }
  } finally {
    await it.return?.()
  }
}

/**
 * Reads a text object (any extension not handled by a structured extractor) as free text.
 * @example
 * for await (const segment of extractText(body, info)) detector.detect(segment)
 */
export function extractText(body: Readable, info: ObjectInfo): AsyncIterable<TextSegment> {
  return segmentText(decodeText(body), info.limits.blockChars)
}
