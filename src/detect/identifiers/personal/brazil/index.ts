// Brazilian personal identifiers: one line per identifier. The IBAN (BRAZIL_BANK_ACCOUNT_NUMBER)
// is a financial identifier.
import type { Identifier } from '../../../identifier.js'
import { brazilCepCode } from './brazil-cep-code.js'
import { brazilCnpjNumber } from './brazil-cnpj-number.js'
import { brazilCpfNumber } from './brazil-cpf-number.js'
import { brazilPhoneNumber } from './brazil-phone-number.js'
import { brazilRgNumber } from './brazil-rg-number.js'

/** Brazilian personal identifiers. */
export const brazilIdentifiers: readonly Identifier[] = [
  brazilCpfNumber,
  brazilCnpjNumber,
  brazilRgNumber,
  brazilCepCode,
  brazilPhoneNumber,
]
