// Word (.docx) → free text located by line: the ZIP is spooled for random access (yauzl), its
// Office Open XML size and ratio limits are checked from the central directory and again while
// inflating, and the text of the body, headers, footers, footnotes, endnotes and comments is
// streamed out of the WordprocessingML with a SAX parser, one line per paragraph or table row.
// Legacy .doc files and encrypted .docx (OLE2 containers) are not read here.
import { Readable } from 'node:stream'
import { TextDecoder } from 'node:util'
import { SaxesParser, type SaxesTagPlain } from 'saxes'
import yauzl from 'yauzl'
import { checkOoxmlPart, openOoxmlZip } from './ooxml.js'
import { spool } from './spool.js'
import { segmentText } from './text.js'
import { ExtractError, type ExtractLimits, type ObjectInfo, type TextSegment } from './types.js'

/** Largest Word document read (Macie's quota for Word files, MACIE.md §5.2). */
export const MAX_DOCX_BYTES = 512 * 1024 ** 2

const WORD_NAMESPACES = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main'])
const MARKUP_COMPATIBILITY = 'http://schemas.openxmlformats.org/markup-compatibility/2006'

/** The parts read, in the order their lines are numbered; numbered parts (header2) sort by number. */
const PART_ORDER = [/^word\/document\.xml$/i, /^word\/header(\d*)\.xml$/i, /^word\/footer(\d*)\.xml$/i, /^word\/footnotes\.xml$/i, /^word\/endnotes\.xml$/i, /^word\/comments\.xml$/i]

const malformed = (message: string, cause?: unknown): ExtractError =>
  new ExtractError('MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT', `Word document ${message}`, cause === undefined ? undefined : { cause })

function toExtractError(err: unknown): ExtractError {
  if (err instanceof ExtractError) return err
  return malformed(`could not be read: ${err instanceof Error ? err.message : String(err)}`, err)
}



/** The text parts of a package in reading order, after checking every entry against the limits. */
async function textParts(zip: yauzl.ZipFile, limits: ExtractLimits): Promise<yauzl.Entry[]> {
  const found: Array<{ entry: yauzl.Entry; rank: number; number: number }> = []
  const seen = new Set<string>()
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue
    checkOoxmlPart(entry.fileName, entry.uncompressedSize, entry.compressedSize, limits)
    const rank = PART_ORDER.findIndex((re) => re.test(entry.fileName))
    const name = entry.fileName.toLowerCase()
    if (rank < 0 || seen.has(name)) continue
    seen.add(name)
    const digits = PART_ORDER[rank]!.exec(entry.fileName)![1]
    found.push({ entry, rank, number: digits ? Number(digits) : 0 })
  }
  if (!found.some((p) => p.rank === 0)) throw malformed('has no word/document.xml')
  return found.sort((a, b) => a.rank - b.rank || a.number - b.number).map((p) => p.entry)
}

/**
 * WordprocessingML → text: a line per paragraph, a table row's cells on one line separated by
 * tabs (a cell's paragraphs by spaces), w:tab a tab, w:br and w:cr a newline; text comes from
 * w:t and w:delText only. mc:Fallback content is skipped, as it repeats mc:Choice's.
 */
/** An element name resolved against the namespaces in scope. */
interface QName {
  uri: string
  local: string
}

function qname(name: string, scope: ReadonlyMap<string, string>): QName {
  const colon = name.indexOf(':')
  return colon < 0 ? { uri: scope.get('') ?? '', local: name } : { uri: scope.get(name.slice(0, colon)) ?? '', local: name.slice(colon + 1) }
}

class WordText {
  /** Text produced since the last `take`. */
  private out: string[] = []
  private textDepth = 0
  private runDepth = 0
  private skipDepth = 0
  /** Cells opened so far in each open table row, innermost last. */
  private rows: number[] = []
  /** A paragraph ended inside a cell: its next text is preceded by a space. */
  private isSpacePending = false
  /** For each open paragraph: whether a paragraph nested in it (a text box's) has ended. */
  private paragraphs: boolean[] = []
  /** Nothing but line ends were produced since the last line end. */
  private isAtLineStart = true
  // Namespaces are resolved here rather than by saxes: its namespace mode took a quarter of the
  // time of a large document, resolving every attribute, where only element names matter.
  readonly parser = new SaxesParser({ xmlns: false, position: false })
  /** Prefix → namespace URI in scope, one map per open element (shared until one declares). */
  private scopes: Array<Map<string, string>> = [new Map()]

  constructor() {
    this.parser.on('opentag', (tag) => this.open(this.enter(tag)))
    this.parser.on('closetag', (tag) => this.close(this.leave(tag)))
    this.parser.on('text', (text) => this.text(text))
    this.parser.on('cdata', (text) => this.text(text))
  }

  take(): string {
    const text = this.out.join('')
    this.out = []
    return text
  }

  /** Ends the part: text outside any paragraph still ends its line. */
  end(): void {
    this.parser.close()
    if (!this.isAtLineStart) this.endLine()
  }

  private push(s: string): void {
    if (s === '') return
    if (this.isSpacePending) {
      this.out.push(' ')
      this.isSpacePending = false
    }
    this.out.push(s)
    this.isAtLineStart = s.endsWith('\n')
  }

