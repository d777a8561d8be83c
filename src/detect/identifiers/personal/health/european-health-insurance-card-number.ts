import { defineIdentifier } from '../../../identifier.js'

/**
 * ISO 3166-1 numeric codes of the countries issuing the card: the EU, Iceland, Liechtenstein,
 * Norway, Switzerland and the United Kingdom.
 */
const EHIC_COUNTRIES = new Set([
  '040', '056', '100', '191', '196', '203', '208', '233', '246', '250', '276', '300', '348', '352', '372', '380',
  '428', '438', '440', '442', '470', '528', '578', '616', '620', '642', '703', '705', '724', '752', '756', '826',
])

/**
 * European Health Insurance Card numbers (field 8 of the card): 20 digits, an ISO/IEC 7812
 * issuer number starting with the health-sector 80 and the issuing country's ISO numeric code
 * (`80276…` Germany), bare or in groups of five. Issuers differ in how the rest is built and
 * not all append a Luhn digit, so only the structure is checked.
 */
export const europeanHealthInsuranceCardNumber = defineIdentifier({
  id: 'EUROPEAN_HEALTH_INSURANCE_CARD_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'European Health Insurance Card number; 80 and an issuing country code, 20 digits (structure only).',
  countries: ['EU'],
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9])80[0-9]{3}([ -]?)[0-9]{5}\1[0-9]{5}\1[0-9]{5}(?![0-9])/g,
  keywords: [
    'assicurazione sanitaria numero', 'carta assicurazione numero', 'carte d’assurance maladie', "carte européenne d'assurance maladie",
    'ceam', 'ehic', 'ehic#', 'finlandehicnumber#', 'gesundheitskarte', 'hälsokort', 'health card', 'health card number',
    'health insurance card', 'health insurance number', 'insurance card number', 'krankenversicherungskarte', 'krankenversicherungsnummer',
    'medical account number', 'numero conto medico', 'numéro d’assurance maladie', 'numéro de carte d’assurance', 'numéro de compte medical',
    'número de cuenta médica', 'número de seguro de salud', 'número de tarjeta de seguro', 'sairaanhoitokortin', 'sairausvakuutuskortti',
    'sairausvakuutusnumero', 'sjukförsäkring nummer', 'sjukförsäkringskort', 'suomi ehic-numero', 'tarjeta de salud', 'terveyskortti',
    'tessera sanitaria assicurazione numero', 'versicherungsnummer',
  ],
  maxLength: 23,
  validate: [(m) => EHIC_COUNTRIES.has(m.slice(2, 5))],
  reject: [(m) => /^(\d)\1*$/.test(m.replace(/[ -]/g, '').slice(5))],
})
