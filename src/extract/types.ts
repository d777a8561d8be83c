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
}

/** Limits an extractor must respect; hitting one is an `ExtractError`, never a crash. */
export interface ExtractLimits {
  /** JSON nesting deeper than this is JSON_NESTING_LEVEL_OVER_LIMIT (Macie: 256). */
  maxJsonDepth: number
  /** Size in characters of one text block handed to the engine. */
  blockChars: number
}

/** What an extractor knows of the object it reads. */
export interface ObjectInfo {
  key: string
  size: number
  /** Lower-case extension without the dot, '' when none. */
  extension: string
  limits: ExtractLimits
}

/** Reads an object's bytes and yields its text. */
export type Extractor = (body: Readable, info: ObjectInfo) => AsyncIterable<TextSegment>

/** Macie's reasons for a result status (MACIE.md §5.3) that extraction can cause. */
export type ExtractFailure =
  | 'UNABLE_TO_PARSE_FILE'
  | 'MALFORMED_FILE'
  | 'JSON_NESTING_LEVEL_OVER_LIMIT'
  | 'UNSUPPORTED_FILE_TYPE_EXCEPTION'
  | 'FILE_EXCEEDS_SIZE_LIMIT'

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
