// Registers `trawl audit` (and its --fix options) without loading the auditor: the work, and the
// AWS SDK it needs, are imported when the command runs, so other commands start as fast as before.
import type { Command } from 'commander'
import type { AuditHistoryOptions } from './audit-history.js'
import type { AuditCommandOptions, FixCommandOptions } from './audit-options.js'
import { REPORT_FORMATS } from '../../audit/report.js'
import { DEFAULT_SETTINGS, PUBLISHING_FREQUENCIES } from '../../audit/types.js'

/**
 * Adds `--fix`, `--dry-run`, `--yes` and the remediation's choices to `trawl audit`.
 * @example
 * addFixOptions(program.command('audit'))
 */
export function addFixOptions(command: Command): Command {
  command
    .option('--fix', 'remediate the failing rules: enable Macie, results key, bucket and repository, a discovery job, automated discovery (asks first on a terminal)')
    .option('--dry-run', 'print the calls --fix would make, with their parameters, and change nothing')
    .option('-y, --yes', 'apply the fix without asking')
    .option('--buckets <names>', 'the buckets the discovery job analyses (default: every bucket of the account in the region, less the results bucket)')
    .option('--job-type <type>', 'the discovery job: SCHEDULED (daily, the default: Macie2-003 asks for a job that keeps running) or ONE_TIME')
    .option('--publishing-frequency <frequency>', `findings publishing frequency: ${PUBLISHING_FREQUENCIES.join(', ')} (default FIFTEEN_MINUTES)`)
    .option('--results-bucket <name>', 'the results bucket to create when none is configured (default macie-results-<account>-<region>)')
    .option('--kms-alias <alias>', 'the results key\'s alias (default alias/macie-results)')
  // --account-id belongs to the audit (ASFF) when it defines it; the fix reads the same option.
  if (!command.options.some((o) => o.long === '--account-id')) command.option('--account-id <id>', 'the audited account, when Macie cannot tell it')
  return command
}

/**
 * Registers `trawl audit` and returns it (so that more options, such as the fix's, can be added).
 * @example
 * auditCommand(program, (code) => (exitCode = code))
 */
export function auditCommand(program: Command, setCode: (code: number) => void = () => {}): Command {
  const command = program
    .command('audit')
    .description(
      'Check Amazon Macie (or trawl serve) against compliance rules in every region: Macie enabled, discovery jobs, results repository, … ' +
        'Exit code 0 when every rule holds, 1 when any fails, 2 for a bad command line, 3 when none fails but some could not be checked. ' +
        'Macie2 at --endpoint-url or AWS_ENDPOINT_URL_MACIE2; S3 and KMS from the standard AWS environment (AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_KMS, AWS_PROFILE, …).',
    )
    .option('--regions <regions>', 'comma-separated regions (default: every region that offers Macie)')
    .option('--rules <ids>', 'comma-separated rule IDs to run (default: all)')
    .option('--exclude-rules <ids>', 'comma-separated rule IDs to leave out')
    .option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')}`, 'table')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--endpoint-url <url>', 'the Macie2 endpoint (default: AWS_ENDPOINT_URL_MACIE2, else AWS)')
    .option('--profile <name>', 'a profile of the shared AWS config and credentials files')
    .option('--require-bucket-coverage', 'Macie2-003: every bucket must be covered by a job that is not cancelled')
    .option('--allow-inactive-jobs', 'Macie2-003: any job counts, even cancelled and complete one-time jobs')
    .option('--max-finding-age-days <n>', `Macie2-008: High-severity findings may stay unarchived this many days (default ${DEFAULT_SETTINGS.maxFindingAgeDays})`)
    .option('--allowed-publishing-frequencies <list>', `Macie2-007: the frequencies accepted (of ${PUBLISHING_FREQUENCIES.join(', ')}; default: any)`)
    .option('--account-id <id>', 'the audited account, for ASFF when Macie cannot tell it')
    .option('--docs-base-url <url>', 'where rule pages (docs/rules/<id>.md) are published (default: this installation\'s files)')
    .option('--list-rules', 'list the rules and exit (with --format json: their full metadata)')
    .option('--watch', 'audit again every --interval and print what changed (with --format json: each round\'s report as one JSON line); stops on Ctrl-C with the last round\'s exit code')
    .option('--interval <duration>', 'with --watch: time between rounds, such as 90s, 15m, 6h, 1d', '15m')
  // `history` and `audit` share --endpoint-url, --profile and --format. Unless the program parses
  // options positionally, `audit` takes them wherever they stand, so the action reads either.
  command.enablePositionalOptions()
  const history = command
    .command('history')
    .description('Show the results of trawl serve\'s scheduled audits (trawl serve --audit-interval) for the signing account, newest first.')
    .option('--endpoint-url <url>', 'trawl serve\'s endpoint (default: AWS_ENDPOINT_URL_MACIE2)')
    .option('--profile <name>', 'a profile of the shared AWS config and credentials files')
    .option('--region <region>', 'only this region\'s results')
    .option('--rule <id>', 'only this rule\'s results, e.g. Macie2-003')
    .option('--since <when>', 'only runs since an ISO 8601 date or time, or a duration back from now (7d, 12h)')
    .option('--limit <n>', 'at most this many results', '200')
    .option('-f, --format <format>', 'table or json', 'table')
    .action(async (opts: AuditHistoryOptions) => {
      const parent = command.opts<AuditCommandOptions>()
      const shared = (name: 'endpointUrl' | 'profile' | 'format'): string | undefined =>
        history.getOptionValueSource(name) === 'cli' ? opts[name] : (parent[name] ?? opts[name])
      const { auditHistoryAction } = await import('./audit-history.js')
      const endpointUrl = shared('endpointUrl')
      const profile = shared('profile')
      await auditHistoryAction({ ...opts, format: shared('format') ?? 'table', ...(endpointUrl ? { endpointUrl } : {}), ...(profile ? { profile } : {}) })
    })
  return addFixOptions(command).action(async (opts: AuditCommandOptions & FixCommandOptions) => {
    // Loaded now, not when the command line is parsed: the audit brings the AWS SDK with it.
    const { auditAction } = await import('./audit.js')
    await auditAction(opts, setCode)
  })
}
