// What extractors yield: text blocks with the locations Macie reports for their format.
import type { Readable } from 'node:stream'
import type { TextFields } from '../detect/types.js'

/** Where an occurrence is, in the terms of Macie's `Occurrences` shape. */
export type Location =
  | { kind: 'line'; line: number; column: number } // → lineRanges {start, end, startColumn}
  | { kind: 'cell'; row: number; column: number; columnName?: string; cellReference?: string } // → cells
  | { kind: 'record'; recordIndex: number; jsonPath: string } // → records
  | { kind: 'page'; pageNumber: number } // → pages

/** Fields that also know their locations. */
export interface LocatedFields extends TextFields {
  location(i: number): Location
}

/** A block of extracted text and how to locate offsets inside it. */
export interface TextSegment {
  readonly text: string
  /** Reported matches start in [ownStart, ownEnd); text outside is context from neighbours. */
  readonly ownStart?: number
  readonly ownEnd?: number
  /** Free text: line and column (1-based) of text[0]; offsets are located by counting newlines. */
  readonly origin?: { line: number; column: number }
  /** Structured text: cells or record values, each with labels and a location. */
  readonly fields?: LocatedFields
  readonly labels?: readonly string[]
  /**
   * Where the text at an offset came from, when neither `origin` nor `fields` can say: a PDF's
   * page, a line and column in the markup an HTML text run was taken from. Wins over `origin`.
   */
  readonly locate?: (offset: number) => Location
}

/**
 * A file inside a container (an archive member, an e-mail attachment), analysed as an object
 * of its own type. Read `body` to its end, or destroy it, before asking for the next item.
 */
export interface EmbeddedFile {
  readonly kind: 'embedded'
  /** Its path inside the container, '/'-separated (Macie's `embeddedFileDetails.filePath`). */
  readonly path: string
  /** Its size in bytes as the container states it, when it does. */
  readonly size?: number
  readonly lastModified?: Date
  /** Its bytes; absent when `error` says why the member cannot be read. */
  readonly body?: Readable
  /** Why the member cannot be read (encrypted, over a limit); the container goes on. */
  readonly error?: ExtractError
}

/** What an extractor yields: text to analyse, or a nested file to analyse as its own object. */
export type ExtractedItem = TextSegment | EmbeddedFile

/** True when an item is a nested file rather than text. */
export function isEmbedded(item: ExtractedItem): item is EmbeddedFile {
  return (item as EmbeddedFile).kind === 'embedded'
}

/** Limits an extractor must respect; hitting one is an `ExtractError`, never a crash. */
export interface ExtractLimits {
  /** JSON nesting deeper than this is JSON_NESTING_LEVEL_OVER_LIMIT (Macie: 256). */
  maxJsonDepth: number
  /** Size in characters of one text block handed to the engine. */
  blockChars: number
  /** Archives nested deeper than this are ARCHIVE_NESTING_LEVEL_OVER_LIMIT (Macie: 10). */
  maxArchiveDepth: number
  /** Members extracted from one archive tree (Macie: 1,000,000). */
  maxArchiveMembers: number
  /** Bytes extracted from one archive tree (Macie: 10 GB). */
  maxExtractedBytes: number
  /** Bytes of one extracted member (Macie: 3 GB). */
  maxMemberBytes: number
  /** Largest object a format that must be read whole (PDF, e-mail) is read into memory. */
  maxBufferedBytes: number
  /** Office Open XML: largest uncompressed part, and largest uncompressed/compressed ratio. */
  maxOoxmlPartBytes: number
  maxOoxmlRatio: number
}

/** Macie's limits (MACIE.md §5.2), with trawl's memory bound for whole-object formats. */
export const DEFAULT_LIMITS: ExtractLimits = {
  maxJsonDepth: 256,
  blockChars: 1 << 20,
  maxArchiveDepth: 10,
  maxArchiveMembers: 1_000_000,
  maxExtractedBytes: 10 * 1024 ** 3,
  maxMemberBytes: 3 * 1024 ** 3,
  maxBufferedBytes: 128 * 1024 ** 2,
  maxOoxmlPartBytes: 512 * 1024 ** 2,
  maxOoxmlRatio: 100,
}

/** What an extractor knows of the object it reads. */
export interface ObjectInfo {
  key: string
  size: number
  /** Lower-case extension without the dot, '' when none. */
  extension: string
  limits: ExtractLimits
  /** Where to spill objects that need random access and are too big for memory (os.tmpdir()). */
  tempDir?: string
}

/** Reads an object's bytes and yields its text and nested files. */
export type Extractor = (body: Readable, info: ObjectInfo) => AsyncIterable<ExtractedItem>

/** Macie's reasons for a result status (MACIE.md §5.3) that extraction can cause. */
export type ExtractFailure =
  | 'UNABLE_TO_PARSE_FILE'
  | 'MALFORMED_FILE'
  | 'JSON_NESTING_LEVEL_OVER_LIMIT'
  | 'UNSUPPORTED_FILE_TYPE_EXCEPTION'
  | 'FILE_EXCEEDS_SIZE_LIMIT'
  | 'MALFORMED_OR_FILE_SIZE_EXCEEDS_LIMIT'
  | 'OOXML_UNCOMPRESSED_RATIO_EXCEEDS_LIMIT'
  | 'OOXML_UNCOMPRESSED_SIZE_EXCEEDS_LIMIT'
  | 'ARCHIVE_CONTAINS_UNPROCESSED_FILES'
  | 'ARCHIVE_EXCEEDS_SIZE_LIMIT'
  | 'ARCHIVE_NESTING_LEVEL_OVER_LIMIT'
  | 'ARCHIVE_TOTAL_BYTES_EXTRACTED_OVER_LIMIT'
  | 'ARCHIVE_TOTAL_DOCUMENTS_PROCESSED_OVER_LIMIT'

/** An object that could not be (fully) read; carries Macie's reason. */
export class ExtractError extends Error {
  override readonly name = 'ExtractError'
  constructor(
    readonly reason: ExtractFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}
