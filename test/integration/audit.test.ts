// `trawl audit` as a user runs it (the real CLI, a child process) against `trawl serve` with moto
// for S3 and KMS: one account, a region per state (no Macie; Macie without jobs; a scheduled job
// and a complete repository; only a cancelled job; only a complete one-time job and a broken
// repository), each rule's verdict per region, exit codes, the runbook's aws CLI audit agreeing with
// Macie2-001/003, and the SARIF and ASFF shapes.
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { CreateKeyCommand, DisableKeyCommand, KMSClient } from '@aws-sdk/client-kms'
import {
  CreateClassificationJobCommand,
  CreateSampleFindingsCommand,
  DescribeClassificationJobCommand,
  EnableMacieCommand,
  Macie2Client,
  PutClassificationExportConfigurationCommand,
  UpdateAutomatedDiscoveryConfigurationCommand,
  UpdateClassificationJobCommand,
} from '@aws-sdk/client-macie2'
import { CreateBucketCommand, PutBucketPolicyCommand, PutObjectCommand, PutPublicAccessBlockCommand, S3Client } from '@aws-sdk/client-s3'
import { startServe, type RunningServe } from '../support/serve.js'
import { motoUnavailable, skipUnless, startMoto, TEST_CREDENTIALS, type RunningServer } from '../support/servers.js'

const ACCOUNT = '111122223333'
const KEYS = { AWS_ACCESS_KEY_ID: 'AKIATRAWLAUDITKEY001', AWS_SECRET_ACCESS_KEY: 'trawl-audit-secret-00000000000000000000' }
const NO_MACIE = 'us-west-1'
const NO_JOBS = 'us-east-2'
const HEALTHY = 'us-east-1'
const CANCELLED = 'eu-west-1'
const COMPLETE = 'eu-central-1'
const REGIONS = [NO_MACIE, NO_JOBS, HEALTHY, CANCELLED, COMPLETE]
const RULE_IDS = ['Macie2-001', 'Macie2-002', 'Macie2-003', 'Macie2-004', 'Macie2-005', 'Macie2-006', 'Macie2-007', 'Macie2-008']

interface Result {
  ruleId: string
  region: string
  verdict: 'SUCCESS' | 'FAILURE' | 'ERROR'
  reason: string
  resources?: string[]
}
interface Report {
  accountId?: string
  summary: { total: number; SUCCESS: number; FAILURE: number; ERROR: number }
  rules: Array<{ id: string; docPath: string; riskLevel: string }>
  results: Result[]
}

function awsUnavailable(): string | undefined {
  return spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0 ? undefined : 'the aws CLI is not installed'
}

/** HTTPS-only policy as the runbook writes it (Deny s3:* without SecureTransport) plus Macie's Allow. */
function httpsOnlyPolicy(bucket: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'AllowMacie', Effect: 'Allow', Principal: { Service: 'macie.amazonaws.com' }, Action: 's3:PutObject', Resource: `arn:aws:s3:::${bucket}/*`, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ],
  })
}

