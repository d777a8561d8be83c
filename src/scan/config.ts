// What a scan needs, in a form that crosses to worker threads (no RegExps, no functions).
import { compileAllowList, type AllowListInput } from '../detect/allow-list.js'
import { compileCustomIdentifier, type CustomDataIdentifierInput, type CustomIdentifier } from '../detect/custom.js'
import { compileDetector, type Detector } from '../detect/engine.js'
import type { Identifier } from '../detect/identifier.js'
import { managedIdentifiers } from '../detect/identifiers/index.js'
import { selectManagedIdentifiers } from '../detect/selection.js'
import type { ExtractLimits } from '../extract/types.js'
import type { SourceSpec } from '../sources/types.js'
import type { RecordContext } from './record.js'

/** A serialisable description of a scan. */
export interface ScanConfig {
  managedDataIdentifierSelector?: string
  managedDataIdentifierIds?: string[]
  customDataIdentifiers?: CustomDataIdentifierInput[]
  allowLists?: AllowListInput[]
  context: RecordContext
  limits?: ExtractLimits
  /** Time one object may take (Macie: 10 hours); past it, TIME_CUT_OFF_REACHED. */
  timeoutMs?: number
  /** V8 heap of one worker thread in MiB (192); an object that needs more is FILE_EXCEEDS_SIZE_LIMIT. */
  workerHeapMb?: number
  /** Where objects without a local path are read from (each worker opens it once). */
  source?: SourceSpec
  /** Folder for spill files (os.tmpdir()); the pool gives each worker one of its own. */
  tempDir?: string
}

/** A detector with the lookups record building needs. */
export interface BuiltDetector {
  detector: Detector
  managedById: Map<string, Identifier>
  customById: Map<string, CustomIdentifier>
}

/**
 * Validates the configuration (throws InvalidInputError) and compiles its detector.
 * @example
 * buildDetector({ context: { accountId: '000000000000', region: 'us-east-1', jobId: 'x' } })
 */
export function buildDetector(config: ScanConfig): BuiltDetector {
  const custom = (config.customDataIdentifiers ?? []).map(compileCustomIdentifier)
  const managed = selectManagedIdentifiers(
    managedIdentifiers,
    config.managedDataIdentifierSelector ?? 'RECOMMENDED',
    config.managedDataIdentifierIds ?? [],
    custom.length,
  )
  const allowLists = (config.allowLists ?? []).map(compileAllowList)
  return {
    detector: compileDetector({ managed, custom, allowLists }),
    managedById: new Map(managedIdentifiers.map((i) => [i.id, i])),
    customById: new Map(custom.map((c) => [c.id, c])),
  }
}
