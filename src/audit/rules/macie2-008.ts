import { ListFindingsCommand, type FindingCriteria } from '@aws-sdk/client-macie2'
import type { Rule } from '../types.js'

const DAY_MS = 86_400_000
// Enough to say "at least this many" without paging through an account's whole backlog.
const MAX_COUNTED = 1000

/**
 * The ListFindings criteria of Macie2-008: High severity, not archived, created before `now` minus
 * the given days.
 * @example
 * staleHighFindingsCriteria(30, new Date())
 */
export function staleHighFindingsCriteria(maxFindingAgeDays: number, now: Date): FindingCriteria {
  return {
    criterion: {
      'severity.description': { eq: ['High'] },
      archived: { eq: ['false'] },
      createdAt: { lt: now.getTime() - maxFindingAgeDays * DAY_MS },
    },
  }
}

/** Macie2-008: no High-severity finding has stayed unarchived for longer than the allowed number of days. */
export const macie2008: Rule = {
  id: 'Macie2-008',
  title: 'High-severity findings reviewed',
  riskLevel: 'Medium',
  description: 'No High-severity Macie finding in the region is older than N days (default 30) and still not archived.',
  rationale:
    'A High-severity finding is sensitive data found in the open or a bucket exposed; one left unarchived for weeks means findings are produced but not acted upon, which defeats running discovery.',
  auditSteps: [
    `aws macie2 list-findings --region <region> --finding-criteria '{"criterion":{"severity.description":{"eq":["High"]},"archived":{"eq":["false"]},"createdAt":{"lt":<now − N days, epoch ms>}}}'  # findingIds must be []`,
  ],
  remediationSteps: [
    'aws macie2 get-findings --finding-ids <id> … --region <region>  # review each finding, act on the data or the bucket',
    'aws macie2 update-findings-filter / create-findings-filter --action ARCHIVE …  # archive findings that were dealt with or are expected (suppression rules)',
  ],
  docPath: 'docs/rules/Macie2-008.md',
  dependsOn: ['Macie2-001'],
  async check(clients, settings) {
    const findingCriteria = staleHighFindingsCriteria(settings.maxFindingAgeDays, new Date())
    const ids: string[] = []
    let nextToken: string | undefined
    do {
      const page = await clients.macie2.send(new ListFindingsCommand({ findingCriteria, maxResults: 50, ...(nextToken ? { nextToken } : {}) }))
      ids.push(...(page.findingIds ?? []))
      nextToken = page.nextToken || undefined
    } while (nextToken && ids.length < MAX_COUNTED)
    const age = `${settings.maxFindingAgeDays} day${settings.maxFindingAgeDays === 1 ? '' : 's'}`
    if (ids.length === 0) return { verdict: 'SUCCESS', reason: `No unarchived High-severity finding older than ${age} in ${clients.region}` }
    const count = nextToken ? `At least ${ids.length}` : String(ids.length)
    return {
      verdict: 'FAILURE',
      reason: `${count} unarchived High-severity finding${ids.length === 1 ? ' is' : 's are'} older than ${age} in ${clients.region}`,
      resources: ids,
    }
  },
}
