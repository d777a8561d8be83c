// Corpus samples for the personal identifiers that belong to no country (and trawl's EMAIL_ADDRESS).
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'
import { vinCheckDigit } from '../../../src/detect/validators/vin-check-digit.js'

const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

const pad = (n: number): string => String(n).padStart(2, '0')

function birthDate(rng: Rng): { year: number; month: number; day: number } {
  return { year: rng.int(1930, 2010), month: rng.int(1, 12), day: rng.int(1, 28) }
}

function formatDate(rng: Rng, { year, month, day }: { year: number; month: number; day: number }): string {
  const name = MONTHS[month - 1]!
  return rng.pick([
    () => `${year}-${pad(month)}-${pad(day)}`,
    () => `${pad(month)}/${pad(day)}/${year}`,
    () => `${pad(day)}.${pad(month)}.${year}`,
    () => `${day} ${name} ${year}`,
    () => `${name} ${day}, ${year}`,
    () => `${pad(day)}-${name.slice(0, 3)}-${year}`,
  ])()
}

// VIN characters (no I, O, Q); position 9 is the North American check digit.
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'

function vinCheck(vin: string): string {
  return [...'0123456789X'].find((c) => vinCheckDigit(`${vin.slice(0, 8)}${c}${vin.slice(9)}`))!
}

function vin(rng: Rng): string {
  const wmi = `${rng.pick(['1', '2', '3', '4', '5', 'J', 'K', 'S', 'V', 'W', 'Z'])}${rng.chars(1, 'ABCDEFGHJKLMNPRSTUVWXYZ')}${rng.chars(1, VIN_CHARS)}`
  const draft = `${wmi}${rng.chars(5, VIN_CHARS)}0${rng.chars(1, 'ABCDEFGHJKLMNPRSTVWXY123456789')}${rng.chars(1, VIN_CHARS)}${rng.chars(6, '0123456789')}`
  return `${draft.slice(0, 8)}${vinCheck(draft)}${draft.slice(9)}`
}

function coordinates(rng: Rng): string {
  const decimals = rng.int(4, 6)
  const lat = ((rng.next() * 2 - 1) * 85).toFixed(decimals)
  const lon = ((rng.next() * 2 - 1) * 175).toFixed(decimals)
  return `${lat}${rng.pick([',', ', ', ' '])}${lon}`
}

function cookieHeader(rng: Rng): string {
  const name = rng.pick(['sid', 'session', 'JSESSIONID', 'auth_token', '_shop_session'])
  const value = rng.chars(rng.int(16, 40), ALNUM)
  return rng.pick([
    () => `Cookie: ${name}=${value}; theme=${rng.pick(['dark', 'light'])}`,
    () => `Set-Cookie: ${name}=${value}; Path=/; Secure; HttpOnly`,
    () => `cookie: ${name}=${value}`,
  ])()
}

function email(rng: Rng): string {
  const local = `${rng.pick(['ops', 'billing', 'support', 'svc', 'team'])}${rng.pick(['.', '_', '+', ''])}${rng.chars(5, LOWER)}`
  return `${local}@${rng.chars(rng.int(6, 10), LOWER)}${rng.pick(['.com', '.io', '.de', '.co.uk', '.net', '.fr'])}`
}

/** Samples of the personal identifiers for any country. */
export const globalSamples: readonly IdentifierSamples[] = [
  {
    id: 'DATE_OF_BIRTH',
    positive: (rng) => {
      const value = formatDate(rng, birthDate(rng))
      return { text: `${rng.pick(['DOB', 'Date of birth', 'birthday', 'Birth date', 'bday'])}: ${value}`, value }
    },
    labelled: (rng) => {
      const { year, month, day } = birthDate(rng)
      return { label: rng.pick(['date_of_birth', 'dob', 'birthDate', 'BirthDate']), value: `${year}-${pad(month)}-${pad(day)}` }
    },
    negative: (rng) =>
      rng.pick([
        () => `DOB: ${rng.int(1930, 2010)}-02-${rng.int(30, 31)}`,
        () => `date of birth: ${rng.int(2090, 2099)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`,
        () => `order shipped ${formatDate(rng, birthDate(rng))}`,
        () => `DOB: ${pad(rng.int(13, 31))}/${pad(rng.int(13, 31))}/${rng.int(1930, 2010)}`,
      ])(),
  },
  {
    id: 'VEHICLE_IDENTIFICATION_NUMBER',
    positive: (rng) => {
      const value = vin(rng)
      return { text: `${rng.pick(['VIN', 'VIN:', 'Fahrgestellnummer', 'vehicle identification number'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['vin', 'vehicle_vin', 'VIN']), value: vin(rng) }),
    negative: (rng) =>
      rng.pick([
        () => {
          const good = vin(rng).replace(/^./, rng.pick(['1', '2', '3', '4', '5']))
          const v = `${good.slice(0, 8)}${vinCheck(good)}${good.slice(9)}`
          return `VIN: ${v.slice(0, 8)}${v[8] === '7' ? '8' : '7'}${v.slice(9)}`
        },
        () => `chassis plate ${vin(rng)}`,
        () => {
          const v = vin(rng)
          return `VIN: ${v.slice(0, 12)}${rng.pick(['O', 'I', 'Q'])}${v.slice(13)}`
        },
      ])(),
  },
  {
    id: 'LATITUDE_LONGITUDE',
    positive: (rng) => {
      const value = coordinates(rng)
      return { text: `${rng.pick(['coordinates:', 'position', 'lat long', 'Coordinate'])} ${value}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['coordinates', 'lat_long', 'latLong', 'position']), value: coordinates(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `coordinates: ${rng.int(91, 99)}.${rng.digits(5)},${rng.int(10, 99)}.${rng.digits(5)}`,
        () => `position ${rng.int(10, 80)}.${rng.digits(2)},${rng.int(10, 170)}.${rng.digits(2)}`,
        () => `offset ${coordinates(rng)} applied`,
      ])(),
  },
  {
    id: 'HTTP_COOKIE',
    positive: (rng) => {
      const value = cookieHeader(rng)
      return { text: rng.pick([`GET /cart HTTP/1.1\r\n${value}\r\nAccept: text/html`, `HTTP/1.1 200 OK\n${value}\n`, value]), value }
    },
    labelled: (rng) => ({ label: rng.pick(['request_headers', 'headers']), value: cookieHeader(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `Set-Cookie: ${rng.pick(['sid', 'session'])}=; Max-Age=0`,
        () => 'Cookie: chocolate chip, baked fresh',
        () => 'Cookie: sessionId=38afes7a8',
        () => `${rng.pick(['sid', 'session'])}=${rng.chars(20, ALNUM)}; Path=/`,
      ])(),
  },
  {
    id: 'EMAIL_ADDRESS',
    positive: (rng) => {
      const value = email(rng)
      return { text: rng.pick([`contact ${value} for access`, `From: <${value}>`, `mailto:${value}`]), value }
    },
    labelled: (rng) => ({ label: rng.pick(['email', 'contact', 'owner']), value: email(rng) }),
    negative: (rng) =>
      rng.pick([
        () => `write to ${rng.pick(['ops', 'jane.doe', 'admin'])}@example.${rng.pick(['com', 'org', 'net'])}`,
        () => `${rng.pick(['qa', 'dev'])}@${rng.chars(6, LOWER)}.${rng.pick(['test', 'invalid', 'example', 'localhost'])}`,
        () => `assets/icon@${rng.int(2, 3)}x.png`,
        () => `ops..${rng.chars(4, LOWER)}@${rng.chars(6, LOWER)}.io`,
      ])(),
  },
]
