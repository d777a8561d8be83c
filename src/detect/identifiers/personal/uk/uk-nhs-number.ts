import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/**
 * NHS mod-11 check: the first nine digits weighted 10 down to 2, check = 11 − (sum mod 11),
 * 11 → 0; a result of 10 means the number is never issued (NHS Data Dictionary, NHS NUMBER).
 */
function nhsCheckDigit(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 10) return false
  return (check === 11 ? 0 : check) === Number(digits[9])
}

/**
 * Ranges in use: Scottish CHI 010–311 (date of birth first), Northern Ireland H&C and England
 * 3xx, England, Wales and Isle of Man 400–499 and 600–799. 999 is the test range, 9xx is used
 * for sandboxes and examples (943 476 5919), and the rest is never issued.
 */
function isIssuedRange(digits: string): boolean {
  const head = Number(digits.slice(0, 3))
  return (head >= 10 && head <= 499) || (head >= 600 && head <= 799)
}

/** UK NHS numbers (and the CHI and H&C numbers that share the scheme), 3-3-4 digits. */
export const ukNhsNumber = defineIdentifier({
  id: 'UK_NHS_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'UK NHS number, 10 digits in 3-3-4 groups; NHS mod-11 check digit and issued ranges.',
  countries: ['UK'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z-])[0-9]{3}([ -]?)[0-9]{3}\1[0-9]{4}(?![0-9A-Za-z]|-[0-9])/g,
  keywords: ['national health service', 'nhs'],
  maxLength: 12,
  validate: [
    (m) => {
      const d = m.replace(/[ -]/g, '')
      return nhsCheckDigit(d) && isIssuedRange(d)
    },
    notAllSameDigit,
  ],
})
