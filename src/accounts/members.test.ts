import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { AccessDeniedError, ConflictError, InvalidInputError, NotFoundError } from '../errors.js'
import { openSqliteStore } from '../store/sqlite/sqlite-store.js'
import type { Scope, Store } from '../store/types.js'
import {
  acceptInvitation,
  assertCanDisable,
  createInvitations,
  createMember,
  disassociateMember,
  enableOrganizationAdmin,
  getMember,
  memberExists,
  onMacieEnabled,
  readableAccounts,
  updateMemberSession,
  updateOrganizationConfiguration,
} from './members.js'

const REGION = 'us-east-1'
const A: Scope = { accountId: '111122223333', region: REGION }
const B: Scope = { accountId: '444455556666', region: REGION }
const C: Scope = { accountId: '777788889999', region: REGION }
const ORGANIZATION = [A.accountId, B.accountId, C.accountId]

async function enable(store: Store, scope: Scope): Promise<void> {
  const now = new Date()
  await store.sessions.put({ ...scope, status: 'ENABLED', findingPublishingFrequency: 'FIFTEEN_MINUTES', createdAt: now, updatedAt: now })
}

/** A invites `who`, who accepts. */
async function associate(store: Store, who: Scope): Promise<void> {
  await createMember(store, A, { accountId: who.accountId, email: 'member@example.com' })
  assert.deepEqual(await createInvitations(store, A, [who.accountId], ORGANIZATION), [])
  const row = await store.members.get(A, who.accountId)
  await acceptInvitation(store, who, A.accountId, row!.invitationId!)
}

describe('members', () => {
  let store: Store
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
    for (const scope of [A, B, C]) await enable(store, scope)
  })
  afterEach(() => store.close())

  it('readableAccounts is the caller, then its associated members only', async () => {
    assert.deepEqual(await readableAccounts(store, A), [A.accountId])
    await associate(store, B)
    await createMember(store, A, { accountId: C.accountId, email: 'c@example.com' })
    assert.deepEqual(await readableAccounts(store, A), [A.accountId, B.accountId])
    // The member does not read its administrator's data, nor does another region see the members.
    assert.deepEqual(await readableAccounts(store, B), [B.accountId])
    assert.deepEqual(await readableAccounts(store, { ...A, region: 'eu-west-1' }), [A.accountId])
    await disassociateMember(store, A, B.accountId)
    assert.deepEqual(await readableAccounts(store, A), [A.accountId])
  })

  it('assertCanDisable refuses an administrator with associated members and an associated member, not invitations only', async () => {
    await assertCanDisable(store, A)
    await createMember(store, A, { accountId: B.accountId, email: 'b@example.com' })
    await createInvitations(store, A, [B.accountId], ORGANIZATION)
    await assertCanDisable(store, A)
    const row = await store.members.get(A, B.accountId)
    await acceptInvitation(store, B, A.accountId, row!.invitationId!)
    await assert.rejects(assertCanDisable(store, A), ConflictError)
    // A member leaves its administrator first; then both may disable Macie.
    await assert.rejects(assertCanDisable(store, B), /member of administrator account 111122223333/)
    await disassociateMember(store, A, B.accountId)
    await assertCanDisable(store, B)
    await assertCanDisable(store, A)
  })

  it('onMacieEnabled adds the account to the organization only when autoEnable is on', async () => {
    await store.sessions.delete(C)
    await enableOrganizationAdmin(store, A, B.accountId, ORGANIZATION)
    assert.deepEqual(await readableAccounts(store, B), [B.accountId, A.accountId])
    await enable(store, C)
    await onMacieEnabled(store, C, ORGANIZATION)
    assert.equal(await memberExists(store, B, C.accountId), false)
    await updateOrganizationConfiguration(store, B, true)
    await onMacieEnabled(store, C, ORGANIZATION)
    const member = await getMember(store, B, C.accountId)
    assert.equal(member.relationshipStatus, 'Enabled')
    assert.equal(member.email, undefined)
    // An account the server does not answer for never joins.
    const stranger: Scope = { accountId: '123456789012', region: REGION }
    await enable(store, stranger)
    await onMacieEnabled(store, stranger, ORGANIZATION)
    assert.equal(await memberExists(store, B, stranger.accountId), false)
  })

  it('an invitation is accepted only by the account it was sent to, with its ID', async () => {
    await createMember(store, A, { accountId: B.accountId, email: 'b@example.com' })
    await createInvitations(store, A, [B.accountId], ORGANIZATION)
    const { invitationId } = (await store.members.get(A, B.accountId))!
    await assert.rejects(acceptInvitation(store, C, A.accountId, invitationId!), NotFoundError)
    await assert.rejects(acceptInvitation(store, B, A.accountId, '0'.repeat(32)), NotFoundError)
    await assert.rejects(acceptInvitation(store, B, undefined, invitationId!), InvalidInputError)
    await acceptInvitation(store, B, A.accountId, invitationId!)
    assert.equal((await getMember(store, A, B.accountId)).relationshipStatus, 'Enabled')
  })

  it('UpdateMemberSession pauses an associated member, which then reads as Paused', async () => {
    await createMember(store, A, { accountId: C.accountId, email: 'c@example.com' })
    await assert.rejects(updateMemberSession(store, A, C.accountId, 'PAUSED'), NotFoundError)
    await associate(store, B)
    await updateMemberSession(store, A, B.accountId, 'PAUSED')
    assert.equal((await store.sessions.get(B))?.status, 'PAUSED')
    assert.equal((await getMember(store, A, B.accountId)).relationshipStatus, 'Paused')
    await assert.rejects(updateMemberSession(store, B, A.accountId, 'PAUSED'), NotFoundError)
  })

  it('only the management account designates the delegated administrator', async () => {
    await assert.rejects(enableOrganizationAdmin(store, B, B.accountId, ORGANIZATION), AccessDeniedError)
    await assert.rejects(enableOrganizationAdmin(store, A, '123456789012', ORGANIZATION), InvalidInputError)
    await enableOrganizationAdmin(store, A, C.accountId, ORGANIZATION)
    await enableOrganizationAdmin(store, A, C.accountId, ORGANIZATION)
    await assert.rejects(enableOrganizationAdmin(store, A, B.accountId, ORGANIZATION), ConflictError)
    await assert.rejects(updateOrganizationConfiguration(store, A, true), AccessDeniedError)
  })
})
