// Corpus samples for the credentials identifiers: synthetic keys and tokens, never real ones.
import type { IdentifierSamples } from '../types.js'
import type { Rng } from '../rng.js'

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOWER = 'abcdefghijklmnopqrstuvwxyz'
const DIGITS = '0123456789'
const ALNUM = UPPER + LOWER + DIGITS
const B64 = ALNUM + '+/'
const B64URL = ALNUM + '-_'

const base64 = (text: string): string => Buffer.from(text).toString('base64')
const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A line break as keys appear in files, JSON strings with escapes, or YAML block scalars. */
function lineBreak(rng: Rng): string {
  return rng.pick(['\n', '\r\n', '\\n', '\n  '])
}

function awsSecretKey(rng: Rng): string {
  // A random draw may lack a class (about 1 in 4,000): force one of each at fixed places.
  const key = rng.chars(40, B64).split('')
  key[rng.int(0, 12)] = rng.chars(1, UPPER)
  key[rng.int(13, 25)] = rng.chars(1, LOWER)
  key[rng.int(26, 39)] = rng.chars(1, DIGITS)
  return key.join('')
}

function basicToken(rng: Rng): string {
  const user = `${rng.pick(['svc', 'deploy', 'ci', 'backup'])}-${rng.chars(5, LOWER + DIGITS)}`
  return base64(`${user}:${rng.chars(rng.int(10, 20), ALNUM + '!#%*-_.')}`)
}

