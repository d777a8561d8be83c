// Macie's multi-account model over trawl's own accounts, per region: administrators add members,
// invite them, members accept, decline or leave; the organization (every account the server
// answers for, the first one its management account) may delegate an administrator that gets
// every account with Macie enabled as a member without invitations. Only these relationships let
// one account read or change another's data (readableAccounts, UpdateMemberSession). HTTP and
// Macie's error names are not here.
import { randomBytes } from 'node:crypto'
import { AccessDeniedError, ConflictError, InvalidInputError, NotFoundError, QuotaExceededError } from '../errors.js'
import { validateTags } from '../tags.js'
import { memberArn, type MemberRow, type OrganizationAdminRow } from '../store/members-repository.js'
import type { Scope, Store, TagMap } from '../store/types.js'

/** Macie's relationship statuses that trawl reports. */
export type RelationshipStatus = 'Created' | 'Invited' | 'Enabled' | 'Paused' | 'Removed' | 'Resigned'

/** A member account as GetMember and ListMembers describe it. */
export interface MemberView {
  accountId: string
  administratorAccountId: string
  masterAccountId: string
  arn: string
  email?: string
  invitedAt?: Date
  relationshipStatus: RelationshipStatus
  tags: TagMap
  updatedAt: Date
}

/** An invitation (or the administrator relationship) as the member sees it. */
export interface InvitationView {
  accountId: string
  invitationId?: string
  invitedAt?: Date
  relationshipStatus: RelationshipStatus
}

/** An account that could not be processed, as Macie's `UnprocessedAccount`. */
export interface UnprocessedAccount {
  accountId: string
  errorCode: 'ClientError' | 'InternalError'
  errorMessage: string
}

/** A page of items and the token of the next one. */
export interface ListPage<T> {
  items: T[]
  nextToken?: string
}

/** Members an administrator may have by invitation, and through the organization (MACIE.md §8.2). */
export const MAX_INVITED_MEMBERS = 1000
export const MAX_ORGANIZATION_MEMBERS = 10000

const ACCOUNT_ID = /^\d{12}$/
const EMAIL = /^[^@\s]+@[^@\s]+$/

const adminScope = (row: MemberRow): Scope => ({ accountId: row.administratorAccountId, region: row.region })
const memberScope = (row: MemberRow): Scope => ({ accountId: row.memberAccountId, region: row.region })
const newInvitationId = (): string => randomBytes(16).toString('hex')

/** The row without the member's invitation: deleted, or the relationship it made has ended. */
function withoutInvitation(row: MemberRow): MemberRow {
  const copy = { ...row }
  delete copy.invitationId
  return copy
}

/** The status Macie reports: an associated member whose Macie is paused is `Paused`. */
async function reportedStatus(store: Store, row: MemberRow): Promise<RelationshipStatus> {
  if (row.relationshipStatus !== 'Enabled') return row.relationshipStatus
  const session = await store.sessions.get(memberScope(row))
  return session?.status === 'PAUSED' ? 'Paused' : 'Enabled'
}

async function memberView(store: Store, row: MemberRow): Promise<MemberView> {
  const arn = memberArn(row.region, row.administratorAccountId, row.memberAccountId)
  return {
    accountId: row.memberAccountId,
    administratorAccountId: row.administratorAccountId,
    masterAccountId: row.administratorAccountId,
    arn,
    ...(row.email !== undefined ? { email: row.email } : {}),
    ...(row.invitedAt ? { invitedAt: row.invitedAt } : {}),
    relationshipStatus: await reportedStatus(store, row),
    tags: await store.tags.get(adminScope(row), arn),
    updatedAt: row.updatedAt,
  }
}

async function invitationView(store: Store, row: MemberRow): Promise<InvitationView> {
  return {
    accountId: row.administratorAccountId,
    ...(row.invitationId ? { invitationId: row.invitationId } : {}),
    ...(row.invitedAt ? { invitedAt: row.invitedAt } : {}),
    relationshipStatus: await reportedStatus(store, row),
  }
}

