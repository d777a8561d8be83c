// The envelope a results file is sealed in when its store cannot apply SSE-KMS: a fresh
// AES-256-GCM data key per file, wrapped by a keyring master key. It knows nothing of what it seals.
//
// Format, version 1 (all lengths in bytes; the header is everything before the ciphertext):
//   "TRAWLENC"  8   magic
//   version     1   1
//   idLength    1   n, then the master key's ID, n bytes of ASCII
//   wrapLength  1   m, then the data key wrapped by that master key (RFC 3394 AES key wrap), m bytes
//   iv          12  the data key's GCM nonce (a data key seals one file, so it is used once)
//   ciphertext  …   AES-256-GCM of the plaintext, with the whole header as additional data
//   tag         16  GCM tag: any changed bit of header or body fails authentication
// Envelope files are named `<name>.jsonl.gz.enc` (layout.ts); the plaintext is the gzip file.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { InvalidInputError } from '../errors.js'
import type { Keyring } from './keyring.js'

/** The first bytes of every envelope. */
export const ENVELOPE_MAGIC = Buffer.from('TRAWLENC', 'ascii')

/** The envelope format version this module writes and reads. */
export const ENVELOPE_VERSION = 1

const IV_BYTES = 12
const TAG_BYTES = 16
const DATA_KEY_BYTES = 32

/**
 * Whether the bytes start like an envelope (the magic); says nothing of their integrity.
 * @example
 * isEnvelope(await readFile('results.jsonl.gz.enc')) // true
 */
export function isEnvelope(buf: Buffer): boolean {
  return buf.length >= ENVELOPE_MAGIC.length && buf.subarray(0, ENVELOPE_MAGIC.length).equals(ENVELOPE_MAGIC)
}

/**
 * Encrypts bytes under a fresh data key wrapped by the keyring's newest master key.
 * @example
 * const sealed = sealEnvelope(gzipSync(jsonLines), keyring)
 */
export function sealEnvelope(plain: Buffer, keyring: Keyring): Buffer {
  const dataKey = randomBytes(DATA_KEY_BYTES)
  try {
    const { keyId, wrapped } = keyring.wrap(dataKey)
    const id = Buffer.from(keyId, 'ascii')
    if (id.length > 255 || wrapped.length > 255) throw new InvalidInputError('a key ID or wrapped key is too long for the envelope header')
    const iv = randomBytes(IV_BYTES)
    const header = Buffer.concat([ENVELOPE_MAGIC, Buffer.from([ENVELOPE_VERSION, id.length]), id, Buffer.from([wrapped.length]), wrapped, iv])
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(header)
    return Buffer.concat([header, cipher.update(plain), cipher.final(), cipher.getAuthTag()])
  } finally {
    dataKey.fill(0)
  }
}

/** The parsed header of an envelope. */
interface EnvelopeHeader {
  keyId: string
  wrapped: Buffer
  iv: Buffer
  /** Where the ciphertext starts: the header's length. */
  headerBytes: number
}

function parseHeader(sealed: Buffer): EnvelopeHeader {
  if (!isEnvelope(sealed)) throw new InvalidInputError('not a trawl envelope: the TRAWLENC magic is missing')
  let at = ENVELOPE_MAGIC.length
  const truncated = (): InvalidInputError => new InvalidInputError('the envelope is truncated')
  const byte = (): number => {
    if (at >= sealed.length) throw truncated()
    return sealed[at++]!
  }
  const bytes = (n: number): Buffer => {
    if (at + n > sealed.length) throw truncated()
    const out = sealed.subarray(at, at + n)
    at += n
    return out
  }
  const version = byte()
  if (version !== ENVELOPE_VERSION) throw new InvalidInputError(`envelope version ${version} is not supported (this trawl reads version ${ENVELOPE_VERSION})`)
  const keyId = bytes(byte()).toString('latin1')
  const wrapped = bytes(byte())
  const iv = bytes(IV_BYTES)
  if (sealed.length - at < TAG_BYTES) throw truncated()
  return { keyId, wrapped, iv, headerBytes: at }
}

/**
 * Decrypts an envelope with the keyring; any altered bit, a missing master key or a wrong one
 * fails with an InvalidInputError that says which.
 * @example
 * const gz = openEnvelope(await readFile('results.jsonl.gz.enc'), keyring)
 */
export function openEnvelope(sealed: Buffer, keyring: Keyring): Buffer {
  const { keyId, wrapped, iv, headerBytes } = parseHeader(sealed)
  const dataKey = keyring.unwrap(keyId, wrapped)
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, iv, { authTagLength: TAG_BYTES })
    decipher.setAAD(sealed.subarray(0, headerBytes))
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES))
    const plain = decipher.update(sealed.subarray(headerBytes, sealed.length - TAG_BYTES))
    try {
      return Buffer.concat([plain, decipher.final()])
    } catch (err) {
      plain.fill(0)
      throw new InvalidInputError('the envelope does not authenticate: the file was altered or truncated', { cause: err })
    }
  } finally {
    dataKey.fill(0)
  }
}
