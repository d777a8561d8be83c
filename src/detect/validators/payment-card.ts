// Payment card numbers (PANs): the issuer prefixes and lengths of the card brands Macie names,
// and the test numbers card networks and payment gateways publish. Luhn lives in luhn.ts.

/** The card brands Macie lists for CREDIT_CARD_NUMBER. */
export type CardBrand = 'amex' | 'dankort' | 'diners' | 'discover' | 'electron' | 'jcb' | 'mastercard' | 'unionpay' | 'visa'

// [brand, first, last, lengths]: the PAN's leading digits, read as a number of as many digits as
// `first` has, lie in first…last. More specific ranges come first (Electron before Visa).
// Sources: ISO/IEC 7812 IIN assignments as published by the networks (Mastercard 2-series from
// 2017, Discover 644–649/65, JCB 3528–3589, Diners Club International 300–305/36/38).
const RANGES: ReadonlyArray<readonly [CardBrand, string, string, readonly number[]]> = [
  ['electron', '4026', '4026', [16]],
  ['electron', '417500', '417500', [16]],
  ['electron', '4508', '4508', [16]],
  ['electron', '4844', '4844', [16]],
  ['electron', '4913', '4913', [16]],
  ['electron', '4917', '4917', [16]],
  ['visa', '4', '4', [13, 16, 19]],
  ['amex', '34', '34', [15]],
  ['amex', '37', '37', [15]],
  ['diners', '300', '305', [14, 15, 16, 17, 18, 19]],
  ['diners', '36', '36', [14, 15, 16, 17, 18, 19]],
  ['diners', '38', '38', [14, 15, 16, 17, 18, 19]],
  ['jcb', '3528', '3589', [16, 17, 18, 19]],
  ['dankort', '5019', '5019', [16]],
  ['mastercard', '51', '55', [16]],
  ['mastercard', '2221', '2720', [16]],
  ['discover', '6011', '6011', [16, 17, 18, 19]],
  ['discover', '644', '649', [16, 17, 18, 19]],
  ['discover', '65', '65', [16, 17, 18, 19]],
  ['unionpay', '62', '62', [16, 17, 18, 19]],
]

/**
 * The brand whose issuer prefix and length a string of digits has, or undefined.
 * @example
 * cardBrand('4929123456789012') // 'visa'
 */
export function cardBrand(pan: string): CardBrand | undefined {
  for (const [brand, first, last, lengths] of RANGES) {
    if (!lengths.includes(pan.length)) continue
    const head = pan.slice(0, first.length)
    if (head >= first && head <= last) return brand
  }
  return undefined
}

// Published test PANs: Stripe, PayPal/Braintree, Adyen and the card networks' integration guides.
const TEST_NUMBERS = new Set([
  '4111111111111111', '4012888888881881', '4222222222222', '4242424242424242', '4000056655665556',
  '4012000033330026', '4012000077777777', '4917610000000000', '4462030000000000', '4917300800000000',
  '4484070000000000', '4000002500003155', '4000002760003184', '4000000000003220', '4000000000000077',
  '5555555555554444', '5105105105105100', '5200828282828210', '2223003122003222', '2222420000001113',
  '2223000048410010', '5454545454545454', '5425233430109903',
  '378282246310005', '371449635398431', '378734493671000', '374245455400126',
  '6011111111111117', '6011000990139424', '6011981111111113', '6011000400000000', '6011601160116611',
  '30569309025904', '38520000023237', '3056930009020004', '36227206271667', '36006666333344',
  '3530111333300000', '3566002020360505', '3566111111111113',
  '6200000000000005', '6200000000000047', '6250941006528599',
  '5019717010103742',
])

/**
 * True for a published test card number, or one built like them: a run of eight or more of the
 * same digit (4000 0000 0000 0002, 4111 1111 1111 1111), which issued PANs practically never have.
 * @example
 * isTestCardNumber('4111111111111111') // true
 */
export function isTestCardNumber(pan: string): boolean {
  return TEST_NUMBERS.has(pan) || /([0-9])\1{7}/.test(pan)
}
