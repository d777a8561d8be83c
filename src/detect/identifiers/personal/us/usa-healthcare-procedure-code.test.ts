import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { usaHealthcareProcedureCode } from './usa-healthcare-procedure-code.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['HCPCS J1100 administered', ['J1100']], // Level II
  ['hcpcs: E0114-RR', ['E0114']], // Level II with a modifier
  ['Current Procedural Terminology 99213-25', ['99213']], // CPT Category I with a modifier
  ['HCPCS 3074F', ['3074F']], // CPT Category II
  ['HCPCS 0042T', ['0042T']], // CPT Category III
  ['HCPCS 0001U', ['0001U']], // proprietary laboratory analysis
  ['HCPCS J0000', []], // no code is numbered zero
  ['HCPCS 00000', []], // no code is numbered zero
  ['HCPCS W1100', []], // W is no HCPCS section
  ['HCPCS I1100', []], // I is not used
  ['HCPCS 3074X', []], // X is no CPT category suffix
  ['HCPCS 992134', []], // six digits
  ['HCPCS 90210-1234', []], // a ZIP+4 code
  ['HCPCS 99213.50', []], // a decimal amount
  ['room J1100 booked', []], // no keyword
  ['hcpcs was mentioned here but the code is much further along: J1100', []], // keyword too far
  ['xhcpcs J1100', []], // keyword only inside another word
]

describe(usaHealthcareProcedureCode.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(usaHealthcareProcedureCode, text).map((d) => d.match), expected))
  }
  it('counts a column named hcpcs_code as the keyword', () => {
    assert.deepEqual(detectIn(usaHealthcareProcedureCode, 'G0008', { labels: ['hcpcs_code'] }).map((d) => d.match), ['G0008'])
  })
})
