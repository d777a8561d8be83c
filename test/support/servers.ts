// Starts the real servers integration tests talk to: moto's server (S3 and KMS) and s3rver (a
// second S3, in Node). Each test file starts its own on a free loopback port and stops it after.
// Where a server's binary is absent the tests skip with the reason — except under CI=true,
// where a missing server fails the run.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true'

/** A running server: its endpoint URL and how to stop it. */
export interface RunningServer {
  endpoint: string
  /** With TLS: the certificate (PEM file) clients must trust. */
  caFile?: string
  stop(): Promise<void>
}

/** Static credentials the local servers accept. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function waitUntilUp(endpoint: string, child: ChildProcess, what: string): Promise<void> {
  const until = Date.now() + 30_000
  let exited = false
  child.once('exit', () => (exited = true))
  while (Date.now() < until) {
    if (exited) throw new Error(`${what} exited before it answered`)
    try {
      await fetch(endpoint, { signal: AbortSignal.timeout(1000) })
      return
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  child.kill('SIGKILL')
  throw new Error(`${what} did not answer on ${endpoint} within 30 s`)
}

function stopper(child: ChildProcess, after?: () => void): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) {
        after?.()
        return resolve()
      }
      child.once('exit', () => {
        after?.()
        resolve()
      })
      child.kill('SIGTERM')
      setTimeout(() => child.kill('SIGKILL'), 3000).unref()
    })
}

/** Why moto cannot run here, or undefined when it can. */
export function motoUnavailable(): string | undefined {
  const probe = spawnSync('moto_server', ['--help'], { stdio: 'ignore' })
  if (probe.error || probe.status !== 0) return 'moto_server is not installed'
  return undefined
}

/** Why s3rver cannot run here, or undefined when it can. */
export function s3rverUnavailable(): string | undefined {
  try {
    import.meta.resolve('s3rver')
    return undefined
  } catch {
    return 's3rver is not installed'
  }
}

/**
 * A reason to skip a suite whose server is missing, or false to run it; under CI=true a missing
 * server throws instead.
 * @example
 * describe('S3 source', { skip: skipUnless(motoUnavailable()) }, () => { ... })
 */
export function skipUnless(unavailable: string | undefined): string | false {
  if (!unavailable) return false
  if (process.env.CI === 'true') throw new Error(`${unavailable}, and CI=true requires it`)
  console.log(`# skipped: ${unavailable}`)
  return unavailable
}

/** Resolves once something accepts TCP connections on the port. */
async function waitForPort(port: number, child: ChildProcess, what: string): Promise<void> {
  const until = Date.now() + 30_000
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what} exited before it answered`)
    const isUp = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end()
        resolve(true)
      })
      socket.once('error', () => resolve(false))
    })
    if (isUp) return
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`${what} did not listen on port ${port} within 30 s`)
}

/**
 * Starts moto's server (S3, KMS, …) on a free loopback port; with `tls`, over HTTPS with a
 * throwaway self-signed certificate (made by openssl) that clients are given as `caFile`.
 */
export async function startMoto(options: { tls?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort()
  if (!options.tls) {
    const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' })
    const endpoint = `http://127.0.0.1:${port}`
    await waitUntilUp(endpoint, child, 'moto_server')
    return { endpoint, stop: stopper(child) }
  }
  const dir = mkdtempSync(join(tmpdir(), 'trawl-moto-tls-'))
  const caFile = join(dir, 'cert.pem')
  const keyFile = join(dir, 'key.pem')
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', caFile, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
  if (made.status !== 0) throw new Error('openssl could not make a certificate for moto_server')
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port), '-c', caFile, '-k', keyFile], { stdio: 'ignore' })
  await waitForPort(port, child, 'moto_server')
  return { endpoint: `https://127.0.0.1:${port}`, caFile, stop: stopper(child, () => rmSync(dir, { recursive: true, force: true })) }
}

/**
 * Starts s3rver in a child process (its paginated listing needs the legacy OpenSSL provider,
 * which only a fresh process can turn on).
 */
export async function startS3rver(): Promise<RunningServer> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'trawl-s3rver-'))
  const script = `import S3rver from 's3rver'; await new S3rver({ address: '127.0.0.1', port: ${port}, silent: true, directory: ${JSON.stringify(dir)} }).run()`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: 'ignore',
    env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
    cwd: process.cwd(),
  })
  const endpoint = `http://127.0.0.1:${port}`
  await waitUntilUp(endpoint, child, 's3rver')
  return { endpoint, stop: stopper(child, () => rmSync(dir, { recursive: true, force: true })) }
}
