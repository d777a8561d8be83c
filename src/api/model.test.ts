import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { Readable } from 'node:stream'
import * as macie from '@aws-sdk/client-macie2'
import { InvalidInputError } from '../errors.js'
import {
  OPERATIONS, PAGINATORS, allowedMethods, buildRouter, errorStatus, matchOperation, pageParameters, parseInput,
  serializeOutput, validateShape, type Operation, type RequestParts,
} from './model.js'

interface RawShape {
  type: string
  members?: Record<string, { shape: string; location?: string }>
  member?: { shape: string }
  value?: { shape: string }
  enum?: string[]
  min?: number
  max?: number
  payload?: string
}
const SHAPES = (JSON.parse(readFileSync(new URL('./model/macie2-service-2.json', import.meta.url), 'utf8')) as { shapes: Record<string, RawShape> }).shapes

function op(name: string): Operation {
  const found = OPERATIONS.get(name)
  assert.ok(found, name)
  return found
}

function parse(name: string, parts: Partial<RequestParts>): Record<string, unknown> {
  return parseInput(op(name), { labels: {}, query: new URLSearchParams(), headers: {}, body: undefined, ...parts })
}

function validationMessage(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    assert.ok(err instanceof InvalidInputError, `expected InvalidInputError, got ${String(err)}`)
    return err.message
  }
  assert.fail('no InvalidInputError was thrown')
}

// The example path of a template: each label replaced by a sample value.
function examplePath(uri: string): string {
  return uri.replace(/\{([^}+]+)\+\}/g, 'sample-$1/more').replace(/\{([^}]+)\}/g, 'sample-$1')
}

function exampleLabels(uri: string): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const [, name, greedy] of uri.matchAll(/\{([^}+]+)(\+)?\}/g)) labels[name!] = greedy ? `sample-${name}/more` : `sample-${name}`
  return labels
}

