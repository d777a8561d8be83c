import { defineIdentifier } from '../../../identifier.js'
import { isPanStructure } from '../../../validators/india-ids.js'

/** Indian PAN, `AAAPL1234C`: three letters, the holder type, a name letter, four digits and a letter. */
export const indiaPermanentAccountNumber = defineIdentifier({
  id: 'INDIA_PERMANENT_ACCOUNT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Indian PAN; holder type letter of the Income Tax Department.',
  countries: ['India'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[A-Z]{3}[ABCFGHJLPT][A-Z][0-9]{4}[A-Z](?![0-9A-Za-z])/g,
  keywords: ['e-pan', 'pan card', 'pan number', 'permanent account number'],
  maxLength: 10,
  validate: [isPanStructure],
  // The format string and the examples printed on the Income Tax Department's forms and guides.
  reject: [(m) => ['AAAAA9999A', 'AAAPL1234C', 'ABCPE1234F', 'ABCPD1234E', 'AAAPA1234A'].includes(m)],
})
