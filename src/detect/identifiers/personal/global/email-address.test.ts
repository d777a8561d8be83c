import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { emailAddress } from './email-address.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['write to billing.desk+eu@mail.contoso-shop.co.uk.', ['billing.desk+eu@mail.contoso-shop.co.uk']],
  ['<mailto:ops_team@fabrikam.io>', ['ops_team@fabrikam.io']],
  ['"owner": "R2D2@lab.xn--p1ai"', ['R2D2@lab.xn--p1ai']], // IDN TLD
  ['a@b.co,c@d.org', ['a@b.co', 'c@d.org']],
  ['jane@example.com', []], // RFC 2606
  ['ops@mail.example.org', []], // RFC 2606, subdomain
  ['qa@shop.test and dev@api.example and x@host.invalid and y@app.localhost', []], // RFC 6761
  ['billing..desk@fabrikam.io', []], // empty atom
  ['.billingdesk@fabrikam.io', []], // leading dot
  ['ops@-fabrikam.io', []], // label starts with a hyphen
  ['ops@fabrikam', []], // no TLD
  ['ops@fabrikam.c0m', []], // TLD is not letters
  ['icon@2x.png', []], // image variant
  ['@fabrikam.io', []], // no local part
]

describe(emailAddress.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(emailAddress, text).map((d) => d.match), expected))
  }
  it('needs no label: an address in a column is found as is', () => {
    assert.deepEqual(detectIn(emailAddress, 'ops_team@fabrikam.io', { labels: ['contact'] }).map((d) => d.match), ['ops_team@fabrikam.io'])
  })
  it('is marked as trawl\'s own', () => assert.equal(emailAddress.trawlOnly, true))
})
