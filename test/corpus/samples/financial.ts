// Corpus samples for the financial identifiers: payment cards, US/Canadian bank accounts, the
// five BBAN countries and every IBAN country. Values are synthetic with valid check digits.
import { ibanCountries } from '../../../src/detect/identifiers/financial/iban-countries.js'
import { ibanCheckDigits, ibanFormats, isExampleAccount, type IbanCountry } from '../../../src/detect/identifiers/financial/iban.js'
import { luhn } from '../../../src/detect/validators/luhn.js'
import { franceRibKey, italyCin, spainCccControl } from '../../../src/detect/validators/national-bban.js'
import { mod97 } from '../../../src/detect/validators/mod97.js'
import { isTestCardNumber } from '../../../src/detect/validators/payment-card.js'
import type { Rng } from '../rng.js'
import type { IdentifierSamples } from '../types.js'

const DIGITS = '0123456789'
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** Digits after `prefix` up to `length`, the last one making the number Luhn-valid. */
function luhnNumber(rng: Rng, prefix: string, length: number): string {
  for (;;) {
    const body = prefix + rng.digits(length - prefix.length - 1)
    for (let d = 0; d < 10; d++) {
      const pan = body + d
      if (luhn(pan) && !isTestCardNumber(pan)) return pan
    }
  }
}

/** The same number with its last digit changed: Luhn fails. */
function breakLastDigit(n: string): string {
  return n.slice(0, -1) + String((Number(n.at(-1)) + 1) % 10)
}

// Brand prefixes and lengths used for synthetic PANs.
const BRANDS: ReadonlyArray<readonly [prefix: (rng: Rng) => string, length: number]> = [
  [() => '4', 16],
  [(rng) => String(rng.int(51, 55)), 16],
  [(rng) => String(rng.int(2221, 2720)), 16],
  [(rng) => rng.pick(['34', '37']), 15],
  [() => '6011', 16],
  [(rng) => String(rng.int(3528, 3589)), 16],
  [() => '62', 16],
  [() => '36', 14],
]

/** A fresh card number of a random brand: a run of digits, or grouped as the brand prints it. */
function cardNumber(rng: Rng): string {
  const [prefix, length] = rng.pick(BRANDS)
  const pan = luhnNumber(rng, prefix(rng), length)
  const sep = rng.pick(['', ' ', '-'])
  if (sep === '') return pan
  const groups = length === 16 ? [4, 8, 12] : [4, 10]
  let out = pan
  for (const at of [...groups].reverse()) out = out.slice(0, at) + sep + out.slice(at)
  return out
}

/** A random string of a BBAN structure (`4a14n`); `c` positions are mostly digits. */
function fromStructure(rng: Rng, structure: string): string {
  let out = ''
  for (const [, n, c] of structure.matchAll(/([0-9]+)([nac])/g)) {
    for (let i = 0; i < Number(n); i++) {
      out += c === 'n' ? rng.chars(1, DIGITS) : c === 'a' ? rng.chars(1, LETTERS) : rng.next() < 0.8 ? rng.chars(1, DIGITS) : rng.chars(1, LETTERS)
    }
  }
  return out
}

/** A synthetic BBAN of the country with its national check digits, if the country has them. */
export function syntheticBban(rng: Rng, country: IbanCountry): string {
  for (;;) {
    let b = fromStructure(rng, ibanFormats[country].bban)
    if (country === 'DE') b = String(rng.pick([1, 2, 4, 5, 7, 8])) + b.slice(1)
    if (country === 'FR' || country === 'MC') b = b.slice(0, 21) + franceRibKey(b.slice(0, 21))
    else if (country === 'IT' || country === 'SM') b = italyCin(b.slice(1)) + b.slice(1)
    else if (country === 'ES') b = b.slice(0, 8) + spainCccControl(b.slice(0, 8), b.slice(10)) + b.slice(10)
    else if (['BA', 'ME', 'MK', 'PT', 'RS', 'SI', 'TL'].includes(country)) b = b.slice(0, -2) + String((98 - mod97(b.slice(0, -2) + '00')) % 97).padStart(2, '0')
    else if (country === 'MR' || country === 'TN') b = b.slice(0, -2) + String((97 - mod97(b.slice(0, -2) + '00')) % 97).padStart(2, '0')
    if (!isExampleAccount(b) && /[1-9]/.test(b)) return b
  }
}

