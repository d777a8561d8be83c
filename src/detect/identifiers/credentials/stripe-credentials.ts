import { defineIdentifier } from '../../identifier.js'

// Keys published in Stripe's API reference for anyone to try: the current pair (named by
// Macie's documentation) and the earlier pair of the same pages.
const documentedTestKeys = new Set([
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc',
  'pk_test_TYooMQauvdEDq54NiTphI7jx',
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2',
  'pk_test_6pRNASCoBOKtIshFeQd4XMUh',
])

/** Stripe API keys: secret (`sk_`), restricted (`rk_`) and publishable (`pk_`), live or test mode. */
export const stripeCredentials = defineIdentifier({
  id: 'STRIPE_CREDENTIALS',
  category: 'CREDENTIALS',
  description: 'Stripe secret, restricted or publishable API key (live or test mode); Stripe documentation test keys are never reported.',
  severity: ['High', 'High', 'High'],
  // Publishable keys are included: Macie's note excludes pk_test_TYoo…, so it reports pk_ keys.
  // Legacy keys carry 24 characters after the prefix, current ones 99; Stripe caps keys at 255.
  pattern: /(?<![0-9A-Za-z_])[srp]k_(?:live|test)_[0-9A-Za-z]{24,247}(?![0-9A-Za-z_])/g,
  anchors: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'pk_live_', 'pk_test_'],
  maxLength: 255,
  reject: [
    (m) => documentedTestKeys.has(m),
    // Placeholders (`sk_live_xxxxxxxx…`): eight equal characters in a row do not occur in random keys.
    (m) => /(.)\1{7}/.test(m.slice(8)),
  ],
})
