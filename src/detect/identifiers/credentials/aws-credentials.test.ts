import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { detectIn } from '../../testing.js'
import { awsCredentials } from './aws-credentials.js'

const key = 'Zq3vT8mW1xK/pL0nR7sY2bH+dF5gJ9cA4eU6iO2t'

const cases: Array<[text: string, expected: string[]]> = [
  [`aws_secret_access_key = ${key}`, [key]],
  [`AWS_SECRET_ACCESS_KEY=${key}`, [key]],
  [`secret key: "${key}"`, [key]],
  [`Set-AWSCredential -AccessKey AKIAIOSFODNN7EXAMPLE -SecretKey ${key}`, [key]],
  ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', []], // documentation example
  ['aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', []], // documentation example
  ['credentials sha1 3f786850e387550fdab836ed7e6dc881de23001b', []], // lower-case hex: a SHA-1
  ['credentials 4096871235409871235409871235409871235409', []], // digits only
  ['credentials: AwsCredentialsProviderChainConfiguration', []], // letters only: a code identifier
  ['secret key: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', []], // one character
  [`secret key: ${key}QQ`, []], // 42 characters: not a secret access key
  [`secret key: ${key}=`, []], // longer base64
  [`value ${key}`, []], // no keyword
  [`the credentials were rotated and the new value is stored as ${key}`, []], // keyword too far
  [`mysecretkey ${key}`, []], // keyword only inside another word
]

describe(awsCredentials.id, () => {
  for (const [text, expected] of cases) {
    it(text, () => assert.deepEqual(detectIn(awsCredentials, text).map((d) => d.match), expected))
  }
  it('counts a JSON key carrying the keyword', () => {
    assert.deepEqual(detectIn(awsCredentials, key, { labels: ['aws_secret_access_key'] }).map((d) => d.match), [key])
  })
})
