// Starts `trawl serve` from the sources as a child process for integration tests, and stops it.
import { spawn, type ChildProcess } from 'node:child_process'
import { freePort } from './servers.js'

/** A running `trawl serve`. */
export interface RunningServe {
  endpoint: string
  /** What it wrote to stderr so far. */
  log(): string
  /** SIGTERM, then waits for it to exit. */
  stop(): Promise<void>
}

/**
 * Starts `trawl serve` on a free loopback port with these extra arguments and environment, and
 * resolves once it listens (rejects with its stderr if it exits first).
 * @example
 * const serve = await startServe(['--config', file], { TRAWL_DATA_DIR: dir })
 */
export async function startServe(args: string[], env: NodeJS.ProcessEnv): Promise<RunningServe> {
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'serve', '--port', String(port), '--workers', '1', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  child.stderr!.on('data', (d: Buffer) => {
    log += d.toString()
  })
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGTERM')
    await exited
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`trawl serve did not start: ${log}`))
    }, 60_000)
    const check = (): void => {
      if (log.includes('Macie2 API is at')) {
        clearTimeout(timer)
        child.stderr!.off('data', check)
        resolve()
      }
    }
    child.stderr!.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`trawl serve exited with ${code}: ${log}`))
    })
  })
  return { endpoint: `http://127.0.0.1:${port}`, log: () => log, stop }
}
