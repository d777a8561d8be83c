import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** DGFiP check of the numéro fiscal (SPI): the last three digits are the first ten mod 511. */
function spiCheck(digits: string): boolean {
  return Number(digits.slice(0, 10)) % 511 === Number(digits.slice(10))
}

/**
 * French tax identification numbers (numéro fiscal / SPI): 13 digits starting 0–3, often
 * written `30 23 217 600 053`.
 */
export const franceTaxIdentificationNumber = defineIdentifier({
  id: 'FRANCE_TAX_IDENTIFICATION_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'French tax identification number (numéro fiscal, 13 digits); mod-511 check.',
  countries: ['France'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[0-3][0-9]( ?)[0-9]{2}\1[0-9]{3}\1[0-9]{3}\1[0-9]{3}(?![0-9A-Za-z])/g,
  keywords: ["numéro d'identification fiscal", 'tax id', 'tax identification number', 'tax number', 'tin', 'tin#'],
  maxLength: 17,
  validate: [(m) => spiCheck(m.replace(/ /g, '')), notAllSameDigit],
  // The French sample in the European Commission's TIN guidance.
  reject: [(m) => m.replace(/ /g, '') === '3023217600053'],
})
