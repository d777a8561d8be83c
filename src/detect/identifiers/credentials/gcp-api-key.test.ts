import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { gcpApiKey } from './gcp-api-key.js'

const key = 'AIzaSyC4mQ9-tR2vLx_8WkP3nZbJ6hD0fGsYe1u'

const cases: Array<[text: string, expected: string[]]> = [
  [`X-goog-api-key: ${key}`, [key]],
  [`GOOGLE_API_KEY=${key}`, [key]],
  [`google-cloud-apikeys create returned ${key}`, [key]],
  [`gcp key "${key}"`, [key]],
  ['GOOGLEKEY=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', []], // placeholder
  [`GOOGLEKEY=${key}x`, []], // 36 characters after AIza
  [`GOOGLEKEY=${key.slice(0, -1)}`, []], // 34 characters after AIza
  [`maps ${key}`, []], // no keyword
  [`the google api key for the maps widget lives in the vault: ${key}`, []], // keyword too far
  [`mygooglekey ${key}`, []], // keyword only inside another word
]

describe(gcpApiKey.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(gcpApiKey, text).map((d) => d.match), expected))
  }
  it('counts a column named G_PLACES_KEY as the keyword', () => {
    assert.deepEqual(detectIn(gcpApiKey, key, { labels: ['G_PLACES_KEY'] }).map((d) => d.match), [key])
  })
})
