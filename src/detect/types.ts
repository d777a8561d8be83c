// What the engine reads (a block of text, optionally split into labelled fields) and what it
// returns (detections as offsets into that text). No locations here: extractors own those.

/** Field boundaries of structured text (CSV cells, JSON leaf values) inside one block. */
export interface TextFields {
  /** Number of fields. */
  readonly count: number
  /** Field i spans text[starts[i], ends[i]). Fields do not overlap and are in order. */
  readonly starts: ArrayLike<number>
  readonly ends: ArrayLike<number>
  /** Column name or JSON path element names of field i; a keyword in one counts as near. */
  labels(i: number): readonly string[]
}

/** A block of text for the engine. */
export interface TextBlock {
  readonly text: string
  /** Matches starting before ownStart or at/after ownEnd belong to a neighbouring block. */
  readonly ownStart?: number
  readonly ownEnd?: number
  /** Structured data: matches never span fields, keywords count within a field or its labels. */
  readonly fields?: TextFields
  /** Labels of the whole block (a single JSON value, a column), when it is not split into fields. */
  readonly labels?: readonly string[]
}

/** One occurrence of sensitive data: which identifier, where in the block. */
export interface Detection {
  /** Managed identifier ID, or the custom data identifier's ID. */
  readonly id: string
  readonly isCustom: boolean
  readonly start: number
  readonly end: number
  /** Index of the field it lies in, or -1 for free text. */
  readonly field: number
}