  private endLine(): void {
    this.out.push('\n')
    this.isAtLineStart = true
  }

  private text(text: string): void {
    if (this.textDepth > 0 && this.skipDepth === 0) this.push(text)
  }

  /** The element's namespace URI and local name, its namespace declarations taken into scope. */
  private enter(tag: SaxesTagPlain): QName {
    let scope = this.scopes[this.scopes.length - 1]!
    let isCopied = false
    for (const name in tag.attributes) {
      if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue
      if (!isCopied) {
        scope = new Map(scope)
        isCopied = true
      }
      scope.set(name === 'xmlns' ? '' : name.slice(6), tag.attributes[name]!)
    }
    this.scopes.push(scope)
    return qname(tag.name, scope)
  }

  /** The element's namespace URI and local name; its scope ends. */
  private leave(tag: SaxesTagPlain): QName {
    const scope = this.scopes.length > 1 ? this.scopes.pop()! : this.scopes[0]!
    return qname(tag.name, scope)
  }

  private open(tag: QName): void {
    if (this.skipDepth > 0 || (tag.uri === MARKUP_COMPATIBILITY && tag.local === 'Fallback')) {
      this.skipDepth++
      return
    }
    if (!WORD_NAMESPACES.has(tag.uri)) return
    switch (tag.local) {
      case 't':
      case 'delText':
        this.textDepth++
        break
      case 'r':
        this.runDepth++
        break
      case 'tab':
      case 'ptab':
        if (this.runDepth > 0) this.push('\t') // a w:tab outside a run is a tab stop definition
        break
      case 'br':
      case 'cr':
        if (this.runDepth > 0) this.push('\n')
        break
      case 'noBreakHyphen':
        if (this.runDepth > 0) this.push('-')
        break
      case 'p':
        this.paragraphs.push(false)
        break
      case 'tr':
        this.rows.push(0)
        break
      case 'tc': {
        const last = this.rows.length - 1
        if (last < 0) break
        this.isSpacePending = false
        if (this.rows[last]! > 0) this.push('\t')
        this.rows[last]!++
        break
      }
    }
  }

  private close(tag: QName): void {
    if (this.skipDepth > 0) {
      this.skipDepth--
      return
    }
    if (!WORD_NAMESPACES.has(tag.uri)) return
    switch (tag.local) {
      case 't':
      case 'delText':
        this.textDepth = Math.max(0, this.textDepth - 1)
        break
      case 'r':
        this.runDepth = Math.max(0, this.runDepth - 1)
        break
      case 'p': {
        // A paragraph holding a text box whose paragraphs ended its line adds no empty line.
        const hasNested = this.paragraphs.pop() ?? false
        if (this.paragraphs.length > 0) this.paragraphs[this.paragraphs.length - 1] = true
        if (this.rows.length > 0) this.isSpacePending = true
        else if (!(hasNested && this.isAtLineStart)) this.endLine()
        break
      }
      case 'tr':
        this.rows.pop()
        if (this.rows.length > 0) {
          this.isSpacePending = true
        } else {
          this.isSpacePending = false
          this.endLine()
        }
        break
    }
  }
}

/** A decoder for a part's bytes: UTF-16 when its first chunk starts with a UTF-16 byte order mark, else UTF-8. */
function decoderFor(head: Buffer): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le')
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be')
  return new TextDecoder('utf-8')
}

/** Streams the text of the parts, in order, checking the limits on the bytes actually inflated. */
async function* partsText(zip: yauzl.ZipFile, parts: yauzl.Entry[], limits: ExtractLimits): AsyncGenerator<string, void, undefined> {
  for (const entry of parts) {
    const words = new WordText()
    let decoder: TextDecoder | undefined
    let inflated = 0
    try {
      const stream = await zip.openReadStreamPromise(entry)
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        inflated += chunk.length
        checkOoxmlPart(entry.fileName, inflated, entry.compressedSize, limits)
        decoder ??= decoderFor(chunk)
        words.parser.write(decoder.decode(chunk, { stream: true }))
        const text = words.take()
        if (text !== '') yield text
      }
      words.parser.write(decoder?.decode() ?? '')
      words.end()
    } catch (err) {
      throw toExtractError(err)
    }
    const text = words.take()
    if (text !== '') yield text
  }
}

/**
 * Reads a Word document and yields its text as free-text segments whose lines count paragraphs
 * and table rows from 1 across body, headers, footers, footnotes, endnotes and comments. A part
 * too large uncompressed is OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT, one that inflates too much
 * OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT, a broken package MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT.
 * @example
 * for await (const item of extractDocx(body, info)) if (!isEmbedded(item)) detector.detect(item)
 */
export async function* extractDocx(body: Readable, info: ObjectInfo): AsyncGenerator<TextSegment, void, undefined> {
  const file = await spool(body, { maxBytes: MAX_DOCX_BYTES, tempDir: info.tempDir, what: 'Word document' })
  let zip: yauzl.ZipFile | undefined
  try {
    let parts: yauzl.Entry[]
    try {
      zip = await openOoxmlZip(file)
      parts = await textParts(zip, info.limits)
    } catch (err) {
      throw toExtractError(err)
    }
    yield* segmentText(partsText(zip, parts, info.limits), info.limits.blockChars)
  } finally {
    zip?.close()
    await file.close()
  }
}