async function hasAssociatedMembers(store: Store, scope: Scope): Promise<boolean> {
  return (await store.members.list(scope, { onlyAssociated: true }, { maxResults: 1 })).items.length > 0
}

async function memberOf(store: Store, scope: Scope, id: unknown): Promise<MemberRow> {
  const row = typeof id === 'string' ? await store.members.get(scope, id) : undefined
  if (!row) throw new NotFoundError('member account', String(id))
  return row
}

function requireManagementAccount(scope: Scope, accountIds: readonly string[]): void {
  if (scope.accountId !== accountIds[0]) throw new AccessDeniedError('only the management account of the organization can manage its delegated administrator account')
}

async function requireDelegatedAdministrator(store: Store, scope: Scope): Promise<OrganizationAdminRow> {
  const admin = await store.members.getOrganizationAdmin(scope.region)
  if (admin?.accountId !== scope.accountId) throw new AccessDeniedError('only the delegated administrator account of the organization can read or change its configuration')
  return admin
}

/**
 * Associates an account with the caller as its administrator (CreateMember): relationship `Created`, no invitation yet.
 * @example
 * const { arn } = await createMember(store, scope, { accountId: '444455556666', email: 'b@example.com' })
 */
export async function createMember(store: Store, scope: Scope, account: { accountId: string; email: string }, tags?: unknown): Promise<{ arn: string }> {
  if (!ACCOUNT_ID.test(account.accountId)) throw new InvalidInputError('account.accountId must be a 12-digit account ID')
  if (!EMAIL.test(account.email)) throw new InvalidInputError('account.email must be an email address')
  if (account.accountId === scope.accountId) throw new InvalidInputError('an account cannot be a member of itself')
  if (await store.members.administratorOf(scope)) throw new ConflictError('a member account cannot have member accounts: disassociate from the administrator account first')
  const existing = await store.members.get(scope, account.accountId)
  if (existing && (existing.relationshipStatus === 'Invited' || existing.relationshipStatus === 'Enabled')) {
    throw new ConflictError(`account ${account.accountId} is already associated with your account`)
  }
  const validTags = validateTags(tags)
  if (!existing) {
    const invited = (await store.members.listAll(scope)).filter((m) => !m.isOrganization).length
    if (invited >= MAX_INVITED_MEMBERS) throw new QuotaExceededError(`an administrator account can have at most ${MAX_INVITED_MEMBERS} member accounts by invitation`)
  }
  const now = new Date()
  const arn = memberArn(scope.region, scope.accountId, account.accountId)
  await store.members.put({
    administratorAccountId: scope.accountId,
    memberAccountId: account.accountId,
    region: scope.region,
    email: account.email,
    relationshipStatus: 'Created',
    ...(existing?.invitedAt ? { invitedAt: existing.invitedAt } : {}),
    isOrganization: false,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  })
  // A re-created member starts with the tags of this request only.
  const previous = Object.keys(await store.tags.get(scope, arn))
  if (previous.length > 0) await store.tags.remove(scope, arn, previous)
  if (Object.keys(validTags).length > 0) await store.tags.set(scope, arn, validTags)
  return { arn }
}

/**
 * Invites member accounts of the caller (CreateInvitations); accounts that cannot be invited come back unprocessed.
 * @example
 * const unprocessed = await createInvitations(store, scope, ['444455556666'], ctx.accountIds)
 */
