// `trawl publication dead-letters`: the findings deliveries trawl serve gave up on (after its
// retries), read and queued again through its API (GET /trawl/dead-letters,
// POST /trawl/dead-letters/redeliver), signed with the standard AWS credential chain.
import type { Command } from 'commander'
import type { DeadLetter } from '../../publish/dead-letters.js'
import { UsageError } from '../usage-error.js'

interface DeadLettersOptions {
  endpointUrl?: string
  profile?: string
  region?: string
  redeliver?: string
  format: string
}

/** A dead letter as the API sends it: its instants as ISO-8601 text. */
type DeadLetterItem = Omit<DeadLetter, 'createdAt' | 'deadAt'> & { createdAt: string; deadAt?: string }

/** Every dead letter of the caller's account in the region, page by page. */
async function allDeadLetters(request: (query: Record<string, string>) => Promise<unknown>): Promise<DeadLetterItem[]> {
  const items: DeadLetterItem[] = []
  let nextToken: string | undefined
  do {
    const page = (await request({ maxResults: '1000', ...(nextToken ? { nextToken } : {}) })) as { deadLetters?: DeadLetterItem[]; nextToken?: string }
    items.push(...(page.deadLetters ?? []))
    nextToken = page.nextToken
  } while (nextToken)
  return items
}

async function deadLettersAction(opts: DeadLettersOptions): Promise<void> {
  if (opts.format !== 'table' && opts.format !== 'json') throw new UsageError(`--format must be table or json, not ${opts.format}`)
  const { remoteCaller, signedRequest } = await import('../signed-request.js')
  const caller = await remoteCaller(opts, 'trawl publication dead-letters')
  const items = await allDeadLetters((query) => signedRequest('GET', '/trawl/dead-letters', query, caller))
  if (opts.redeliver !== undefined) {
    const ids = opts.redeliver === 'all' ? items.map((d) => d.id) : opts.redeliver.split(',').map((id) => id.trim()).filter(Boolean)
    let redelivered = 0
    // The route takes up to 1,000 IDs a call.
    for (let i = 0; i < ids.length; i += 1000) {
      const answer = (await signedRequest('POST', '/trawl/dead-letters/redeliver', { ids: ids.slice(i, i + 1000).join(',') }, caller)) as { redelivered: number }
      redelivered += answer.redelivered
    }
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify({ redelivered })}\n` : `${redelivered} of ${ids.length} queued again (same event IDs)\n`)
    return
  }
  if (opts.format === 'json') process.stdout.write(`${JSON.stringify({ deadLetters: items }, null, 2)}\n`)
  else if (items.length === 0) process.stdout.write(`No dead letters in ${caller.region}\n`)
  else {
    const rows = [['ID', 'DEAD AT', 'ATTEMPTS', 'WEBHOOK', 'FINDING', 'LAST ERROR'], ...items.map((d) => [d.id, d.deadAt ?? '', String(d.attempts), d.webhookUrl, d.findingId, d.lastError ?? ''])]
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
    process.stdout.write(`${rows.map((row) => row.map((v, c) => (c === row.length - 1 ? v : v.padEnd(widths[c]!))).join('  ')).join('\n')}\n`)
  }
}

/** Registers `trawl publication`. */
export function publicationCommand(program: Command): void {
  const publication = program.command('publication').description('Findings published to webhooks by trawl serve.')
  publication
    .command('dead-letters')
    .description('List the deliveries trawl serve gave up on in a region (after its retries), or queue them again with --redeliver.')
    .option('--endpoint-url <url>', 'trawl serve (default: AWS_ENDPOINT_URL_MACIE2)')
    .option('--profile <name>', 'a profile of the shared AWS config and credentials files')
    .option('--region <region>', 'the region (default: AWS_REGION, else us-east-1)')
    .option('--redeliver <ids>', 'queue these dead letters again (comma-separated IDs, or "all")')
    .option('-f, --format <format>', 'table or json', 'table')
    .action(deadLettersAction)
}
