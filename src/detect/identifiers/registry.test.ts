// The registry lists every identifier file, and every identifier matches Macie's ID, category
// and RECOMMENDED flag (test/fixtures/macie-managed-identifiers.json, from the Macie User Guide).
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Identifier } from '../identifier.js'
import { managedIdentifiers } from './index.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const macie = (JSON.parse(readFileSync(new URL('../../../test/fixtures/macie-managed-identifiers.json', import.meta.url), 'utf8')) as {
  identifiers: Array<{ id: string; category: string; recommended: boolean }>
}).identifiers

function identifierFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return identifierFiles(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'index.ts' ? [p] : []
  })
}

function isIdentifier(v: unknown): v is Identifier {
  return typeof v === 'object' && v !== null && 'id' in v && 'category' in v && 'pattern' in v && (v as Identifier).pattern instanceof RegExp
}

describe('managed identifier registry', () => {
  it('lists every identifier defined under identifiers/', async () => {
    const registered = new Set(managedIdentifiers)
    const missing: string[] = []
    for (const file of identifierFiles(here)) {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>
      for (const [name, value] of Object.entries(mod)) {
        const values = Array.isArray(value) ? value : [value]
        for (const v of values) if (isIdentifier(v) && !registered.has(v)) missing.push(`${relative(here, file)}: ${name} (${v.id})`)
      }
    }
    assert.deepEqual(missing, [])
  })

  it('has unique IDs', () => {
    const ids = managedIdentifiers.map((i) => i.id)
    assert.equal(new Set(ids).size, ids.length)
  })

  it("uses Macie's exact IDs, categories and RECOMMENDED flags; trawl's own are marked", () => {
    const byId = new Map(macie.map((m) => [m.id, m]))
    for (const idf of managedIdentifiers) {
      const m = byId.get(idf.id)
      if (idf.trawlOnly) {
        assert.equal(m, undefined, `${idf.id} is Macie's, not trawl's own`)
        assert.equal(idf.recommended, false)
        continue
      }
      assert.ok(m, `${idf.id} is not a Macie managed data identifier`)
      assert.equal(idf.category, m.category, idf.id)
      assert.equal(idf.recommended, m.recommended, idf.id)
    }
  })

  it('covers the RECOMMENDED set, every credential and financial identifier, and at least 110 of 166', () => {
    const have = new Set(managedIdentifiers.map((i) => i.id))
    const lacking = (pred: (m: (typeof macie)[number]) => boolean): string[] => macie.filter(pred).filter((m) => !have.has(m.id)).map((m) => m.id)
    assert.deepEqual(lacking((m) => m.recommended), [])
    assert.deepEqual(lacking((m) => m.category === 'CREDENTIALS' || m.category === 'FINANCIAL_INFORMATION'), [])
    assert.ok(macie.filter((m) => have.has(m.id)).length >= 110)
    assert.ok(have.has('EMAIL_ADDRESS'))
  })
})
