import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { accountOfArn, describeError, isMacieNotEnabled } from './state.js'

const serviceError = (name: string, message: string): Error => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 403 } })

describe('isMacieNotEnabled', () => {
  it("is Macie's not-enabled answer, whichever of its two exceptions carries it", () => {
    assert.equal(isMacieNotEnabled(serviceError('UnauthorizedException', 'Macie is not enabled')), true)
    assert.equal(isMacieNotEnabled(serviceError('AccessDeniedException', 'Macie is not enabled.')), true)
  })
  it('is not any other denial or error', () => {
    assert.equal(isMacieNotEnabled(serviceError('AccessDeniedException', 'User is not authorized to perform macie2:GetMacieSession')), false)
    assert.equal(isMacieNotEnabled(serviceError('ValidationException', 'Macie is not enabled')), false)
    assert.equal(isMacieNotEnabled(new Error('socket hang up')), false)
  })
})

describe('describeError', () => {
  it('names the service code and message, or the network fault', () => {
    assert.equal(describeError(serviceError('AccessDeniedException', 'denied')), 'AccessDeniedException: denied')
    assert.equal(describeError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })), 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9')
    assert.equal(describeError('plain'), 'plain')
  })
})

describe('accountOfArn', () => {
  it('reads the account of an ARN', () => {
    assert.equal(accountOfArn('arn:aws:iam::111122223333:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie'), '111122223333')
    assert.equal(accountOfArn('arn:aws:s3:::bucket'), undefined)
    assert.equal(accountOfArn(undefined), undefined)
  })
})
