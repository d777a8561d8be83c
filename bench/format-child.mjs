// Scans one file in a fresh process for bench/formats.ts, after a warm-up scan of a small file of
// the same format, and prints JSON: seconds, bytes, units (from the file's .meta.json), the
// process's peak RSS, the scan's status and reason, and its members' statuses. It runs the built
// code (dist/), as `npx trawl` does, with the heap cap the parent gives (a scan worker's).
import { createReadStream, existsSync, readFileSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { buildDetector } from '../dist/scan/config.js'
import { scanObject } from '../dist/scan/scan-object.js'

const { values: args, positionals } = parseArgs({ options: { warm: { type: 'string' } }, allowPositionals: true })
/** Peak RSS once the modules are loaded, before any scan. */
const loadedMiB = process.resourceUsage().maxRSS / 1024
const { detector } = buildDetector({ context: { accountId: '000000000000', region: 'us-east-1', jobId: 'bench' } })

async function scan(path, members) {
  const { size } = await stat(path)
  return scanObject(() => createReadStream(path, { highWaterMark: 1 << 20 }), { bucket: 'bench', key: basename(path), size }, {
    detector,
    onMember: (m) => {
      members[m.status] = (members[m.status] ?? 0) + 1
    },
  })
}

const file = positionals[0]
if (args.warm) await scan(args.warm, {})
const members = {}
const t0 = performance.now()
const outcome = await scan(file, members)
const seconds = (performance.now() - t0) / 1000
const metaPath = `${file}.meta.json`
const meta = existsSync(metaPath) ? JSON.parse(readFileSync(metaPath, 'utf8')) : {}
const result = {
  bytes: (await stat(file)).size,
  seconds,
  ...(meta.unit ? { unit: meta.unit, units: meta.units } : {}),
  // maxRSS is in KiB and is the peak of the whole process so far.
  rssMiB: process.resourceUsage().maxRSS / 1024,
  loadedMiB,
  status: outcome.status,
  reason: outcome.reason,
  members,
}
process.stdout.write(`${JSON.stringify(result)}\n`)
