// Corpus samples for the United States personal identifiers.
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

function ssn(rng: Rng, sep: string): string {
  let area = rng.int(1, 899)
  if (area === 666) area = 665
  return `${String(area).padStart(3, '0')}${sep}${String(rng.int(1, 99)).padStart(2, '0')}${sep}${String(rng.int(1, 9999)).padStart(4, '0')}`
}

/** US samples. */
export const usSamples: readonly IdentifierSamples[] = [
  {
    id: 'USA_SOCIAL_SECURITY_NUMBER',
    positive: (rng) => {
      const value = ssn(rng, rng.pick(['-', ' ', '']))
      return { text: `${rng.pick(['SSN', 'Social Security Number', 'ssn#'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['ssn', 'customer_ssn', 'SocialSecurityNumber']), value: ssn(rng, '-') }),
    negative: (rng) =>
      rng.pick([
        () => `SSN: 666-${rng.digits(2).replace(/^00$/, '12')}-${rng.digits(4).replace(/^0000$/, '1234')}`,
        () => `SSN: ${rng.int(900, 999)}-12-3456`,
        () => `tracking ${ssn(rng, '-')} received`,
        () => `SSN: 078-05-1120`,
      ])(),
  },
]
