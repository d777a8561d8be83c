import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { stripeCredentials } from './stripe-credentials.js'

const legacy = 'sk_live_q3V8xK2mT9pLw0nR7sY2bHdF'
const current = 'rk_test_51Pq3V8xK2mT9pLw0nR7sY2bHdF5gJ9cA4eU6iO2tZb1cXw7Lk4Jm0Pa8Ns6Dt2Vu5Qe3Wr1Ty9Ui7Op5As3Df1Gh8Jk6Lz4Xc2Vb0Nm9'

const cases: Array<[text: string, expected: string[]]> = [
  [`STRIPE_SECRET_KEY=${legacy}`, [legacy]],
  [`stripe.api_key = "${current}"`, [current]],
  ['publishable: pk_live_Lw0nR7sY2bHdF5gJ9cA4eU6i', ['pk_live_Lw0nR7sY2bHdF5gJ9cA4eU6i']],
  ['sk_test_4eC39HqLyjWDarjtT1zdp7dc', []], // Stripe documentation test key
  ['pk_test_TYooMQauvdEDq54NiTphI7jx', []], // Stripe documentation test key
  ['sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', []], // placeholder
  ['sk_live_q3V8xK2mT9pLw0nR7sY2bH', []], // 22 characters: too short
  [`mask_live_q3V8xK2mT9pLw0nR7sY2bHdF`, []], // glued to another word
  ['sk_prod_q3V8xK2mT9pLw0nR7sY2bHdF', []], // no such mode
]

describe(stripeCredentials.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(stripeCredentials, text).map((d) => d.match), expected))
  }
  it('needs no label: a key in a column is found as is', () => {
    assert.deepEqual(detectIn(stripeCredentials, legacy, { labels: ['api_key'] }).map((d) => d.match), [legacy])
  })
})
