import { defineIdentifier } from '../../../identifier.js'

/**
 * UK electoral roll (elector) numbers: a polling district code of two or three letters and an
 * elector number of one to four digits (`KA1234`). The shape is common, so only the specific
 * electoral keywords make it reportable.
 */
export const ukElectoralRollNumber = defineIdentifier({
  id: 'UK_ELECTORAL_ROLL_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'UK electoral roll number: 2–3 letter polling district and 1–4 digit elector number.',
  countries: ['UK'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])[A-Z]{2,3}[0-9]{1,4}(?![0-9A-Za-z])/g,
  keywords: ['electoral #', 'electoral number', 'electoral roll #', 'electoral roll no.', 'electoral roll number', 'electoralrollno'],
  maxLength: 7,
  // Elector numbers start at 1.
  validate: [(m) => /[1-9]/.test(m)],
})