export async function createInvitations(store: Store, scope: Scope, accountIds: string[], knownAccountIds: readonly string[]): Promise<UnprocessedAccount[]> {
  const unprocessed: UnprocessedAccount[] = []
  const refuse = (accountId: string, errorMessage: string): void => {
    unprocessed.push({ accountId, errorCode: 'ClientError', errorMessage })
  }
  if (await store.members.administratorOf(scope)) {
    return [...new Set(accountIds)].map((accountId) => ({ accountId, errorCode: 'ClientError', errorMessage: 'a member account cannot invite accounts' }))
  }
  for (const accountId of new Set(accountIds)) {
    if (!ACCOUNT_ID.test(accountId)) {
      refuse(accountId, 'not a 12-digit account ID')
      continue
    }
    if (accountId === scope.accountId) {
      refuse(accountId, 'an account cannot invite itself')
      continue
    }
    const row = await store.members.get(scope, accountId)
    if (!row) {
      refuse(accountId, 'the account is not associated with your account: add it with CreateMember first')
      continue
    }
    if (!knownAccountIds.includes(accountId)) {
      refuse(accountId, 'the account is not an account of this server')
      continue
    }
    if (row.relationshipStatus === 'Enabled') {
      refuse(accountId, 'the account is already a member of your account')
      continue
    }
    const target: Scope = { accountId, region: scope.region }
    const current = await store.members.administratorOf(target)
    if (current) {
      refuse(accountId, 'the account is already associated with another administrator account')
      continue
    }
    if (await hasAssociatedMembers(store, target)) {
      refuse(accountId, 'the account is an administrator account with members')
      continue
    }
    const now = new Date()
    await store.members.put({ ...row, relationshipStatus: 'Invited', invitationId: newInvitationId(), invitedAt: now, updatedAt: now })
  }
  return unprocessed
}

/**
 * Accepts an invitation the caller received (AcceptInvitation): the caller becomes an `Enabled` member of that administrator.
 * @example
 * await acceptInvitation(store, scope, '111122223333', invitationId)
 */
export async function acceptInvitation(store: Store, scope: Scope, administratorAccountId: string | undefined, invitationId: string): Promise<void> {
  if (!administratorAccountId) throw new InvalidInputError('administratorAccountId is required')
  const row = await store.members.get({ accountId: administratorAccountId, region: scope.region }, scope.accountId)
  if (!row || row.invitationId !== invitationId || (row.relationshipStatus !== 'Invited' && row.relationshipStatus !== 'Enabled')) {
    throw new NotFoundError('invitation', invitationId)
  }
  if (row.relationshipStatus === 'Enabled') return
  if (await store.members.administratorOf(scope)) throw new ConflictError('your account already has an administrator account: disassociate from it first')
  if (await hasAssociatedMembers(store, scope)) throw new ConflictError('an administrator account with members cannot become a member account')
  await store.members.put({ ...row, relationshipStatus: 'Enabled', updatedAt: new Date() })
}

/**
 * Answers the invitations the caller received from these administrators: each one with no
 * invitation, or an accepted one, is returned as unprocessed with why; the others are ended by `end`.
 */
async function answerInvitations(
  store: Store,
  scope: Scope,
  administratorAccountIds: string[],
  whenAccepted: string,
  end: (row: MemberRow) => Promise<void>,
): Promise<UnprocessedAccount[]> {
  const unprocessed: UnprocessedAccount[] = []
  for (const accountId of new Set(administratorAccountIds)) {
    const row = ACCOUNT_ID.test(accountId) ? await store.members.get({ accountId, region: scope.region }, scope.accountId) : undefined
    if (!row?.invitationId) unprocessed.push({ accountId, errorCode: 'ClientError', errorMessage: 'there is no invitation from this account' })
    else if (row.relationshipStatus === 'Enabled') unprocessed.push({ accountId, errorCode: 'ClientError', errorMessage: whenAccepted })
    else await end(row)
  }
  return unprocessed
}

/**
 * Declines the invitations the caller received from these administrators (DeclineInvitations); the invitations stay until deleted.
 * @example
 * const unprocessed = await declineInvitations(store, scope, ['111122223333'])
 */
export async function declineInvitations(store: Store, scope: Scope, administratorAccountIds: string[]): Promise<UnprocessedAccount[]> {
  return answerInvitations(store, scope, administratorAccountIds, 'the invitation was accepted: disassociate from the administrator account instead', async (row) => {
    if (row.relationshipStatus === 'Invited') await store.members.put({ ...row, relationshipStatus: 'Resigned', updatedAt: new Date() })
  })
}

/**
 * Deletes the invitations the caller received from these administrators (DeleteInvitations); an accepted one cannot be deleted.
 * @example
 * const unprocessed = await deleteInvitations(store, scope, ['111122223333'])
 */
