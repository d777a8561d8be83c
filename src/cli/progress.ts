// Progress on stderr: a bar on a terminal, a plain line every few seconds otherwise.
import cliProgress from 'cli-progress'
import type { Summary } from './summary.js'

const MIB = 1024 * 1024
const PLAIN_EVERY_MS = 2000

/** Reports scan progress. */
export class Progress {
  private bar?: cliProgress.SingleBar
  private lastPlain = Date.now()

  private constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly totalObjects: number,
  ) {}

  /** Starts reporting; on a terminal it first counts the objects to show a bar. */
  static async start(objects: () => AsyncIterable<unknown>, stream: NodeJS.WriteStream): Promise<Progress> {
    if (!stream.isTTY) return new Progress(stream, 0)
    let total = 0
    for await (const o of objects()) total += o ? 1 : 0
    const p = new Progress(stream, total)
    p.bar = new cliProgress.SingleBar(
      { stream, format: 'scanning [{bar}] {value}/{total} objects | {mib} MiB | {speed} MiB/s | {found} with sensitive data', hideCursor: true, clearOnComplete: true },
      cliProgress.Presets.shades_classic,
    )
    p.bar.start(total, 0, { mib: '0.0', speed: '0.0', found: 0 })
    return p
  }

  /** Reflects the summary so far. */
  update(s: Summary): void {
    const mib = s.bytes / MIB
    const speed = (mib / Math.max(s.seconds, 1e-6)).toFixed(1)
    if (this.bar) {
      this.bar.update(s.objects, { mib: mib.toFixed(1), speed, found: s.objectsWithFindings })
      return
    }
    const now = Date.now()
    if (now - this.lastPlain < PLAIN_EVERY_MS) return
    this.lastPlain = now
    this.stream.write(`progress: ${s.objects}${this.totalObjects ? `/${this.totalObjects}` : ''} objects, ${mib.toFixed(1)} MiB, ${speed} MiB/s, ${s.objectsWithFindings} with sensitive data\n`)
  }

  /** Ends reporting. */
  stop(): void {
    this.bar?.stop()
  }
}
