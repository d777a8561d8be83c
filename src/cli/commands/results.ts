// `trawl results decrypt FILE…`: discovery results files (local or s3://) as JSON Lines in clear,
// envelope-encrypted ones opened with the data folder's keyring or TRAWL_RESULTS_KEY.
import { open, readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { Command } from 'commander'
import { InvalidInputError } from '../../errors.js'
import { isEnvelope } from '../../results/envelope.js'
import { Keyring } from '../../results/keyring.js'
import { readResultsFile } from '../../results/reader.js'
import type { ObjectSource } from '../../sources/types.js'
import { openInstance, withInstanceOptions, type InstanceOptions } from '../instance.js'
import { UsageError } from '../usage-error.js'

interface DecryptOptions {
  dataDir?: string
  output?: string
}

/** The data folder: `--data-dir`, else TRAWL_DATA_DIR, else ~/.trawl. */
function dataDirOf(opts: DecryptOptions): string {
  return opts.dataDir ?? (process.env.TRAWL_DATA_DIR || join(homedir(), '.trawl'))
}

function parseS3Url(url: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url)
  if (!match) throw new UsageError(`${url} is not an s3://bucket/key URL`)
  return { bucket: match[1]!, key: match[2]! }
}

async function readStream(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string))
  return Buffer.concat(chunks)
}

async function openS3Source(): Promise<ObjectSource> {
  // Imported here so decrypting local files never loads the AWS SDK.
  const { openSource, s3SpecFromEnv } = await import('../../sources/index.js')
  return openSource(s3SpecFromEnv())
}

/** Reads inputs one at a time; the S3 source is opened on the first s3:// URL only. */
class InputReader {
  private source: ObjectSource | undefined

  async read(input: string): Promise<Buffer> {
    if (!input.startsWith('s3://')) {
      return readFile(input).catch((err: Error) => {
        throw new UsageError(`cannot read ${input}: ${err.message}`)
      })
    }
    const { bucket, key } = parseS3Url(input)
    this.source ??= await openS3Source()
    try {
      return await readStream(await this.source.openObject({ bucket, key }))
    } catch (err) {
      // One line for the person at the terminal, whether the store said no or could not be reached.
      throw new UsageError(`cannot read ${input}: ${(err as Error).message}`, { cause: err })
    }
  }

  close(): void {
    this.source?.close()
  }
}

/** Registers `trawl results` and its `configure`, `configuration` and `decrypt` subcommands. */
export function registerResultsCommand(program: Command): void {
  const results = program.command('results').description('The sensitive data discovery results repository and its files (JSON Lines, gzip, encrypted).')
  withInstanceOptions(
    results
      .command('configure')
      .description(
        'Set the results repository of the account and region (PutClassificationExportConfiguration): the bucket jobs write results to, ' +
          'encrypted with the KMS key (SSE-KMS) where the store supports it, else sealed with trawl\'s keyring. trawl checks it can write there first.',
      )
      .requiredOption('--bucket-name <bucket>', 'the results bucket')
      .requiredOption('--kms-key-arn <arn>', 'the KMS key results are encrypted with')
      .option('--key-prefix <prefix>', 'key prefix inside the bucket'),
  ).action(async (opts: InstanceOptions & { bucketName: string; kmsKeyArn: string; keyPrefix?: string }) => {
    const [{ putExportConfiguration }, { openSource }] = await Promise.all([import('../../results/configuration.js'), import('../../sources/index.js')])
    const trawl = await openInstance(opts)
    const source = openSource(trawl.source)
    try {
      const saved = await putExportConfiguration(trawl.store, source, trawl.scope, {
        bucketName: opts.bucketName,
        kmsKeyArn: opts.kmsKeyArn,
        ...(opts.keyPrefix ? { keyPrefix: opts.keyPrefix } : {}),
      })
      process.stdout.write(`${JSON.stringify({ configuration: { s3Destination: saved.s3Destination } }, null, 2)}\n`)
      process.stderr.write(
        saved.isSseKms
          ? `results will be stored with SSE-KMS under ${saved.s3Destination.kmsKeyArn}\n`
          : 'this store does not apply SSE-KMS: results will be sealed with AES-256-GCM keys from the data folder\'s keyring (trawl results decrypt reads them)\n',
      )
    } finally {
      source.close()
      await trawl.close()
    }
  })
  withInstanceOptions(results.command('configuration').description('Print the results repository configuration (GetClassificationExportConfiguration).')).action(
    async (opts: InstanceOptions) => {
      const trawl = await openInstance(opts)
      try {
        const row = await trawl.store.exportConfigurations.get(trawl.scope)
        process.stdout.write(`${JSON.stringify(row ? { configuration: { s3Destination: row.s3Destination } } : {}, null, 2)}\n`)
      } finally {
        await trawl.close()
      }
    },
  )
  results
    .command('decrypt')
    .description(
      'Print results files as JSON Lines in clear. Files sealed by trawl (.jsonl.gz.enc) are opened with the keyring; ' +
        'SSE-KMS files read through S3 come back decrypted by the store.',
    )
    .argument('<files...>', 'results files: local paths or s3://bucket/key URLs (S3 settings from the AWS environment)')
    .option('-d, --data-dir <dir>', 'data folder holding keyring.json (default: $TRAWL_DATA_DIR or ~/.trawl); TRAWL_RESULTS_KEY takes precedence')
    .option('-o, --output <file>', 'write the records to this file (created with mode 0600) instead of stdout')
    .action(async (inputs: string[], opts: DecryptOptions) => {
      const reader = new InputReader()
      const out = opts.output
        ? await open(opts.output, 'w', 0o600).catch((err: Error) => {
            throw new UsageError(`cannot write ${opts.output}: ${err.message}`)
          })
        : undefined
      let keyring: Keyring | undefined
      try {
        // An existing file keeps its mode when opened: it is about to hold values in clear.
        await out?.chmod(0o600)
        for (const input of inputs) {
          const body = await reader.read(input)
          // Opened only when an envelope needs it, and never created: a new keyring opens nothing.
          if (isEnvelope(body)) keyring ??= await Keyring.open(dataDirOf(opts), { canCreate: false })
          let text: string
          try {
            text = readResultsFile(body, keyring)
              .map((r) => `${JSON.stringify(r)}\n`)
              .join('')
          } catch (err) {
            if (err instanceof InvalidInputError) throw new InvalidInputError(`${input}: ${err.message}`, { cause: err })
            throw err
          }
          if (out) await out.write(text)
          else if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve))
        }
      } finally {
        reader.close()
        await out?.close()
      }
    })
}
