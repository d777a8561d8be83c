import { defineIdentifier } from '../../../identifier.js'
import { gs1CheckDigit, hibcMod43 } from '../../../validators/health-ids.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

const GS1_PARENS = String.raw`\(01\) ?[0-9]{14}(?: ?\((?:11|17)\) ?[0-9]{6}| ?\((?:10|21)\) ?[0-9A-Za-z-]{1,20}){0,4}`
const GS1_PLAIN = String.raw`01[0-9]{14}(?:1[17][0-9]{6}){0,2}(?:(?:10|21)[0-9A-Za-z]{1,20})?`
const HIBC = String.raw`\+[A-Z][0-9A-Z]{3}[0-9A-Z]{1,18}[0-9](?:/[0-9$][0-9A-Z$+%./-]{0,40})?[0-9A-Z$/+%-]`
const ISBT = String.raw`=(?:/[A-NP-Z1-9][0-9]{4}[0-9A-Z]{6}[A-Z][0-9]{4}|,[0-9]{6})(?:=,[0-9]{6}|=[A-NP-Z1-9][0-9]{14}|=[>}][0-9]{6}){0,4}`

/** The GTIN-14 of a GS1 UDI, with or without the parentheses around AI (01). */
function gtinOf(m: string): string {
  return m.startsWith('(') ? m.replace(/^\(01\) ?/, '').slice(0, 14) : m.slice(2, 16)
}

/** GS1 dates YYMMDD: month 01–12, day 00–31 (00 stands for the month's end). */
function hasValidGs1Dates(m: string): boolean {
  for (const d of m.matchAll(/\((?:11|17)\) ?([0-9]{2})([0-9]{2})([0-9]{2})/g)) {
    const month = Number(d[2])
    if (month < 1 || month > 12 || Number(d[3]) > 31) return false
  }
  return true
}

function isValidUdi(m: string): boolean {
  if (m.startsWith('+')) return hibcMod43(m)
  if (m.startsWith('=')) return true // ISBT 128 encodes no check character (the K of eye-readable text is not encoded).
  const gtin = gtinOf(m)
  return gs1CheckDigit(gtin) && notAllSameDigit(gtin) && hasValidGs1Dates(m)
}

// GS1's example company prefixes 0614141 and 9506000, the FDA's UDI example GTIN, the HIBC
// standard's example and ICCBBA's example facility A9999.
function isExampleUdi(m: string): boolean {
  if (m.startsWith('+')) return m.startsWith('+A123BJC5D6E71')
  if (m.startsWith('=')) return m.startsWith('=/A9999')
  const gtin = gtinOf(m)
  return gtin.startsWith('0614141', 1) || gtin.startsWith('9506000', 1) || gtin === '51022222233336'
}

/**
 * Unique device identifiers in the FDA-accredited formats: GS1 (`(01)` GTIN-14, then `(11)`/`(17)`
 * dates and `(10)` lot / `(21)` serial; also without parentheses), HIBCC (`+` labeler code,
 * product, unit of measure, optional `/` secondary data, mod-43 check) and ICCBBA ISBT 128
 * (`=/` processor product identification code or `=,` product division, then further structures).
 */
export const medicalDeviceUdi = defineIdentifier({
  id: 'MEDICAL_DEVICE_UDI',
  category: 'PERSONAL_INFORMATION',
  description: 'Medical device UDI (GS1, HIBCC, ISBT 128); GS1 mod-10 GTIN check and dates, HIBC mod-43 check, ISBT structure.',
  countries: ['US'],
  severity: ['Low', 'Medium', 'High'],
  pattern: new RegExp(String.raw`(?<![0-9A-Za-z(+=])(?:${GS1_PARENS}|${GS1_PLAIN}|${HIBC}|${ISBT})(?![0-9A-Za-z])`, 'g'),
  keywords: ['blood', 'blood bag', 'dev id', 'device id', 'device identifier', 'gs1', 'hibcc', 'iccbba', 'med', 'udi', 'unique device id', 'unique device identifier'],
  maxLength: 123,
  validate: [isValidUdi],
  reject: [isExampleUdi],
})
