import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { ConflictError, InvalidInputError } from '../errors.js'
import { memberArn, type MemberRow } from './members-repository.js'
import { openSqliteStore } from './sqlite/sqlite-store.js'
import type { Store } from './types.js'

const A = '111122223333'
const B = '444455556666'
const C = '777788889999'
const REGION = 'us-east-1'
const at = (ms: number): Date => new Date(Date.UTC(2026, 0, 1) + ms)

function row(administratorAccountId: string, memberAccountId: string, patch: Partial<MemberRow> = {}): MemberRow {
  return {
    administratorAccountId,
    memberAccountId,
    region: REGION,
    email: `${memberAccountId}@example.com`,
    relationshipStatus: 'Created',
    isOrganization: false,
    createdAt: at(0),
    updatedAt: at(0),
    ...patch,
  }
}

describe('members repository', () => {
  let store: Store
  beforeEach(async () => {
    store = await openSqliteStore(':memory:')
  })
  afterEach(() => store.close())

  it('keeps a relationship as put and replaces it on the next put', async () => {
    const first = row(A, B, { relationshipStatus: 'Invited', invitationId: 'f'.repeat(32), invitedAt: at(5) })
    await store.members.put(first)
    assert.deepEqual(await store.members.get({ accountId: A, region: REGION }, B), first)
    const accepted: MemberRow = { ...first, relationshipStatus: 'Enabled', updatedAt: at(9) }
    await store.members.put(accepted)
    assert.deepEqual(await store.members.get({ accountId: A, region: REGION }, B), accepted)
    // An organization row has no email and no invitation.
    const organization = row(A, C, { relationshipStatus: 'Enabled', isOrganization: true })
    delete organization.email
    await store.members.put(organization)
    assert.deepEqual(await store.members.get({ accountId: A, region: REGION }, C), organization)
  })

  it('is scoped by administrator and region', async () => {
    await store.members.put(row(A, B))
    assert.equal(await store.members.get({ accountId: C, region: REGION }, B), undefined)
    assert.equal(await store.members.get({ accountId: A, region: 'eu-west-1' }, B), undefined)
    assert.deepEqual(await store.members.listAll({ accountId: C, region: REGION }), [])
    assert.deepEqual(await store.members.listReceived({ accountId: B, region: 'eu-west-1' }), [])
    assert.equal((await store.members.listReceived({ accountId: B, region: REGION })).length, 1)
  })

  it('refuses a second Enabled administrator of one member in a region, not in another region', async () => {
    await store.members.put(row(A, B, { relationshipStatus: 'Enabled' }))
    await assert.rejects(store.members.put(row(C, B, { relationshipStatus: 'Enabled' })), ConflictError)
    await store.members.put(row(C, B, { relationshipStatus: 'Invited' }))
    await store.members.put(row(C, B, { relationshipStatus: 'Enabled', region: 'eu-west-1' }))
    assert.equal((await store.members.administratorOf({ accountId: B, region: REGION }))?.administratorAccountId, A)
    assert.equal((await store.members.administratorOf({ accountId: B, region: 'eu-west-1' }))?.administratorAccountId, C)
    assert.equal(await store.members.administratorOf({ accountId: A, region: REGION }), undefined)
  })

  it('pages members by account ID, only associated ones when asked', async () => {
    const admin = { accountId: A, region: REGION }
    const ids = ['100000000001', '100000000002', '100000000003', '100000000004', '100000000005']
    for (const [i, id] of ids.entries()) await store.members.put(row(A, id, { relationshipStatus: i % 2 === 0 ? 'Enabled' : 'Created' }))
    const first = await store.members.list(admin, { onlyAssociated: false }, { maxResults: 2 })
    assert.deepEqual(first.items.map((m) => m.memberAccountId), ids.slice(0, 2))
    assert.ok(first.nextToken)
    const second = await store.members.list(admin, { onlyAssociated: false }, { maxResults: 2, nextToken: first.nextToken! })
    const third = await store.members.list(admin, { onlyAssociated: false }, { maxResults: 2, nextToken: second.nextToken! })
    assert.deepEqual([...second.items, ...third.items].map((m) => m.memberAccountId), ids.slice(2))
    assert.equal(third.nextToken, undefined)
    const associated = await store.members.list(admin, { onlyAssociated: true }, {})
    assert.deepEqual(associated.items.map((m) => m.memberAccountId), [ids[0], ids[2], ids[4]])
    await assert.rejects(store.members.list(admin, { onlyAssociated: true }, { nextToken: 'garbage!' }), InvalidInputError)
    // A token of the invitations list is not one of the members list.
    await store.members.put(row('200000000001', A, { invitationId: 'a'.repeat(32) }))
    await store.members.put(row('200000000002', A, { invitationId: 'b'.repeat(32) }))
    const invitations = await store.members.listInvitations(admin, { maxResults: 1 })
    await assert.rejects(store.members.list(admin, { onlyAssociated: false }, { nextToken: invitations.nextToken! }), InvalidInputError)
  })

  it('lists the invitations a member holds, not the ended ones', async () => {
    await store.members.put(row(A, C, { relationshipStatus: 'Invited', invitationId: '1'.repeat(32) }))
    await store.members.put(row(B, C, { relationshipStatus: 'Resigned' }))
    const page = await store.members.listInvitations({ accountId: C, region: REGION }, {})
    assert.deepEqual(page.items.map((r) => r.administratorAccountId), [A])
    assert.deepEqual((await store.members.listReceived({ accountId: C, region: REGION })).map((r) => r.administratorAccountId), [A, B])
  })

  it('deletes a relationship with the tags of its member ARN', async () => {
    const admin = { accountId: A, region: REGION }
    await store.members.put(row(A, B))
    await store.members.put(row(A, C))
    await store.tags.set(admin, memberArn(REGION, A, B), { team: 'data' })
    await store.tags.set(admin, memberArn(REGION, A, C), { team: 'ops' })
    await store.members.delete(admin, B)
    assert.equal(await store.members.get(admin, B), undefined)
    assert.deepEqual(await store.tags.get(admin, memberArn(REGION, A, B)), {})
    assert.deepEqual(await store.tags.get(admin, memberArn(REGION, A, C)), { team: 'ops' })
  })

  it('keeps one delegated administrator per region', async () => {
    await store.members.putOrganizationAdmin({ accountId: A, region: REGION, autoEnable: false, createdAt: at(0) })
    await store.members.putOrganizationAdmin({ accountId: A, region: REGION, autoEnable: true, createdAt: at(7) })
    assert.deepEqual(await store.members.getOrganizationAdmin(REGION), { accountId: A, region: REGION, autoEnable: true, createdAt: at(0) })
    await assert.rejects(store.members.putOrganizationAdmin({ accountId: B, region: REGION, autoEnable: false, createdAt: at(0) }), ConflictError)
    await store.members.putOrganizationAdmin({ accountId: B, region: 'eu-west-1', autoEnable: false, createdAt: at(0) })
    await store.members.deleteOrganizationAdmin(REGION)
    assert.equal(await store.members.getOrganizationAdmin(REGION), undefined)
    assert.equal((await store.members.getOrganizationAdmin('eu-west-1'))?.accountId, B)
  })

  it('deleteScope removes the account as administrator and as member in that region only', async () => {
    const scopeB = { accountId: B, region: REGION }
    await store.members.put(row(B, C, { relationshipStatus: 'Enabled' }))
    await store.members.put(row(A, B, { relationshipStatus: 'Invited', invitationId: '2'.repeat(32) }))
    await store.members.put(row(A, C, { relationshipStatus: 'Created' }))
    await store.members.put(row(B, C, { region: 'eu-west-1' }))
    await store.members.putOrganizationAdmin({ accountId: B, region: REGION, autoEnable: true, createdAt: at(0) })
    await store.tags.set(scopeB, memberArn(REGION, B, C), { k: 'v' })
    await store.tags.set({ accountId: A, region: REGION }, memberArn(REGION, A, B), { k: 'v' })
    await store.members.deleteScope(scopeB)
    assert.deepEqual(await store.members.listAll(scopeB), [])
    assert.deepEqual(await store.members.listReceived(scopeB), [])
    assert.equal(await store.members.getOrganizationAdmin(REGION), undefined)
    assert.deepEqual(await store.tags.get(scopeB, memberArn(REGION, B, C)), {})
    assert.deepEqual(await store.tags.get({ accountId: A, region: REGION }, memberArn(REGION, A, B)), {})
    assert.deepEqual((await store.members.listAll({ accountId: A, region: REGION })).map((r) => r.memberAccountId), [C])
    assert.equal((await store.members.listAll({ accountId: B, region: 'eu-west-1' })).length, 1)
  })
})
