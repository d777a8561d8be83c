// Account settings kept in the store's settings repository: findings publication (Security Hub
// flags), reveal, and automated discovery with its classification scope and sensitivity
// inspection template. These operations keep the settings only; the discovery that reads them
// (sampling buckets daily, sensitivity scores, resource profiles) is not here.
import { randomBytes, randomUUID } from 'node:crypto'
import { managedIdentifiers } from '../../detect/identifiers/index.js'
import { InvalidInputError, NotFoundError } from '../../errors.js'
import { dropRevealedSamples } from '../../jobs/reveal.js'
import { SETTING } from '../../jobs/setting-names.js'
import type { Scope, Store } from '../../store/types.js'
import type { Handler } from '../context.js'

/** Macie's name of the one classification scope and the one template of an account. */
export const AUTOMATED_DISCOVERY_NAME = 'automated-sensitive-data-discovery'

/** Buckets that can be excluded from automated discovery (MACIE.md §8.2). */
export const MAX_EXCLUDED_BUCKETS = 1000

/** Security Hub publishing flags (PutFindingsPublicationConfiguration). */
export interface SecurityHubConfiguration {
  publishClassificationFindings: boolean
  publishPolicyFindings: boolean
}

/** The reveal configuration as stored and as GetRevealConfiguration returns it. */
export interface RevealSettings {
  configuration: { status: 'ENABLED' | 'DISABLED'; kmsKeyId?: string }
  retrievalConfiguration?: { retrievalMode: 'CALLER_CREDENTIALS' | 'ASSUME_ROLE'; roleName?: string; externalId?: string }
}

/** Automated discovery's state; instants are ISO strings, as the settings repository keeps them. */
interface AutomatedDiscoverySettings {
  status: 'ENABLED' | 'DISABLED'
  autoEnableOrganizationMembers?: 'ALL' | 'NEW' | 'NONE'
  firstEnabledAt?: string
  lastUpdatedAt?: string
  disabledAt?: string
}

interface ClassificationScopeSettings {
  id: string
  bucketNames: string[]
}

interface TemplateSettings {
  id: string
  description?: string
  includes: { allowListIds: string[]; customDataIdentifierIds: string[]; managedDataIdentifierIds: string[] }
  excludes: { managedDataIdentifierIds: string[] }
}

const DEFAULT_PUBLICATION: SecurityHubConfiguration = { publishClassificationFindings: false, publishPolicyFindings: true }

// A KMS key as Macie accepts it for reveal: key ARN, key ID (multi-Region too), alias name or alias ARN.
const KMS_KEY = /^(?:arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:(?:key\/[A-Za-z0-9-]+|alias\/[A-Za-z0-9/_-]+)|alias\/[A-Za-z0-9/_-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/

/**
 * The reveal configuration of a scope, DISABLED when never set (for GetSensitiveDataOccurrences).
 * @example
 * const { configuration } = await readRevealSettings(store, scope)
 */
export async function readRevealSettings(store: Store, scope: Scope): Promise<RevealSettings> {
  return ((await store.settings.get(scope, SETTING.reveal)) as RevealSettings | undefined) ?? { configuration: { status: 'DISABLED' } }
}

// Read-modify-write of a scope's settings, one at a time in this process, so that two first
// calls do not create two classification scopes, nor two ADDs lose one another's buckets.
const queues = new Map<string, Promise<unknown>>()
function serialised<T>(scope: Scope, work: () => Promise<T>): Promise<T> {
  const key = `${scope.accountId}\u0000${scope.region}`
  const previous = queues.get(key) ?? Promise.resolve()
  const result = previous.then(work, work)
  const settled = result.catch(() => undefined)
  queues.set(key, settled)
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key)
  })
  return result
}

const newId = (): string => randomBytes(16).toString('hex')

