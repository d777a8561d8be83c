// Account settings through @aws-sdk/client-macie2 against buildApp() on 127.0.0.1: findings
// publication, reveal, automated discovery, the classification scope and the sensitivity
// inspection template — defaults, updates, modeled errors, and a second account that sees none of it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import {
  CreateAllowListCommand,
  CreateCustomDataIdentifierCommand,
  DeleteCustomDataIdentifierCommand,
  GetAutomatedDiscoveryConfigurationCommand,
  GetClassificationScopeCommand,
  GetFindingsPublicationConfigurationCommand,
  GetRevealConfigurationCommand,
  GetSensitivityInspectionTemplateCommand,
  ListClassificationScopesCommand,
  ListSensitivityInspectionTemplatesCommand,
  PutFindingsPublicationConfigurationCommand,
  UpdateAutomatedDiscoveryConfigurationCommand,
  UpdateClassificationScopeCommand,
  UpdateRevealConfigurationCommand,
  UpdateSensitivityInspectionTemplateCommand,
} from '@aws-sdk/client-macie2'
import type { ApiAccount } from '../../src/api/credentials.js'
import { ACCOUNT_A as A, ACCOUNT_B as B, startApi, type RunningApi } from '../support/api.js'

const C: ApiAccount = { accountId: '777788889999', accessKeyId: 'AKIACCCCCCCCCCCCCCCC', secretAccessKey: 'secret-of-account-c-000000000000000000000' }

const HEX32 = /^[0-9a-f]{32}$/
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'
const NAME = 'automated-sensitive-data-discovery'
const isError = (name: string, message?: RegExp) => (err: Error) => err.name === name && (!message || message.test(err.message))

