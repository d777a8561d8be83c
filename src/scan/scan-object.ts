// One object end to end: stream → sniff → extract → detect → tally → outcome. An object that
// cannot be read or parsed gets Macie's status and reason; nothing here throws on bad input.
import type { Readable } from 'node:stream'
import type { Detector } from '../detect/engine.js'
import { extractObject } from '../extract/index.js'
import { DEFAULT_LIMITS, ExtractError, type ExtractLimits } from '../extract/types.js'
import { extensionOf, type ObjectOutcome, type ObjectRef } from './record.js'
import { Tally } from './tally.js'

export { DEFAULT_LIMITS }

/** How to scan one object. */
export interface ScanObjectOptions {
  detector: Detector
  limits?: ExtractLimits
  /** Occurrences located per identifier (Macie's results: 1,000). */
  cap?: number
}

const IO_REASONS: Record<string, string> = {
  ENOENT: 'SOURCE_OBJECT_NO_LONGER_AVAILABLE',
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  EISDIR: 'UNSUPPORTED_FILE_TYPE_EXCEPTION',
}

/**
 * Scans one object.
 * @example
 * const outcome = await scanObject(() => createReadStream('a.csv'), { bucket: 'b', key: 'a.csv', size: 10 }, { detector })
 */
export async function scanObject(open: () => Readable, object: ObjectRef, options: ScanObjectOptions): Promise<ObjectOutcome> {
  const tally = new Tally(options.cap ?? 1000)
  let mimeType: string | null = null
  let analysed = false
  let bytes = 0
  try {
    const body = open()
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length
    })
    const extracted = await extractObject(body, {
      key: object.key,
      size: object.size,
      extension: extensionOf(object.key).toLowerCase(),
      limits: options.limits ?? DEFAULT_LIMITS,
    })
    mimeType = extracted.mimeType
    for await (const segment of extracted.segments) {
      analysed = true
      tally.add(segment, options.detector.detect(segment))
    }
    return { object, mimeType, sizeClassified: object.size, status: 'COMPLETE', reason: null, tally }
  } catch (err) {
    const reason =
      err instanceof ExtractError
        ? err.reason
        : (IO_REASONS[(err as NodeJS.ErrnoException).code ?? ''] ?? 'UNABLE_TO_PARSE_FILE')
    const partial = analysed && tally.entries.size > 0
    return {
      object,
      mimeType,
      sizeClassified: partial ? bytes : 0,
      status: partial ? 'PARTIAL' : 'SKIPPED',
      reason,
      tally: partial ? tally : undefined,
    }
  }
}
