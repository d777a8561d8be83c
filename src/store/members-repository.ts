// Administrator, member and invitation relationships between accounts, and the organization configuration.
// Repository functions over the tables of migration 0003-members; the rules of who may change what live in src/accounts/members.ts.
import type { Kysely, Selectable, Transaction } from 'kysely'
import { ConflictError } from '../errors.js'
import { decodePageToken, encodePageToken, pageSize } from './finding-query.js'
import type { MemberRelationshipsTable, OrganizationAdminsTable } from './migrations/0003-members.js'
import type { Database } from './schema.js'
import type { Scope } from './scope.js'

type Db = Kysely<Database> | Transaction<Database>

/** The stored relationship statuses; Macie's `Paused` is an `Enabled` member whose session is paused. */
export type StoredRelationshipStatus = 'Created' | 'Invited' | 'Enabled' | 'Removed' | 'Resigned'

/** An account's relationship with an administrator account in a region. */
export interface MemberRow {
  administratorAccountId: string
  memberAccountId: string
  region: string
  email?: string
  relationshipStatus: StoredRelationshipStatus
  /** The invitation the member holds (pending, declined or accepted), until it is deleted or the relationship ends. */
  invitationId?: string
  invitedAt?: Date
  /** Added by the organization's delegated administrator, without an invitation. */
  isOrganization: boolean
  createdAt: Date
  updatedAt: Date
}

/** The organization's delegated administrator in a region and the organization's configuration there. */
export interface OrganizationAdminRow {
  accountId: string
  region: string
  autoEnable: boolean
  createdAt: Date
}

/** A page of rows and the token of the next one. */
export interface MembersPage<T> {
  items: T[]
  nextToken?: string
}

/** Administrator, member and invitation relationships between accounts, and the organization configuration. */
export interface MembersRepository {
  /** The relationship of a member with an administrator (the administrator's scope). */
  get(administrator: Scope, memberAccountId: string): Promise<MemberRow | undefined>
  /** Inserts or replaces a relationship; ConflictError when the member would have a second administrator. */
  put(row: MemberRow): Promise<void>
  /** Deletes a relationship and the tags of its member ARN. */
  delete(administrator: Scope, memberAccountId: string): Promise<void>
  /** Every relationship of an administrator, by member account ID. */
  listAll(administrator: Scope): Promise<MemberRow[]>
  /** A page of an administrator's relationships by member account ID, only `Enabled` ones if asked. */
  list(administrator: Scope, options: { onlyAssociated: boolean }, page: { maxResults?: number; nextToken?: string }): Promise<MembersPage<MemberRow>>
  /** A page of the invitations a member holds, by administrator account ID. */
  listInvitations(member: Scope, page: { maxResults?: number; nextToken?: string }): Promise<MembersPage<MemberRow>>
  /** Every relationship of a member account with any administrator in the region. */
  listReceived(member: Scope): Promise<MemberRow[]>
  /** The member's `Enabled` relationship, if it has an administrator. */
  administratorOf(member: Scope): Promise<MemberRow | undefined>
  /** The organization's delegated administrator in a region. */
  getOrganizationAdmin(region: string): Promise<OrganizationAdminRow | undefined>
  /** Designates (or updates) the delegated administrator of a region; ConflictError if another one holds it. */
  putOrganizationAdmin(row: OrganizationAdminRow): Promise<void>
  /** Removes the delegated administrator of a region. */
  deleteOrganizationAdmin(region: string): Promise<void>
  /** Deletes every row of the scope (DisableMacie): its relationships as administrator and as member, and its delegation. */
  deleteScope(scope: Scope): Promise<void>
}

/**
 * The ARN of a member account as its administrator's resource.
 * @example
 * memberArn('us-east-1', '111122223333', '444455556666') // arn:aws:macie2:us-east-1:111122223333:member/444455556666
 */
export function memberArn(region: string, administratorAccountId: string, memberAccountId: string): string {
  return `arn:aws:macie2:${region}:${administratorAccountId}:member/${memberAccountId}`
}

