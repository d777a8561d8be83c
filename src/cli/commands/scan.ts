// `trawl scan PATH…`: one discovery result record per object, a summary on stderr.
import { readFile, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createWriteStream } from 'node:fs'
import { randomBytes } from 'node:crypto'
import type { Command } from 'commander'
import type { AllowListInput } from '../../detect/allow-list.js'
import type { CustomDataIdentifierInput } from '../../detect/custom.js'
import type { ScanConfig } from '../../scan/config.js'
import { runScan } from '../../scan/pool.js'
import { displayPath, type ResultRecord } from '../../scan/record.js'
import { listLocalObjects } from '../../sources/local.js'
import type { ScanTarget } from '../../scan/scan-target.js'
import type { SourceSpec } from '../../sources/types.js'
import { Progress } from '../progress.js'
import { toSarif } from '../sarif.js'
import { Summary } from '../summary.js'
import { renderTable } from '../table.js'
import { UsageError } from '../usage-error.js'

interface ScanOptions {
  output?: string
  format: string
  managedIdentifiers: string
  customIdentifiers?: string
  allowLists?: string
  workers?: string
  exitZero?: boolean
  progress: boolean
  accountId: string
  region: string
  timeout: string
}

const FORMATS = ['jsonl', 'json', 'table', 'sarif']

/** Parses `SELECTOR` or `SELECTOR:ID,ID` (INCLUDE/EXCLUDE). */
function parseSelector(value: string): { selector: string; ids: string[] } {
  const [selector, ids] = value.split(':', 2) as [string, string | undefined]
  return { selector: selector.toUpperCase(), ids: ids ? ids.split(',').map((s) => s.trim()).filter(Boolean) : [] }
}

async function readJson(file: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    throw new UsageError(`cannot read ${what} from ${file}: ${(err as Error).message}`)
  }
}

function asList(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value
  if (value && typeof value === 'object' && Array.isArray((value as Record<string, unknown>)[key])) return (value as Record<string, unknown[]>)[key]!
  return [value]
}

/** Reads custom data identifiers: CreateCustomDataIdentifier bodies (one, an array, or {customDataIdentifiers}). */
async function loadCustomIdentifiers(file: string): Promise<CustomDataIdentifierInput[]> {
  return asList(await readJson(file, 'custom data identifiers'), 'customDataIdentifiers').map((raw, i) => {
    const c = raw as CustomDataIdentifierInput
    if (!c || typeof c.name !== 'string' || typeof c.regex !== 'string') {
      throw new UsageError(`custom data identifier #${i + 1} in ${file} needs a name and a regex`)
    }
    return { ...c, id: c.id ?? c.name }
  })
}

/**
 * Reads allow lists: CreateAllowList bodies. A words list (`s3WordsList`) is read from the local
 * folder `bucketName` (relative to the file) and the key `objectKey` inside it.
 */
async function loadAllowLists(file: string): Promise<AllowListInput[]> {
  const lists = asList(await readJson(file, 'allow lists'), 'allowLists')
  const out: AllowListInput[] = []
  for (const [i, raw] of lists.entries()) {
    const l = raw as { id?: string; name?: string; criteria?: { regex?: string; s3WordsList?: { bucketName: string; objectKey: string } } }
    const name = l?.name ?? `allow-list-${i + 1}`
    if (l?.criteria?.regex !== undefined) out.push({ id: l.id ?? name, name, regex: l.criteria.regex })
    else if (l?.criteria?.s3WordsList) {
      const { bucketName, objectKey } = l.criteria.s3WordsList
      const path = join(resolve(dirname(file), bucketName), objectKey)
      const text = await readFile(path, 'utf8').catch((err: Error) => {
        throw new UsageError(`allow list ${name}: cannot read words list ${path}: ${err.message}`)
      })
      out.push({ id: l.id ?? name, name, words: text.split(/\r?\n/) })
    } else throw new UsageError(`allow list ${name} in ${file} needs criteria.regex or criteria.s3WordsList`)
  }
  return out
}

