// The options of `trawl audit` and its fix as commander parses them: shared by the registration
// (audit-command.ts) and the work (audit.ts, audit-fix.ts), which import nothing of each other's.

/** The options of `trawl audit`, as commander parses them. */
export interface AuditCommandOptions {
  regions?: string
  rules?: string
  excludeRules?: string
  format: string
  output?: string
  endpointUrl?: string
  profile?: string
  requireBucketCoverage?: boolean
  allowInactiveJobs?: boolean
  maxFindingAgeDays?: string
  allowedPublishingFrequencies?: string
  accountId?: string
  docsBaseUrl?: string
  listRules?: boolean
  watch?: boolean
  interval?: string
}

/** The fix's options, as commander parses them. */
export interface FixCommandOptions {
  fix?: boolean
  dryRun?: boolean
  yes?: boolean
  buckets?: string
  jobType?: string
  publishingFrequency?: string
  resultsBucket?: string
  kmsAlias?: string
  accountId?: string
}
