// Administrators, members, invitations and the organization through @aws-sdk/client-macie2
// against buildApp() on 127.0.0.1, with three accounts: the invitation flow, declining and
// deleting invitations, the delegated administrator, modeled errors, and that no account reads or
// changes another's relationships except through them. Each scenario runs in its own region.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  AcceptInvitationCommand,
  CreateInvitationsCommand,
  CreateMemberCommand,
  DeclineInvitationsCommand,
  DeleteInvitationsCommand,
  DeleteMemberCommand,
  DescribeOrganizationConfigurationCommand,
  DisableOrganizationAdminAccountCommand,
  DisassociateFromAdministratorAccountCommand,
  DisassociateFromMasterAccountCommand,
  DisassociateMemberCommand,
  EnableMacieCommand,
  EnableOrganizationAdminAccountCommand,
  GetAdministratorAccountCommand,
  GetInvitationsCountCommand,
  GetMacieSessionCommand,
  GetMasterAccountCommand,
  GetMemberCommand,
  ListInvitationsCommand,
  ListMembersCommand,
  ListOrganizationAdminAccountsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UpdateMemberSessionCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-macie2'
import type { ApiAccount } from '../../src/api/credentials.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

const C: ApiAccount = { accountId: '777788889999', accessKeyId: 'AKIACCCCCCCCCCCCCCCC', secretAccessKey: 'secret-of-account-c-000000000000000000000' }
const UNKNOWN = '123456789012'
const HEX32 = /^[0-9a-f]{32}$/
const isError = (name: string, message?: RegExp) => (err: Error) => err.name === name && (!message || message.test(err.message))

