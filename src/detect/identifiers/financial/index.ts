// Financial identifiers: one line per identifier file; the IBAN-only countries come as one table.
import type { Identifier } from '../../identifier.js'
import { bankAccountNumber } from './bank-account-number.js'
import { creditCardExpiration } from './credit-card-expiration.js'
import { creditCardMagneticStripe } from './credit-card-magnetic-stripe.js'
import { creditCardNumberNoKeyword } from './credit-card-number-no-keyword.js'
import { creditCardNumber } from './credit-card-number.js'
import { creditCardSecurityCode } from './credit-card-security-code.js'
import { franceBankAccountNumber } from './france-bank-account-number.js'
import { germanyBankAccountNumber } from './germany-bank-account-number.js'
import { ibanCountryIdentifiers } from './iban-countries.js'
import { italyBankAccountNumber } from './italy-bank-account-number.js'
import { spainBankAccountNumber } from './spain-bank-account-number.js'
import { ukBankAccountNumber } from './uk-bank-account-number.js'

/** Macie's FINANCIAL_INFORMATION managed data identifiers. */
export const financialIdentifiers: readonly Identifier[] = [
  bankAccountNumber,
  creditCardExpiration,
  creditCardMagneticStripe,
  creditCardNumber,
  creditCardNumberNoKeyword,
  creditCardSecurityCode,
  franceBankAccountNumber,
  germanyBankAccountNumber,
  italyBankAccountNumber,
  spainBankAccountNumber,
  ukBankAccountNumber,
  ...ibanCountryIdentifiers,
]