describe('trawl audit against trawl serve and moto', { skip: skipUnless(motoUnavailable() ?? awsUnavailable()) }, () => {
  let moto: RunningServer
  let serve: RunningServe
  let dir: string
  let cliEnv: NodeJS.ProcessEnv
  const macie = new Map<string, Macie2Client>()
  const kms = new Map<string, KMSClient>()
  let s3: S3Client

  const macieIn = (region: string): Macie2Client => macie.get(region)!
  const kmsIn = (region: string): KMSClient => {
    if (!kms.has(region)) kms.set(region, new KMSClient({ endpoint: moto.endpoint, region, credentials: TEST_CREDENTIALS }))
    return kms.get(region)!
  }

  /** `trawl audit …` as a child process: its exit code and output. */
  const audit = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/bin.ts', 'audit', '--endpoint-url', serve.endpoint, ...args], { env: cliEnv })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
      child.once('error', reject)
      child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }))
    })
  const auditJson = async (...args: string[]): Promise<{ code: number; report: Report }> => {
    const r = await audit('--format', 'json', ...args)
    assert.ok(r.stdout.trim(), r.stderr)
    return { code: r.code, report: JSON.parse(r.stdout) as Report }
  }
  const verdictOf = (report: Report, ruleId: string, region: string): Result => {
    const hit = report.results.find((r) => r.ruleId === ruleId && r.region === region)
    assert.ok(hit, `no result for ${ruleId} in ${region}`)
    return hit
  }
  const awsMacie = (region: string, ...args: string[]): { code: number; stdout: string; stderr: string } => {
    const r = spawnSync('aws', ['macie2', ...args, '--region', region, '--endpoint-url', serve.endpoint, '--output', 'json'], { env: cliEnv, encoding: 'utf8' })
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
  }

  async function waitForJob(region: string, jobId: string, statuses: string[]): Promise<string> {
    for (let i = 0; i < 240; i++) {
      const job = await macieIn(region).send(new DescribeClassificationJobCommand({ jobId }))
      if (statuses.includes(job.jobStatus ?? '')) return job.jobStatus!
      await new Promise((r) => setTimeout(r, 250))
    }
    throw new Error(`job ${jobId} in ${region} did not reach ${statuses.join('/')}`)
  }

  /** A results repository: a bucket (with what the case needs) and a KMS key of the region. */
  async function repository(region: string, bucket: string): Promise<string> {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }))
    const key = await kmsIn(region).send(new CreateKeyCommand({ Description: `Macie results ${region}` }))
    await macieIn(region).send(new PutClassificationExportConfigurationCommand({ configuration: { s3Destination: { bucketName: bucket, kmsKeyArn: key.KeyMetadata!.Arn! } } }))
    return key.KeyMetadata!.KeyId!
  }

  before(async () => {
    moto = await startMoto()
    dir = mkdtempSync(join(tmpdir(), 'trawl-audit-'))
    serve = await startServe([], {
      TRAWL_DATA_DIR: join(dir, 'data'),
      TRAWL_ACCESS_KEY_ID: KEYS.AWS_ACCESS_KEY_ID,
      TRAWL_SECRET_ACCESS_KEY: KEYS.AWS_SECRET_ACCESS_KEY,
      TRAWL_ACCOUNT_ID: ACCOUNT,
      AWS_ENDPOINT_URL_S3: moto.endpoint,
      AWS_ACCESS_KEY_ID: KEYS.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: KEYS.AWS_SECRET_ACCESS_KEY,
      AWS_REGION: 'us-east-1',
    })
    cliEnv = {
      ...process.env,
      ...KEYS,
      AWS_ENDPOINT_URL_S3: moto.endpoint,
      AWS_ENDPOINT_URL_KMS: moto.endpoint,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    }
    const credentials = { accessKeyId: KEYS.AWS_ACCESS_KEY_ID, secretAccessKey: KEYS.AWS_SECRET_ACCESS_KEY }
    for (const region of REGIONS) macie.set(region, new Macie2Client({ endpoint: serve.endpoint, region, credentials, maxAttempts: 1 }))
    s3 = new S3Client({ endpoint: moto.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS })
    await s3.send(new CreateBucketCommand({ Bucket: 'audit-data' }))
    await s3.send(new PutObjectCommand({ Bucket: 'audit-data', Key: 'notes.txt', Body: 'nothing sensitive here\n' }))
    const definition = { bucketDefinitions: [{ accountId: ACCOUNT, buckets: ['audit-data'] }] }

    // NO_JOBS: Macie only.
    await macieIn(NO_JOBS).send(new EnableMacieCommand({ findingPublishingFrequency: 'ONE_HOUR', status: 'ENABLED' }))

    // HEALTHY: a scheduled job (run once before the repository exists: moto applies the HTTPS-only
    // Deny without its condition, so nothing could be written after), automated discovery, a
    // repository with an enabled key, public access blocked and the HTTPS-only policy; sample findings.
    await macieIn(HEALTHY).send(new EnableMacieCommand({ findingPublishingFrequency: 'FIFTEEN_MINUTES', status: 'ENABLED' }))
    const scheduled = await macieIn(HEALTHY).send(
      new CreateClassificationJobCommand({ jobType: 'SCHEDULED', name: 'daily', scheduleFrequency: { dailySchedule: {} }, s3JobDefinition: definition, clientToken: 'audit-healthy' }),
    )
    await waitForJob(HEALTHY, scheduled.jobId!, ['IDLE'])
    await repository(HEALTHY, 'results-use1')
    await s3.send(
      new PutPublicAccessBlockCommand({ Bucket: 'results-use1', PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }),
    )
    await s3.send(new PutBucketPolicyCommand({ Bucket: 'results-use1', Policy: httpsOnlyPolicy('results-use1') }))
    await macieIn(HEALTHY).send(new UpdateAutomatedDiscoveryConfigurationCommand({ status: 'ENABLED' }))
    await macieIn(HEALTHY).send(new CreateSampleFindingsCommand({ findingTypes: ['SensitiveData:S3Object/Credentials', 'SensitiveData:S3Object/Multiple'] }))

    // CANCELLED: a scheduled job, cancelled; a repository whose bucket has no block and no policy.
    await macieIn(CANCELLED).send(new EnableMacieCommand({}))
    const cancelled = await macieIn(CANCELLED).send(
      new CreateClassificationJobCommand({ jobType: 'SCHEDULED', name: 'cancelled', scheduleFrequency: { dailySchedule: {} }, s3JobDefinition: definition, clientToken: 'audit-cancelled' }),
    )
    await waitForJob(CANCELLED, cancelled.jobId!, ['IDLE'])
    await macieIn(CANCELLED).send(new UpdateClassificationJobCommand({ jobId: cancelled.jobId!, jobStatus: 'CANCELLED' }))
    await repository(CANCELLED, 'results-euw1')

    // COMPLETE: a one-time job run to completion; a repository with a disabled key, a partial
    // public access block and a policy without the HTTPS Deny.
    await macieIn(COMPLETE).send(new EnableMacieCommand({}))
    const oneTime = await macieIn(COMPLETE).send(new CreateClassificationJobCommand({ jobType: 'ONE_TIME', name: 'once', s3JobDefinition: definition, clientToken: 'audit-complete' }))
    await waitForJob(COMPLETE, oneTime.jobId!, ['COMPLETE'])
    const keyId = await repository(COMPLETE, 'results-euc1')
    await kmsIn(COMPLETE).send(new DisableKeyCommand({ KeyId: keyId }))
    await s3.send(
      new PutPublicAccessBlockCommand({ Bucket: 'results-euc1', PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } }),
    )
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket: 'results-euc1',
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'macie.amazonaws.com' }, Action: 's3:PutObject', Resource: 'arn:aws:s3:::results-euc1/*' }] }),
      }),
    )
  })

  after(async () => {
    for (const c of macie.values()) c.destroy()
    for (const c of kms.values()) c.destroy()
    s3?.destroy()
    await serve?.stop()
    await moto?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('gives each rule its verdict in each region, and exit code 1', async () => {
    const { code, report } = await auditJson('--regions', REGIONS.join(','))
    assert.equal(code, 1)
    assert.equal(report.accountId, ACCOUNT)
    assert.equal(report.results.length, RULE_IDS.length * REGIONS.length)
    assert.deepEqual(report.rules.map((r) => r.id), RULE_IDS)
    const expected: Record<string, Record<string, 'SUCCESS' | 'FAILURE'>> = {
      [NO_MACIE]: Object.fromEntries(RULE_IDS.map((id) => [id, 'FAILURE'])),
      [NO_JOBS]: { 'Macie2-001': 'SUCCESS', 'Macie2-002': 'FAILURE', 'Macie2-003': 'FAILURE', 'Macie2-004': 'FAILURE', 'Macie2-005': 'FAILURE', 'Macie2-006': 'FAILURE', 'Macie2-007': 'SUCCESS', 'Macie2-008': 'SUCCESS' },
      [HEALTHY]: Object.fromEntries(RULE_IDS.map((id) => [id, 'SUCCESS'])),
      [CANCELLED]: { 'Macie2-001': 'SUCCESS', 'Macie2-002': 'SUCCESS', 'Macie2-003': 'FAILURE', 'Macie2-004': 'FAILURE', 'Macie2-005': 'FAILURE', 'Macie2-006': 'FAILURE', 'Macie2-007': 'SUCCESS', 'Macie2-008': 'SUCCESS' },
      [COMPLETE]: { 'Macie2-001': 'SUCCESS', 'Macie2-002': 'FAILURE', 'Macie2-003': 'FAILURE', 'Macie2-004': 'FAILURE', 'Macie2-005': 'FAILURE', 'Macie2-006': 'FAILURE', 'Macie2-007': 'SUCCESS', 'Macie2-008': 'SUCCESS' },
    }
    const actual = Object.fromEntries(REGIONS.map((region) => [region, Object.fromEntries(RULE_IDS.map((id) => [id, verdictOf(report, id, region).verdict]))]))
    assert.deepEqual(actual, expected, JSON.stringify(report.results.filter((r) => r.verdict === 'ERROR'), null, 2))
    assert.equal(report.summary.ERROR, 0)
    assert.equal(report.summary.SUCCESS + report.summary.FAILURE, report.summary.total)

    for (const id of RULE_IDS) assert.equal(verdictOf(report, id, NO_MACIE).reason, `Macie is not enabled in ${NO_MACIE}`)
    assert.equal(verdictOf(report, 'Macie2-003', NO_JOBS).reason, `No sensitive data discovery jobs exist in ${NO_JOBS}`)
    assert.match(verdictOf(report, 'Macie2-003', CANCELLED).reason, /No active sensitive data discovery job in eu-west-1: 1 job, all cancelled or complete one-time jobs: cancelled \(scheduled, CANCELLED\)/)
    assert.match(verdictOf(report, 'Macie2-003', COMPLETE).reason, /once \(one-time, COMPLETE\)/)
    assert.match(verdictOf(report, 'Macie2-003', HEALTHY).reason, /daily \(scheduled, IDLE\)/)
    assert.match(verdictOf(report, 'Macie2-002', NO_JOBS).reason, /No discovery results repository is configured in us-east-2/)
    assert.match(verdictOf(report, 'Macie2-002', COMPLETE).reason, /is Disabled, not Enabled/)
    assert.match(verdictOf(report, 'Macie2-005', CANCELLED).reason, /results-euw1 has no public access block/)
    assert.match(verdictOf(report, 'Macie2-005', COMPLETE).reason, /results-euc1 does not block all public access: BlockPublicAcls not true/)
    assert.match(verdictOf(report, 'Macie2-006', CANCELLED).reason, /results-euw1 has no bucket policy/)
    assert.match(verdictOf(report, 'Macie2-006', COMPLETE).reason, /results-euc1 does not deny requests without HTTPS/)
    assert.match(verdictOf(report, 'Macie2-006', HEALTHY).reason, /results-use1 denies requests without HTTPS/)
    assert.match(verdictOf(report, 'Macie2-007', NO_JOBS).reason, /ONE_HOUR/)
  })

  it('fails Macie2-008 for unarchived High findings older than the allowed age (0 days), not within 30 days', async () => {
    const strict = await auditJson('--regions', `${HEALTHY},${NO_JOBS}`, '--rules', 'Macie2-008', '--max-finding-age-days', '0')
    assert.equal(strict.code, 1)
    const result = verdictOf(strict.report, 'Macie2-008', HEALTHY)
    assert.equal(result.verdict, 'FAILURE')
    assert.match(result.reason, /unarchived High-severity findings? (is|are) older than 0 days in us-east-1/)
    assert.ok((result.resources ?? []).length >= 1)
    assert.equal(verdictOf(strict.report, 'Macie2-008', NO_JOBS).verdict, 'SUCCESS')
    const lenient = await auditJson('--regions', HEALTHY, '--rules', 'Macie2-008')
    assert.equal(lenient.code, 0)
    assert.equal(verdictOf(lenient.report, 'Macie2-008', HEALTHY).verdict, 'SUCCESS')
  })

  it('counts cancelled and complete jobs with --allow-inactive-jobs, and lists uncovered buckets with --require-bucket-coverage', async () => {
    const lax = await auditJson('--regions', REGIONS.join(','), '--rules', 'Macie2-003', '--allow-inactive-jobs')
    assert.deepEqual(
      REGIONS.map((r) => verdictOf(lax.report, 'Macie2-003', r).verdict),
      ['FAILURE', 'FAILURE', 'SUCCESS', 'SUCCESS', 'SUCCESS'],
    )
    const coverage = await auditJson('--regions', HEALTHY, '--rules', 'Macie2-003', '--require-bucket-coverage')
    assert.equal(coverage.code, 1)
    const result = verdictOf(coverage.report, 'Macie2-003', HEALTHY)
    assert.equal(result.verdict, 'FAILURE')
    assert.match(result.reason, /not covered by any discovery job/)
    assert.ok(result.resources?.includes('arn:aws:s3:::results-use1'), result.reason)
    assert.ok(!result.resources?.includes('arn:aws:s3:::audit-data'), result.reason)
  })

  it('agrees with the runbook\'s audit steps run with the aws CLI (Macie enabled; jobs exist)', async () => {
    // The runbook counts any job, so Macie2-003 is compared as --allow-inactive-jobs checks it.
    const { report } = await auditJson('--regions', REGIONS.join(','), '--rules', 'Macie2-001,Macie2-003', '--allow-inactive-jobs')
    for (const region of REGIONS) {
      const usage = awsMacie(region, 'get-usage-statistics')
      const isEnabled = usage.code === 0
      if (!isEnabled) assert.match(usage.stderr, /Macie is not enabled/)
      assert.equal(verdictOf(report, 'Macie2-001', region).verdict, isEnabled ? 'SUCCESS' : 'FAILURE', region)
      if (!isEnabled) {
        assert.equal(verdictOf(report, 'Macie2-003', region).verdict, 'FAILURE', region)
        continue
      }
      const jobs = awsMacie(region, 'list-classification-jobs', '--query', 'items')
      assert.equal(jobs.code, 0, jobs.stderr)
      const hasJobs = (JSON.parse(jobs.stdout) as unknown[]).length > 0
      assert.equal(verdictOf(report, 'Macie2-003', region).verdict, hasJobs ? 'SUCCESS' : 'FAILURE', region)
    }
  })

  it('writes SARIF 2.1.0 with the rules, their help pages and a logical location per region', async () => {
    const file = join(dir, 'audit.sarif')
    const r = await audit('--regions', `${NO_MACIE},${HEALTHY}`, '--format', 'sarif', '--output', file)
    assert.equal(r.code, 1)
    assert.match(r.stderr, /report \(sarif\) written to/)
    const log = JSON.parse(readFileSync(file, 'utf8'))
    // The members SARIF 2.1.0's schema requires: sarifLog (version, runs), run (tool), tool
    // (driver), toolComponent (name), reportingDescriptor (id), result (message), message (text).
    assert.equal(log.version, '2.1.0')
    assert.ok(Array.isArray(log.runs) && log.runs.length === 1)
    const run = log.runs[0]
    assert.equal(typeof run.tool.driver.name, 'string')
    assert.deepEqual(run.tool.driver.rules.map((d: { id: string }) => d.id), RULE_IDS)
    for (const d of run.tool.driver.rules) {
      assert.match(d.helpUri, new RegExp(`^file://.*/docs/rules/${d.id}\\.md$`))
      assert.ok(['note', 'warning', 'error'].includes(d.defaultConfiguration.level))
    }
    assert.equal(run.results.length, 16)
    for (const res of run.results) {
      assert.equal(typeof res.message.text, 'string')
      assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId)
      assert.ok(['pass', 'fail', 'review'].includes(res.kind))
      assert.ok(['none', 'note', 'warning', 'error'].includes(res.level))
      if (res.kind !== 'fail') assert.equal(res.level, 'none')
      assert.equal(res.locations[0].logicalLocations[0].name, res.properties.region)
    }
    const notEnabled = run.results.find((x: { ruleId: string; properties: { region: string } }) => x.ruleId === 'Macie2-001' && x.properties.region === NO_MACIE)
    assert.equal(notEnabled.kind, 'fail')
    assert.equal(notEnabled.level, 'error')
    assert.equal(notEnabled.locations[0].logicalLocations[0].fullyQualifiedName, `${ACCOUNT}/${NO_MACIE}`)
  })

  it('writes ASFF findings Security Hub takes, one per rule and region', async () => {
    const r = await audit('--regions', `${NO_MACIE},${HEALTHY}`, '--format', 'asff')
    assert.equal(r.code, 1)
    const findings = JSON.parse(r.stdout) as Array<Record<string, any>>
    assert.equal(findings.length, 16)
    const required = ['SchemaVersion', 'Id', 'ProductArn', 'GeneratorId', 'AwsAccountId', 'Types', 'CreatedAt', 'UpdatedAt', 'Severity', 'Title', 'Description', 'Resources']
    for (const f of findings) {
      for (const member of required) assert.ok(f[member] !== undefined, `${member} missing`)
      assert.equal(f.SchemaVersion, '2018-10-08')
      assert.equal(f.AwsAccountId, ACCOUNT)
      assert.equal(f.ProductArn, `arn:aws:securityhub:${f.Region}:${ACCOUNT}:product/${ACCOUNT}/default`)
      assert.ok(RULE_IDS.includes(f.GeneratorId))
      assert.ok(['PASSED', 'FAILED', 'WARNING', 'NOT_AVAILABLE'].includes(f.Compliance.Status))
      assert.ok(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].includes(f.Severity.Label))
      assert.equal(f.Resources[0].Type, 'AwsAccount')
      assert.ok(f.Description.length <= 1024 && f.Title.length <= 256)
    }
    const byKey = new Map(findings.map((f) => [`${f.GeneratorId}@${f.Region}`, f]))
    assert.equal(byKey.get(`Macie2-001@${NO_MACIE}`)!.Compliance.Status, 'FAILED')
    assert.equal(byKey.get(`Macie2-001@${NO_MACIE}`)!.Severity.Label, 'HIGH')
    assert.equal(byKey.get(`Macie2-003@${HEALTHY}`)!.Compliance.Status, 'PASSED')
    assert.equal(byKey.get(`Macie2-003@${HEALTHY}`)!.Severity.Label, 'INFORMATIONAL')
    assert.ok(byKey.get(`Macie2-005@${HEALTHY}`)!.Resources.some((x: { Type: string; Id: string }) => x.Type === 'AwsS3Bucket' && x.Id === 'arn:aws:s3:::results-use1'))
  })

  it('exits 0 when every rule holds, and prints a table with a summary', async () => {
    const r = await audit('--regions', HEALTHY)
    assert.equal(r.code, 0, r.stdout + r.stderr)
    assert.match(r.stdout, /^RULE\s+REGION\s+VERDICT\s+REASON/)
    assert.match(r.stdout, /8 results \(8 rules × 1 region\): 8 SUCCESS, 0 FAILURE, 0 ERROR/)
  })

  it('exits 3 when rules could not be checked, and 2 for a bad command line', async () => {
    const unreachable = await audit('--regions', HEALTHY, '--endpoint-url', 'http://127.0.0.1:9', '--format', 'json')
    assert.equal(unreachable.code, 3)
    const report = JSON.parse(unreachable.stdout) as Report
    assert.ok(report.results.every((x) => x.verdict === 'ERROR' && /ECONNREFUSED/.test(x.reason)))
    assert.equal((await audit('--rules', 'Macie2-042')).code, 2)
    assert.equal((await audit('--format', 'xml')).code, 2)
    assert.equal((await audit('--regions', 'not a region')).code, 2)
    // ASFF needs an account; Macie reveals none in a region where it is not enabled.
    const asff = await audit('--regions', NO_MACIE, '--format', 'asff')
    assert.equal(asff.code, 2)
    assert.match(asff.stderr, /--account-id/)
  })
})