/** A synthetic IBAN of the country, electronic or printed in groups of four. */
export function syntheticIban(rng: Rng, country: IbanCountry, printed = false): string {
  const bban = syntheticBban(rng, country)
  const iban = country + ibanCheckDigits(country, bban) + bban
  return printed ? iban.replace(/(.{4})(?=.)/g, '$1 ') : iban
}

/** The same IBAN with its check digits moved by one (still 02–98): MOD 97-10 fails. */
function breakCheckDigits(iban: string): string {
  const check = Number(iban.slice(2, 4))
  return iban.slice(0, 2) + String(check >= 97 ? check - 1 : check + 1).padStart(2, '0') + iban.slice(4)
}

/** Samples of one IBAN-only country: no keyword is needed. */
function ibanSamples(id: string, country: IbanCountry): IdentifierSamples {
  return {
    id,
    positive: (rng) => {
      const value = syntheticIban(rng, country, rng.next() < 0.3)
      return { text: rng.pick([`Please wire the deposit to ${value} by Friday.`, `Beneficiary: ${value}`, `IBAN ${value}`]), value }
    },
    labelled: (rng) => ({ label: rng.pick(['iban', 'beneficiary_iban', 'IBAN']), value: syntheticIban(rng, country) }),
    negative: (rng) => {
      const iban = syntheticIban(rng, country)
      return rng.pick([
        () => `IBAN ${breakCheckDigits(iban)}`,
        () => `IBAN ${iban.slice(0, -1)}`,
        () => `IBAN ${country}00${iban.slice(4)}`,
      ])()
    },
  }
}

/** A UK sort code and account number as written at home. */
function ukDomestic(rng: Rng): string {
  const sort = `${rng.int(10, 99)}-${rng.digits(2)}-${rng.digits(2)}`
  return `${sort}${rng.pick([' ', ''])}${rng.int(10_000_000, 99_999_999)}`
}

/** A 9–17 digit account number that no card brand starts with (0, 1, 7, 8, 9). */
function usAccount(rng: Rng): string {
  for (;;) {
    const n = String(rng.pick([0, 1, 7, 8, 9])) + rng.digits(rng.int(8, 16))
    if (/[1-9]/.test(n.slice(1)) && !/^(\d)\1+$/.test(n)) return n
  }
}

/** A magnetic stripe PAN of a private-label card (ISO/IEC 7812 industry 7): no card brand. */
function stripePan(rng: Rng): string {
  return luhnNumber(rng, '7', 16)
}

/** A track's YYMM expiry. */
function expiry(rng: Rng): string {
  return `${String(rng.int(25, 35))}${String(rng.int(1, 12)).padStart(2, '0')}`
}

/** Track 1 or track 2 data around a PAN and expiry. */
function track(rng: Rng, pan: string, yymm: string): string {
  return rng.next() < 0.5
    ? `%B${pan}^VALUED/CUSTOMER^${yymm}101${rng.digits(12)}?`
    : `;${pan}=${yymm}101${rng.digits(10)}?`
}

/** A verification code that is not a placeholder. */
function securityCode(rng: Rng): string {
  for (;;) {
    const c = rng.digits(rng.pick([3, 3, 4]))
    if (!/^(\d)\1+$/.test(c) && c !== '123' && c !== '1234') return c
  }
}

/** A card expiration date in one of the printed forms. */
function expirationDate(rng: Rng): string {
  const month = rng.int(1, 12)
  const year = rng.int(2025, 2035)
  return rng.pick([
    () => `${String(month).padStart(2, '0')}/${String(year).slice(2)}`,
    () => `${String(month).padStart(2, '0')}/${year}`,
    () => `${String(month).padStart(2, '0')}-${String(year).slice(2)}`,
    () => `${year}-${String(month).padStart(2, '0')}`,
    () => `${['Jan', 'Feb', 'March', 'April', 'May', 'June', 'Jul', 'August', 'Sep', 'October', 'Nov', 'December'][month - 1]} ${year}`,
  ])()
}

