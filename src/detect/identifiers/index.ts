// The registry of managed data identifiers: every identifier file is listed through its folder's
// index (a test fails when one is missing).
import type { Identifier } from '../identifier.js'
import { usIdentifiers } from './personal/us/index.js'

/** Every managed data identifier trawl knows: Macie's, and trawl's own (marked trawlOnly). */
export const managedIdentifiers: readonly Identifier[] = [...usIdentifiers]
