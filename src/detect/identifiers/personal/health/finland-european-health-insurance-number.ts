import { defineIdentifier } from '../../../identifier.js'
import { finnishHetu } from '../../../validators/health-ids.js'

/**
 * The personal identity code on a Finnish European Health Insurance Card, `DDMMYYCZZZQ`
 * (`131052-308T`): birth date, century sign, individual number and mod-31 check character.
 */
export const finlandEuropeanHealthInsuranceNumber = defineIdentifier({
  id: 'FINLAND_EUROPEAN_HEALTH_INSURANCE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Finnish EHIC personal identity code (HETU); date, century sign, individual number and mod-31 check.',
  countries: ['Finland'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z])[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-FHJ-NPR-Y](?![0-9A-Za-z])/g,
  keywords: [
    'ehic', 'ehic#', 'finland health insurance card', 'finlandehicnumber#', 'finska sjukförsäkringskort', 'hälsokort', 'health card',
    'health card number', 'health insurance card', 'health insurance number', 'sairaanhoitokortin', 'sairausvakuutuskortti',
    'sairausvakuutusnumero', 'sjukförsäkring nummer', 'sjukförsäkringskort', 'suomen sairausvakuutuskortti', 'suomi ehic-numero',
    'terveyskortti',
  ],
  maxLength: 11,
  validate: [finnishHetu],
  // 131052-308T is the agency's published example; 010101-123N the usual textbook one.
  reject: [(m) => m === '131052-308T' || m === '010101-123N'],
})