/** Financial samples. */
export const financialSamples: readonly IdentifierSamples[] = [
  {
    id: 'CREDIT_CARD_NUMBER',
    positive: (rng) => {
      const value = cardNumber(rng)
      return { text: `${rng.pick(['Card number', 'Credit card', 'Visa', 'Mastercard', 'PAN', 'debit card no'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['card_number', 'CreditCard', 'pan', 'payment_card_number']), value: cardNumber(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Credit card: ${breakLastDigit(luhnNumber(rng, '4', 16))}`,
        () => `Visa ${rng.pick(['4111 1111 1111 1111', '4012888888881881', '4242 4242 4242 4242'])}`,
        () => `Mastercard 5555-5555-5555-4444`,
        () => `card number ${breakLastDigit(luhnNumber(rng, '9', 16))}`,
      ])(),
  },
  {
    id: 'CREDIT_CARD_NUMBER_(NO_KEYWORD)',
    positive: (rng) => {
      const value = cardNumber(rng)
      return { text: rng.pick([`Order 7 was paid with ${value} yesterday.`, `ref ${value}`, `${value}`]), value }
    },
    labelled: (rng) => ({ label: rng.pick(['number', 'value', 'ref']), value: cardNumber(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Order 7 was paid with ${breakLastDigit(luhnNumber(rng, '5', 16))} yesterday.`,
        () => `ref 4111 1111 1111 1111`,
        () => `ref 378282246310005`,
      ])(),
  },
  {
    id: 'CREDIT_CARD_EXPIRATION',
    positive: (rng) => {
      const value = expirationDate(rng)
      return { text: `${rng.pick(['Expiry', 'Expiration date', 'Exp date', 'valid thru'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['card_expiry', 'expirationDate', 'Expiry Date']), value: expirationDate(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Expiry: ${rng.int(13, 19)}/${rng.int(25, 35)}`,
        () => `Expiration: ${rng.int(2025, 2035)}-${rng.int(13, 19)}`,
        () => `shipped ${String(rng.int(1, 12)).padStart(2, '0')}/${rng.int(25, 35)}`,
      ])(),
  },
  {
    id: 'CREDIT_CARD_SECURITY_CODE',
    positive: (rng) => {
      const value = securityCode(rng)
      return { text: `${rng.pick(['CVV', 'CVC2', 'card security code', 'cvv2'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['cvv', 'cvc2', 'card_security_code']), value: securityCode(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `CVV: ${rng.digits(1)}${rng.int(1, 9)}`,
        () => `CVV: ${rng.pick(['000', '111', '123', '1234'])}`,
        () => `code ${securityCode(rng)} was sent`,
      ])(),
  },
  {
    id: 'CREDIT_CARD_MAGNETIC_STRIPE',
    positive: (rng) => {
      const value = track(rng, stripePan(rng), expiry(rng))
      return { text: `${rng.pick(['swipe data', 'magstripe', 'track data', 'card data'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['track_data', 'magstripe', 'swipe_data']), value: track(rng, stripePan(rng), expiry(rng)) }),
    negative: (rng) =>
      rng.pick([
        () => `swipe data: ${track(rng, breakLastDigit(stripePan(rng)), expiry(rng))}`,
        () => `magstripe ${track(rng, stripePan(rng), `${rng.int(25, 35)}${rng.int(13, 19)}`)}`,
        () => `log ${track(rng, stripePan(rng), expiry(rng))}`,
      ])(),
  },
  {
    id: 'BANK_ACCOUNT_NUMBER',
    positive: (rng) => {
      const value = usAccount(rng)
      return { text: `${rng.pick(['Checking account', 'savings acct', 'Bank account no.', 'deposit account'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['bank_account', 'CheckingAccount', 'savings account']), value: usAccount(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Savings account: ${String(rng.int(0, 9)).repeat(rng.int(9, 17))}`,
        () => `Checking account 123456789`,
        () => `invoice ${usAccount(rng)} paid`,
      ])(),
  },
  {
    id: 'FRANCE_BANK_ACCOUNT_NUMBER',
    positive: (rng) => {
      const value = rng.next() < 0.7 ? syntheticBban(rng, 'FR') : syntheticIban(rng, 'FR', rng.next() < 0.5)
      return { text: `${rng.pick(['Numéro de compte', 'compte bancaire', 'BBAN', 'code bancaire'])} : ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['compte_bancaire', 'bban', 'customer_account_number']), value: syntheticBban(rng, 'FR') }),
    negative: (rng) =>
      rng.pick([
        () => `Numéro de compte : ${breakLastDigit(syntheticBban(rng, 'FR'))}`,
        () => `relevé ${syntheticBban(rng, 'FR')}`,
        () => `IBAN ${breakCheckDigits(syntheticIban(rng, 'FR'))}`,
        () => `BBAN 30006000011234567890189`,
      ])(),
  },
  {
    id: 'GERMANY_BANK_ACCOUNT_NUMBER',
    positive: (rng) => {
      const value = rng.next() < 0.7 ? syntheticBban(rng, 'DE') : syntheticIban(rng, 'DE', rng.next() < 0.5)
      return { text: `${rng.pick(['Kontonummer', 'BBAN', 'Bankleitzahl und Konto'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['kontonummer', 'bban', 'customer_account_number']), value: syntheticBban(rng, 'DE') }),
    negative: (rng) =>
      rng.pick([
        () => `Kontonummer: ${rng.pick(['0', '9'])}${rng.digits(17)}`,
        () => `Beleg ${syntheticBban(rng, 'DE')}`,
        () => `IBAN ${breakCheckDigits(syntheticIban(rng, 'DE'))}`,
      ])(),
  },
  {
    id: 'ITALY_BANK_ACCOUNT_NUMBER',
    positive: (rng) => {
      const value = rng.next() < 0.7 ? syntheticBban(rng, 'IT') : syntheticIban(rng, 'IT', rng.next() < 0.5)
      return { text: `${rng.pick(['Conto bancario', 'numero di conto', 'codice bancario', 'BBAN'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['conto_bancario', 'bban', 'NumeroDiConto']), value: syntheticBban(rng, 'IT') }),
    negative: (rng) => {
      const b = syntheticBban(rng, 'IT')
      return rng.pick([
        () => `Conto bancario: ${String.fromCharCode(((b.charCodeAt(0) - 64) % 26) + 65)}${b.slice(1)}`,
        () => `riferimento ${b}`,
        () => `IBAN ${breakCheckDigits(syntheticIban(rng, 'IT'))}`,
      ])()
    },
  },
  {
    id: 'SPAIN_BANK_ACCOUNT_NUMBER',
    positive: (rng) => {
      const value = rng.next() < 0.7 ? syntheticBban(rng, 'ES') : syntheticIban(rng, 'ES', rng.next() < 0.5)
      return { text: `${rng.pick(['Código cuenta', 'número cuenta cliente', 'BBAN'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['código_cuenta', 'bban', 'customer_account_number']), value: syntheticBban(rng, 'ES') }),
    negative: (rng) => {
      const b = syntheticBban(rng, 'ES')
      return rng.pick([
        () => `Código cuenta: ${b.slice(0, 8)}${String((Number(b.slice(8, 10)) + 1) % 100).padStart(2, '0')}${b.slice(10)}`,
        () => `pedido ${b}`,
        () => `IBAN ${breakCheckDigits(syntheticIban(rng, 'ES'))}`,
      ])()
    },
  },
  {
    id: 'UK_BANK_ACCOUNT_NUMBER',
    positive: (rng) => {
      const value = rng.pick([() => ukDomestic(rng), () => syntheticBban(rng, 'GB'), () => syntheticIban(rng, 'GB', rng.next() < 0.5)])()
      return { text: `${rng.pick(['Sort code and account', 'BBAN', 'account code'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['sort_code', 'bban', 'customer_account_number']), value: ukDomestic(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Sort code: ${rng.int(10, 99)}-${rng.digits(2)}-${rng.digits(2)} 00000000`,
        () => `Sort code: 60-16-13 31926819`,
        () => `IBAN ${breakCheckDigits(syntheticIban(rng, 'GB'))}`,
      ])(),
  },
  ...ibanCountries.map(([id, , code]) => ibanSamples(id, code)),
]