export async function deleteInvitations(store: Store, scope: Scope, administratorAccountIds: string[]): Promise<UnprocessedAccount[]> {
  return answerInvitations(store, scope, administratorAccountIds, 'an accepted invitation cannot be deleted: disassociate from the administrator account first', async (row) => {
    await store.members.put({ ...withoutInvitation(row), relationshipStatus: 'Resigned', updatedAt: new Date() })
  })
}

/**
 * Deletes the caller's association with a member account (DeleteMember), ending the membership if there is one.
 * @example
 * await deleteMember(store, scope, '444455556666')
 */
export async function deleteMember(store: Store, scope: Scope, memberAccountId: unknown): Promise<void> {
  const row = await memberOf(store, scope, memberAccountId)
  await store.members.delete(scope, row.memberAccountId)
}

/**
 * Ends a member's association with the caller, its administrator (DisassociateMember): `Removed`.
 * @example
 * await disassociateMember(store, scope, '444455556666')
 */
export async function disassociateMember(store: Store, scope: Scope, memberAccountId: unknown): Promise<void> {
  const row = await memberOf(store, scope, memberAccountId)
  if (row.relationshipStatus !== 'Enabled' && row.relationshipStatus !== 'Invited') return
  await store.members.put({ ...withoutInvitation(row), relationshipStatus: 'Removed', updatedAt: new Date() })
}

/**
 * Ends the caller's membership of its administrator (DisassociateFromAdministratorAccount): `Resigned`.
 * @example
 * await disassociateFromAdministrator(store, scope)
 */
export async function disassociateFromAdministrator(store: Store, scope: Scope): Promise<void> {
  const row = await store.members.administratorOf(scope)
  if (!row) throw new NotFoundError('administrator account of account', scope.accountId)
  // Macie: only the delegated administrator disassociates an account of the organization.
  if (row.isOrganization) throw new AccessDeniedError('an account of the organization cannot disassociate itself from the delegated administrator account')
  await store.members.put({ ...withoutInvitation(row), relationshipStatus: 'Resigned', updatedAt: new Date() })
}

/**
 * The caller's administrator relationship (GetAdministratorAccount), absent when it has none.
 * @example
 * const administrator = await getAdministrator(store, scope)
 */
export async function getAdministrator(store: Store, scope: Scope): Promise<InvitationView | undefined> {
  const row = await store.members.administratorOf(scope)
  return row && invitationView(store, row)
}

/**
 * One member account of the caller (GetMember).
 * @example
 * const member = await getMember(store, scope, '444455556666')
 */
export async function getMember(store: Store, scope: Scope, memberAccountId: unknown): Promise<MemberView> {
  return memberView(store, await memberOf(store, scope, memberAccountId))
}

/**
 * A page of the caller's member accounts (ListMembers): the associated ones, or all of them.
 * @example
 * const { items, nextToken } = await listMembers(store, scope, { onlyAssociated: true })
 */
export async function listMembers(store: Store, scope: Scope, options: { onlyAssociated: boolean; maxResults?: number; nextToken?: string }): Promise<ListPage<MemberView>> {
  const page = await store.members.list(scope, { onlyAssociated: options.onlyAssociated }, options)
  const items: MemberView[] = []
  for (const row of page.items) items.push(await memberView(store, row))
  return { items, ...(page.nextToken ? { nextToken: page.nextToken } : {}) }
}

/**
 * A page of the invitations the caller received and has not deleted (ListInvitations).
 * @example
 * const { items } = await listInvitations(store, scope, {})
 */
export async function listInvitations(store: Store, scope: Scope, page: { maxResults?: number; nextToken?: string }): Promise<ListPage<InvitationView>> {
  const rows = await store.members.listInvitations(scope, page)
  const items: InvitationView[] = []
  for (const row of rows.items) items.push(await invitationView(store, row))
  return { items, ...(rows.nextToken ? { nextToken: rows.nextToken } : {}) }
}