describe('members, invitations and the organization through the AWS SDK', () => {
  let api: RunningApi

  before(async () => {
    // A is the organization's management account (the first the server answers for).
    api = await startApi({ accounts: [A, B, C], enable: [A, B, C] })
  })

  after(() => api?.close())

  const enableIn = async (region: string, ...who: ApiAccount[]): Promise<void> => {
    for (const account of who) await api.client(account, region).send(new EnableMacieCommand({}))
  }

  describe('by invitation', () => {
    const region = 'us-east-1'
    const arnOfB = `arn:aws:macie2:${region}:${A.accountId}:member/${B.accountId}`

    it('CreateMember adds an account as Created, with its ARN, email and tags', async () => {
      const a = api.client(A, region)
      const created = await a.send(new CreateMemberCommand({ account: { accountId: B.accountId, email: 'b@example.com' }, tags: { team: 'data' } }))
      assert.equal(created.arn, arnOfB)
      const member = await a.send(new GetMemberCommand({ id: B.accountId }))
      assert.equal(member.accountId, B.accountId)
      assert.equal(member.administratorAccountId, A.accountId)
      assert.equal(member.masterAccountId, A.accountId)
      assert.equal(member.arn, arnOfB)
      assert.equal(member.email, 'b@example.com')
      assert.equal(member.relationshipStatus, 'Created')
      assert.deepEqual(member.tags, { team: 'data' })
      assert.equal(member.invitedAt, undefined)
      assert.ok(member.updatedAt instanceof Date)
      // Not associated yet: only a listing of every account shows it.
      assert.deepEqual((await a.send(new ListMembersCommand({}))).members, [])
      assert.deepEqual((await a.send(new ListMembersCommand({ onlyAssociated: 'false' }))).members?.map((m) => m.accountId), [B.accountId])
    })

    it('CreateMember refuses the caller itself, a bad email and a bad account ID', async () => {
      const a = api.client(A, region)
      await assert.rejects(a.send(new CreateMemberCommand({ account: { accountId: A.accountId, email: 'a@example.com' } })), isError('ValidationException', /itself/))
      await assert.rejects(a.send(new CreateMemberCommand({ account: { accountId: C.accountId, email: 'not-an-email' } })), isError('ValidationException', /email/))
      await assert.rejects(a.send(new CreateMemberCommand({ account: { accountId: '12345', email: 'x@example.com' } })), isError('ValidationException', /12-digit/))
    })

    it('CreateInvitations invites members and reports the accounts it cannot invite', async () => {
      const a = api.client(A, region)
      await a.send(new CreateMemberCommand({ account: { accountId: UNKNOWN, email: 'unknown@example.com' } }))
      const { unprocessedAccounts } = await a.send(new CreateInvitationsCommand({ accountIds: [B.accountId, C.accountId, A.accountId, UNKNOWN], message: 'join us' }))
      const refused = new Map((unprocessedAccounts ?? []).map((u) => [u.accountId, u]))
      assert.deepEqual([...refused.keys()].sort(), [A.accountId, C.accountId, UNKNOWN].sort())
      for (const u of refused.values()) assert.equal(u.errorCode, 'ClientError')
      assert.match(refused.get(C.accountId)!.errorMessage!, /not associated/)
      assert.match(refused.get(UNKNOWN)!.errorMessage!, /not an account of this server/)
      assert.match(refused.get(A.accountId)!.errorMessage!, /itself/)
      const member = await a.send(new GetMemberCommand({ id: B.accountId }))
      assert.equal(member.relationshipStatus, 'Invited')
      assert.ok(member.invitedAt instanceof Date)
      await assert.rejects(a.send(new CreateMemberCommand({ account: { accountId: B.accountId, email: 'b@example.com' } })), isError('ConflictException'))
    })

    it('the invited account sees the invitation; no one else can accept it', async () => {
      const b = api.client(B, region)
      assert.equal((await b.send(new GetInvitationsCountCommand({}))).invitationsCount, 1)
      const { invitations } = await b.send(new ListInvitationsCommand({}))
      assert.equal(invitations?.length, 1)
      const invitation = invitations![0]!
      assert.equal(invitation.accountId, A.accountId)
      assert.equal(invitation.relationshipStatus, 'Invited')
      assert.match(invitation.invitationId!, HEX32)
      assert.ok(invitation.invitedAt instanceof Date)
      // C holds no invitation from A; nor does A from itself.
      const c = api.client(C, region)
      assert.deepEqual((await c.send(new ListInvitationsCommand({}))).invitations, [])
      await assert.rejects(c.send(new AcceptInvitationCommand({ administratorAccountId: A.accountId, invitationId: invitation.invitationId })), isError('ResourceNotFoundException'))
      await assert.rejects(b.send(new AcceptInvitationCommand({ administratorAccountId: A.accountId, invitationId: '0'.repeat(32) })), isError('ResourceNotFoundException'))
      await assert.rejects(b.send(new AcceptInvitationCommand({ invitationId: invitation.invitationId })), isError('ValidationException'))
    })

    it('AcceptInvitation makes the account an Enabled member with one administrator', async () => {
      const b = api.client(B, region)
      const { invitations } = await b.send(new ListInvitationsCommand({}))
      // The deprecated masterAccount names the administrator as well.
      await b.send(new AcceptInvitationCommand({ masterAccount: A.accountId, invitationId: invitations![0]!.invitationId }))
      const a = api.client(A, region)
      assert.equal((await a.send(new GetMemberCommand({ id: B.accountId }))).relationshipStatus, 'Enabled')
      assert.deepEqual((await a.send(new ListMembersCommand({}))).members?.map((m) => m.accountId), [B.accountId])
      const { administrator } = await b.send(new GetAdministratorAccountCommand({}))
      assert.equal(administrator?.accountId, A.accountId)
      assert.equal(administrator?.relationshipStatus, 'Enabled')
      assert.equal(administrator?.invitationId, invitations![0]!.invitationId)
      assert.deepEqual((await b.send(new GetMasterAccountCommand({}))).master, administrator)
      assert.equal((await b.send(new GetInvitationsCountCommand({}))).invitationsCount, 0)
      assert.deepEqual((await a.send(new GetAdministratorAccountCommand({}))).administrator, undefined)
    })

    it('tags of the member ARN work with TagResource and ListTagsForResource', async () => {
      const a = api.client(A, region)
      await a.send(new TagResourceCommand({ resourceArn: arnOfB, tags: { owner: 'privacy' } }))
      assert.deepEqual((await a.send(new ListTagsForResourceCommand({ resourceArn: arnOfB }))).tags, { team: 'data', owner: 'privacy' })
    })

    it('a member cannot read or change its administrator relationships from the other side', async () => {
      const b = api.client(B, region)
      const c = api.client(C, region)
      // B has no members; C is no member of A's in C's eyes; nobody reaches A's member through its own scope.
      await assert.rejects(b.send(new GetMemberCommand({ id: B.accountId })), isError('ResourceNotFoundException'))
      await assert.rejects(c.send(new GetMemberCommand({ id: B.accountId })), isError('ResourceNotFoundException'))
      await assert.rejects(c.send(new DisassociateMemberCommand({ id: B.accountId })), isError('ResourceNotFoundException'))
      await assert.rejects(c.send(new DeleteMemberCommand({ id: B.accountId })), isError('ResourceNotFoundException'))
      await assert.rejects(c.send(new UpdateMemberSessionCommand({ id: B.accountId, status: 'PAUSED' })), isError('ResourceNotFoundException'))
      await assert.rejects(b.send(new UpdateMemberSessionCommand({ id: A.accountId, status: 'PAUSED' })), isError('ResourceNotFoundException'))
      assert.deepEqual((await c.send(new ListMembersCommand({ onlyAssociated: 'false' }))).members, [])
      // Another region holds nothing of this one.
      await enableIn('ap-south-1', A)
      assert.deepEqual((await api.client(A, 'ap-south-1').send(new ListMembersCommand({ onlyAssociated: 'false' }))).members, [])
      assert.equal((await b.send(new GetMacieSessionCommand({}))).status, 'ENABLED')
    })

    it('UpdateMemberSession pauses and re-enables an associated member; a non-member is not found', async () => {
      const a = api.client(A, region)
      const b = api.client(B, region)
      await a.send(new UpdateMemberSessionCommand({ id: B.accountId, status: 'PAUSED' }))
      assert.equal((await b.send(new GetMacieSessionCommand({}))).status, 'PAUSED')
      assert.equal((await a.send(new GetMemberCommand({ id: B.accountId }))).relationshipStatus, 'Paused')
      assert.equal((await b.send(new GetAdministratorAccountCommand({}))).administrator?.relationshipStatus, 'Paused')
      await a.send(new UpdateMemberSessionCommand({ id: B.accountId, status: 'ENABLED' }))
      assert.equal((await b.send(new GetMacieSessionCommand({}))).status, 'ENABLED')
      await assert.rejects(a.send(new UpdateMemberSessionCommand({ id: UNKNOWN, status: 'PAUSED' })), isError('ResourceNotFoundException'))
      await assert.rejects(a.send(new UpdateMemberSessionCommand({ id: C.accountId, status: 'PAUSED' })), isError('ResourceNotFoundException'))
    })

    it('a member disassociates itself (Resigned); the administrator deletes the member', async () => {
      const a = api.client(A, region)
      const b = api.client(B, region)
      await b.send(new DisassociateFromAdministratorAccountCommand({}))
      assert.equal((await a.send(new GetMemberCommand({ id: B.accountId }))).relationshipStatus, 'Resigned')
      assert.deepEqual((await b.send(new GetAdministratorAccountCommand({}))).administrator, undefined)
      assert.deepEqual((await b.send(new ListInvitationsCommand({}))).invitations, [])
      await assert.rejects(b.send(new DisassociateFromMasterAccountCommand({})), isError('ResourceNotFoundException'))
      assert.deepEqual((await a.send(new ListMembersCommand({}))).members, [])
      await a.send(new DeleteMemberCommand({ id: B.accountId }))
      await assert.rejects(a.send(new GetMemberCommand({ id: B.accountId })), isError('ResourceNotFoundException'))
      await assert.rejects(a.send(new DeleteMemberCommand({ id: B.accountId })), isError('ResourceNotFoundException'))
      assert.deepEqual((await a.send(new ListMembersCommand({ onlyAssociated: 'false' }))).members?.map((m) => m.accountId), [UNKNOWN])
    })
  })

  describe('declining, deleting and disassociating', () => {
    const region = 'eu-west-1'

    before(async () => {
      await enableIn(region, A, B, C)
      const a = api.client(A, region)
      for (const who of [B, C]) await a.send(new CreateMemberCommand({ account: { accountId: who.accountId, email: `${who.accountId}@example.com` } }))
      assert.deepEqual((await a.send(new CreateInvitationsCommand({ accountIds: [B.accountId, C.accountId] }))).unprocessedAccounts, [])
    })

    it('DeclineInvitations keeps a declined invitation until DeleteInvitations; unknown senders come back unprocessed', async () => {
      const b = api.client(B, region)
      const declined = await b.send(new DeclineInvitationsCommand({ accountIds: [A.accountId, C.accountId] }))
      assert.deepEqual(declined.unprocessedAccounts?.map((u) => [u.accountId, u.errorCode]), [[C.accountId, 'ClientError']])
      assert.equal((await b.send(new ListInvitationsCommand({}))).invitations?.[0]?.relationshipStatus, 'Resigned')
      assert.equal((await api.client(A, region).send(new GetMemberCommand({ id: B.accountId }))).relationshipStatus, 'Resigned')
      const deleted = await b.send(new DeleteInvitationsCommand({ accountIds: [A.accountId, UNKNOWN] }))
      assert.deepEqual(deleted.unprocessedAccounts?.map((u) => u.accountId), [UNKNOWN])
      assert.deepEqual((await b.send(new ListInvitationsCommand({}))).invitations, [])
      assert.equal((await b.send(new GetInvitationsCountCommand({}))).invitationsCount, 0)
    })

    it('an accepted invitation cannot be declined or deleted; the administrator disassociates the member (Removed)', async () => {
      const c = api.client(C, region)
      const { invitations } = await c.send(new ListInvitationsCommand({ maxResults: 5 }))
      await c.send(new AcceptInvitationCommand({ administratorAccountId: A.accountId, invitationId: invitations![0]!.invitationId }))
      const deleted = await c.send(new DeleteInvitationsCommand({ accountIds: [A.accountId] }))
      assert.match(deleted.unprocessedAccounts?.[0]?.errorMessage ?? '', /accepted/)
      const declined = await c.send(new DeclineInvitationsCommand({ accountIds: [A.accountId] }))
      assert.equal(declined.unprocessedAccounts?.[0]?.accountId, A.accountId)
      // C has an administrator: it can neither add members nor be invited by B.
      await assert.rejects(c.send(new CreateMemberCommand({ account: { accountId: B.accountId, email: 'b@example.com' } })), isError('ConflictException'))
      const a = api.client(A, region)
      await a.send(new DisassociateMemberCommand({ id: C.accountId }))
      assert.equal((await a.send(new GetMemberCommand({ id: C.accountId }))).relationshipStatus, 'Removed')
      assert.deepEqual((await c.send(new GetAdministratorAccountCommand({}))).administrator, undefined)
      assert.deepEqual((await a.send(new ListMembersCommand({}))).members, [])
    })

    it('ListMembers pages with maxResults and nextToken and checks onlyAssociated', async () => {
      const a = api.client(A, region)
      const first = await a.send(new ListMembersCommand({ onlyAssociated: 'false', maxResults: 1 }))
      assert.deepEqual(first.members?.map((m) => m.accountId), [B.accountId])
      assert.ok(first.nextToken)
      const second = await a.send(new ListMembersCommand({ onlyAssociated: 'false', maxResults: 1, nextToken: first.nextToken }))
      assert.deepEqual(second.members?.map((m) => m.accountId), [C.accountId])
      assert.equal(second.nextToken, undefined)
      await assert.rejects(a.send(new ListMembersCommand({ onlyAssociated: 'maybe' })), isError('ValidationException'))
      await assert.rejects(a.send(new ListMembersCommand({ nextToken: 'not-a-token!' })), isError('ValidationException'))
    })
  })

  describe('the organization', () => {
    const region = 'eu-central-1'

    before(async () => {
      await enableIn(region, A, B)
    })

    it('only the management account manages the delegated administrator', async () => {
      const b = api.client(B, region)
      await assert.rejects(b.send(new ListOrganizationAdminAccountsCommand({})), isError('AccessDeniedException'))
      await assert.rejects(b.send(new EnableOrganizationAdminAccountCommand({ adminAccountId: B.accountId })), isError('AccessDeniedException'))
      await assert.rejects(b.send(new DisableOrganizationAdminAccountCommand({ adminAccountId: B.accountId })), isError('AccessDeniedException'))
      const a = api.client(A, region)
      assert.deepEqual((await a.send(new ListOrganizationAdminAccountsCommand({}))).adminAccounts, [])
      await assert.rejects(a.send(new EnableOrganizationAdminAccountCommand({ adminAccountId: UNKNOWN })), isError('ValidationException'))
      await assert.rejects(a.send(new DisableOrganizationAdminAccountCommand({ adminAccountId: B.accountId })), isError('ResourceNotFoundException'))
    })

    it('the delegated administrator gets every account with Macie enabled as a member, without invitations', async () => {
      const a = api.client(A, region)
      await a.send(new EnableOrganizationAdminAccountCommand({ adminAccountId: B.accountId }))
      // Repeating it changes nothing; another administrator conflicts.
      await a.send(new EnableOrganizationAdminAccountCommand({ adminAccountId: B.accountId }))
      await assert.rejects(a.send(new EnableOrganizationAdminAccountCommand({ adminAccountId: C.accountId })), isError('ConflictException'))
      assert.deepEqual((await a.send(new ListOrganizationAdminAccountsCommand({}))).adminAccounts, [{ accountId: B.accountId, status: 'ENABLED' }])
      const b = api.client(B, region)
      const { members } = await b.send(new ListMembersCommand({}))
      // C has not enabled Macie in this region: it is no member.
      assert.deepEqual(members?.map((m) => [m.accountId, m.relationshipStatus, m.email, m.invitedAt]), [[A.accountId, 'Enabled', undefined, undefined]])
      const { administrator } = await a.send(new GetAdministratorAccountCommand({}))
      assert.equal(administrator?.accountId, B.accountId)
      assert.equal(administrator?.invitationId, undefined)
      // An account of the organization does not leave by itself.
      await assert.rejects(a.send(new DisassociateFromAdministratorAccountCommand({})), isError('AccessDeniedException'))
    })

    it('the delegated administrator reads and sets autoEnable; others may not', async () => {
      const b = api.client(B, region)
      assert.deepEqual(await b.send(new DescribeOrganizationConfigurationCommand({})).then(({ autoEnable, maxAccountLimitReached }) => ({ autoEnable, maxAccountLimitReached })), {
        autoEnable: false,
        maxAccountLimitReached: false,
      })
      await b.send(new UpdateOrganizationConfigurationCommand({ autoEnable: true }))
      assert.equal((await b.send(new DescribeOrganizationConfigurationCommand({}))).autoEnable, true)
      await assert.rejects(api.client(A, region).send(new DescribeOrganizationConfigurationCommand({})), isError('AccessDeniedException'))
      await assert.rejects(api.client(A, region).send(new UpdateOrganizationConfigurationCommand({ autoEnable: false })), isError('AccessDeniedException'))
    })

    it('with autoEnable on, an account that enables Macie later joins', async () => {
      await enableIn(region, C)
      const member = await api.client(B, region).send(new GetMemberCommand({ id: C.accountId }))
      assert.equal(member.relationshipStatus, 'Enabled')
    })

    it('DisableOrganizationAdminAccount ends the delegation and the memberships it made', async () => {
      const a = api.client(A, region)
      await a.send(new DisableOrganizationAdminAccountCommand({ adminAccountId: B.accountId }))
      assert.deepEqual((await a.send(new ListOrganizationAdminAccountsCommand({}))).adminAccounts, [])
      assert.deepEqual((await api.client(B, region).send(new ListMembersCommand({ onlyAssociated: 'false' }))).members, [])
      assert.deepEqual((await a.send(new GetAdministratorAccountCommand({}))).administrator, undefined)
      await assert.rejects(api.client(B, region).send(new DescribeOrganizationConfigurationCommand({})), isError('AccessDeniedException'))
    })

    it('designating an account without Macie enables Macie for it', async () => {
      const region2 = 'ap-northeast-1'
      await enableIn(region2, A)
      const a = api.client(A, region2)
      await a.send(new EnableOrganizationAdminAccountCommand({ adminAccountId: C.accountId }))
      assert.equal((await api.client(C, region2).send(new GetMacieSessionCommand({}))).status, 'ENABLED')
      assert.deepEqual((await api.client(C, region2).send(new ListMembersCommand({}))).members?.map((m) => m.accountId), [A.accountId])
    })
  })
})
