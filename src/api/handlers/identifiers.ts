// Custom data identifiers, allow lists and managed data identifiers: the operations of
// jobs/identifiers.ts and jobs/allow-lists.ts, as the API names them.
import {
  createAllowList,
  deleteAllowList,
  getAllowList,
  listAllowLists,
  updateAllowList,
  type AllowListCriteria,
  type CreateAllowListRequest,
} from '../../jobs/allow-lists.js'
import {
  batchGetCustomDataIdentifiers,
  createCustomDataIdentifier,
  deleteCustomDataIdentifier,
  getCustomDataIdentifier,
  listCustomDataIdentifiers,
  listManagedDataIdentifiers,
  testCustomDataIdentifier,
  type CreateCustomDataIdentifierRequest,
  type TestCustomDataIdentifierRequest,
} from '../../jobs/identifiers.js'
import { openSource } from '../../sources/index.js'
import type { ObjectSource } from '../../sources/types.js'
import type { Handler } from '../context.js'

type Paging = { maxResults?: number; nextToken?: string }

/** Custom data identifier, allow list and managed data identifier operations. */
export const identifierHandlers: Record<string, Handler> = {
  async CreateCustomDataIdentifier(input, scope, ctx) {
    return createCustomDataIdentifier(ctx.store, scope, input as unknown as CreateCustomDataIdentifierRequest)
  },

  async GetCustomDataIdentifier(input, scope, ctx) {
    return getCustomDataIdentifier(ctx.store, scope, input.id as string)
  },

  async BatchGetCustomDataIdentifiers(input, scope, ctx) {
    return batchGetCustomDataIdentifiers(ctx.store, scope, (input.ids as string[] | undefined) ?? [])
  },

  async ListCustomDataIdentifiers(input, scope, ctx) {
    return listCustomDataIdentifiers(ctx.store, scope, input as Paging)
  },

  async DeleteCustomDataIdentifier(input, scope, ctx) {
    await deleteCustomDataIdentifier(ctx.store, scope, input.id as string)
    return {}
  },

  async TestCustomDataIdentifier(input) {
    return testCustomDataIdentifier(input as unknown as TestCustomDataIdentifierRequest)
  },

  async CreateAllowList(input, scope, ctx) {
    return createAllowList(ctx.store, scope, input as unknown as CreateAllowListRequest)
  },

  async GetAllowList(input, scope, ctx) {
    let source: ObjectSource | undefined
    try {
      return await getAllowList(ctx.store, scope, input.id as string, () => (source ??= openSource(ctx.sourceFor(scope.accountId))))
    } finally {
      source?.close()
    }
  },

  async ListAllowLists(input, scope, ctx) {
    return listAllowLists(ctx.store, scope, input as Paging)
  },

  async UpdateAllowList(input, scope, ctx) {
    const request = input as { name: string; description?: string; criteria: AllowListCriteria }
    return updateAllowList(ctx.store, scope, input.id as string, request)
  },

  async DeleteAllowList(input, scope, ctx) {
    await deleteAllowList(ctx.store, scope, input.id as string, { ignoreJobChecks: String(input.ignoreJobChecks).toLowerCase() === 'true' })
    return {}
  },

  async ListManagedDataIdentifiers(input) {
    return listManagedDataIdentifiers(input as { nextToken?: string })
  },
}
