import { defineIdentifier } from '../../identifier.js'

/** Google Cloud API keys: `AIza` and 35 base64url characters, near a Google key keyword. */
export const gcpApiKey = defineIdentifier({
  id: 'GCP_API_KEY',
  category: 'CREDENTIALS',
  description: 'Google Cloud API key string (AIza + 35 characters) near a keyword; placeholder runs are not reported.',
  severity: ['High', 'High', 'High'],
  pattern: /(?<![0-9A-Za-z_-])AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
  // Macie's list, plus `google api key`: Macie lists only the hyphenated `google-api-key`, and
  // its forms cover the GOOGLE_API_KEY variable that Google's client libraries read.
  keywords: [
    'g_places_key',
    'gcp api key',
    'gcp key',
    'google cloud key',
    'google-api-key',
    'google-cloud-apikeys',
    'googlekey',
    'x-goog-api-key',
    'google api key',
  ],
  maxLength: 39,
  // Placeholders (`AIzaSyXXXXXXXX…`): ten equal characters in a row never occur in a random key.
  reject: [(m) => /(.)\1{9}/.test(m)],
})
