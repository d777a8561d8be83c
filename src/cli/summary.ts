// The scan summary printed on stderr: objects, bytes, speed, detections by type and severity.
import { performance } from 'node:perf_hooks'
import type { ResultRecord } from '../scan/record.js'

const MIB = 1024 * 1024

/** Accumulates records into the end-of-scan summary. */
export class Summary {
  objects = 0
  /** Archive members and attachments, each with a record of its own. */
  embedded = 0
  bytes = 0
  objectsWithFindings = 0
  readonly byStatus = new Map<string, number>()
  readonly bySeverity = new Map<string, number>()
  readonly byType = new Map<string, number>()
  private readonly started = performance.now()

  /** Counts one record. */
  add(record: ResultRecord): void {
    const r = record.classificationDetails.result
    // An object's record already counts what its members hold.
    if (record.resourcesAffected.s3Object.embeddedFileDetails) {
      this.embedded++
      return
    }
    this.objects++
    this.bytes += r.sizeClassified
    const status = r.status.reason ? `${r.status.code} (${r.status.reason})` : r.status.code
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1)
    if (record.severity) {
      this.objectsWithFindings++
      this.bySeverity.set(record.severity.description, (this.bySeverity.get(record.severity.description) ?? 0) + 1)
    }
    for (const group of r.sensitiveData) for (const d of group.detections) this.byType.set(d.type, (this.byType.get(d.type) ?? 0) + d.count)
    for (const d of r.customDataIdentifiers.detections) this.byType.set(`custom:${d.name}`, (this.byType.get(`custom:${d.name}`) ?? 0) + d.count)
  }

  /** Seconds since the scan started. */
  get seconds(): number {
    return (performance.now() - this.started) / 1000
  }

  /** Human-readable summary. */
  render(): string {
    const s = this.seconds
    const lines = [
      `scanned ${this.objects} object${this.objects === 1 ? '' : 's'}${this.embedded ? ` (and ${this.embedded} archive member${this.embedded === 1 ? '' : 's'} or attachment${this.embedded === 1 ? '' : 's'})` : ''}, ${(this.bytes / MIB).toFixed(2)} MiB in ${s.toFixed(2)} s (${(this.bytes / MIB / Math.max(s, 1e-6)).toFixed(1)} MiB/s)`,
      `status: ${[...this.byStatus].map(([k, v]) => `${v} ${k}`).join(', ') || 'none'}`,
      `sensitive data in ${this.objectsWithFindings} object${this.objectsWithFindings === 1 ? '' : 's'}${
        this.bySeverity.size ? ` (severity: ${['High', 'Medium', 'Low'].filter((k) => this.bySeverity.has(k)).map((k) => `${this.bySeverity.get(k)} ${k}`).join(', ')})` : ''
      }`,
    ]
    const types = [...this.byType].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    if (types.length) {
      const w = Math.max(...types.map(([t]) => t.length))
      lines.push('detections by type:', ...types.map(([t, n]) => `  ${t.padEnd(w)}  ${n}`))
    }
    return `${lines.join('\n')}\n`
  }
}
