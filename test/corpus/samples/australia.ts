// Corpus samples for the Australian personal identifiers.
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

const WEIGHTS = [1, 4, 3, 7, 5, 8, 6, 9, 10]

/** A random 9-digit TFN with a valid check (the last digit is chosen to make the sum divisible by 11). */
function tfn(rng: Rng): string {
  for (;;) {
    const body = `${rng.int(1, 9)}${rng.digits(7)}`
    for (let last = 0; last <= 9; last++) {
      const v = body + last
      let sum = 0
      for (let i = 0; i < 9; i++) sum += Number(v[i]) * WEIGHTS[i]!
      if (sum % 11 === 0 && v !== '123456782') return v
    }
  }
}

function spaced(v: string, sep: string): string {
  return `${v.slice(0, 3)}${sep}${v.slice(3, 6)}${sep}${v.slice(6)}`
}

/** Australian samples. */
export const australiaSamples: readonly IdentifierSamples[] = [
  {
    id: 'AUSTRALIA_TAX_FILE_NUMBER',
    positive: (rng) => {
      const value = spaced(tfn(rng), rng.pick([' ', '', '-']))
      return { text: `${rng.pick(['TFN', 'Tax File Number', 'tfn'])}: ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['tfn', 'employee_tfn', 'TaxFileNumber']), value: tfn(rng) }),
    negative: (rng) => {
      const v = tfn(rng)
      const broken = v.slice(0, 8) + ((Number(v[8]) + 1) % 10)
      return rng.pick([`TFN: ${spaced(broken, ' ')}`, 'TFN: 123 456 782'])
    },
  },
]