function jwt(rng: Rng, signed: boolean): string {
  const now = rng.int(1_600_000_000, 1_800_000_000)
  const header = signed ? { alg: rng.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' } : { alg: 'none' }
  const claims = { sub: `svc-${rng.chars(8, LOWER + DIGITS)}`, scope: rng.pick(['reports:read', 'orders:write', 'admin']), iat: now, exp: now + 3600 }
  const signature = signed ? rng.chars(rng.pick([43, 86, 342]), B64URL) : ''
  return `${base64url(header)}.${base64url(claims)}.${signature}`
}

const OPENSSH_MAGIC = 'b3BlbnNzaC1rZXktdjEAAAAA'

function pemLines(rng: Rng, count: number, width: number): string {
  return Array.from({ length: count }, () => rng.chars(width, B64)).join('\n')
}

function pkcsBegin(rng: Rng): { begin: string; end: string; first: string } {
  const kind = rng.pick(['RSA ', '', 'EC ', 'ENCRYPTED ', 'DSA '])
  const first = kind === 'EC ' ? `MHcCAQEEI${rng.chars(55, B64)}` : `MII${rng.pick(['Eo', 'Ev', 'Ep', 'Jw', 'Bu'])}${rng.chars(59, B64)}`
  return { begin: `-----BEGIN ${kind}PRIVATE KEY-----`, end: `-----END ${kind}PRIVATE KEY-----`, first }
}

function pgpFirstLine(rng: Rng): string {
  return `${rng.pick(['lQdGBG', 'lFgEZ', 'xcLYBG', 'lQOYBG'])}${rng.chars(58, B64)}`
}

function puttyKey(rng: Rng, nl: string): { value: string; rest: string } {
  const ed = rng.next() < 0.5
  const type = ed ? 'ssh-ed25519' : 'ssh-rsa'
  const blob = ed ? `AAAAC3NzaC1lZDI1NTE5AAAAI${rng.chars(39, B64)}` : `AAAAB3NzaC1yc2EAAAADAQABAAABAQ${rng.chars(34, B64)}`
  const header = [
    `PuTTY-User-Key-File-${rng.pick(['2', '3'])}: ${type}`,
    `Encryption: ${rng.pick(['none', 'aes256-cbc'])}`,
    `Comment: ${ed ? 'ed25519' : 'rsa'}-key-20${rng.int(10, 24)}0${rng.int(1, 9)}${rng.int(10, 28)}`,
    `Public-Lines: ${ed ? 2 : 6}`,
    blob,
  ]
  const rest = [rng.chars(64, B64), 'Private-Lines: 1', rng.chars(64, B64), `Private-MAC: ${rng.chars(64, '0123456789abcdef')}`]
  return { value: header.join(nl), rest: rest.join(nl) }
}

function stripeKey(rng: Rng): string {
  const prefix = rng.pick(['sk_live_', 'rk_live_', 'sk_test_', 'rk_test_', 'pk_live_'])
  return `${prefix}${rng.next() < 0.5 ? rng.chars(24, ALNUM) : `51${rng.chars(97, ALNUM)}`}`
}

/** Credentials samples. */
export const credentialSamples: readonly IdentifierSamples[] = [
  {
    id: 'AWS_CREDENTIALS',
    positive: (rng) => {
      const value = awsSecretKey(rng)
      const text = rng.pick([
        `aws_secret_access_key = ${value}`,
        `export AWS_SECRET_ACCESS_KEY=${value}`,
        `secret key: ${value}`,
        `Set-AWSCredential -SecretKey ${value}`,
      ])
      return { text, value }
    },
    labelled: (rng) => ({ label: rng.pick(['aws_secret_access_key', 'SecretAccessKey', 'secret_key', 'credentials']), value: awsSecretKey(rng) }),
    negative: (rng) =>
      rng.pick([
        () => 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        () => `secret key sha1 ${rng.chars(40, '0123456789abcdef')}`,
        () => `build artefact digest ${awsSecretKey(rng)} uploaded`,
        () => `secret key: ${awsSecretKey(rng)}${rng.chars(4, UPPER)}`,
      ])(),
  },
  {
    id: 'GCP_API_KEY',
    positive: (rng) => {
      const value = `AIza${rng.chars(35, B64URL)}`
      const text = rng.pick([`GOOGLE_API_KEY=${value}`, `X-Goog-Api-Key: ${value}`, `gcp api key: ${value}`, `GOOGLEKEY "${value}"`])
      return { text, value }
    },
    labelled: (rng) => ({ label: rng.pick(['google_api_key', 'G_PLACES_KEY', 'gcpApiKey', 'google-cloud-apikeys']), value: `AIza${rng.chars(35, B64URL)}` }),
    negative: (rng) =>
      rng.pick([
        () => `maps widget loaded AIza${rng.chars(35, B64URL)}`,
        () => 'GOOGLE_API_KEY=AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
        () => `GOOGLE_API_KEY=AIza${rng.chars(30, B64URL)}`,
      ])(),
  },
  {
    id: 'HTTP_BASIC_AUTH_HEADER',
    positive: (rng) => {
      const value = `${rng.pick(['Authorization', 'authorization', 'Proxy-Authorization'])}: Basic ${basicToken(rng)}`
      const text = rng.pick([`GET /export HTTP/1.1\r\n${value}\r\nAccept: */*`, `curl -H '${value}' https://reports.internal/export`, `${value}`])
      return { text, value }
    },
    labelled: (rng) => ({ label: rng.pick(['request_headers', 'headers', 'raw_request']), value: `Authorization: Basic ${basicToken(rng)}` }),
    negative: (rng) =>
      rng.pick([
        () => `Authorization: Basic ${base64(`${rng.pick(['svc', 'deploy'])}${rng.chars(8, LOWER)}`)}`,
        () => 'Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==',
        () => `Authorization: Bearer ${rng.chars(32, ALNUM)}`,
        () => `the header value was Basic ${basicToken(rng)}`,
      ])(),
  },
  {
    id: 'JSON_WEB_TOKEN',
    positive: (rng) => {
      const value = jwt(rng, rng.next() < 0.8)
      const text = rng.pick([`Authorization: Bearer ${value}`, `{"id_token": "${value}"}`, `session token ${value} issued`])
      return { text, value }
    },
    labelled: (rng) => ({ label: rng.pick(['id_token', 'access_token', 'session']), value: jwt(rng, true) }),
    negative: (rng) =>
      rng.pick([
        () => `token ${base64url({ typ: 'JWT', kid: rng.chars(8, LOWER) })}.${base64url({ sub: 'svc' })}.${rng.chars(43, B64URL)}`,
        () =>
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        () => `token ${base64url({ alg: 'HS256' })}.${rng.chars(40, B64URL)}.${rng.chars(43, B64URL)}`,
      ])(),
  },
  {
    id: 'OPENSSH_PRIVATE_KEY',
    positive: (rng) => {
      const nl = lineBreak(rng)
      const value = `-----BEGIN OPENSSH PRIVATE KEY-----${nl}${OPENSSH_MAGIC}${rng.chars(46, B64)}`
      return { text: `${value}${nl}${pemLines(rng, 3, 70).split('\n').join(nl)}${nl}-----END OPENSSH PRIVATE KEY-----`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['ssh_private_key', 'deploy_key', 'id_ed25519']), value: `-----BEGIN OPENSSH PRIVATE KEY----- ${OPENSSH_MAGIC}${rng.chars(46, B64)}` }),
    negative: (rng) =>
      rng.pick([
        () => `-----BEGIN OPENSSH PRIVATE KEY-----\nMII${rng.chars(61, B64)}\n-----END OPENSSH PRIVATE KEY-----`,
        () => 'Paste the block that starts with -----BEGIN OPENSSH PRIVATE KEY----- into the form.',
        () => '-----BEGIN OPENSSH PRIVATE KEY-----\n...\n-----END OPENSSH PRIVATE KEY-----',
      ])(),
  },
  {
    id: 'PGP_PRIVATE_KEY',
    positive: (rng) => {
      const nl = lineBreak(rng)
      const headers = rng.pick(['', `Version: GnuPG v2${nl}`, `Comment: release signing key${nl}`])
      const value = `-----BEGIN PGP PRIVATE KEY BLOCK-----${nl}${headers}${nl}${pgpFirstLine(rng)}`
      return { text: `${value}${nl}${pemLines(rng, 2, 64).split('\n').join(nl)}${nl}=${rng.chars(4, B64)}${nl}-----END PGP PRIVATE KEY BLOCK-----`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['gpg_key', 'signing_key', 'pgp']), value: `-----BEGIN PGP PRIVATE KEY BLOCK----- ${pgpFirstLine(rng)}` }),
    negative: (rng) =>
      rng.pick([
        () => `-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBG${rng.chars(58, B64)}\n-----END PGP PUBLIC KEY BLOCK-----`,
        () => `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nmQINBG${rng.chars(58, B64)}`,
        () => 'Export it with gpg --armor; the file starts with -----BEGIN PGP PRIVATE KEY BLOCK-----.',
      ])(),
  },
  {
    id: 'PKCS',
    positive: (rng) => {
      const nl = lineBreak(rng)
      const { begin, end, first } = pkcsBegin(rng)
      const value = `${begin}${nl}${first}`
      return { text: `${value}${nl}${pemLines(rng, 3, 64).split('\n').join(nl)}${nl}${end}`, value }
    },
    labelled: (rng) => {
      const { begin, first } = pkcsBegin(rng)
      return { label: rng.pick(['private_key', 'tls_key', 'client_key']), value: `${begin} ${first}` }
    },
    negative: (rng) =>
      rng.pick([
        () => `-----BEGIN RSA PRIVATE KEY-----\n${rng.pick(['q', 'Z', 'b', '0'])}${rng.chars(63, B64)}`,
        () => `-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${rng.chars(20, B64)}\n-----END PUBLIC KEY-----`,
        () => '-----BEGIN PRIVATE KEY-----\n<your private key>\n-----END PRIVATE KEY-----',
      ])(),
  },
  {
    id: 'PUTTY_PRIVATE_KEY',
    positive: (rng) => {
      const nl = rng.pick(['\n', '\r\n'])
      const { value, rest } = puttyKey(rng, nl)
      return { text: `${value}${nl}${rest}${nl}`, value }
    },
    labelled: (rng) => ({ label: rng.pick(['ppk', 'putty_key']), value: puttyKey(rng, '\\n').value }),
    negative: (rng) =>
      rng.pick([
        () => puttyKey(rng, '\n').value.replace('Comment:', 'X-Owner: ops\nComment:'),
        () => puttyKey(rng, '\n').value.replace(/AAAA(?=[^\n]*$)/, 'BBBB'),
        () => 'Save the key from PuTTYgen; the file begins with PuTTY-User-Key-File-3: ssh-ed25519.',
      ])(),
  },
  {
    id: 'STRIPE_CREDENTIALS',
    positive: (rng) => {
      const value = stripeKey(rng)
      const text = rng.pick([`api_key = "${value}"`, `curl https://api.stripe.com/v1/charges -u ${value}:`, `payments key ${value}`])
      return { text, value }
    },
    labelled: (rng) => ({ label: rng.pick(['api_key', 'payments_secret']), value: stripeKey(rng) }),
    negative: (rng) =>
      rng.pick([
        () => 'api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"',
        () => 'publishable key pk_test_TYooMQauvdEDq54NiTphI7jx',
        () => 'api_key = "sk_live_xxxxxxxxxxxxxxxxxxxxxxxx"',
        () => `api_key = "sk_live_${rng.chars(20, ALNUM)}"`,
      ])(),
  },
]
