import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

// Area codes (DDD) in use (ANATEL, Plano Geral de Códigos Nacionais).
const AREA_CODES = new Set(
  ('11 12 13 14 15 16 17 18 19 21 22 24 27 28 31 32 33 34 35 37 38 41 42 43 44 45 46 47 48 49 51 53 54 55 ' +
    '61 62 63 64 65 66 67 68 69 71 73 74 75 77 79 81 82 83 84 85 86 87 88 89 91 92 93 94 95 96 97 98 99').split(' '),
)

/** A valid DDD, then a mobile (9 and eight digits) or a fixed line (eight digits starting 2–5). */
function isBrazilianNumber(m: string): boolean {
  const digits = m.replace(/[^0-9]/g, '')
  const national = m.startsWith('+') ? digits.slice(2) : m.startsWith('0055') ? digits.slice(4) : digits
  if (!AREA_CODES.has(national.slice(0, 2))) return false
  const subscriber = national.slice(2)
  return /^9[0-9]{8}$/.test(subscriber) || /^[2-5][0-9]{7}$/.test(subscriber)
}

/** Brazilian phone numbers with their area code; without a keyword only with the +55 country code. */
export const brazilPhoneNumber = defineIdentifier({
  id: 'BRAZIL_PHONE_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Brazilian mobile or fixed number with a valid DDD; +55 numbers need no keyword.',
  countries: ['Brazil'],
  severity: ['Low', 'Medium', 'High'],
  pattern: /(?<![0-9A-Za-z+)]|[0-9)][ .-])(?:(?:\+|00)55[ .-]?)?(?:\([1-9][0-9]\)|[1-9][0-9])[ .-]?(?:9[ .-]?)?[0-9]{4}[ .-]?[0-9]{4}(?![0-9A-Za-z]|[ .-][0-9])/g,
  unkeyedPattern: /(?<![0-9A-Za-z+])\+55[ .-]?(?:\([1-9][0-9]\)|[1-9][0-9])[ .-]?(?:9[ .-]?)?[0-9]{4}[ .-]?[0-9]{4}(?![0-9A-Za-z]|[ .-][0-9])/g,
  anchors: ['+55'],
  keywords: [
    'cell', 'contact', 'fax', 'fax number', 'mobile', 'phone', 'phone number', 'tel', 'telephone', 'telephone number',
    'cel', 'celular', 'fone', 'móvel', 'número residencial', 'numero residencial', 'telefone',
  ],
  maxLength: 22,
  validate: [isBrazilianNumber, notAllSameDigit],
})
