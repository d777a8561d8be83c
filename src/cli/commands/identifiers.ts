// `trawl identifiers`: the managed data identifiers, as a table or JSON.
import type { Command } from 'commander'
import { managedIdentifiers } from '../../detect/identifiers/index.js'
import { selectManagedIdentifiers } from '../../detect/selection.js'
import { UsageError } from '../usage-error.js'

/** Registers the identifiers command. */
export function identifiersCommand(program: Command, setCode: (code: number) => void): void {
  program
    .command('identifiers')
    .description('List the managed data identifiers (Macie IDs and categories; trawl-only extras marked).')
    .option('-f, --format <format>', 'table or json', 'table')
    .option('-s, --selector <selector>', 'only those a selector picks: ALL, RECOMMENDED, …', 'ALL')
    .action((opts: { format: string; selector: string }) => {
      const list = selectManagedIdentifiers(managedIdentifiers, opts.selector, [], 1)
      const rows = list.map((i) => ({
        id: i.id,
        category: i.category,
        keywordRequired: i.keywordRule === 'required' ? (i.unkeyedPattern ? 'varies' : 'yes') : 'no',
        recommended: i.recommended,
        trawlOnly: i.trawlOnly,
        countries: i.countries ?? [],
        severity: { '1': i.severity[0], '2-99': i.severity[1], '100+': i.severity[2] },
        description: i.description,
      }))
      if (opts.format === 'json') {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`)
      } else if (opts.format === 'table') {
        const head = ['ID', 'CATEGORY', 'KEYWORD', 'RECOMMENDED', 'TRAWL-ONLY']
        const cells = rows.map((r) => [r.id, r.category, r.keywordRequired, r.recommended ? 'yes' : '', r.trawlOnly ? 'yes' : ''])
        const widths = head.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)))
        const line = (row: string[]): string => row.map((v, c) => v.padEnd(widths[c]!)).join('  ').trimEnd()
        process.stdout.write(`${[line(head), ...cells.map(line)].join('\n')}\n${rows.length} identifiers\n`)
      } else {
        throw new UsageError(`--format must be table or json, not ${opts.format}`)
      }
      setCode(0)
    })
}
