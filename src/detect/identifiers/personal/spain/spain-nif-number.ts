import { defineIdentifier } from '../../../identifier.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'
import { hasSpainControlLetter } from '../../../validators/spain-ids.js'

/**
 * Spanish personal tax numbers (NIF): the DNI form (`12345678Z`) and the K, L or M form for people
 * without a DNI or NIE (`K1234567L`), both with the mod-23 control letter.
 */
export const spainNifNumber = defineIdentifier({
  id: 'SPAIN_NIF_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Spanish personal NIF (DNI form or K/L/M); mod-23 control letter.',
  countries: ['Spain'],
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern: /(?<![0-9A-Za-z])(?:(?:[0-9]{8}|[0-9]{2}\.[0-9]{3}\.[0-9]{3}|[KLM][ -]?[0-9]{7})[ -]?[A-Z]|(?:[0-9]{8}|[klm][0-9]{7})[a-z])(?![0-9A-Za-z])/g,
  keywords: ['cif', 'cif número', 'cifnúmero#', 'nie', 'nif', 'número de contribuyente', 'número de identidad de extranjero', 'número de identificación fiscal', 'número de impuesto corporativo', 'personal tax number', 'tax id', 'tax identification number', 'tax number', 'tin', 'tin#'],
  maxLength: 12,
  validate: [(m) => hasSpainControlLetter(m.replace(/[ .-]/g, '')), notAllSameDigit],
  reject: [(m) => m.replace(/[ .-]/g, '').toUpperCase() === '12345678Z'],
})
