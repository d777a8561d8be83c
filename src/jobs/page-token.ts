// The opaque nextToken of lists that jobs/ sorts in memory (ListClassificationJobs,
// GetUsageStatistics): the last item's sort value and ID, bound to the query that made the page.
import { createHash } from 'node:crypto'
import { InvalidInputError } from '../errors.js'

/** What a page token holds: the last item's sort value and ID, and its query's fingerprint. */
export interface PageToken<K> {
  /** The last item's sort value and ID. */
  k: K
  id: string
  /** Fingerprint of the query (filters, sort, …) the token belongs to. */
  q: string
}

/**
 * A short fingerprint of a query's checked terms, so a token is refused by any other query.
 * @example
 * queryFingerprint([includes, excludes, 'createdAt', 1]) // 16 base64url characters
 */
export function queryFingerprint(query: unknown): string {
  return createHash('sha256').update(JSON.stringify(query)).digest('base64url').slice(0, 16)
}

/**
 * A token as the response carries it: base64url JSON.
 * @example
 * encodePageToken({ k: 1767225600000, id: 'job-1', q: fingerprint })
 */
export function encodePageToken<K>(token: PageToken<K>): string {
  return Buffer.from(JSON.stringify(token)).toString('base64url')
}

/**
 * The token a request carries, checked: undefined when there is none (absent, null or ''), an
 * InvalidInputError when it is not a token whose sort value passes `isKey`, or when it belongs to
 * another query than `fingerprint` (`query` names what the token is bound to, for the message).
 * @example
 * decodePageToken(request.nextToken, fingerprint, (k): k is number => typeof k === 'number', 'filter and sort')
 */
export function decodePageToken<K>(text: unknown, fingerprint: string, isKey: (k: unknown) => k is K, query: string): PageToken<K> | undefined {
  if (text === undefined || text === null || text === '') return undefined
  if (typeof text !== 'string') fail('nextToken must be a string')
  let token: Partial<PageToken<unknown>>
  try {
    token = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<PageToken<unknown>>
  } catch {
    fail('nextToken is not valid')
  }
  const isShaped = typeof token === 'object' && token !== null && typeof token.id === 'string' && isKey(token.k)
  if (!isShaped) fail('nextToken is not valid')
  if (token.q !== fingerprint) fail(`nextToken does not belong to this ${query}`)
  return token as PageToken<K>
}

/**
 * The page of `sorted` that follows the token's item (the first page without a token), at most
 * `pageSize` long, and the next page's token when items remain. `keyOf` gives an item's sort
 * value and ID, `compare` orders two such keys as `sorted` is ordered; because the token names the
 * last item rather than a position, items added between requests do not shift a page.
 * @example
 * pageAfter(sorted, { after, pageSize: 10, fingerprint, keyOf: (job) => [job.name, job.jobId], compare })
 */
export function pageAfter<T, K>(
  sorted: readonly T[],
  options: {
    after: PageToken<K> | undefined
    pageSize: number
    fingerprint: string
    keyOf: (item: T) => [K, string]
    compare: (a: [K, string], b: [K, string]) => number
  },
): { items: T[]; nextToken?: string } {
  const { after, pageSize, fingerprint, keyOf, compare } = options
  const start = after ? sorted.findIndex((item) => compare(keyOf(item), [after.k, after.id]) > 0) : 0
  const items = start < 0 ? [] : sorted.slice(start, start + pageSize)
  const last = items[items.length - 1]
  const hasMore = start >= 0 && start + pageSize < sorted.length
  if (!hasMore || !last) return { items }
  const [k, id] = keyOf(last)
  return { items, nextToken: encodePageToken({ k, id, q: fingerprint }) }
}

function fail(message: string): never {
  throw new InvalidInputError(message)
}
