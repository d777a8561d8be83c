import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { InvalidInputError } from '../errors.js'
import { normalizeKeyPrefix, probeKey, resultsFileName, resultsKey, resultsLocation, resultsPrefix, type ResultsDestination } from './layout.js'

const scope = { accountId: '111122223333', region: 'eu-west-1' }
const jobId = '0123456789abcdef0123456789abcdef'
// sha256("run-1\nmy-bucket\nhr/employees.csv"), computed with sha256sum.
const NAME = '10914d8ea3b1a86d041814a96a51cea2d91efb1b'

function dest(keyPrefix?: string): ResultsDestination {
  return { bucketName: 'results-bucket', kmsKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k', ...(keyPrefix === undefined ? {} : { keyPrefix }) }
}

describe('results layout', () => {
  const prefixes: Array<[keyPrefix: string | undefined, expected: string]> = [
    ['macie/', 'macie/'],
    ['macie', 'macie/'],
    ['a/b/', 'a/b/'],
    ['', ''],
    [undefined, ''],
  ]
  for (const [keyPrefix, expected] of prefixes) {
    it(`uses key prefix ${JSON.stringify(keyPrefix)} as ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizeKeyPrefix(dest(keyPrefix)), expected)
      assert.equal(resultsPrefix(dest(keyPrefix), scope, jobId), `${expected}AWSLogs/111122223333/Macie/eu-west-1/${jobId}/`)
    })
  }

  it('names the file after run, bucket and key: 40 hex digits of their SHA-256', () => {
    assert.equal(resultsFileName('run-1', 'my-bucket', 'hr/employees.csv'), NAME)
    assert.equal(resultsFileName('run-1', 'my-bucket', 'hr/employees.csv'), resultsFileName('run-1', 'my-bucket', 'hr/employees.csv'))
    assert.notEqual(resultsFileName('run-2', 'my-bucket', 'hr/employees.csv'), NAME)
    assert.notEqual(resultsFileName('run-1', 'other-bucket', 'hr/employees.csv'), NAME)
    assert.notEqual(resultsFileName('run-1', 'my-bucket', 'hr/employees.csv.bak'), NAME)
  })

  it('puts the file under the job and account folders, .jsonl.gz, plus .enc for an envelope', () => {
    const base = `macie/AWSLogs/111122223333/Macie/eu-west-1/${jobId}/111122223333/${NAME}`
    assert.equal(resultsKey(dest('macie'), scope, jobId, 'run-1', 'my-bucket', 'hr/employees.csv', false), `${base}.jsonl.gz`)
    assert.equal(resultsKey(dest('macie'), scope, jobId, 'run-1', 'my-bucket', 'hr/employees.csv', true), `${base}.jsonl.gz.enc`)
    assert.equal(resultsLocation(dest('macie/'), scope, jobId, 'run-1', 'my-bucket', 'hr/employees.csv', false), `s3://results-bucket/${base}.jsonl.gz`)
  })

  it('puts the SSE-KMS probe marker in the region folder, outside every job folder', () => {
    assert.equal(probeKey(dest('macie'), scope), 'macie/AWSLogs/111122223333/Macie/eu-west-1/.trawl-kms-probe')
  })

  it('refuses a job ID that would climb out of or split its folder', () => {
    for (const bad of ['', '..', '.', 'a/b']) {
      assert.throws(() => resultsPrefix(dest(), scope, bad), InvalidInputError)
    }
    assert.throws(() => probeKey(dest(), { accountId: '111122223333', region: '../x' }), InvalidInputError)
  })
})
