import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { spainDriversLicense } from './spain-drivers-license.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['permiso de conducción 48213907L', ['48213907L']],
  ['carnet de conducir X4821390S', ['X4821390S']],
  ['licencia de manejo Y-7301645-X', ['Y-7301645-X']],
  ['permiso de conducción 48213907A', []], // wrong control letter
  ['permiso de conducción X4821390T', []], // wrong control letter
  ['permiso de conducción 12345678Z', []], // example value
  ['permiso de conducción 00000000T', []], // one repeated digit
  ['pedido 48213907L enviado', []], // no keyword
  ['permiso de conducción expedido por la Jefatura de Tráfico en 2019: 48213907L', []], // keyword too far
  ['sinpermiso de conducción 48213907L', []], // keyword only inside another word
]

describe(spainDriversLicense.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(spainDriversLicense, text).map((d) => d.match), expected))
  }
  it('counts a column named permiso_de_conducir as the keyword', () => {
    assert.deepEqual(detectIn(spainDriversLicense, '48213907L', { labels: ['permiso_de_conducir'] }).map((d) => d.match), ['48213907L'])
  })
})
