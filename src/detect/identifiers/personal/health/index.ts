// Health identifiers shared across countries: medical devices and European health insurance cards.
import type { Identifier } from '../../../identifier.js'
import { europeanHealthInsuranceCardNumber } from './european-health-insurance-card-number.js'
import { finlandEuropeanHealthInsuranceNumber } from './finland-european-health-insurance-number.js'
import { medicalDeviceUdi } from './medical-device-udi.js'

/** Medical device and European health insurance identifiers. */
export const healthIdentifiers: readonly Identifier[] = [
  medicalDeviceUdi,
  europeanHealthInsuranceCardNumber,
  finlandEuropeanHealthInsuranceNumber,
]
