// Every identifier's corpus samples, one import per samples file.
import { australiaSamples } from './samples/australia.js'
import { brazilSamples } from './samples/brazil.js'
import { canadaSamples } from './samples/canada.js'
import { credentialSamples } from './samples/credentials.js'
import { driversLicenseSamples } from './samples/drivers-licenses.js'
import { financialSamples } from './samples/financial.js'
import { franceSamples } from './samples/france.js'
import { germanySamples } from './samples/germany.js'
import { globalSamples } from './samples/global.js'
import { healthSamples } from './samples/health.js'
import { italySamples } from './samples/italy.js'
import { spainSamples } from './samples/spain.js'
import { ukSamples } from './samples/uk.js'
import { usSamples } from './samples/us.js'
import { latinAmericaSamples } from './samples/latin-america.js'
import { indiaSamples } from './samples/india.js'
import type { IdentifierSamples } from './types.js'

/** Samples of every managed identifier that has them. */
export const allSamples: readonly IdentifierSamples[] = [
  ...credentialSamples,
  ...financialSamples,
  ...globalSamples,
  ...usSamples,
  ...canadaSamples,
  ...ukSamples,
  ...franceSamples,
  ...germanySamples,
  ...italySamples,
  ...spainSamples,
  ...brazilSamples,
  ...australiaSamples,
  ...driversLicenseSamples,
  ...latinAmericaSamples,
  ...indiaSamples,
  ...healthSamples,
]
