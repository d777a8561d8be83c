import { defineIdentifier } from '../../../identifier.js'

/**
 * HCPCS codes: Level II (a section letter and four digits, `J1100`; sections A–V without F, I,
 * N and O, which CMS does not use) and Level I CPT (five digits, or four digits and F, T or U
 * for Category II, Category III and PLA codes). Short and generic, so a keyword is required.
 */
export const usaHealthcareProcedureCode = defineIdentifier({
  id: 'USA_HEALTHCARE_PROCEDURE_CODE',
  category: 'PERSONAL_INFORMATION',
  description: 'US HCPCS Level II or CPT procedure code; a keyword is required.',
  countries: ['US'],
  severity: ['High', 'High', 'High'],
  // A two-character modifier may follow (`99213-25`, `E0114-RR`); a ZIP+4 tail or decimals may not.
  pattern: /(?<![0-9A-Za-z.-])(?:[A-EGHJ-MP-V][0-9]{4}|[0-9]{4}[0-9FTU])(?![0-9A-Za-z]|\.[0-9]|-[0-9]{3})/g,
  keywords: ['current procedural terminology', 'hcpcs', 'healthcare common procedure coding system'],
  maxLength: 5,
  // No code is numbered zero: J0000, 00000 and 0000F do not exist.
  validate: [(m) => /[1-9]/.test(m)],
})