// A second, independent reading of a template, to find which routes overlap.
function templateMatches(uri: string, path: string): boolean {
  return new RegExp(`^${uri.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path)
}

const JOB_INPUT = {
  clientToken: 'token-1',
  jobType: 'ONE_TIME',
  name: 'job',
  s3JobDefinition: { bucketDefinitions: [{ accountId: '123456789012', buckets: ['bucket-a'] }] },
}

describe('the model', () => {
  it('has 81 operations, 17 paginated', () => {
    assert.equal(OPERATIONS.size, 81)
    assert.equal(PAGINATORS.size, 17)
  })

  it('puts no output member in a header or status and no member in a payload, so bodies are all there is', () => {
    for (const operation of OPERATIONS.values()) {
      const output = SHAPES[operation.outputShape!]!
      assert.deepEqual(Object.values(output.members ?? {}).filter((m) => m.location), [], operation.name)
      assert.equal(SHAPES[operation.inputShape!]!.payload, undefined, operation.name)
      assert.equal(output.payload, undefined, operation.name)
    }
  })
})

describe('matchOperation', () => {
  for (const operation of OPERATIONS.values()) {
    it(`routes ${operation.method} ${operation.uri} to ${operation.name}`, () => {
      const path = examplePath(operation.uri)
      const hit = matchOperation(operation.method, path)
      assert.equal(hit?.operation.name, operation.name)
      assert.deepEqual(hit.labels, exampleLabels(operation.uri))
      assert.ok(allowedMethods(path).includes(operation.method))
      // No other operation of the same method reads this path as its own.
      const rivals = [...OPERATIONS.values()].filter((o) => o.method === operation.method && o !== operation && templateMatches(o.uri, path))
      assert.deepEqual(rivals.map((o) => o.name), [])
    })
  }

  // Each literal path that another method's label template also matches: the method decides.
  const overlaps = [...OPERATIONS.values()].flatMap((literal) => [...OPERATIONS.values()]
    .filter((labelled) => !literal.uri.includes('{') && labelled.uri.includes('{') && templateMatches(labelled.uri, literal.uri))
    .map((labelled) => ({ literal, labelled })))

  it('finds the literal-versus-label overlaps of this model', () => {
    assert.deepEqual(overlaps.map(({ literal, labelled }) => `${literal.method} ${literal.uri} ~ ${labelled.method} ${labelled.uri}`).sort(), [
      'POST /custom-data-identifiers/get ~ DELETE /custom-data-identifiers/{id}',
      'POST /custom-data-identifiers/get ~ GET /custom-data-identifiers/{id}',
      'POST /custom-data-identifiers/list ~ DELETE /custom-data-identifiers/{id}',
      'POST /custom-data-identifiers/list ~ GET /custom-data-identifiers/{id}',
      'POST /custom-data-identifiers/test ~ DELETE /custom-data-identifiers/{id}',
      'POST /custom-data-identifiers/test ~ GET /custom-data-identifiers/{id}',
      'POST /jobs/list ~ GET /jobs/{jobId}',
      'POST /jobs/list ~ PATCH /jobs/{jobId}',
    ])
  })

  for (const { literal, labelled } of overlaps) {
    it(`reads ${literal.uri} as ${literal.name} by ${literal.method} and as ${labelled.name} by ${labelled.method}`, () => {
      assert.equal(matchOperation(literal.method, literal.uri)?.operation.name, literal.name)
      const asLabel = matchOperation(labelled.method, literal.uri)
      assert.equal(asLabel?.operation.name, labelled.name)
      assert.deepEqual(Object.values(asLabel.labels), [literal.uri.split('/').pop()])
      assert.ok(allowedMethods(literal.uri).includes(literal.method))
      assert.ok(allowedMethods(literal.uri).includes(labelled.method))
    })
  }

  it('answers which methods a path has, so the app can tell 405 from 404', () => {
    assert.deepEqual(allowedMethods('/macie'), ['DELETE', 'GET', 'PATCH', 'POST'])
    assert.deepEqual(allowedMethods('/jobs/list'), ['GET', 'PATCH', 'POST'])
    assert.deepEqual(allowedMethods('/jobs/0123456789abcdef0123456789abcdef'), ['GET', 'PATCH'])
    assert.equal(matchOperation('PUT', '/macie'), undefined)
    assert.equal(matchOperation('POST', '/jobs/0123456789abcdef0123456789abcdef'), undefined)
    assert.deepEqual(allowedMethods('/nothing/here'), [])
    assert.equal(matchOperation('GET', '/nothing/here'), undefined)
    assert.equal(matchOperation('GET', '/jobs/a/b'), undefined)
  })

  it('takes the method in any case, ignores a query and a trailing slash', () => {
    assert.equal(matchOperation('get', '/macie')?.operation.name, 'GetMacieSession')
    assert.equal(matchOperation('GET', '/findingsfilters?maxResults=5')?.operation.name, 'ListFindingsFilters')
    assert.equal(matchOperation('GET', '/macie/')?.operation.name, 'GetMacieSession')
    assert.equal(matchOperation('GET', '/jobs/')?.operation.name, undefined)
  })

  it('decodes an encoded ARN label, as the SDKs and the CLI send it', () => {
    const arn = 'arn:aws:macie2:us-east-1:123456789012:classification-job/0123456789abcdef0123456789abcdef'
    for (const [method, name] of [['GET', 'ListTagsForResource'], ['POST', 'TagResource'], ['DELETE', 'UntagResource']] as const) {
      const hit = matchOperation(method, `/tags/${encodeURIComponent(arn)}`)
      assert.equal(hit?.operation.name, name)
      assert.deepEqual(hit.labels, { resourceArn: arn })
    }
    assert.deepEqual(matchOperation('GET', '/members/a%20b')?.labels, { id: 'a b' })
  })

  it('matches no label with an undecodable segment', () => {
    assert.equal(matchOperation('GET', '/members/%E0%A4%A'), undefined)
    assert.deepEqual(allowedMethods('/members/%E0%A4%A'), [])
  })
})

describe('buildRouter', () => {
  const route = (name: string, method: string, uri: string): Operation => ({ name, method, uri, responseCode: 200, errors: [] })

  it('prefers a literal segment over a label, whatever the order of declaration', () => {
    const describeJob = route('DescribeJob', 'GET', '/jobs/{jobId}')
    const listJobs = route('ListJobs', 'GET', '/jobs/list')
    for (const routes of [[describeJob, listJobs], [listJobs, describeJob]]) {
      const router = buildRouter(routes)
      assert.equal(router.match('GET', '/jobs/list')?.operation.name, 'ListJobs')
      assert.deepEqual(router.match('GET', '/jobs/other'), { operation: describeJob, labels: { jobId: 'other' } })
    }
  })

  it('compares segments from the left', () => {
    const router = buildRouter([route('LabelFirst', 'GET', '/a/{x}/c'), route('LiteralFirst', 'GET', '/a/b/{y}')])
    assert.equal(router.match('GET', '/a/b/c')?.operation.name, 'LiteralFirst')
    assert.equal(router.match('GET', '/a/z/c')?.operation.name, 'LabelFirst')
    assert.equal(router.match('GET', '/a/z/d'), undefined)
  })

  it('lets a greedy label take several segments, each decoded, after plain labels', () => {
    const router = buildRouter([route('Greedy', 'GET', '/objects/{key+}/meta'), route('Plain', 'GET', '/objects/{key}/meta')])
    assert.deepEqual(router.match('GET', '/objects/a%20b/c/meta')?.labels, { key: 'a b/c' })
    assert.equal(router.match('GET', '/objects/a%20b/c/meta')?.operation.name, 'Greedy')
    assert.equal(router.match('GET', '/objects/a/meta')?.operation.name, 'Plain')
    assert.equal(router.match('GET', '/objects/meta'), undefined)
  })
})

// ---- A round trip through the real SDK: its serializer makes each request, its deserializer reads each answer ----

const SAMPLE_STRINGS: Record<string, string> = {
  ClassificationScopeId: 'scope0123',
  ClassificationScopeName: 'automated-sensitive-data-discovery',
  S3BucketName: 'bucket-a',
  __stringMin3Max255PatternAZaZ093255: 'bucket-a',
  __stringMin22Max22PatternAZ0922: 'abcdefghij0123456789ab',
  __stringMin71Max89PatternArnAwsAwsCnAwsUsGovMacie2AZ19920D12AllowListAZ0922: 'arn:aws:macie2:us-east-1:123456789012:allow-list/abcdefghij0123456789ab',
}

// A value of the shape with every member set, valid against the model's constraints.
function sample(shapeName: string, path: string): unknown {
  const shape = SHAPES[shapeName]!
  switch (shape.type) {
    case 'string':
      return shape.enum?.[0] ?? SAMPLE_STRINGS[shapeName] ?? `s-${path}`
    case 'integer':
    case 'long':
      return shape.min === undefined ? 7 : shape.min + 1
    case 'double':
      return 0.5
    case 'boolean':
      return true
    case 'timestamp':
      return new Date('2024-05-01T12:00:00.123Z')
    case 'list':
      return [sample(shape.member!.shape, `${path}.1`)]
    case 'map':
      return { k1: sample(shape.value!.shape, `${path}.k1`) }
    case 'structure':
      return Object.fromEntries(Object.entries(shape.members ?? {}).map(([name, ref]) => [name, sample(ref.shape, name)]))
    default:
      throw new Error(`no sample for ${shape.type}`)
  }
}

interface CapturedRequest {
  method: string
  path: string
  query: Record<string, string | string[] | null>
  headers: Record<string, string>
  body?: unknown
}

function sdkClient(answer: (request: CapturedRequest) => { status: number; body: string | undefined }): macie.Macie2Client {
  return new macie.Macie2Client({
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
    // An in-process transport: the request never leaves; the answer is what the server would send.
    requestHandler: {
      async handle(request: CapturedRequest) {
        const { status, body } = answer(request)
        return { response: { statusCode: status, headers: { 'content-type': 'application/json' }, body: Readable.from(body === undefined ? [] : [Buffer.from(body)]) } }
      },
    } as never,
  })
}

function queryOf(query: CapturedRequest['query']): URLSearchParams {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== null) params.append(key, v)
  }
  return params
}

describe('the model against @aws-sdk/client-macie2', () => {
  for (const operation of OPERATIONS.values()) {
    it(`${operation.name}: the SDK's request parses to what it was given, the answer reads back`, async () => {
      const input = sample(operation.inputShape!, '') as Record<string, unknown>
      const output = sample(operation.outputShape!, '') as Record<string, unknown>
      let parsed: Record<string, unknown> | undefined
      const client = sdkClient((request) => {
        const hit = matchOperation(request.method, request.path)
        assert.equal(hit?.operation.name, operation.name)
        parsed = parseInput(hit.operation, { labels: hit.labels, query: queryOf(request.query), headers: request.headers, body: request.body })
        return serializeOutput(hit.operation, output)
      })
      const Command = (macie as unknown as Record<string, new (input: unknown) => Parameters<macie.Macie2Client['send']>[0]>)[`${operation.name}Command`]!
      const { $metadata, ...answered } = (await client.send(new Command(input))) as unknown as Record<string, unknown>
      assert.deepEqual(parsed, input)
      assert.equal($metadata && (($metadata as { httpStatusCode: number }).httpStatusCode), operation.responseCode)
      assert.deepEqual(answered, operation.responseCode === 204 ? {} : output)
    })
  }
})