const DEFAULT_PAGE = 25
const ARNS_PER_QUERY = 500

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505'
}

function fromRow(r: Selectable<MemberRelationshipsTable>): MemberRow {
  return {
    administratorAccountId: r.account_id,
    memberAccountId: r.member_account_id,
    region: r.region,
    ...(r.email !== null ? { email: r.email } : {}),
    relationshipStatus: r.relationship_status as StoredRelationshipStatus,
    ...(r.invitation_id !== null ? { invitationId: r.invitation_id } : {}),
    ...(r.invited_at !== null ? { invitedAt: new Date(Number(r.invited_at)) } : {}),
    isOrganization: Number(r.is_organization) === 1,
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
  }
}

function columnsOf(row: MemberRow): MemberRelationshipsTable {
  return {
    account_id: row.administratorAccountId,
    region: row.region,
    member_account_id: row.memberAccountId,
    email: row.email ?? null,
    relationship_status: row.relationshipStatus,
    invitation_id: row.invitationId ?? null,
    invited_at: row.invitedAt ? row.invitedAt.getTime() : null,
    is_organization: row.isOrganization ? 1 : 0,
    created_at: row.createdAt.getTime(),
    updated_at: row.updatedAt.getTime(),
  }
}

function adminFromRow(r: Selectable<OrganizationAdminsTable>): OrganizationAdminRow {
  return { accountId: r.account_id, region: r.region, autoEnable: Number(r.auto_enable) === 1, createdAt: new Date(Number(r.created_at)) }
}

async function deleteMemberTags(db: Db, region: string, administratorAccountId: string, memberAccountIds: string[]): Promise<void> {
  // Both drivers cap bound parameters per statement; an administrator may have 11,000 members.
  for (let i = 0; i < memberAccountIds.length; i += ARNS_PER_QUERY) {
    const arns = memberAccountIds.slice(i, i + ARNS_PER_QUERY).map((m) => memberArn(region, administratorAccountId, m))
    await db.deleteFrom('resource_tags').where('account_id', '=', administratorAccountId).where('region', '=', region).where('arn', 'in', arns).execute()
  }
}

/** A page of rows ordered by one text column, after the token's value of it. */
function pageOf(rows: MemberRow[], limit: number, kind: string, keyOf: (r: MemberRow) => string): MembersPage<MemberRow> {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return rows.length > limit && last ? { items, nextToken: encodePageToken(kind, [keyOf(last)]) } : { items }
}

/**
 * The members repository on a migrated database.
 * @example
 * const members = membersRepository(db)
 */