/**
 * How many invitations the caller holds besides the one it accepted (GetInvitationsCount).
 * @example
 * const count = await countInvitations(store, scope)
 */
export async function countInvitations(store: Store, scope: Scope): Promise<number> {
  return (await store.members.listReceived(scope)).filter((r) => r.invitationId && r.relationshipStatus !== 'Enabled').length
}

/**
 * Pauses or re-enables Macie for an associated member account of the caller (UpdateMemberSession).
 * @example
 * await updateMemberSession(store, scope, '444455556666', 'PAUSED')
 */
export async function updateMemberSession(store: Store, scope: Scope, memberAccountId: unknown, status: 'ENABLED' | 'PAUSED'): Promise<void> {
  const row = await memberOf(store, scope, memberAccountId)
  const session = row.relationshipStatus === 'Enabled' ? await store.sessions.get(memberScope(row)) : undefined
  if (!session) throw new NotFoundError('member account', row.memberAccountId)
  await store.sessions.put({ ...session, status, updatedAt: new Date() })
}

/** Makes an account of the organization a member of the delegated administrator, unless it belongs to another administrator. */
async function joinOrganization(store: Store, admin: OrganizationAdminRow, accountId: string): Promise<void> {
  const scope: Scope = { accountId, region: admin.region }
  if (accountId === admin.accountId || !(await store.sessions.get(scope))) return
  const current = await store.members.administratorOf(scope)
  if (current || (await hasAssociatedMembers(store, scope))) return
  const existing = await store.members.get({ accountId: admin.accountId, region: admin.region }, accountId)
  const now = new Date()
  await store.members.put({
    administratorAccountId: admin.accountId,
    memberAccountId: accountId,
    region: admin.region,
    relationshipStatus: 'Enabled',
    isOrganization: true,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  })
}

/**
 * Designates the organization's delegated administrator in the caller's region (EnableOrganizationAdminAccount):
 * Macie is enabled for it, and every other account with Macie enabled there becomes its member.
 * @example
 * await enableOrganizationAdmin(store, scope, '444455556666', ctx.accountIds)
 */
export async function enableOrganizationAdmin(store: Store, scope: Scope, adminAccountId: string, accountIds: readonly string[]): Promise<void> {
  requireManagementAccount(scope, accountIds)
  if (!accountIds.includes(adminAccountId)) throw new InvalidInputError(`account ${adminAccountId} is not an account of the organization`)
  const current = await store.members.getOrganizationAdmin(scope.region)
  if (current?.accountId === adminAccountId) return
  if (current) throw new ConflictError(`account ${current.accountId} is already the delegated administrator account in ${scope.region}`)
  const adminScope: Scope = { accountId: adminAccountId, region: scope.region }
  if (await store.members.administratorOf(adminScope)) throw new ConflictError(`account ${adminAccountId} is a member account: it must disassociate from its administrator account first`)
  if (!(await store.sessions.get(adminScope))) {
    const now = new Date()
    await store.accounts.ensure(adminAccountId)
    await store.sessions.put({ ...adminScope, status: 'ENABLED', findingPublishingFrequency: 'FIFTEEN_MINUTES', createdAt: now, updatedAt: now })
  }
  const admin: OrganizationAdminRow = { accountId: adminAccountId, region: scope.region, autoEnable: false, createdAt: new Date() }
  await store.members.putOrganizationAdmin(admin)
  for (const accountId of accountIds) await joinOrganization(store, admin, accountId)
}

/**
 * Removes the organization's delegated administrator in the caller's region (DisableOrganizationAdminAccount),
 * and with it the memberships the organization made.
 * @example
 * await disableOrganizationAdmin(store, scope, '444455556666', ctx.accountIds)
 */
export async function disableOrganizationAdmin(store: Store, scope: Scope, adminAccountId: string, accountIds: readonly string[]): Promise<void> {
  requireManagementAccount(scope, accountIds)
  const current = await store.members.getOrganizationAdmin(scope.region)
  if (current?.accountId !== adminAccountId) throw new NotFoundError('delegated administrator account', adminAccountId)
  const adminScope: Scope = { accountId: adminAccountId, region: scope.region }
  for (const row of await store.members.listAll(adminScope)) {
    if (row.isOrganization) await store.members.delete(adminScope, row.memberAccountId)
  }
  await store.members.deleteOrganizationAdmin(scope.region)
}

