// Scans one file in this process and prints its size, peak RSS and speed as JSON (for bench/run.ts).
import { stat } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { performance } from 'node:perf_hooks'
import { buildDetector, type ScanConfig } from '../src/scan/config.js'
import { scanLocalObject } from '../src/scan/local-scan.js'

const file = process.argv[2]!
const st = await stat(file)
const config: ScanConfig = { managedDataIdentifierSelector: 'RECOMMENDED', context: { accountId: '000000000000', region: 'us-east-1', jobId: 'bench' } }
const t0 = performance.now()
const record = await scanLocalObject({ path: file, bucket: basename(dirname(file)), key: basename(file), size: st.size, lastModified: st.mtime }, config, buildDetector(config))
const seconds = (performance.now() - t0) / 1000
if (record.classificationDetails.result.status.code !== 'COMPLETE') throw new Error(`scan ended ${JSON.stringify(record.classificationDetails.result.status)}`)
const mib = st.size / 1024 / 1024
process.stdout.write(`${JSON.stringify({ mib, rssMiB: process.resourceUsage().maxRSS / 1024, mibPerS: mib / seconds })}\n`)
