import type { Rule } from '../types.js'
import { macieSession } from './state.js'

/** Macie2-007: the frequency of publishing findings updates is set (and one the settings allow). */
export const macie2007: Rule = {
  id: 'Macie2-007',
  title: 'Findings publishing frequency set',
  riskLevel: 'Low',
  description:
    'The Macie session of every region has a findings publishing frequency (FIFTEEN_MINUTES, ONE_HOUR or SIX_HOURS), and it is one of those the organisation allows when it names any.',
  rationale:
    'Updates to policy findings reach Amazon EventBridge and Security Hub at this frequency; response processes expect a known delay between a change to a bucket and the alert about it.',
  auditSteps: ['aws macie2 get-macie-session --region <region> --query findingPublishingFrequency  # set, and one of the allowed values'],
  remediationSteps: ['aws macie2 update-macie-session --finding-publishing-frequency FIFTEEN_MINUTES --region <region>'],
  docPath: 'docs/rules/Macie2-007.md',
  dependsOn: ['Macie2-001'],
  async check(clients, settings) {
    const { findingPublishingFrequency: frequency } = await macieSession(clients)
    if (!frequency) return { verdict: 'FAILURE', reason: `The findings publishing frequency is not set in ${clients.region}` }
    const allowed = settings.allowedPublishingFrequencies
    if (allowed && allowed.length > 0 && !(allowed as string[]).includes(frequency)) {
      return { verdict: 'FAILURE', reason: `The findings publishing frequency in ${clients.region} is ${frequency}, not one of ${allowed.join(', ')}` }
    }
    return { verdict: 'SUCCESS', reason: `The findings publishing frequency in ${clients.region} is ${frequency}` }
  },
}