/**
 * The organization's delegated administrators in the caller's region (ListOrganizationAdminAccounts): none or one.
 * @example
 * const admins = await listOrganizationAdmins(store, scope, ctx.accountIds)
 */
export async function listOrganizationAdmins(store: Store, scope: Scope, accountIds: readonly string[]): Promise<Array<{ accountId: string; status: 'ENABLED' }>> {
  requireManagementAccount(scope, accountIds)
  const current = await store.members.getOrganizationAdmin(scope.region)
  return current ? [{ accountId: current.accountId, status: 'ENABLED' }] : []
}

/**
 * The organization's configuration in the region, for its delegated administrator (DescribeOrganizationConfiguration).
 * @example
 * const { autoEnable } = await describeOrganizationConfiguration(store, scope)
 */
export async function describeOrganizationConfiguration(store: Store, scope: Scope): Promise<{ autoEnable: boolean; maxAccountLimitReached: boolean }> {
  const admin = await requireDelegatedAdministrator(store, scope)
  const organizationMembers = (await store.members.listAll(scope)).filter((m) => m.isOrganization && m.relationshipStatus === 'Enabled').length
  return { autoEnable: admin.autoEnable, maxAccountLimitReached: organizationMembers >= MAX_ORGANIZATION_MEMBERS }
}

/**
 * Turns on or off, for the delegated administrator, that accounts enabling Macie later join the organization (UpdateOrganizationConfiguration).
 * @example
 * await updateOrganizationConfiguration(store, scope, true)
 */
export async function updateOrganizationConfiguration(store: Store, scope: Scope, autoEnable: boolean): Promise<void> {
  const admin = await requireDelegatedAdministrator(store, scope)
  await store.members.putOrganizationAdmin({ ...admin, autoEnable })
}

/**
 * What EnableMacie calls once an account's session exists: with the organization's autoEnable on,
 * the account becomes a member of the delegated administrator.
 * @example
 * await onMacieEnabled(store, scope, ctx.accountIds)
 */
export async function onMacieEnabled(store: Store, scope: Scope, accountIds: readonly string[]): Promise<void> {
  if (!accountIds.includes(scope.accountId)) return
  const admin = await store.members.getOrganizationAdmin(scope.region)
  if (!admin?.autoEnable) return
  await joinOrganization(store, admin, scope.accountId)
}

/**
 * The accounts whose data the caller may read in its region: itself, then its associated members.
 * @example
 * const accounts = await readableAccounts(store, scope) // ['111122223333', '444455556666']
 */
export async function readableAccounts(store: Store, scope: Scope): Promise<string[]> {
  const members = (await store.members.listAll(scope)).filter((m) => m.relationshipStatus === 'Enabled').map((m) => m.memberAccountId)
  return [scope.accountId, ...members]
}

/**
 * What DisableMacie (and pausing Macie) checks first, as Macie does: an administrator with
 * associated members must disassociate them, and an associated member must leave its
 * administrator — or be removed by it — first (ConflictError).
 * @example
 * await assertCanDisable(store, scope)
 */
export async function assertCanDisable(store: Store, scope: Scope): Promise<void> {
  if (await hasAssociatedMembers(store, scope)) throw new ConflictError('disassociate every member account before disabling Macie for an administrator account')
  const administrator = await store.members.administratorOf(scope)
  if (administrator) throw new ConflictError(`this account is a member of administrator account ${administrator.administratorAccountId}: disassociate from it before disabling Macie`)
}

/**
 * Whether a member ARN's account is a member (of any status) of the caller: for TagResource and friends.
 * @example
 * if (await memberExists(store, scope, '444455556666')) { ... }
 */
export async function memberExists(store: Store, scope: Scope, memberAccountId: string): Promise<boolean> {
  return !!(await store.members.get(scope, memberAccountId))
}