export function membersRepository(db: Kysely<Database>): MembersRepository {
  const byAdministrator = (administrator: Scope) =>
    db.selectFrom('member_relationships').selectAll().where('account_id', '=', administrator.accountId).where('region', '=', administrator.region)
  const byMember = (member: Scope) =>
    db.selectFrom('member_relationships').selectAll().where('member_account_id', '=', member.accountId).where('region', '=', member.region)

  return {
    async get(administrator, memberAccountId) {
      const r = await byAdministrator(administrator).where('member_account_id', '=', memberAccountId).executeTakeFirst()
      return r && fromRow(r)
    },

    async put(row) {
      const values = columnsOf(row)
      const changes = {
        email: values.email,
        relationship_status: values.relationship_status,
        invitation_id: values.invitation_id,
        invited_at: values.invited_at,
        is_organization: values.is_organization,
        created_at: values.created_at,
        updated_at: values.updated_at,
      }
      try {
        await db
          .insertInto('member_relationships')
          .values(values)
          .onConflict((oc) => oc.columns(['account_id', 'region', 'member_account_id']).doUpdateSet(changes))
          .execute()
      } catch (err) {
        if (isUniqueViolation(err)) throw new ConflictError(`account ${row.memberAccountId} already has an administrator account in ${row.region}`, { cause: err })
        throw err
      }
    },

    async delete(administrator, memberAccountId) {
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom('member_relationships')
          .where('account_id', '=', administrator.accountId)
          .where('region', '=', administrator.region)
          .where('member_account_id', '=', memberAccountId)
          .execute()
        await deleteMemberTags(trx, administrator.region, administrator.accountId, [memberAccountId])
      })
    },

    async listAll(administrator) {
      const rows = await byAdministrator(administrator).orderBy('member_account_id').execute()
      return rows.map(fromRow)
    },

    async list(administrator, options, page) {
      const limit = pageSize({ maxResults: page.maxResults ?? DEFAULT_PAGE })
      let query = byAdministrator(administrator)
      if (options.onlyAssociated) query = query.where('relationship_status', '=', 'Enabled')
      if (page.nextToken) {
        const [after] = decodePageToken(page.nextToken, 'members', [false])
        query = query.where('member_account_id', '>', after as string)
      }
      const rows = await query.orderBy('member_account_id').limit(limit + 1).execute()
      return pageOf(rows.map(fromRow), limit, 'members', (r) => r.memberAccountId)
    },

    async listInvitations(member, page) {
      const limit = pageSize({ maxResults: page.maxResults ?? DEFAULT_PAGE })
      let query = byMember(member).where('invitation_id', 'is not', null)
      if (page.nextToken) {
        const [after] = decodePageToken(page.nextToken, 'invitations', [false])
        query = query.where('account_id', '>', after as string)
      }
      const rows = await query.orderBy('account_id').limit(limit + 1).execute()
      return pageOf(rows.map(fromRow), limit, 'invitations', (r) => r.administratorAccountId)
    },

    async listReceived(member) {
      const rows = await byMember(member).orderBy('account_id').execute()
      return rows.map(fromRow)
    },

    async administratorOf(member) {
      const r = await byMember(member).where('relationship_status', '=', 'Enabled').executeTakeFirst()
      return r && fromRow(r)
    },

    async getOrganizationAdmin(region) {
      const r = await db.selectFrom('organization_admins').selectAll().where('region', '=', region).executeTakeFirst()
      return r && adminFromRow(r)
    },

    async putOrganizationAdmin(row) {
      // Only the same administrator may update the row: another one would take the delegation over.
      const result = await db
        .insertInto('organization_admins')
        .values({ region: row.region, account_id: row.accountId, auto_enable: row.autoEnable ? 1 : 0, created_at: row.createdAt.getTime() })
        .onConflict((oc) =>
          oc
            .column('region')
            .doUpdateSet({ auto_enable: row.autoEnable ? 1 : 0 })
            .where('organization_admins.account_id', '=', row.accountId),
        )
        .executeTakeFirst()
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) throw new ConflictError(`another account is the delegated administrator account in ${row.region}`)
    },

    async deleteOrganizationAdmin(region) {
      await db.deleteFrom('organization_admins').where('region', '=', region).execute()
    },

    async deleteScope(scope) {
      await db.transaction().execute(async (trx) => {
        const asAdministrator = await trx
          .selectFrom('member_relationships')
          .select('member_account_id')
          .where('account_id', '=', scope.accountId)
          .where('region', '=', scope.region)
          .execute()
        await deleteMemberTags(trx, scope.region, scope.accountId, asAdministrator.map((r) => r.member_account_id))
        const asMember = await trx
          .selectFrom('member_relationships')
          .select('account_id')
          .where('member_account_id', '=', scope.accountId)
          .where('region', '=', scope.region)
          .execute()
        for (const r of asMember) await deleteMemberTags(trx, scope.region, r.account_id, [scope.accountId])
        await trx.deleteFrom('member_relationships').where('account_id', '=', scope.accountId).where('region', '=', scope.region).execute()
        await trx.deleteFrom('member_relationships').where('member_account_id', '=', scope.accountId).where('region', '=', scope.region).execute()
        await trx.deleteFrom('organization_admins').where('account_id', '=', scope.accountId).where('region', '=', scope.region).execute()
      })
    },
  }
}
