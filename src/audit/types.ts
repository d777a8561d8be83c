// The auditor's vocabulary: rules, their verdicts per region, and remediation steps as the API
// calls they make. The auditor is a Macie2 client: nothing here names trawl's internals. Only
// types and constants: the command line loads this without the AWS SDK.
import type { KMSClient } from '@aws-sdk/client-kms'
import type { Macie2Client } from '@aws-sdk/client-macie2'
import type { S3Client } from '@aws-sdk/client-s3'

/** How bad a failing rule is (the risk levels compliance rule books use). */
export type RiskLevel = 'Low' | 'Medium' | 'High' | 'Very High'

/** A rule's verdict in a region: it holds, it does not, or it could not be checked. */
export type Verdict = 'SUCCESS' | 'FAILURE' | 'ERROR'

/** The AWS SDK clients of one region. */
export interface RegionClients {
  region: string
  macie2: Macie2Client
  s3: S3Client
  kms: KMSClient
}

/** What a user may tune about the rules (from the command line or a schedule). */
export interface AuditSettings {
  /** Macie2-003: jobs that count (default: RUNNING, IDLE, PAUSED, USER_PAUSED and scheduled ones; not CANCELLED or a COMPLETE one-time job). */
  requireActiveJob: boolean
  /** Macie2-003: every bucket of the region must be covered by some job. */
  requireBucketCoverage: boolean
  /** Findings reviewed: High-severity findings unarchived for longer than this fail the rule. */
  maxFindingAgeDays: number
  /** Publishing frequency the rule accepts (default: any that is set). */
  allowedPublishingFrequencies?: Array<'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS'>
}

/** The settings rules run with unless told otherwise. */
export const DEFAULT_SETTINGS: AuditSettings = { requireActiveJob: true, requireBucketCoverage: false, maxFindingAgeDays: 30 }

/** The findings publishing frequencies Macie offers. */
export const PUBLISHING_FREQUENCIES = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'] as const

/** One rule's outcome in one region. */
export interface RuleResult {
  ruleId: string
  region: string
  verdict: Verdict
  /** Why, in a sentence a person reads: "Macie is not enabled in us-east-1". */
  reason: string
  /** What the verdict is about (ARNs, bucket names, job IDs), when it names any. */
  resources?: string[]
}

/** A compliance rule: what it is (data, documented in docs/rules/<id>.md) and how it is checked. */
export interface Rule {
  /** Stable, e.g. `Macie2-003`. */
  id: string
  title: string
  riskLevel: RiskLevel
  description: string
  rationale: string
  /** How to check it by hand, as aws CLI commands and what to look for. */
  auditSteps: string[]
  /** How to fix it by hand, as aws CLI commands. */
  remediationSteps: string[]
  /** The rule's page, relative to the repository root: `docs/rules/<id>.md`. */
  docPath: string
  /** The rules that must hold for this one to be checked (e.g. Macie enabled); their failure makes this one FAILURE with their reason. */
  dependsOn?: string[]
  check(clients: RegionClients, settings: AuditSettings): Promise<Omit<RuleResult, 'ruleId' | 'region'>>
}

/** One API call of a remediation, as `--dry-run` prints it and `--fix` makes it. */
export interface RemediationStep {
  region: string
  /** The rule it fixes. */
  ruleId: string
  service: 'macie2' | 'kms' | 's3'
  /** The API operation, as the SDK names it without "Command": `EnableMacie`, `CreateKey`, `PutBucketPolicy`. */
  operation: string
  /** The request, as sent (IDs created by an earlier step appear as `${step N output ...}` placeholders in a dry run). */
  input: Record<string, unknown>
  /** Why, for the person reading the plan. */
  why: string
}
