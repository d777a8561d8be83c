import type { JobSummary } from '@aws-sdk/client-macie2'
import type { Rule } from '../types.js'
import { uncoveredBuckets } from './coverage.js'
import { classificationJobs, describedBuckets } from './state.js'

const ACTIVE_STATUSES = new Set(['RUNNING', 'IDLE', 'PAUSED', 'USER_PAUSED'])

/** Whether a job still discovers, or will: running, idle between runs, paused, or any scheduled job not cancelled. */
export function isActiveJob(job: JobSummary): boolean {
  return ACTIVE_STATUSES.has(job.jobStatus ?? '') || (job.jobType === 'SCHEDULED' && job.jobStatus !== 'CANCELLED')
}

const describeJob = (j: JobSummary): string => `${j.name ?? j.jobId} (${j.jobType === 'SCHEDULED' ? 'scheduled' : 'one-time'}, ${j.jobStatus})`

const listed = (names: string[], max = 10): string => (names.length > max ? `${names.slice(0, max).join(', ')} and ${names.length - max} more` : names.join(', '))

/** Macie2-003 (the rule whose runbook the auditor automates): sensitive data discovery jobs exist in the region, and (by default) one of them is active. */
export const macie2003: Rule = {
  id: 'Macie2-003',
  title: 'Amazon Macie Discovery Jobs',
  riskLevel: 'Medium',
  description:
    'Sensitive data discovery jobs exist in every region where Macie is enabled, so that the discovery, logging and reporting of sensitive data in S3 buckets is automated.',
  rationale:
    'Enabling Macie inventories buckets and evaluates their access controls, but it analyses no objects until a discovery job (or automated discovery) runs. A region with no job, or only cancelled and finished one-time jobs, does not find sensitive data written since.',
  auditSteps: [
    'aws macie2 get-usage-statistics --region <region>  # fails with "Macie is not enabled" when it is not',
    "aws macie2 list-classification-jobs --region <region> --query 'items'  # [] means no jobs",
    "aws macie2 list-classification-jobs --region <region> --query 'items[].[jobId,jobType,jobStatus]'  # at least one RUNNING, IDLE, PAUSED, USER_PAUSED, or a SCHEDULED job that is not CANCELLED",
  ],
  remediationSteps: [
    'aws macie2 enable-macie --finding-publishing-frequency FIFTEEN_MINUTES --status ENABLED --region <region>  # when Macie is not enabled',
    'aws macie2 create-classification-job --job-type SCHEDULED --schedule-frequency "dailySchedule={}" --name discovery-<region> --s3-job-definition file://job-definition.json --region <region>  # job-definition.json: {"bucketDefinitions":[{"accountId":"<account>","buckets":["<bucket>", …]}]}; ONE_TIME for a single run',
  ],
  docPath: 'docs/rules/Macie2-003.md',
  dependsOn: ['Macie2-001'],
  async check(clients, settings) {
    const jobs = await classificationJobs(clients)
    if (jobs.length === 0) return { verdict: 'FAILURE', reason: `No sensitive data discovery jobs exist in ${clients.region}` }
    const active = jobs.filter(isActiveJob)
    if (settings.requireActiveJob && active.length === 0) {
      return {
        verdict: 'FAILURE',
        reason: `No active sensitive data discovery job in ${clients.region}: ${jobs.length} job${jobs.length === 1 ? '' : 's'}, all cancelled or complete one-time jobs: ${listed(jobs.map(describeJob))}`,
        resources: jobs.map((j) => j.jobId ?? ''),
      }
    }
    if (settings.requireBucketCoverage) {
      const uncovered = uncoveredBuckets(await describedBuckets(clients), jobs)
      if (uncovered.length > 0) {
        return {
          verdict: 'FAILURE',
          reason: `${uncovered.length} bucket${uncovered.length === 1 ? ' is' : 's are'} not covered by any discovery job that is not cancelled in ${clients.region}: ${listed(uncovered)}`,
          resources: uncovered.map((b) => `arn:aws:s3:::${b}`),
        }
      }
    }
    const counted = settings.requireActiveJob ? active : jobs
    return {
      verdict: 'SUCCESS',
      reason: `${jobs.length} discovery job${jobs.length === 1 ? '' : 's'} in ${clients.region}, ${active.length} active: ${listed(counted.map(describeJob))}${settings.requireBucketCoverage ? '; every bucket is covered' : ''}`,
      resources: counted.map((j) => j.jobId ?? ''),
    }
  },
}