describe('account settings through the AWS SDK', () => {
  let api: RunningApi

  before(async () => {
    api = await startApi({ accounts: [A, B, C], enable: [A, B] })
  })

  after(() => api?.close())

  describe('findings publication', () => {
    it('answers the defaults, then the flags put, per account', async () => {
      const a = api.client(A)
      assert.deepEqual((await a.send(new GetFindingsPublicationConfigurationCommand({}))).securityHubConfiguration, {
        publishClassificationFindings: false,
        publishPolicyFindings: true,
      })
      await a.send(new PutFindingsPublicationConfigurationCommand({ securityHubConfiguration: { publishClassificationFindings: true, publishPolicyFindings: false } }))
      assert.deepEqual((await a.send(new GetFindingsPublicationConfigurationCommand({}))).securityHubConfiguration, {
        publishClassificationFindings: true,
        publishPolicyFindings: false,
      })
      // Without a configuration the put changes nothing.
      await a.send(new PutFindingsPublicationConfigurationCommand({ clientToken: 'same-token' }))
      assert.equal((await a.send(new GetFindingsPublicationConfigurationCommand({}))).securityHubConfiguration?.publishClassificationFindings, true)
      assert.deepEqual((await api.client(B).send(new GetFindingsPublicationConfigurationCommand({}))).securityHubConfiguration, {
        publishClassificationFindings: false,
        publishPolicyFindings: true,
      })
    })

    it('refuses a configuration without both flags, and any call before EnableMacie', async () => {
      await assert.rejects(
        api.client(A).send(new PutFindingsPublicationConfigurationCommand({ securityHubConfiguration: { publishPolicyFindings: true } as never })),
        isError('ValidationException', /publishClassificationFindings/),
      )
      await assert.rejects(api.client(C).send(new GetFindingsPublicationConfigurationCommand({})), (err: Error) => /not enabled/i.test(err.message))
    })
  })

  describe('reveal', () => {
    it('is disabled by default; enabling keeps the key and the caller-credentials mode', async () => {
      const a = api.client(A)
      const initial = await a.send(new GetRevealConfigurationCommand({}))
      assert.deepEqual(initial.configuration, { status: 'DISABLED' })
      assert.equal(initial.retrievalConfiguration, undefined)
      const enabled = await a.send(new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: KEY_ARN } }))
      assert.deepEqual(enabled.configuration, { status: 'ENABLED', kmsKeyId: KEY_ARN })
      assert.deepEqual(enabled.retrievalConfiguration, { retrievalMode: 'CALLER_CREDENTIALS' })
      const got = await a.send(new GetRevealConfigurationCommand({}))
      assert.deepEqual(got.configuration, enabled.configuration)
      assert.deepEqual(got.retrievalConfiguration, enabled.retrievalConfiguration)
    })

    it('generates an external ID for ASSUME_ROLE, keeps it across updates, and drops the retrieval settings on disabling', async () => {
      const a = api.client(A)
      const first = await a.send(
        new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: 'alias/reveal' }, retrievalConfiguration: { retrievalMode: 'ASSUME_ROLE', roleName: 'MacieReveal' } }),
      )
      assert.equal(first.retrievalConfiguration?.retrievalMode, 'ASSUME_ROLE')
      assert.equal(first.retrievalConfiguration?.roleName, 'MacieReveal')
      const externalId = first.retrievalConfiguration?.externalId
      assert.ok(externalId && externalId.length >= 16)
      const second = await a.send(
        new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: 'alias/reveal' }, retrievalConfiguration: { retrievalMode: 'ASSUME_ROLE', roleName: 'OtherRole' } }),
      )
      assert.equal(second.retrievalConfiguration?.externalId, externalId)
      assert.equal((await a.send(new GetRevealConfigurationCommand({}))).retrievalConfiguration?.roleName, 'OtherRole')

      const disabled = await a.send(new UpdateRevealConfigurationCommand({ configuration: { status: 'DISABLED' }, retrievalConfiguration: { retrievalMode: 'ASSUME_ROLE', roleName: 'Ignored' } }))
      assert.deepEqual(disabled.configuration, { status: 'DISABLED' })
      assert.equal(disabled.retrievalConfiguration, undefined)
      const after = await a.send(new GetRevealConfigurationCommand({}))
      assert.deepEqual(after.configuration, { status: 'DISABLED' })
      assert.equal(after.retrievalConfiguration, undefined)

      const again = await a.send(
        new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: KEY_ARN }, retrievalConfiguration: { retrievalMode: 'ASSUME_ROLE', roleName: 'MacieReveal' } }),
      )
      assert.notEqual(again.retrievalConfiguration?.externalId, externalId)
    })

    it('refuses enabling without a key, a malformed key, a role without ASSUME_ROLE, ASSUME_ROLE without a role', async () => {
      const a = api.client(A)
      const cases: Array<[UpdateRevealConfigurationCommand, RegExp]> = [
        [new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED' } }), /kmsKeyId/],
        [new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: 'not a key' } }), /kmsKeyId/],
        [new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: KEY_ARN }, retrievalConfiguration: { retrievalMode: 'CALLER_CREDENTIALS', roleName: 'R' } }), /roleName/],
        [new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: KEY_ARN }, retrievalConfiguration: { retrievalMode: 'ASSUME_ROLE' } }), /roleName/],
        [new UpdateRevealConfigurationCommand({ configuration: { status: 'PAUSED' as never, kmsKeyId: KEY_ARN } }), /status/],
      ]
      const before = await a.send(new GetRevealConfigurationCommand({}))
      for (const [command, message] of cases) await assert.rejects(a.send(command), isError('ValidationException', message))
      const after = await a.send(new GetRevealConfigurationCommand({}))
      assert.deepEqual(after.configuration, before.configuration)
    })

    it('keeps each account its own reveal configuration', async () => {
      await api.client(A).send(new UpdateRevealConfigurationCommand({ configuration: { status: 'ENABLED', kmsKeyId: KEY_ARN } }))
      assert.deepEqual((await api.client(B).send(new GetRevealConfigurationCommand({}))).configuration, { status: 'DISABLED' })
    })
  })

  describe('automated discovery, classification scope and sensitivity inspection template', () => {
    it('creates the scope and the template with the first call, the same IDs ever after', async () => {
      const a = api.client(A)
      const [first, scopes, templates] = await Promise.all([
        a.send(new GetAutomatedDiscoveryConfigurationCommand({})),
        a.send(new ListClassificationScopesCommand({})),
        a.send(new ListSensitivityInspectionTemplatesCommand({})),
      ])
      assert.equal(first.status, 'DISABLED')
      assert.match(first.classificationScopeId!, HEX32)
      assert.match(first.sensitivityInspectionTemplateId!, HEX32)
      assert.notEqual(first.classificationScopeId, first.sensitivityInspectionTemplateId)
      assert.equal(first.firstEnabledAt, undefined)
      assert.equal(first.disabledAt, undefined)
      assert.deepEqual(scopes.classificationScopes, [{ id: first.classificationScopeId, name: NAME }])
      assert.equal(scopes.nextToken, undefined)
      assert.deepEqual(templates.sensitivityInspectionTemplates, [{ id: first.sensitivityInspectionTemplateId, name: NAME }])
      const again = await a.send(new GetAutomatedDiscoveryConfigurationCommand({}))
      assert.equal(again.classificationScopeId, first.classificationScopeId)
      assert.equal(again.sensitivityInspectionTemplateId, first.sensitivityInspectionTemplateId)
      const b = await api.client(B).send(new GetAutomatedDiscoveryConfigurationCommand({}))
      assert.notEqual(b.classificationScopeId, first.classificationScopeId)
    })

    it('records when discovery was first enabled, last changed and last disabled', async () => {
      const a = api.client(A)
      const t0 = Date.now()
      await a.send(new UpdateAutomatedDiscoveryConfigurationCommand({ status: 'ENABLED' }))
      const on = await a.send(new GetAutomatedDiscoveryConfigurationCommand({}))
      assert.equal(on.status, 'ENABLED')
      assert.ok(on.firstEnabledAt instanceof Date && on.firstEnabledAt.getTime() >= t0 - 1000)
      assert.equal(on.lastUpdatedAt?.getTime(), on.firstEnabledAt.getTime())
      assert.equal(on.disabledAt, undefined)

      await new Promise((resolve) => setTimeout(resolve, 5))
      await a.send(new UpdateAutomatedDiscoveryConfigurationCommand({ status: 'DISABLED' }))
      const off = await a.send(new GetAutomatedDiscoveryConfigurationCommand({}))
      assert.equal(off.status, 'DISABLED')
      assert.equal(off.firstEnabledAt?.getTime(), on.firstEnabledAt.getTime())
      assert.ok(off.disabledAt instanceof Date && off.disabledAt.getTime() > on.firstEnabledAt.getTime())
      assert.equal(off.lastUpdatedAt?.getTime(), off.disabledAt.getTime())

      await a.send(new UpdateAutomatedDiscoveryConfigurationCommand({ status: 'ENABLED', autoEnableOrganizationMembers: 'NEW' }))
      const back = await a.send(new GetAutomatedDiscoveryConfigurationCommand({}))
      assert.equal(back.status, 'ENABLED')
      assert.equal(back.firstEnabledAt?.getTime(), on.firstEnabledAt.getTime())
      assert.equal(back.disabledAt, undefined)
      assert.equal(back.autoEnableOrganizationMembers, 'NEW')
      assert.equal((await api.client(B).send(new GetAutomatedDiscoveryConfigurationCommand({}))).status, 'DISABLED')
    })

    it('refuses an unknown status', async () => {
      await assert.rejects(api.client(A).send(new UpdateAutomatedDiscoveryConfigurationCommand({ status: 'PAUSED' as never })), isError('ValidationException', /status/))
    })

    it('adds, removes and replaces excluded buckets', async () => {
      const a = api.client(A)
      const { classificationScopeId: id } = await a.send(new GetAutomatedDiscoveryConfigurationCommand({}))
      const excluded = async () => (await a.send(new GetClassificationScopeCommand({ id }))).s3?.excludes?.bucketNames
      const got = await a.send(new GetClassificationScopeCommand({ id }))
      assert.equal(got.id, id)
      assert.equal(got.name, NAME)
      assert.deepEqual(got.s3?.excludes?.bucketNames, [])
      const update = (operation: 'ADD' | 'REMOVE' | 'REPLACE', bucketNames: string[]) =>
        a.send(new UpdateClassificationScopeCommand({ id, s3: { excludes: { operation, bucketNames } } }))
      await update('ADD', ['logs', 'archive', 'logs'])
      assert.deepEqual(await excluded(), ['logs', 'archive'])
      await update('ADD', ['archive', 'tmp'])
      assert.deepEqual(await excluded(), ['logs', 'archive', 'tmp'])
      await update('REMOVE', ['archive', 'never-there'])
      assert.deepEqual(await excluded(), ['logs', 'tmp'])
      await update('REPLACE', ['only-this'])
      assert.deepEqual(await excluded(), ['only-this'])
      await a.send(new UpdateClassificationScopeCommand({ id }))
      assert.deepEqual(await excluded(), ['only-this'])
      await update('REPLACE', [])
      assert.deepEqual(await excluded(), [])
    })

    it('filters the list of scopes by name and refuses a foreign page token', async () => {
      const a = api.client(A)
      assert.equal((await a.send(new ListClassificationScopesCommand({ name: NAME }))).classificationScopes?.length, 1)
      assert.deepEqual((await a.send(new ListClassificationScopesCommand({ name: 'other' }))).classificationScopes, [])
      await assert.rejects(a.send(new ListClassificationScopesCommand({ nextToken: 'abc' })), isError('ValidationException', /nextToken/))
      await assert.rejects(a.send(new ListSensitivityInspectionTemplatesCommand({ nextToken: 'abc' })), isError('ValidationException', /nextToken/))
    })

    it('refuses an unknown scope ID, another account\'s scope, a bad bucket name and too many exclusions', async () => {
      const a = api.client(A)
      const { classificationScopeId: id } = await a.send(new GetAutomatedDiscoveryConfigurationCommand({}))
      await assert.rejects(a.send(new GetClassificationScopeCommand({ id: '0'.repeat(32) })), isError('ResourceNotFoundException'))
      await assert.rejects(api.client(B).send(new GetClassificationScopeCommand({ id })), isError('ResourceNotFoundException'))
      await assert.rejects(
        api.client(B).send(new UpdateClassificationScopeCommand({ id, s3: { excludes: { operation: 'ADD', bucketNames: ['b-bucket'] } } })),
        isError('ResourceNotFoundException'),
      )
      await assert.rejects(
        a.send(new UpdateClassificationScopeCommand({ id, s3: { excludes: { operation: 'ADD', bucketNames: ['no spaces allowed'] } } })),
        isError('ValidationException'),
      )
      await assert.rejects(
        a.send(new UpdateClassificationScopeCommand({ id, s3: { excludes: { operation: 'MERGE' as never, bucketNames: ['x-bucket'] } } })),
        isError('ValidationException', /operation/),
      )
      const many = Array.from({ length: 1001 }, (_, i) => `bucket-${i}`)
      await assert.rejects(a.send(new UpdateClassificationScopeCommand({ id, s3: { excludes: { operation: 'REPLACE', bucketNames: many } } })), isError('ValidationException', /1000/))
      assert.deepEqual((await a.send(new GetClassificationScopeCommand({ id }))).s3?.excludes?.bucketNames, [])
    })

    it('keeps the default template, replaces it with checked identifiers and allow lists', async () => {
      const a = api.client(A)
      const { sensitivityInspectionTemplateId: id } = await a.send(new GetAutomatedDiscoveryConfigurationCommand({}))
      const initial = await a.send(new GetSensitivityInspectionTemplateCommand({ id }))
      assert.equal(initial.sensitivityInspectionTemplateId, id)
      assert.equal(initial.name, NAME)
      assert.equal(initial.description, undefined)
      assert.deepEqual(initial.includes, { allowListIds: [], customDataIdentifierIds: [], managedDataIdentifierIds: [] })
      assert.deepEqual(initial.excludes, { managedDataIdentifierIds: [] })

      const { customDataIdentifierId: cdi } = await a.send(new CreateCustomDataIdentifierCommand({ name: 'Employee ID', regex: 'EMP-[0-9]{6}' }))
      const { id: allowListId } = await a.send(new CreateAllowListCommand({ name: 'Test cards', criteria: { regex: '4111.*' }, clientToken: 'settings-allow-list' }))
      await a.send(
        new UpdateSensitivityInspectionTemplateCommand({
          id,
          description: 'ours',
          includes: { customDataIdentifierIds: [cdi!], allowListIds: [allowListId!], managedDataIdentifierIds: ['AWS_CREDENTIALS', 'AWS_CREDENTIALS'] },
          excludes: { managedDataIdentifierIds: ['CREDIT_CARD_NUMBER'] },
        }),
      )
      const updated = await a.send(new GetSensitivityInspectionTemplateCommand({ id }))
      assert.equal(updated.description, 'ours')
      assert.deepEqual(updated.includes, { allowListIds: [allowListId], customDataIdentifierIds: [cdi], managedDataIdentifierIds: ['AWS_CREDENTIALS'] })
      assert.deepEqual(updated.excludes, { managedDataIdentifierIds: ['CREDIT_CARD_NUMBER'] })

      await a.send(new UpdateSensitivityInspectionTemplateCommand({ id, excludes: { managedDataIdentifierIds: ['AWS_CREDENTIALS'] } }))
      const replaced = await a.send(new GetSensitivityInspectionTemplateCommand({ id }))
      assert.equal(replaced.description, undefined)
      assert.deepEqual(replaced.includes, { allowListIds: [], customDataIdentifierIds: [], managedDataIdentifierIds: [] })
      assert.deepEqual(replaced.excludes, { managedDataIdentifierIds: ['AWS_CREDENTIALS'] })
    })

    it('refuses unknown, deleted and foreign identifiers, unknown allow lists, contradictions and another account\'s template', async () => {
      const a = api.client(A)
      const b = api.client(B)
      const { sensitivityInspectionTemplateId: id } = await a.send(new GetAutomatedDiscoveryConfigurationCommand({}))
      const { customDataIdentifierId: deleted } = await a.send(new CreateCustomDataIdentifierCommand({ name: 'Gone', regex: 'GONE-[0-9]+' }))
      await a.send(new DeleteCustomDataIdentifierCommand({ id: deleted }))
      const { customDataIdentifierId: foreign } = await b.send(new CreateCustomDataIdentifierCommand({ name: 'B only', regex: 'BONLY-[0-9]+' }))
      const before = await a.send(new GetSensitivityInspectionTemplateCommand({ id }))
      const cases: Array<[UpdateSensitivityInspectionTemplateCommand, RegExp]> = [
        [new UpdateSensitivityInspectionTemplateCommand({ id, includes: { managedDataIdentifierIds: ['NOT_A_MANAGED_ID'] } }), /NOT_A_MANAGED_ID/],
        [new UpdateSensitivityInspectionTemplateCommand({ id, excludes: { managedDataIdentifierIds: ['NOT_A_MANAGED_ID'] } }), /NOT_A_MANAGED_ID/],
        [new UpdateSensitivityInspectionTemplateCommand({ id, includes: { customDataIdentifierIds: [deleted!] } }), /does not exist/],
        [new UpdateSensitivityInspectionTemplateCommand({ id, includes: { customDataIdentifierIds: [foreign!] } }), /does not exist/],
        [new UpdateSensitivityInspectionTemplateCommand({ id, includes: { allowListIds: ['abcdefghij0123456789ab'] } }), /allow list/],
        [
          new UpdateSensitivityInspectionTemplateCommand({ id, includes: { managedDataIdentifierIds: ['AWS_CREDENTIALS'] }, excludes: { managedDataIdentifierIds: ['AWS_CREDENTIALS'] } }),
          /both included and excluded/,
        ],
      ]
      for (const [command, message] of cases) await assert.rejects(a.send(command), isError('ValidationException', message))
      assert.deepEqual((await a.send(new GetSensitivityInspectionTemplateCommand({ id }))).excludes, before.excludes)

      await assert.rejects(a.send(new GetSensitivityInspectionTemplateCommand({ id: 'f'.repeat(32) })), isError('ResourceNotFoundException'))
      await assert.rejects(b.send(new GetSensitivityInspectionTemplateCommand({ id })), isError('ResourceNotFoundException'))
      await assert.rejects(b.send(new UpdateSensitivityInspectionTemplateCommand({ id, description: 'taken over' })), isError('ResourceNotFoundException'))
      assert.equal((await a.send(new GetSensitivityInspectionTemplateCommand({ id }))).description, before.description)
    })
  })
})
