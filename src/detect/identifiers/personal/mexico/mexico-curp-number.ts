import { defineIdentifier } from '../../../identifier.js'
import { hasCurpCheckDigit, isYymmddDate } from '../../../validators/latin-america-ids.js'

/**
 * Mexican CURP, 18 characters: name letters, birth date, sex, state of birth (RENAPO codes, NE
 * for born abroad), name consonants, a differentiator and the RENAPO check digit.
 */
export const mexicoCurpNumber = defineIdentifier({
  id: 'MEXICO_CURP_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Mexican CURP; birth date, state code and RENAPO check digit.',
  countries: ['Mexico'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[A-Z][AEIOUX][A-Z]{2}[0-9]{6}[HMX](?:AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[0-9A-Z][0-9](?![0-9A-Za-z])/g,
  keywords: ['clave personal identidad', 'clave única', 'clave única de registro de población', 'clavepersonalidentidad', 'curp', 'registration code', 'registry code', 'personal identidad clave', 'population code'],
  maxLength: 18,
  validate: [(m) => isYymmddDate(m.slice(4, 10)), hasCurpCheckDigit],
})
