import type { Rule } from '../types.js'
import { isMacieNotEnabled, macieSession } from './state.js'

/** Macie2-001: Amazon Macie is enabled in the region (Security Hub Macie.1, Prowler macie_is_enabled). */
export const macie2001: Rule = {
  id: 'Macie2-001',
  title: 'Amazon Macie enabled',
  riskLevel: 'High',
  description: 'Amazon Macie is enabled, and not paused, for the account in every region.',
  rationale:
    'Macie only inventories buckets, evaluates their security and access controls, and discovers sensitive data in regions where it is enabled. A region without it is a blind spot where buckets can hold personal, financial or credential data that nobody knows about.',
  auditSteps: [
    'aws macie2 get-usage-statistics --region <region>  # fails with "Macie is not enabled" when it is not',
    'aws macie2 get-macie-session --region <region> --query status  # ENABLED; PAUSED means suspended',
  ],
  remediationSteps: [
    'aws macie2 enable-macie --finding-publishing-frequency FIFTEEN_MINUTES --status ENABLED --region <region>',
    'aws macie2 update-macie-session --status ENABLED --region <region>  # when the session is PAUSED',
  ],
  docPath: 'docs/rules/Macie2-001.md',
  async check(clients) {
    try {
      const session = await macieSession(clients)
      if (session.status !== 'ENABLED') return { verdict: 'FAILURE', reason: `Macie is ${session.status === 'PAUSED' ? 'paused (suspended)' : `in status ${String(session.status)}`} in ${clients.region}` }
      return { verdict: 'SUCCESS', reason: `Macie is enabled in ${clients.region}`, ...(session.serviceRole ? { resources: [session.serviceRole] } : {}) }
    } catch (err) {
      if (isMacieNotEnabled(err)) return { verdict: 'FAILURE', reason: `Macie is not enabled in ${clients.region}` }
      throw err
    }
  },
}