describe('parseInput', () => {
  it('reads repeated query keys as a list and keeps the label', () => {
    const arn = 'arn:aws:macie2:us-east-1:123456789012:classification-job/0123456789abcdef0123456789abcdef'
    assert.deepEqual(parse('UntagResource', { labels: { resourceArn: arn }, query: new URLSearchParams('tagKeys=a&tagKeys=b%20c') }), { resourceArn: arn, tagKeys: ['a', 'b c'] })
    assert.deepEqual(parse('ListAutomatedDiscoveryAccounts', { query: new URLSearchParams('accountIds=111111111111') }), { accountIds: ['111111111111'] })
    assert.deepEqual(parse('ListAutomatedDiscoveryAccounts', {}), {})
  })

  it('converts query integers and refuses what is not one or is out of range', () => {
    assert.deepEqual(parse('ListFindingsFilters', { query: new URLSearchParams('maxResults=5&nextToken=abc') }), { maxResults: 5, nextToken: 'abc' })
    assert.equal(validationMessage(() => parse('ListFindingsFilters', { query: new URLSearchParams('maxResults=five') })),
      "1 validation error detected: Value 'five' at 'maxResults' failed to satisfy constraint: Member must be of type integer")
    assert.equal(validationMessage(() => parse('ListFindingsFilters', { query: new URLSearchParams('maxResults=0') })),
      "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")
    assert.equal(validationMessage(() => parse('ListMembers', { query: new URLSearchParams('maxResults=26') })),
      "1 validation error detected: Value '26' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 25")
  })

  it('accepts a valid request and drops unknown members at every depth', () => {
    const body = { ...JOB_INPUT, surprise: 1, s3JobDefinition: { ...JOB_INPUT.s3JobDefinition, extra: true } }
    assert.deepEqual(parse('CreateClassificationJob', { body }), JOB_INPUT)
  })

  it('names each missing required member, and reads null as missing', () => {
    assert.equal(validationMessage(() => parse('CreateClassificationJob', { body: { clientToken: 't', name: null } })),
      "3 validation errors detected: Value null at 'jobType' failed to satisfy constraint: Member must not be null; "
      + "Value null at 'name' failed to satisfy constraint: Member must not be null; "
      + "Value null at 's3JobDefinition' failed to satisfy constraint: Member must not be null")
    assert.equal(validationMessage(() => parse('GetResourceProfile', {})),
      "1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null")
  })

  it('names nested members by their path, list items from 1', () => {
    const body = { ...JOB_INPUT, s3JobDefinition: { bucketDefinitions: [{ accountId: '1', buckets: ['b'] }, { buckets: [null] }] } }
    assert.equal(validationMessage(() => parse('CreateClassificationJob', { body })),
      "2 validation errors detected: Value null at 's3JobDefinition.bucketDefinitions.2.member.accountId' failed to satisfy constraint: Member must not be null; "
      + "Value null at 's3JobDefinition.bucketDefinitions.2.member.buckets.1.member' failed to satisfy constraint: Member must not be null")
  })

  it('refuses a value outside the enum, listing the set', () => {
    assert.equal(validationMessage(() => parse('CreateClassificationJob', { body: { ...JOB_INPUT, jobType: 'FOO' } })),
      "1 validation error detected: Value 'FOO' at 'jobType' failed to satisfy constraint: Member must satisfy enum value set: [ONE_TIME, SCHEDULED]")
  })

  it('checks string lengths and patterns', () => {
    const allowList = { clientToken: 't', name: 'list', criteria: { regex: 'x+' } }
    assert.deepEqual(parse('CreateAllowList', { body: allowList }), allowList)
    assert.equal(validationMessage(() => parse('CreateAllowList', { body: { ...allowList, name: 'n'.repeat(129) } })),
      `1 validation error detected: Value '${'n'.repeat(100)}...' at 'name' failed to satisfy constraint: Member must have length less than or equal to 128`)
    assert.equal(validationMessage(() => parse('CreateAllowList', { body: { ...allowList, name: '' } })),
      "2 validation errors detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1; "
      + "Value '' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^.+$")
    const words = (bucketName: string) => ({ ...allowList, criteria: { s3WordsList: { bucketName, objectKey: 'words.txt' } } })
    assert.equal(validationMessage(() => parse('CreateAllowList', { body: words('bad bucket!') })),
      "1 validation error detected: Value 'bad bucket!' at 'criteria.s3WordsList.bucketName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[A-Za-z0-9.\\-_]{3,255}$")
    assert.match(validationMessage(() => parse('CreateAllowList', { body: words('ab') })), /^2 validation errors detected: .*length greater than or equal to 3; .*regular expression pattern/)
  })

  it('refuses values of the wrong type', () => {
    const cases: Array<[body: Record<string, unknown>, message: string]> = [
      [{ name: 5 }, "Value '5' at 'name' failed to satisfy constraint: Member must be of type string"],
      [{ initialRun: 'yes' }, "Value 'yes' at 'initialRun' failed to satisfy constraint: Member must be of type boolean"],
      [{ samplingPercentage: 1.5 }, "Value '1.5' at 'samplingPercentage' failed to satisfy constraint: Member must be of type integer"],
      [{ samplingPercentage: 2 ** 31 }, "Value '2147483648' at 'samplingPercentage' failed to satisfy constraint: Member must be of type integer"],
      [{ s3JobDefinition: 'all' }, "Value 'all' at 's3JobDefinition' failed to satisfy constraint: Member must be of type structure"],
      [{ customDataIdentifierIds: 'id' }, "Value 'id' at 'customDataIdentifierIds' failed to satisfy constraint: Member must be of type list"],
      [{ tags: ['a'] }, "Value '[a]' at 'tags' failed to satisfy constraint: Member must be of type map"],
    ]
    for (const [body, message] of cases) {
      assert.equal(validationMessage(() => parse('CreateClassificationJob', { body: { ...JOB_INPUT, ...body } })), `1 validation error detected: ${message}`)
    }
  })

  it('accepts longs beyond 32 bits and checks map values', () => {
    const criteria = { criterion: { 'severity.score': { gte: 2 ** 40 } } }
    assert.deepEqual(parse('ListFindings', { body: { findingCriteria: criteria } }), { findingCriteria: criteria })
    assert.equal(validationMessage(() => parse('ListFindings', { body: { findingCriteria: { criterion: { 'severity.score': { gte: 'high' } } } } })),
      "1 validation error detected: Value 'high' at 'findingCriteria.criterion.severity.score.gte' failed to satisfy constraint: Member must be of type long")
  })

  it('fills an absent idempotency token with a fresh UUID v4 and keeps a given one', () => {
    const withoutToken: Record<string, unknown> = { ...JOB_INPUT }
    delete withoutToken.clientToken
    const first = parse('CreateClassificationJob', { body: withoutToken }).clientToken
    const second = parse('CreateClassificationJob', { body: withoutToken }).clientToken
    assert.match(String(first), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    assert.notEqual(first, second)
    assert.equal(parse('CreateClassificationJob', { body: JOB_INPUT }).clientToken, 'token-1')
    assert.equal(typeof parse('EnableMacie', {}).clientToken, 'string')
    assert.equal(parse('GetMacieSession', {}).clientToken, undefined)
  })

  it('reads the body as an object, JSON text or bytes, and refuses anything else', () => {
    const text = JSON.stringify(JOB_INPUT)
    assert.deepEqual(parse('CreateClassificationJob', { body: text }), JOB_INPUT)
    assert.deepEqual(parse('CreateClassificationJob', { body: new TextEncoder().encode(text) }), JOB_INPUT)
    assert.deepEqual(parse('GetMacieSession', { body: '' }), {})
    assert.equal(validationMessage(() => parse('CreateClassificationJob', { body: '{"name":' })), 'The request body is not valid JSON')
    assert.equal(validationMessage(() => parse('CreateClassificationJob', { body: [JOB_INPUT] })), 'The request body must be a JSON object')
  })

  it('takes location members from their location only, never from the body', () => {
    assert.deepEqual(parse('GetAllowList', { labels: { id: 'from-path' }, body: { id: 'from-body' } }), { id: 'from-path' })
    assert.deepEqual(parse('ListFindingsFilters', { body: { maxResults: 3 } }), {})
  })

  it('lists at most ten problems while counting them all', () => {
    const message = validationMessage(() => parse('BatchGetCustomDataIdentifiers', { body: { ids: Array.from({ length: 12 }, (_, i) => i) } }))
    assert.match(message, /^12 validation errors detected: /)
    assert.equal(message.split('; ').length, 10)
  })
})

describe('validateShape', () => {
  it('reads timestamps as ISO-8601 text or epoch seconds', () => {
    assert.deepEqual(validateShape('__timestampIso8601', '2024-05-01T12:00:00.123Z', 'at'), new Date('2024-05-01T12:00:00.123Z'))
    assert.deepEqual(validateShape('__timestampIso8601', '2024-05-01T14:00:00+02:00', 'at'), new Date('2024-05-01T12:00:00Z'))
    assert.deepEqual(validateShape('__timestampIso8601', '2024-05-01T12:00:00', 'at'), new Date('2024-05-01T12:00:00Z'))
    assert.deepEqual(validateShape('__timestampIso8601', 1714564800.5, 'at'), new Date('2024-05-01T12:00:00.500Z'))
    assert.equal(validationMessage(() => validateShape('__timestampIso8601', 'May 1, 2024', 'at')),
      "1 validation error detected: Value 'May 1, 2024' at 'at' failed to satisfy constraint: Member must be of type timestamp")
    assert.match(validationMessage(() => validateShape('__timestampIso8601', '2024-13-45T00:00:00Z', 'at')), /Member must be of type timestamp/)
  })
})

describe('serializeOutput', () => {
  it('writes dates as ISO-8601 and drops nulls, undefined and unknown members at every depth', () => {
    const { status, body } = serializeOutput(op('DescribeClassificationJob'), {
      jobId: 'j1',
      createdAt: new Date('2024-05-01T12:00:00.123Z'),
      lastRunTime: null,
      description: undefined,
      secret: 'not in the shape',
      statistics: { approximateNumberOfObjectsToProcess: 12.5, numberOfRuns: 2n, hidden: 1 },
      customDataIdentifierIds: ['a', null, 'b'],
      tags: { team: 'x', gone: null },
    })
    assert.equal(status, 200)
    assert.deepEqual(JSON.parse(body!), {
      jobId: 'j1',
      createdAt: '2024-05-01T12:00:00.123Z',
      statistics: { approximateNumberOfObjectsToProcess: 12.5, numberOfRuns: 2 },
      customDataIdentifierIds: ['a', 'b'],
      tags: { team: 'x' },
    })
  })

  it('normalises timestamps given as text or epoch milliseconds and numbers given as text', () => {
    const { body } = serializeOutput(op('GetMacieSession'), { createdAt: '2024-05-01T14:00:00+02:00', updatedAt: Date.UTC(2024, 4, 1, 12), status: 'ENABLED' })
    assert.deepEqual(JSON.parse(body!), { createdAt: '2024-05-01T12:00:00.000Z', updatedAt: '2024-05-01T12:00:00.000Z', status: 'ENABLED' })
    assert.deepEqual(JSON.parse(serializeOutput(op('GetInvitationsCount'), { invitationsCount: '3' }).body!), { invitationsCount: 3 })
    assert.deepEqual(JSON.parse(serializeOutput(op('GetInvitationsCount'), { invitationsCount: 'many' }).body!), {})
  })

  it('answers 204 without a body for TagResource and UntagResource, {} for an empty output', () => {
    assert.deepEqual(serializeOutput(op('TagResource'), {}), { status: 204, body: undefined })
    assert.deepEqual(serializeOutput(op('UntagResource'), { anything: 1 }), { status: 204, body: undefined })
    assert.deepEqual(serializeOutput(op('DisableMacie'), undefined), { status: 200, body: '{}' })
    assert.deepEqual(serializeOutput(op('EnableMacie'), { extra: 1 }), { status: 200, body: '{}' })
  })
})

describe('errorStatus', () => {
  it('gives each modeled error its status and 500 to an unknown name', () => {
    const expected: Record<string, number> = {
      ValidationException: 400,
      ServiceQuotaExceededException: 402,
      AccessDeniedException: 403,
      ResourceNotFoundException: 404,
      ConflictException: 409,
      UnprocessableEntityException: 422,
      ThrottlingException: 429,
      InternalServerException: 500,
    }
    for (const [name, status] of Object.entries(expected)) assert.equal(errorStatus(name), status, name)
    assert.equal(errorStatus('NoSuchException'), 500)
    assert.equal(errorStatus('ListFindingsRequest'), 500)
    const declared = new Set([...OPERATIONS.values()].flatMap((o) => o.errors))
    assert.deepEqual([...declared].sort(), Object.keys(expected).sort())
  })
})

describe('pageParameters', () => {
  it('names the token, page size and result members of paginated operations only', () => {
    assert.deepEqual(pageParameters(op('ListFindings'), { maxResults: 10, nextToken: 'abc' }), { nextToken: 'abc', maxResults: 10, outputToken: 'nextToken', resultKey: 'findingIds' })
    assert.deepEqual(pageParameters(op('ListFindings'), { nextToken: '' }), { outputToken: 'nextToken', resultKey: 'findingIds' })
    assert.deepEqual(pageParameters(op('ListManagedDataIdentifiers'), { nextToken: 't', maxResults: 3 }), { nextToken: 't', outputToken: 'nextToken', resultKey: 'items' })
    assert.equal(PAGINATORS.get('ListManagedDataIdentifiers')?.limitKey, undefined)
    assert.equal(pageParameters(op('GetFindings'), {}), undefined)
  })
})
