import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../../testing.js'
import { latitudeLongitude } from './latitude-longitude.js'

const cases: Array<[text: string, expected: string[]]> = [
  ['coordinates: 47.608013,-122.335167', ['47.608013,-122.335167']],
  ['position -33.8688, 151.2093.', ['-33.8688, 151.2093']], // sentence full stop after
  ['lat-long 51.50735 -0.12776', ['51.50735 -0.12776']], // space-separated pair
  ['latitude_longitude=+48.8566,+2.3522', ['+48.8566,+2.3522']],
  ['coordinates: 91.608013,-122.335167', []], // latitude beyond 90
  ['coordinates: 47.608013,-182.335167', []], // longitude beyond 180
  ['coordinates: 0.0000,0.0000', []], // no fix
  ['coordinates: 47.61,-122.33', []], // two decimals
  ['coordinates: 47.608013,-122.335167.5', []], // a longer number
  ['ratio 47.608013,-122.335167', []], // no keyword
  ['the coordinate system is documented in the appendix; 47.608013,-122.335167', []], // keyword too far
  ['repositioned 47.608013,-122.335167', []], // keyword only inside another word
]

describe(latitudeLongitude.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(latitudeLongitude, text).map((d) => d.match), expected))
  }
  it('counts a column named lat_long as the keyword', () => {
    assert.deepEqual(detectIn(latitudeLongitude, '47.608013,-122.335167', { labels: ['lat_long'] }).map((d) => d.match), ['47.608013,-122.335167'])
  })
})
