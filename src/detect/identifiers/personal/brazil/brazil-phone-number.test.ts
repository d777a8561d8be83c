import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { brazilPhoneNumber } from './brazil-phone-number.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['celular (21) 99482-1736', ['(21) 99482-1736']],
  ['telefone: 31 3482-1736', ['31 3482-1736']],
  ['fone 21994821736', ['21994821736']],
  ['tel 11 9 7301 6452', ['11 9 7301 6452']],
  ['ligue +55 11 97301-6452 após as 18h', ['+55 11 97301-6452']], // country code: no keyword needed
  ['+55 (31) 3482-1736', ['+55 (31) 3482-1736']],
  ['celular (20) 99482-1736', []], // DDD 20 is not in use
  ['telefone 31 8482-1736', []], // eight digits starting 8: no longer a valid number
  ['celular (21) 89482-1736', []], // nine digits not starting 9
  ['celular (21) 99482-173', []], // too short
  ['celular (99) 99999-9999', []], // one repeated digit
  ['pedido (21) 99482-1736', []], // no keyword, no country code
  ['telefone de contato informado no cadastro antigo: (21) 99482-1736', []], // keyword too far
  ['hotel (21) 99482-1736', []], // "tel" only inside another word
]

describe(brazilPhoneNumber.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(brazilPhoneNumber, text).map((d) => d.match), expected))
  }
  it('counts a column named telefone as the keyword', () => {
    assert.deepEqual(detectIn(brazilPhoneNumber, '(21) 99482-1736', { labels: ['telefone_cliente'] }).map((d) => d.match), ['(21) 99482-1736'])
  })
})
