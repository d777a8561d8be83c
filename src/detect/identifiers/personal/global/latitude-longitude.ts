import { defineIdentifier } from '../../../identifier.js'

/** Latitude within ±90 and longitude within ±180; 0,0 ("null island") is a missing fix, not a place. */
function isOnEarth(m: string): boolean {
  const [lat = NaN, lon = NaN] = m.split(/[, ]+/).map(Number)
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0)
}

/** GPS coordinates as a decimal-degree latitude,longitude pair, near a coordinates keyword. */
export const latitudeLongitude = defineIdentifier({
  id: 'LATITUDE_LONGITUDE',
  category: 'PERSONAL_INFORMATION',
  description: 'GPS coordinates as a decimal-degree latitude/longitude pair (4+ decimals) near a keyword; ranges ±90 and ±180.',
  severity: ['Low', 'Medium', 'Medium'],
  // 41.948614,-87.655311 (Macie's example) or with a space after the comma or instead of it.
  // Four decimals (about 11 m) at least: coarser pairs are rarely a person's position and often
  // other measurements. DDM and DMS are not supported, as in Macie.
  pattern: /(?<![0-9A-Za-z.+-])[-+]?[0-9]{1,2}\.[0-9]{4,10}(?:, ?| )[-+]?[0-9]{1,3}\.[0-9]{4,10}(?![0-9A-Za-z])(?!\.[0-9])/g,
  keywords: ['coordinate', 'coordinates', 'lat long', 'latitude longitude', 'position'],
  maxLength: 1 + 2 + 1 + 10 + 2 + 1 + 3 + 1 + 10,
  validate: [isOnEarth],
})
