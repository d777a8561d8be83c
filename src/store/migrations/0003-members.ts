// Migration 0003-members: administrator, member and invitation relationships between accounts, and the organization configuration.
// Columns are written out here: a shipped migration never changes.
import { sql, type Kysely, type Migration } from 'kysely'

/** One account's relationship with an administrator account in a region; `account_id` is the administrator. */
export interface MemberRelationshipsTable {
  account_id: string
  region: string
  member_account_id: string
  email: string | null
  /** Created, Invited, Enabled, Removed or Resigned (Paused is read from the member's session). */
  relationship_status: string
  /** Set while the member holds the invitation (pending, declined or accepted); cleared when deleted or ended. */
  invitation_id: string | null
  invited_at: number | null
  /** 1 when the delegated administrator of the organization added the account (no invitation). */
  is_organization: number
  created_at: number
  updated_at: number
}

/** The delegated administrator of the organization in a region, and the organization's configuration there. */
export interface OrganizationAdminsTable {
  account_id: string
  region: string
  auto_enable: number
  created_at: number
}

/** The tables this migration creates. */
export interface MembersTables {
  member_relationships: MemberRelationshipsTable
  organization_admins: OrganizationAdminsTable
}

/** Creates the tables. */
export const membersMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('member_relationships')
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('region', 'text', (c) => c.notNull())
      .addColumn('member_account_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('relationship_status', 'text', (c) => c.notNull())
      .addColumn('invitation_id', 'text')
      .addColumn('invited_at', 'bigint')
      .addColumn('is_organization', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('member_relationships_pk', ['account_id', 'region', 'member_account_id'])
      .execute()
    await db.schema.createIndex('member_relationships_member').on('member_relationships').columns(['member_account_id', 'region', 'account_id']).execute()
    // An account has at most one administrator per region: two concurrent acceptances cannot both commit.
    await db.schema
      .createIndex('member_relationships_one_administrator')
      .unique()
      .on('member_relationships')
      .columns(['member_account_id', 'region'])
      .where(sql.ref('relationship_status'), '=', 'Enabled')
      .execute()

    await db.schema
      .createTable('organization_admins')
      .addColumn('region', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull())
      .addColumn('auto_enable', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute()
  },
}
