import { defineIdentifier } from '../../../identifier.js'
import { hasRutVerifier } from '../../../validators/latin-america-ids.js'
import { notAllSameDigit } from '../../../validators/not-all-same-digit.js'

/** Chilean RUN/RUT, `12.345.678-5` or `12345678-5`: seven or eight digits and the mod-11 verifier (`0`–`9` or `K`). */
export const chileRutNumber = defineIdentifier({
  id: 'CHILE_RUT_NUMBER',
  category: 'PERSONAL_INFORMATION',
  description: 'Chilean RUN/RUT; mod-11 verifier digit including K.',
  countries: ['Chile'],
  severity: ['High', 'High', 'High'],
  // The hyphen before the verifier is required: a bare run of digits is too ambiguous.
  pattern: /(?<![0-9A-Za-z]|[0-9][.-])(?:[0-9]{1,2}\.[0-9]{3}\.[0-9]{3}|[0-9]{7,8})-[0-9Kk](?![0-9A-Za-z]|[.-][0-9])/g,
  keywords: ['identidad número', 'nacional identidad', 'national unique role', 'nationaluniqueroleid#', 'número identificación', 'rol único nacional', 'rol único tributario', 'run', 'run#', 'r.u.n.', 'rut', 'rut#', 'r.u.t.', 'unique national number', 'unique national role', 'unique tax registry', 'unique tax role', 'unique tributary number', 'unique tributary role'],
  maxLength: 12,
  validate: [(m) => hasRutVerifier(m.replace(/[.-]/g, '')), (m) => Number(m.replace(/[.-]/g, '').slice(0, -1)) >= 1_000_000],
  // 00.000.000-0 / 00000000-K and 11.111.111-1 style placeholders (MACIE.md §2.2); 12.345.678-5 the usual example.
  reject: [(m) => !notAllSameDigit(m.replace(/[.-]/g, '').slice(0, -1)), (m) => m.replace(/[.-]/g, '') === '123456785'],
})
