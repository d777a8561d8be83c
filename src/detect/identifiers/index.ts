// The registry of managed data identifiers: every identifier file is listed through its folder's
// index (a test fails when one is missing).
import type { Identifier } from '../identifier.js'
import { credentialIdentifiers } from './credentials/index.js'
import { financialIdentifiers } from './financial/index.js'
import { australiaIdentifiers } from './personal/australia/index.js'
import { brazilIdentifiers } from './personal/brazil/index.js'
import { canadaIdentifiers } from './personal/canada/index.js'
import { driversLicenseIdentifiers } from './personal/drivers-licenses/index.js'
import { franceIdentifiers } from './personal/france/index.js'
import { germanyIdentifiers } from './personal/germany/index.js'
import { globalPersonalIdentifiers } from './personal/global/index.js'
import { healthIdentifiers } from './personal/health/index.js'
import { italyIdentifiers } from './personal/italy/index.js'
import { spainIdentifiers } from './personal/spain/index.js'
import { ukIdentifiers } from './personal/uk/index.js'
import { usIdentifiers } from './personal/us/index.js'
import { argentinaIdentifiers } from './personal/argentina/index.js'
import { chileIdentifiers } from './personal/chile/index.js'
import { colombiaIdentifiers } from './personal/colombia/index.js'
import { mexicoIdentifiers } from './personal/mexico/index.js'
import { indiaIdentifiers } from './personal/india/index.js'

/** Every managed data identifier trawl knows: Macie's, and trawl's own (marked trawlOnly). */
export const managedIdentifiers: readonly Identifier[] = [
  ...credentialIdentifiers,
  ...financialIdentifiers,
  ...globalPersonalIdentifiers,
  ...healthIdentifiers,
  ...usIdentifiers,
  ...canadaIdentifiers,
  ...ukIdentifiers,
  ...franceIdentifiers,
  ...germanyIdentifiers,
  ...italyIdentifiers,
  ...spainIdentifiers,
  ...brazilIdentifiers,
  ...australiaIdentifiers,
  ...driversLicenseIdentifiers,
  ...argentinaIdentifiers,
  ...chileIdentifiers,
  ...colombiaIdentifiers,
  ...mexicoIdentifiers,
  ...indiaIdentifiers,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