/** Registers the scan command. */
export function scanCommand(program: Command, setCode: (code: number) => void): void {
  program
    .command('scan')
    .description(
      'Scan files, folders (a folder is a bucket) and S3 buckets or prefixes for sensitive data; one Macie discovery result record per object. ' +
        'S3 is reached through the standard AWS environment (AWS_ENDPOINT_URL_S3, AWS_PROFILE, AWS_REGION, …).',
    )
    .argument('<paths...>', 'files, folders and s3://bucket[/prefix] URLs to scan')
    .option('-o, --output <file>', 'write records to a file instead of stdout')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'jsonl')
    .option('-m, --managed-identifiers <selector>', 'RECOMMENDED, ALL, NONE, INCLUDE:ID,ID… or EXCLUDE:ID,ID…', 'RECOMMENDED')
    .option('-c, --custom-identifiers <file>', 'custom data identifiers (CreateCustomDataIdentifier JSON)')
    .option('-a, --allow-lists <file>', 'allow lists (CreateAllowList JSON)')
    .option('-w, --workers <n>', 'worker threads (0 = scan in the main thread)')
    .option('--exit-zero', 'exit 0 even when sensitive data is found')
    .option('--no-progress', 'no progress output')
    .option('--account-id <id>', 'account ID written in records', '000000000000')
    .option('--region <region>', 'region written in records', process.env.AWS_REGION ?? 'us-east-1')
    .option('--timeout <seconds>', 'time one object may take before TIME_CUT_OFF_REACHED (Macie: 10 hours)', '36000')
    .action(async (paths: string[], opts: ScanOptions) => {
      if (!FORMATS.includes(opts.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not ${opts.format}`)
      if (!/^\d{12}$/.test(opts.accountId)) throw new UsageError('--account-id must be 12 digits')
      const s3 = paths.some((p) => p.startsWith('s3://')) ? await import('../../sources/index.js') : undefined
      const urls = s3 ? paths.filter((p) => p.startsWith('s3://')).map((p) => s3.parseS3Url(p)) : []
      const locals = paths.filter((p) => !p.startsWith('s3://'))
      for (const p of locals) {
        await stat(p).catch(() => {
          throw new UsageError(`no such file or folder: ${p}`)
        })
      }
      const source: SourceSpec | undefined = s3?.s3SpecFromEnv()
      const targets = async function* (): AsyncGenerator<ScanTarget> {
        if (locals.length > 0) yield* listLocalObjects(locals)
        if (!source || !s3) return
        const bucket = s3.openSource(source)
        try {
          for (const url of urls) yield* bucket.listObjects(url.bucket, url.prefix || undefined)
        } finally {
          bucket.close()
        }
      }
      const workers = opts.workers === undefined ? Math.min(availableParallelism(), 8) : Number(opts.workers)
      if (!Number.isInteger(workers) || workers < 0) throw new UsageError('--workers must be a whole number ≥ 0')
      const timeoutS = Number(opts.timeout)
      if (!(timeoutS > 0)) throw new UsageError('--timeout must be a number of seconds > 0')
      const { selector, ids } = parseSelector(opts.managedIdentifiers)
      const jobId = randomBytes(16).toString('hex')
      const config: ScanConfig = {
        managedDataIdentifierSelector: selector,
        managedDataIdentifierIds: ids,
        customDataIdentifiers: opts.customIdentifiers ? await loadCustomIdentifiers(opts.customIdentifiers) : [],
        allowLists: opts.allowLists ? await loadAllowLists(opts.allowLists) : [],
        context: { accountId: opts.accountId, region: opts.region, jobId },
        timeoutMs: timeoutS * 1000,
        ...(source ? { source } : {}),
      }
      const out = opts.output ? createWriteStream(opts.output) : process.stdout
      const summary = new Summary()
      const progress = opts.progress ? await Progress.start(targets, process.stderr) : undefined
      const collected: ResultRecord[] = []
      await runScan(targets(), config, {
        workers,
        onRecord(record) {
          summary.add(record)
          progress?.update(summary)
          if (opts.format === 'jsonl') out.write(`${JSON.stringify(record)}\n`)
          else collected.push(record)
        },
      })
      progress?.stop()
      collected.sort((a, b) => displayPath(a).localeCompare(displayPath(b)))
      if (opts.format === 'json') out.write(`${JSON.stringify(collected, null, 2)}\n`)
      else if (opts.format === 'sarif') out.write(`${JSON.stringify(toSarif(collected), null, 2)}\n`)
      else if (opts.format === 'table') out.write(renderTable(collected))
      if (out !== process.stdout) await new Promise<void>((done) => (out as NodeJS.WritableStream).end(done))
      process.stderr.write(summary.render())
      setCode(summary.objectsWithFindings > 0 && !opts.exitZero ? 1 : 0)
    })
}
