// Administrator, member, invitation and organization operations. The relationships and who may
// change them live in src/accounts/members.ts; this file reads requests and shapes replies.
import {
  acceptInvitation,
  countInvitations,
  createInvitations,
  createMember,
  declineInvitations,
  deleteInvitations,
  deleteMember,
  describeOrganizationConfiguration,
  disableOrganizationAdmin,
  disassociateFromAdministrator,
  disassociateMember,
  enableOrganizationAdmin,
  getAdministrator,
  getMember,
  listInvitations,
  listMembers,
  listOrganizationAdmins,
  updateMemberSession,
  updateOrganizationConfiguration,
} from '../../accounts/members.js'
import { InvalidInputError } from '../../errors.js'
import type { Handler } from '../context.js'

function pageRequest(input: Record<string, unknown>): { maxResults?: number; nextToken?: string } {
  return {
    ...(input.maxResults !== undefined ? { maxResults: input.maxResults as number } : {}),
    ...(typeof input.nextToken === 'string' && input.nextToken.length > 0 ? { nextToken: input.nextToken } : {}),
  }
}

/** ListMembers' `onlyAssociated` is a string in the model; true unless it says false. */
function onlyAssociated(value: unknown): boolean {
  if (value === undefined || value === '') return true
  const text = String(value).toLowerCase()
  if (text !== 'true' && text !== 'false') throw new InvalidInputError('onlyAssociated must be true or false')
  return text === 'true'
}

const getAdministratorAccount: Handler = async (_input, scope, ctx) => {
  const administrator = await getAdministrator(ctx.store, scope)
  return administrator ? { administrator } : {}
}

const disassociateFromAdministratorAccount: Handler = async (_input, scope, ctx) => {
  await disassociateFromAdministrator(ctx.store, scope)
  return {}
}

/** The members operations. */
export const memberHandlers: Record<string, Handler> = {
  async CreateMember(input, scope, ctx) {
    return createMember(ctx.store, scope, input.account as { accountId: string; email: string }, input.tags)
  },

  async CreateInvitations(input, scope, ctx) {
    return { unprocessedAccounts: await createInvitations(ctx.store, scope, input.accountIds as string[], ctx.accountIds) }
  },

  async AcceptInvitation(input, scope, ctx) {
    const administrator = input.administratorAccountId as string | undefined
    const master = input.masterAccount as string | undefined
    if (administrator && master && administrator !== master) throw new InvalidInputError('administratorAccountId and masterAccount name different accounts')
    await acceptInvitation(ctx.store, scope, administrator ?? master, input.invitationId as string)
    return {}
  },

  async DeclineInvitations(input, scope, ctx) {
    return { unprocessedAccounts: await declineInvitations(ctx.store, scope, input.accountIds as string[]) }
  },

  async DeleteInvitations(input, scope, ctx) {
    return { unprocessedAccounts: await deleteInvitations(ctx.store, scope, input.accountIds as string[]) }
  },

  async DeleteMember(input, scope, ctx) {
    await deleteMember(ctx.store, scope, input.id)
    return {}
  },

  async DisassociateMember(input, scope, ctx) {
    await disassociateMember(ctx.store, scope, input.id)
    return {}
  },

  DisassociateFromAdministratorAccount: disassociateFromAdministratorAccount,
  // Deprecated alias, kept by Macie for older clients.
  DisassociateFromMasterAccount: disassociateFromAdministratorAccount,

  GetAdministratorAccount: getAdministratorAccount,

  async GetMasterAccount(_input, scope, ctx) {
    const administrator = await getAdministrator(ctx.store, scope)
    return administrator ? { master: administrator } : {}
  },

  async GetMember(input, scope, ctx) {
    return getMember(ctx.store, scope, input.id)
  },

  async ListMembers(input, scope, ctx) {
    const page = await listMembers(ctx.store, scope, { onlyAssociated: onlyAssociated(input.onlyAssociated), ...pageRequest(input) })
    return { members: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }
  },

  async ListInvitations(input, scope, ctx) {
    const page = await listInvitations(ctx.store, scope, pageRequest(input))
    return { invitations: page.items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }
  },

  async GetInvitationsCount(_input, scope, ctx) {
    return { invitationsCount: await countInvitations(ctx.store, scope) }
  },

  async UpdateMemberSession(input, scope, ctx) {
    await updateMemberSession(ctx.store, scope, input.id, input.status as 'ENABLED' | 'PAUSED')
    return {}
  },

  async EnableOrganizationAdminAccount(input, scope, ctx) {
    await enableOrganizationAdmin(ctx.store, scope, input.adminAccountId as string, ctx.accountIds)
    return {}
  },

  async DisableOrganizationAdminAccount(input, scope, ctx) {
    await disableOrganizationAdmin(ctx.store, scope, input.adminAccountId as string, ctx.accountIds)
    return {}
  },

  async ListOrganizationAdminAccounts(input, scope, ctx) {
    // One delegated administrator at most: no page token is ever handed out.
    if (pageRequest(input).nextToken) throw new InvalidInputError('nextToken is not a token of this list')
    return { adminAccounts: await listOrganizationAdmins(ctx.store, scope, ctx.accountIds) }
  },

  async DescribeOrganizationConfiguration(_input, scope, ctx) {
    return describeOrganizationConfiguration(ctx.store, scope)
  },

  async UpdateOrganizationConfiguration(input, scope, ctx) {
    await updateOrganizationConfiguration(ctx.store, scope, input.autoEnable as boolean)
    return {}
  },
}
