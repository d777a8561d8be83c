// The trawl command line: parses arguments and calls the library; returns the exit code.
import { Command, CommanderError } from 'commander'
import { InvalidInputError } from '../errors.js'
import { auditCommand } from './commands/audit-command.js'
import { findingsCommand } from './commands/findings.js'
import { identifiersCommand } from './commands/identifiers.js'
import { jobsCommand } from './commands/jobs.js'
import { publicationCommand } from './commands/publication.js'
import { registerResultsCommand } from './commands/results.js'
import { serveCommand } from './commands/serve.js'
import { usageCommand } from './commands/usage.js'
import { scanCommand } from './commands/scan.js'
import { UsageError } from './usage-error.js'
import { VERSION } from './version.js'

/**
 * Runs the trawl CLI and resolves to its exit code (0 clean, 1 sensitive data found, 2 bad usage,
 * 3 an error outside trawl's control, such as a store that cannot be reached).
 * @example
 * process.exitCode = await main(process.argv)
 */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0
  const program = new Command()
    .name('trawl')
    .description('Find sensitive data in object storage and local folders, the way Amazon Macie does.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError()
  scanCommand(program, (c) => (code = c))
  identifiersCommand(program, (c) => (code = c))
  jobsCommand(program)
  findingsCommand(program)
  registerResultsCommand(program)
  usageCommand(program)
  serveCommand(program)
  publicationCommand(program)
  auditCommand(program, (c) => (code = c))
  try {
    await program.parseAsync(argv as string[])
    return code
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2
    if (err instanceof UsageError || err instanceof InvalidInputError) {
      process.stderr.write(`trawl: ${err.message}\n`)
      return 2
    }
    // Anything else (an unreachable store, a missing bucket) is reported in one line; the stack
    // only when asked for.
    if (process.env.TRAWL_DEBUG) throw err
    process.stderr.write(`trawl: ${(err as Error)?.message ?? String(err)} (TRAWL_DEBUG=1 shows where)\n`)
    return 3
  }
}
