import { defineIdentifier } from '../../../identifier.js'
import { vinCheckDigit } from '../../../validators/vin-check-digit.js'

/**
 * The North American check digit is required of VINs whose world manufacturer identifier starts
 * 1–5 (United States, Canada, Mexico); ISO 3779 leaves position 9 free elsewhere, so others pass.
 */
const hasNorthAmericanCheckDigit = (vin: string): boolean => !/^[1-5]/.test(vin) || vinCheckDigit(vin)

/** Vehicle identification numbers (ISO 3779): 17 characters without I, O or Q, near a VIN keyword. */
export const vehicleIdentificationNumber = defineIdentifier({
  id: 'VEHICLE_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Vehicle identification number (ISO 3779, 17 characters) near a keyword; North American check digit validated.',
  severity: ['Low', 'Low', 'Medium'],
  pattern: /(?<![0-9A-Za-z])[A-HJ-NPR-Z0-9]{17}(?![0-9A-Za-z])/g,
  keywords: [
    'fahrgestellnummer',
    'niv',
    'numarul de identificare',
    'numarul seriei de sasiu',
    'numer vin',
    'número de identificação do veículo',
    'número de identificación de automóviles',
    "numéro d'identification du véhicule",
    'vehicle identification number',
    'vin',
    'vin numeris',
  ],
  maxLength: 17,
  validate: [
    // A world manufacturer identifier (ISO 3780) always has a letter; 17 digits are some other number.
    (m) => /[A-Z]/.test(m),
    hasNorthAmericanCheckDigit,
  ],
  // 1M8GDM9AXKP042788 is the widely reproduced worked check-digit example (Wikipedia, "Vehicle identification number").
  reject: [(m) => m === '1M8GDM9AXKP042788' || /^(.)\1{16}$/.test(m)],
})