/** The classification scope and template of a scope, created with its first call. Run serialised. */
async function ensureDiscoveryResources(store: Store, scope: Scope): Promise<{ scopeSettings: ClassificationScopeSettings; template: TemplateSettings }> {
  let scopeSettings = (await store.settings.get(scope, SETTING.classificationScope)) as ClassificationScopeSettings | undefined
  if (!scopeSettings) {
    scopeSettings = { id: newId(), bucketNames: [] }
    await store.settings.put(scope, SETTING.classificationScope, scopeSettings)
  }
  let template = (await store.settings.get(scope, SETTING.sensitivityInspectionTemplate)) as TemplateSettings | undefined
  if (!template) {
    // Macie's default: the recommended managed identifiers, no custom identifiers, no allow lists.
    template = { id: newId(), includes: { allowListIds: [], customDataIdentifierIds: [], managedDataIdentifierIds: [] }, excludes: { managedDataIdentifierIds: [] } }
    await store.settings.put(scope, SETTING.sensitivityInspectionTemplate, template)
  }
  return { scopeSettings, template }
}

function unique(values: unknown): string[] {
  return [...new Set((values as string[] | undefined) ?? [])]
}

/** Checks a template's includes/excludes against what exists in the scope; returns them deduplicated. */
async function checkTemplate(store: Store, scope: Scope, input: Record<string, unknown>): Promise<Pick<TemplateSettings, 'includes' | 'excludes'>> {
  const includes = (input.includes ?? {}) as Record<string, unknown>
  const excludes = (input.excludes ?? {}) as Record<string, unknown>
  const checked = {
    includes: {
      allowListIds: unique(includes.allowListIds),
      customDataIdentifierIds: unique(includes.customDataIdentifierIds),
      managedDataIdentifierIds: unique(includes.managedDataIdentifierIds),
    },
    excludes: { managedDataIdentifierIds: unique(excludes.managedDataIdentifierIds) },
  }
  const managed = new Set(managedIdentifiers.map((i) => i.id))
  for (const [field, ids] of [['includes', checked.includes.managedDataIdentifierIds], ['excludes', checked.excludes.managedDataIdentifierIds]] as const) {
    const unknown = ids.filter((id) => !managed.has(id))
    if (unknown.length > 0) throw new InvalidInputError(`${field}.managedDataIdentifierIds: unknown managed data identifier ID: ${unknown.join(', ')}`)
  }
  const both = checked.includes.managedDataIdentifierIds.filter((id) => checked.excludes.managedDataIdentifierIds.includes(id))
  if (both.length > 0) throw new InvalidInputError(`a managed data identifier cannot be both included and excluded: ${both.join(', ')}`)
  for (const id of checked.includes.customDataIdentifierIds) {
    const cdi = await store.customDataIdentifiers.get(scope, id)
    if (!cdi || cdi.deleted) throw new InvalidInputError(`custom data identifier ${id} does not exist`)
  }
  for (const id of checked.includes.allowListIds) {
    if (!(await store.allowLists.get(scope, id))) throw new InvalidInputError(`allow list ${id} does not exist`)
  }
  return checked
}

/** The reveal configuration an UpdateRevealConfiguration request asks for, given the current one. */
function nextRevealSettings(input: Record<string, unknown>, current: RevealSettings): RevealSettings {
  const configuration = input.configuration as RevealSettings['configuration']
  const kmsKeyId = configuration.kmsKeyId
  if (kmsKeyId !== undefined && !KMS_KEY.test(kmsKeyId)) {
    throw new InvalidInputError('configuration.kmsKeyId must be the ARN, ID or alias of a KMS key')
  }
  const stored: RevealSettings['configuration'] = { status: configuration.status, ...(kmsKeyId ? { kmsKeyId } : {}) }
  // Disabling deletes the retrieval settings (MACIE.md §8.4).
  if (configuration.status === 'DISABLED') return { configuration: stored }
  if (!kmsKeyId) throw new InvalidInputError('configuration.kmsKeyId is required to enable reveal: samples are encrypted with it')
  const asked = input.retrievalConfiguration as { retrievalMode: 'CALLER_CREDENTIALS' | 'ASSUME_ROLE'; roleName?: string } | undefined
  if (!asked) return { configuration: stored, retrievalConfiguration: current.retrievalConfiguration ?? { retrievalMode: 'CALLER_CREDENTIALS' } }
  if (asked.retrievalMode === 'CALLER_CREDENTIALS') {
    if (asked.roleName !== undefined) throw new InvalidInputError('retrievalConfiguration.roleName is only for retrievalMode ASSUME_ROLE')
    return { configuration: stored, retrievalConfiguration: { retrievalMode: 'CALLER_CREDENTIALS' } }
  }
  if (!asked.roleName) throw new InvalidInputError('retrievalConfiguration.roleName is required for retrievalMode ASSUME_ROLE')
  // The external ID stays the same while the account keeps assuming a role: trust policies name it.
  const externalId = current.retrievalConfiguration?.retrievalMode === 'ASSUME_ROLE' && current.retrievalConfiguration.externalId ? current.retrievalConfiguration.externalId : randomUUID()
  return { configuration: stored, retrievalConfiguration: { retrievalMode: 'ASSUME_ROLE', roleName: asked.roleName, externalId } }
}

