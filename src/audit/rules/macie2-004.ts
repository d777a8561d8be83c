import { GetAutomatedDiscoveryConfigurationCommand } from '@aws-sdk/client-macie2'
import type { Rule } from '../types.js'

/** Macie2-004: automated sensitive data discovery is enabled in the region (Security Hub Macie.2). */
export const macie2004: Rule = {
  id: 'Macie2-004',
  title: 'Automated sensitive data discovery enabled',
  riskLevel: 'Medium',
  description: 'Automated sensitive data discovery is enabled for the account in every region where Macie is enabled.',
  rationale:
    'Automated discovery samples objects across the whole bucket estate every day and keeps a sensitivity score per bucket, so new buckets and new data are looked at without anyone writing a job for them.',
  auditSteps: ['aws macie2 get-automated-discovery-configuration --region <region> --query status  # must be ENABLED'],
  remediationSteps: ['aws macie2 update-automated-discovery-configuration --status ENABLED --region <region>'],
  docPath: 'docs/rules/Macie2-004.md',
  dependsOn: ['Macie2-001'],
  async check(clients) {
    const config = await clients.macie2.send(new GetAutomatedDiscoveryConfigurationCommand({}))
    if (config.status === 'ENABLED') return { verdict: 'SUCCESS', reason: `Automated sensitive data discovery is enabled in ${clients.region}` }
    return { verdict: 'FAILURE', reason: `Automated sensitive data discovery is ${config.status === 'DISABLED' ? 'disabled' : `in status ${String(config.status)}`} in ${clients.region}` }
  },
}
