// Opens the object storage a SourceSpec names, and reads specs from where users give them:
// s3:// URLs and the AWS environment variables.
import { InvalidInputError } from '../errors.js'
import { FolderSource } from './folder.js'
import { S3Source } from './s3.js'
import type { ObjectSource, SourceSpec } from './types.js'

/**
 * Opens the source a spec describes; close it when done.
 * @example
 * const source = openSource({ kind: 'folder', root: 'examples' })
 * source.close()
 */
export function openSource(spec: SourceSpec): ObjectSource {
  switch (spec.kind) {
    case 's3':
      return new S3Source(spec)
    case 'folder':
      return new FolderSource(spec)
  }
}

// Bucket names as S3 has ever allowed them: today's rules (3–63 lowercase letters, digits, dots,
// hyphens) and us-east-1's legacy ones (up to 255, with uppercase and underscores).
const S3_URL = /^s3:\/\/([A-Za-z0-9][A-Za-z0-9._-]{2,254})(?:\/(.*))?$/s

/**
 * Splits an `s3://bucket[/prefix]` URL; anything else is an InvalidInputError.
 * @example
 * parseS3Url('s3://my-bucket/logs/2024/') // { bucket: 'my-bucket', prefix: 'logs/2024/' }
 */
export function parseS3Url(url: string): { bucket: string; prefix: string } {
  const match = S3_URL.exec(url)
  if (!match) throw new InvalidInputError(`${JSON.stringify(url)} is not an s3://bucket[/prefix] URL`)
  return { bucket: match[1]!, prefix: match[2] ?? '' }
}

/**
 * The S3 spec the AWS environment variables describe (credentials stay with the SDK's chain).
 * @example
 * s3SpecFromEnv({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9000', AWS_REGION: 'eu-west-1' })
 * // { kind: 's3', endpoint: 'http://127.0.0.1:9000', region: 'eu-west-1' }
 */
export function s3SpecFromEnv(env: NodeJS.ProcessEnv = process.env): Extract<SourceSpec, { kind: 's3' }> {
  const spec: Extract<SourceSpec, { kind: 's3' }> = { kind: 's3' }
  const endpoint = env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL
  if (endpoint) spec.endpoint = endpoint
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION
  if (region) spec.region = region
  if (env.AWS_PROFILE) spec.profile = env.AWS_PROFILE
  const pathStyle = env.TRAWL_S3_FORCE_PATH_STYLE
  if (pathStyle === 'true') spec.forcePathStyle = true
  else if (pathStyle === 'false') spec.forcePathStyle = false
  else if (pathStyle) throw new InvalidInputError(`TRAWL_S3_FORCE_PATH_STYLE must be true or false, not ${JSON.stringify(pathStyle)}`)
  return spec
}