/** Refuses a page token: these lists hold one item, so no token was ever handed out. */
function noPageToken(nextToken: unknown, list: string): void {
  if (typeof nextToken === 'string' && nextToken.length > 0) throw new InvalidInputError(`nextToken is not a token of the ${list}`)
}

const asDate = (iso: string | undefined): Date | undefined => (iso === undefined ? undefined : new Date(iso))

/** Findings publication, reveal, automated discovery, classification scope and template operations. */
export const settingHandlers: Record<string, Handler> = {
  async PutFindingsPublicationConfiguration(input, scope, ctx) {
    // The client token needs no record: putting the same flags twice changes nothing.
    if (input.securityHubConfiguration) {
      const given = input.securityHubConfiguration as SecurityHubConfiguration
      const value: SecurityHubConfiguration = { publishClassificationFindings: given.publishClassificationFindings, publishPolicyFindings: given.publishPolicyFindings }
      await ctx.store.settings.put(scope, SETTING.publication, value)
    }
    return {}
  },

  async GetFindingsPublicationConfiguration(_input, scope, ctx) {
    const stored = (await ctx.store.settings.get(scope, SETTING.publication)) as SecurityHubConfiguration | undefined
    return { securityHubConfiguration: stored ?? DEFAULT_PUBLICATION }
  },

  async GetRevealConfiguration(_input, scope, ctx) {
    return readRevealSettings(ctx.store, scope)
  },

  async UpdateRevealConfiguration(input, scope, ctx) {
    return serialised(scope, async () => {
      const next = nextRevealSettings(input, await readRevealSettings(ctx.store, scope))
      await ctx.store.settings.put(scope, SETTING.reveal, next)
      // Samples retrieved while reveal was on are not kept once it is off.
      if (next.configuration.status === 'DISABLED') await dropRevealedSamples(ctx.store, scope)
      return next
    })
  },

  async GetAutomatedDiscoveryConfiguration(_input, scope, ctx) {
    return serialised(scope, async () => {
      const { scopeSettings, template } = await ensureDiscoveryResources(ctx.store, scope)
      const state = ((await ctx.store.settings.get(scope, SETTING.automatedDiscovery)) as AutomatedDiscoverySettings | undefined) ?? { status: 'DISABLED' }
      return {
        status: state.status,
        classificationScopeId: scopeSettings.id,
        sensitivityInspectionTemplateId: template.id,
        autoEnableOrganizationMembers: state.autoEnableOrganizationMembers,
        firstEnabledAt: asDate(state.firstEnabledAt),
        lastUpdatedAt: asDate(state.lastUpdatedAt),
        disabledAt: asDate(state.disabledAt),
      }
    })
  },

  async UpdateAutomatedDiscoveryConfiguration(input, scope, ctx) {
    return serialised(scope, async () => {
      await ensureDiscoveryResources(ctx.store, scope)
      const current = ((await ctx.store.settings.get(scope, SETTING.automatedDiscovery)) as AutomatedDiscoverySettings | undefined) ?? { status: 'DISABLED' }
      const now = new Date().toISOString()
      const status = input.status as AutomatedDiscoverySettings['status']
      const mode = (input.autoEnableOrganizationMembers as AutomatedDiscoverySettings['autoEnableOrganizationMembers']) ?? current.autoEnableOrganizationMembers
      const next: AutomatedDiscoverySettings = {
        status,
        ...(mode ? { autoEnableOrganizationMembers: mode } : {}),
        ...(status === 'ENABLED' ? { firstEnabledAt: current.firstEnabledAt ?? now } : current.firstEnabledAt ? { firstEnabledAt: current.firstEnabledAt } : {}),
        lastUpdatedAt: now,
        // disabledAt says when it was last turned off, and is absent while it is on.
        ...(status === 'DISABLED' && current.status === 'ENABLED' ? { disabledAt: now } : status === 'DISABLED' && current.disabledAt ? { disabledAt: current.disabledAt } : {}),
      }
      await ctx.store.settings.put(scope, SETTING.automatedDiscovery, next)
      return {}
    })
  },

  async ListClassificationScopes(input, scope, ctx) {
    noPageToken(input.nextToken, 'list of classification scopes')
    const { scopeSettings } = await serialised(scope, () => ensureDiscoveryResources(ctx.store, scope))
    const isNamed = input.name === undefined || input.name === AUTOMATED_DISCOVERY_NAME
    return { classificationScopes: isNamed ? [{ id: scopeSettings.id, name: AUTOMATED_DISCOVERY_NAME }] : [] }
  },

  async GetClassificationScope(input, scope, ctx) {
    const { scopeSettings } = await serialised(scope, () => ensureDiscoveryResources(ctx.store, scope))
    if (input.id !== scopeSettings.id) throw new NotFoundError('classification scope', String(input.id))
    return { id: scopeSettings.id, name: AUTOMATED_DISCOVERY_NAME, s3: { excludes: { bucketNames: scopeSettings.bucketNames } } }
  },

  async UpdateClassificationScope(input, scope, ctx) {
    return serialised(scope, async () => {
      const { scopeSettings } = await ensureDiscoveryResources(ctx.store, scope)
      if (input.id !== scopeSettings.id) throw new NotFoundError('classification scope', String(input.id))
      const update = (input.s3 as { excludes: { bucketNames: string[]; operation: 'ADD' | 'REMOVE' | 'REPLACE' } } | undefined)?.excludes
      if (!update) return {}
      const names = unique(update.bucketNames)
      let bucketNames: string[]
      if (update.operation === 'REPLACE') bucketNames = names
      else if (update.operation === 'ADD') bucketNames = unique([...scopeSettings.bucketNames, ...names])
      else bucketNames = scopeSettings.bucketNames.filter((name) => !names.includes(name))
      if (bucketNames.length > MAX_EXCLUDED_BUCKETS) {
        throw new InvalidInputError(`at most ${MAX_EXCLUDED_BUCKETS} buckets can be excluded from automated discovery; this would exclude ${bucketNames.length}`)
      }
      await ctx.store.settings.put(scope, SETTING.classificationScope, { id: scopeSettings.id, bucketNames })
      return {}
    })
  },

  async ListSensitivityInspectionTemplates(input, scope, ctx) {
    noPageToken(input.nextToken, 'list of sensitivity inspection templates')
    const { template } = await serialised(scope, () => ensureDiscoveryResources(ctx.store, scope))
    return { sensitivityInspectionTemplates: [{ id: template.id, name: AUTOMATED_DISCOVERY_NAME }] }
  },

  async GetSensitivityInspectionTemplate(input, scope, ctx) {
    const { template } = await serialised(scope, () => ensureDiscoveryResources(ctx.store, scope))
    if (input.id !== template.id) throw new NotFoundError('sensitivity inspection template', String(input.id))
    return {
      sensitivityInspectionTemplateId: template.id,
      name: AUTOMATED_DISCOVERY_NAME,
      description: template.description,
      includes: template.includes,
      excludes: template.excludes,
    }
  },

  async UpdateSensitivityInspectionTemplate(input, scope, ctx) {
    return serialised(scope, async () => {
      const { template } = await ensureDiscoveryResources(ctx.store, scope)
      if (input.id !== template.id) throw new NotFoundError('sensitivity inspection template', String(input.id))
      // The request replaces the template: what it leaves out is cleared (MACIE.md §1).
      const checked = await checkTemplate(ctx.store, scope, input)
      const next: TemplateSettings = { id: template.id, ...(typeof input.description === 'string' ? { description: input.description } : {}), ...checked }
      await ctx.store.settings.put(scope, SETTING.sensitivityInspectionTemplate, next)
      return {}
    })
  },
}
