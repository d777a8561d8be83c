import { defineIdentifier } from '../../identifier.js'
import { luhn } from '../../validators/luhn.js'
import { notAllSameDigit } from '../../validators/not-all-same-digit.js'
import { isTestCardNumber } from '../../validators/payment-card.js'

// ISO/IEC 7813: track 1 `%B<PAN>^<NAME>^<YYMM><service code><discretionary>?`, track 2
// `;<PAN>=<YYMM><service code><discretionary>?`. Sentinels are optional: dumps often drop them.
const TRACK_1 = /^%?B([0-9]{12,19})\^[^^]*\^([0-9]{2})([0-9]{2})([0-9])/
const TRACK_2 = /^;?([0-9]{12,19})=([0-9]{2})([0-9]{2})([0-9])/

/** PAN, expiry year, expiry month and first service code digit of a track. */
function trackFields(m: string): RegExpExecArray | null {
  return TRACK_1.exec(m) ?? TRACK_2.exec(m)
}

/** PAN passes Luhn, expiry month is 01–12, service code starts 1, 2, 5, 6, 7 or 9 (ISO/IEC 7813). */
function isTrack(m: string): boolean {
  const t = trackFields(m)
  if (!t) return false
  const pan = t[1]!
  const month = t[3]!
  return luhn(pan) && notAllSameDigit(pan) && month >= '01' && month <= '12' && '125679'.includes(t[4]!)
}

/** Track 1 or track 2 magnetic stripe data of a payment card, near a keyword. */
export const creditCardMagneticStripe = defineIdentifier({
  id: 'CREDIT_CARD_MAGNETIC_STRIPE',
  category: 'FINANCIAL_INFORMATION',
  description: 'Payment card magnetic stripe track 1 or track 2 data (ISO/IEC 7813) near a keyword; Luhn-valid PAN, expiry month and service code.',
  severity: ['High', 'High', 'High'],
  recommended: true,
  pattern:
    /(?:%|(?<![0-9A-Za-z]))B[0-9]{12,19}\^[0-9A-Za-z ./'-]{2,26}\^[0-9]{7}[0-9]{0,40}\??|(?:;|(?<![0-9A-Za-z]))[0-9]{12,19}=[0-9]{7}[0-9]{0,20}\??/g,
  // Macie's list, plus the names the two tracks go by in dumps and logs.
  keywords: ['card data', 'iso7813', 'mag', 'magstripe', 'stripe', 'swipe', 'track 1', 'track 2', 'track data'],
  maxLength: 2 + 19 + 1 + 26 + 1 + 7 + 40 + 1,
  validate: [isTrack],
  reject: [(m) => isTestCardNumber(trackFields(m)?.[1] ?? '')],
})
