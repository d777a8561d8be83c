// The custom data identifiers and allow lists a job, a discovery round or a reveal runs with, read
// from the store (and, for S3 words lists, from the bucket) into what the detector compiles.
import type { AllowListInput } from '../detect/allow-list.js'
import type { CustomDataIdentifierInput } from '../detect/custom.js'
import type { ObjectSource } from '../sources/types.js'
import type { CustomDataIdentifierRow, Scope, Store } from '../store/types.js'

/** Macie's limit on an allow list's words file. */
const MAX_WORDS_LIST_BYTES = 35 * 1024 * 1024

/**
 * Reads an S3 words list, one entry per line; refuses one over 35 MB as Macie does.
 * @example
 * const words = await readWordList(source, 'lists', 'known-ssns.txt')
 */
export async function readWordList(source: ObjectSource, bucket: string, key: string): Promise<string[]> {
  const body = await source.openObject({ bucket, key })
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_WORDS_LIST_BYTES) {
      body.destroy()
      throw new Error(`allow list s3://${bucket}/${key} is larger than 35 MB`)
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)
}

/**
 * A stored custom data identifier as the detector takes it.
 * @example
 * compileCustomIdentifier(customIdentifierInput(row))
 */
export function customIdentifierInput(row: CustomDataIdentifierRow): CustomDataIdentifierInput {
  return {
    id: row.id,
    arn: row.arn,
    name: row.name,
    regex: row.regex,
    ...(row.keywords ? { keywords: row.keywords } : {}),
    ...(row.ignoreWords ? { ignoreWords: row.ignoreWords } : {}),
    ...(row.maximumMatchDistance !== undefined ? { maximumMatchDistance: row.maximumMatchDistance } : {}),
    ...(row.severityLevels ? { severityLevels: row.severityLevels } : {}),
  }
}

/**
 * The custom identifiers and allow lists named by ID; each one missing or unreadable is skipped
 * with a line in `errors` (a job reports them in its run's errors and goes on).
 * `includeDeleted`: a job keeps running the identifiers it was created with, even once deleted.
 * @example
 * const errors: string[] = []
 * const { customDataIdentifiers, allowLists } = await loadDetectionInputs(store, source, scope, { customDataIdentifierIds: ['…'] }, errors)
 */
export async function loadDetectionInputs(
  store: Store,
  source: ObjectSource,
  scope: Scope,
  ids: { customDataIdentifierIds?: readonly string[]; allowListIds?: readonly string[] },
  errors: string[],
  options: { includeDeleted?: boolean } = {},
): Promise<{ customDataIdentifiers: CustomDataIdentifierInput[]; allowLists: AllowListInput[] }> {
  const customDataIdentifiers: CustomDataIdentifierInput[] = []
  for (const id of ids.customDataIdentifierIds ?? []) {
    const row = await store.customDataIdentifiers.get(scope, id)
    if (!row || (row.deleted && !options.includeDeleted)) errors.push(`custom data identifier ${id} does not exist`)
    else customDataIdentifiers.push(customIdentifierInput(row))
  }
  const allowLists: AllowListInput[] = []
  for (const id of ids.allowListIds ?? []) {
    const row = await store.allowLists.get(scope, id)
    if (!row) {
      errors.push(`allow list ${id} does not exist`)
      continue
    }
    if (row.criteria.regex !== undefined) allowLists.push({ id: row.id, name: row.name, regex: row.criteria.regex })
    else if (row.criteria.s3WordsList) {
      const { bucketName, objectKey } = row.criteria.s3WordsList
      try {
        allowLists.push({ id: row.id, name: row.name, words: await readWordList(source, bucketName, objectKey) })
      } catch (err) {
        errors.push(`allow list ${row.name}: ${(err as Error).message}`)
      }
    }
  }
  return { customDataIdentifiers, allowLists }
}
