// Driver's licence identifiers of Australia and the EU countries: one line per identifier.
import type { Identifier } from '../../../identifier.js'
import { australiaDriversLicense } from './australia-drivers-license.js'
import { austriaDriversLicense } from './austria-drivers-license.js'
import { belgiumDriversLicense } from './belgium-drivers-license.js'
import { bulgariaDriversLicense } from './bulgaria-drivers-license.js'
import { croatiaDriversLicense } from './croatia-drivers-license.js'
import { cyprusDriversLicense } from './cyprus-drivers-license.js'
import { czechiaDriversLicense } from './czechia-drivers-license.js'
import { denmarkDriversLicense } from './denmark-drivers-license.js'
import { estoniaDriversLicense } from './estonia-drivers-license.js'
import { finlandDriversLicense } from './finland-drivers-license.js'
import { greeceDriversLicense } from './greece-drivers-license.js'
import { hungaryDriversLicense } from './hungary-drivers-license.js'
import { irelandDriversLicense } from './ireland-drivers-license.js'
import { latviaDriversLicense } from './latvia-drivers-license.js'
import { lithuaniaDriversLicense } from './lithuania-drivers-license.js'
import { luxembourgDriversLicense } from './luxembourg-drivers-license.js'
import { maltaDriversLicense } from './malta-drivers-license.js'
import { netherlandsDriversLicense } from './netherlands-drivers-license.js'
import { polandDriversLicense } from './poland-drivers-license.js'
import { portugalDriversLicense } from './portugal-drivers-license.js'
import { romaniaDriversLicense } from './romania-drivers-license.js'
import { slovakiaDriversLicense } from './slovakia-drivers-license.js'
import { sloveniaDriversLicense } from './slovenia-drivers-license.js'
import { swedenDriversLicense } from './sweden-drivers-license.js'

/** Driver's licence numbers of Australia and the EU member states Macie covers. */
export const driversLicenseIdentifiers: readonly Identifier[] = [
  australiaDriversLicense,
  austriaDriversLicense,
  belgiumDriversLicense,
  bulgariaDriversLicense,
  croatiaDriversLicense,
  cyprusDriversLicense,
  czechiaDriversLicense,
  denmarkDriversLicense,
  estoniaDriversLicense,
  finlandDriversLicense,
  greeceDriversLicense,
  hungaryDriversLicense,
  irelandDriversLicense,
  latviaDriversLicense,
  lithuaniaDriversLicense,
  luxembourgDriversLicense,
  maltaDriversLicense,
  netherlandsDriversLicense,
  polandDriversLicense,
  portugalDriversLicense,
  romaniaDriversLicense,
  slovakiaDriversLicense,
  sloveniaDriversLicense,
  swedenDriversLicense,
]
